import fc from 'fast-check';
import { duplicateKeys, parseJson } from './json';

describe('parseJson', () => {
  it('parses JSON, with or without a byte order mark', () => {
    expect(parseJson('\ufeff{"a":[1,true,null]}')).toEqual({ ok: true, value: { a: [1, true, null] } });
  });

  it.each([
    ['{ "command": [ }', 'expected a value but found "}" at line 1, column 16'],
    ['{\n  "a": 1,\n}', 'expected a string in double quotes but found "}" at line 3, column 1'],
    ['{"a": 1 "b": 2}', 'expected "," or "}" but found "\\"" at line 1, column 9'],
    ['{"a": tru}', 'expected "true" but found "}" at line 1, column 10'],
    ['', 'expected a value but found the end of the file at line 1, column 1'],
    ['{"a": "x', 'expected a closing double quote but found the end of the file at line 1, column 9'],
    ['{} {}', 'expected the end of the document but found "{" at line 1, column 4'],
    ['{"a" 1}', 'expected ":" after the key but found "1" at line 1, column 6'],
    ['[{', 'expected a string in double quotes but found the end of the file at line 1, column 3'],
    ['{"a": [1, 2}', 'expected "," or "]" but found "}" at line 1, column 12'],
    ['[1, 2,]', 'expected a value but found "]" at line 1, column 7'],
    ['{"a": 1 // note\n}', 'expected "," or "}" but found "/" at line 1, column 9'],
    ['{"a": "x\\qy"}', 'expected a valid escape sequence but found "q" at line 1, column 10'],
    ['{"a": "\\u12G4"}', 'expected four hex digits but found "G" at line 1, column 12'],
    ['{"k\\u00": 1}', 'expected four hex digits but found "\\"" at line 1, column 8'],
    ['{"a": "two\nlines"}', 'expected no control characters in strings (escape newlines as \\n) but found "\\n" at line 1, column 11'],
    ['{"a": 1.}', 'expected "," or "}" but found "." at line 1, column 8'],
    ['[trueX]', 'expected "," or "]" but found "X" at line 1, column 6'],
    ["{'a': 1}", 'expected a string in double quotes but found "\'" at line 1, column 2'],
  ])('locates the error in %j', (text, message) => {
    expect(parseJson(text)).toEqual({ ok: false, message: `is not valid JSON: ${message}` });
  });

  it('agrees with JSON.parse on what is valid', () => {
    fc.assert(
      fc.property(fc.oneof(fc.json(), fc.string()), (text) => {
        let valid = true;
        try { JSON.parse(text); } catch { valid = false; }
        expect(parseJson(text).ok).toBe(valid);
      }),
      { numRuns: 500 },
    );
  });
});

describe('duplicateKeys', () => {
  it('finds keys repeated in the same object, at any depth', () => {
    const text = '{"a": 1, "b": {"c": [{"d": 1, "d": 2}], "c": 3}, "a": 4, "x/y": 1, "x/y": 2}';
    expect(duplicateKeys(text)).toEqual(['/b/c/0/d', '/b/c', '/a', '/x~1y']);
  });

  it('compares decoded keys and ignores equal keys in different objects', () => {
    expect(duplicateKeys('{"\\u0061": 1, "a": 2}')).toEqual(['/a']);
    expect(duplicateKeys('{"a": {"k": 1}, "b": {"k": 1}, "c": [{"k": 1}, {"k": 2}]}')).toEqual([]);
  });
});
