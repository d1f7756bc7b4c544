import { jsonDocument } from './json-document';

/** The README's `sed -n '/^[{[]$/,/^[]}]$/p'`, applied to text with nx's lines around the document. */
function cutOut(stdout: string): string {
  const lines = stdout.split('\n');
  const start = lines.findIndex((line) => line === '{' || line === '[');
  const end = lines.findIndex((line, i) => i > start && (line === '}' || line === ']'));
  return lines.slice(start, end + 1).join('\n');
}

describe('jsonDocument', () => {
  it.each([[[]], [{}], [[{ a: 1 }]], [{ problems: [], checked: 0 }], [{ nested: { deep: ['x'] } }]])('round-trips %j through nx output', (value) => {
    const stdout = `\n> nx run compute:list --format json\n\n${jsonDocument(value)}\n\n NX   Successfully ran target list for project compute\n`;
    expect(JSON.parse(cutOut(stdout))).toEqual(value);
  });
});
