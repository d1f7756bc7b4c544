import { formatPrefixedLines } from 'nx/src/tasks-runner/running-tasks/output-prefix';
import { jsonDocument } from './json-document';

/** The README's `sed -n '/^[{[]$/,/^[]}]$/p'`, applied to text with nx's lines around the document. */
function cutOut(stdout: string): string {
  const lines = stdout.split('\n');
  const start = lines.findIndex((line) => line === '{' || line === '[');
  const end = lines.findIndex((line, i) => i > start && (line === '}' || line === ']'));
  return lines.slice(start, end + 1).join('\n');
}

/** What `nx run` (not --outputStyle=static, stdout not a terminal) does to a task's stdout: each pipe read is split into lines. */
function throughNxStreaming(text: string, readSize: number): string {
  let out = '';
  for (let at = 0; at < text.length; at += readSize) out += formatPrefixedLines(text.slice(at, at + readSize)).join('');
  return out;
}

describe('jsonDocument', () => {
  it.each([[[]], [{}], [[{ a: 1 }]], [{ problems: [], checked: 0 }], [{ nested: { deep: ['x'] } }]])('round-trips %j through nx output', (value) => {
    const stdout = `\n> nx run compute:list --format json\n\n${jsonDocument(value)}\n\n NX   Successfully ran target list for project compute\n`;
    expect(JSON.parse(cutOut(stdout))).toEqual(value);
  });

  it('escapes the characters Nx treats as line breaks, so strings containing them survive its streaming', () => {
    const value = [{ description: 'one\u2028two\u2029three\u0085four', nested: { 'key\u2028': 'x' } }];
    const streamed = throughNxStreaming(jsonDocument(value), 1 << 20);
    expect(JSON.parse(cutOut(streamed))).toEqual(value);
    expect(jsonDocument(value)).not.toMatch(/[\u0085\u2028\u2029]/);
  });

  it('cannot survive the line break Nx adds at the end of each 64 KiB read (hence --outputFile)', () => {
    // Documents the cause the README names: nx's formatPrefixedLines ends every read with a line break.
    const value = [{ description: 'x'.repeat(70 * 1024) }];
    expect(() => JSON.parse(throughNxStreaming(jsonDocument(value), 64 * 1024))).toThrow(/control character/i);
  });
});
