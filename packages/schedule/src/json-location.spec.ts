import { locateJsonPointer, locateProblems } from './json-location';
import { formatProblems, type Problem } from './problems';

const text = [
  '{',
  '  "size": "huge",',
  '  "command": ["node", "x.js"],',
  '  "meta": {',
  '    "maintainers": ["ana"], "a/b~c": 1',
  '  },',
  '  "size": "small"',
  '}',
].join('\n');

describe('locateJsonPointer', () => {
  it.each([
    ['/command', { line: 3, column: 3 }],
    ['/command/1', { line: 3, column: 23 }],
    ['/meta/maintainers/0', { line: 5, column: 21 }],
    ['/meta/a~1b~0c', { line: 5, column: 29 }],
    // The last of a repeated key, as JSON.parse keeps it.
    ['/size', { line: 7, column: 3 }],
    // A missing field lands on the nearest enclosing one.
    ['/meta/description', { line: 4, column: 3 }],
    ['/command/7', { line: 3, column: 3 }],
  ])('finds %s', (pointer, position) => {
    expect(locateJsonPointer(text, pointer)).toEqual(position);
  });

  it('gives nothing for the whole document, a missing top-level field or text that is not JSON', () => {
    expect(locateJsonPointer(text, '')).toBeUndefined();
    expect(locateJsonPointer(text, '/timeout')).toBeUndefined();
    expect(locateJsonPointer('{ "size": ', '/size')).toBeUndefined();
  });

  it('counts columns as an editor does, after a byte order mark and in CRLF files', () => {
    expect(locateJsonPointer('\ufeff{"a": 1}', '/a')).toEqual({ line: 1, column: 2 });
    expect(locateJsonPointer('{\r\n  "a": 1\r\n}', '/a')).toEqual({ line: 2, column: 3 });
  });
});

describe('locateProblems', () => {
  it('adds line and column of the field, and the text report shows file:line:column', () => {
    const problems: Problem[] = [
      { file: 'schedules/x.schedule.json', path: '/meta/maintainers/0', severity: 'warning', message: 'ana is not in the roster' },
      { file: 'schedules/x.schedule.json', path: '', severity: 'error', message: 'a whole-file problem' },
      { file: 'schedules/gone.schedule.json', path: '/size', severity: 'error', message: 'no text' },
    ];
    const located = locateProblems(problems, (file) => (file === 'schedules/x.schedule.json' ? text : undefined));
    expect(located.map((p) => [p.line, p.column])).toEqual([[5, 21], [undefined, undefined], [undefined, undefined]]);
    const report = formatProblems(located, 1);
    expect(report).toContain('  warning /meta/maintainers/0: ana is not in the roster (schedules/x.schedule.json:5:21)\n');
    expect(report).toContain('  error   /: a whole-file problem\n');
  });
});
