import { type JSONPath, type ParseErrorCode, printParseErrorCode, visit } from 'jsonc-parser';

/** JSON.parse that reports where the text is broken instead of throwing. */
export type JsonResult = { ok: true; value: unknown } | { ok: false; message: string };

/** Strict JSON, as JSON.parse reads it: no comments, no trailing commas. */
const STRICT = { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false } as const;

export function parseJson(text: string): JsonResult {
  const source = withoutByteOrderMark(text);
  try {
    return { ok: true, value: JSON.parse(source) };
  } catch {
    // Node 20's messages rarely carry a position, so ask jsonc-parser where the first error is.
    const { offset, expected } = locateJsonError(source);
    const { line, column } = positionOf(source, offset);
    const found = offset >= source.length ? 'the end of the file' : JSON.stringify(source[offset]);
    return { ok: false, message: `is not valid JSON: expected ${expected} but found ${found} at line ${line}, column ${column}` };
  }
}

/**
 * Keys that appear more than once in the same object, as JSON pointers. JSON.parse
 * silently keeps the last one, so a hand-edited file can lose a field without a word.
 * Expects text JSON.parse accepted.
 */
export function duplicateKeys(text: string): string[] {
  const found: string[] = [];
  // One set of keys per open object, innermost last.
  const objects: Set<string>[] = [];
  visit(withoutByteOrderMark(text), {
    onObjectBegin: () => void objects.push(new Set()),
    onObjectEnd: () => void objects.pop(),
    onObjectProperty: (key, _offset, _length, _line, _character, pathOf) => {
      const seen = objects[objects.length - 1];
      if (seen.has(key)) found.push(pointer([...pathOf(), key]));
      seen.add(key);
    },
  }, STRICT);
  return found;
}

/** 1-based, as editors and CI annotations count; columns in UTF-16 code units, as editors count. */
export interface TextPosition {
  line: number;
  column: number;
}

/** The line and column of a character offset; lines end at "\n". */
export function positionOf(text: string, offset: number): TextPosition {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

function withoutByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function pointer(path: JSONPath): string {
  return path.map((part) => '/' + String(part).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** What the text asks for next, from the parser's events. */
type Next = 'value' | 'key' | 'colon' | 'after value';

/** jsonc-parser's first error, said the way this project always has, at the character it is about. */
function locateJsonError(source: string): { offset: number; expected: string } {
  let first: { code: ParseErrorCode; offset: number; length: number; next: Next; inside: '{' | '[' | undefined; unclosed: typeof unclosed } | undefined;
  const open: ('{' | '[')[] = [];
  let next: Next = 'value';
  // jsonc-parser ends a container before it reports its missing end, so remember how it stood.
  let unclosed: { next: Next; inside: '{' | '[' | undefined } = { next, inside: undefined };
  const closed = () => {
    unclosed = { next, inside: open.pop() };
    next = 'after value';
  };
  visit(source, {
    onObjectBegin: () => void ((next = 'key'), open.push('{')),
    onArrayBegin: () => void ((next = 'value'), open.push('[')),
    onObjectEnd: closed,
    onArrayEnd: closed,
    onObjectProperty: () => void (next = 'colon'),
    onLiteralValue: () => void (next = 'after value'),
    onSeparator: (separator) => void (next = separator === ',' && open[open.length - 1] === '{' ? 'key' : 'value'),
    onError: (code, offset, length) => void (first ??= { code, offset, length, next, inside: open[open.length - 1], unclosed }),
  }, STRICT);
  if (first === undefined) return { offset: source.length, expected: 'valid JSON' };
  const { code, offset, length } = first;
  const error = printParseErrorCode(code);
  const { next: expecting, inside } = error === 'CloseBraceExpected' || error === 'CloseBracketExpected' ? first.unclosed : first;
  const afterValue = inside === undefined ? 'the end of the document' : `"," or "${inside === '[' ? ']' : '}'}"`;
  if (expecting === 'colon') return { offset, expected: '":" after the key' };
  if (expecting === 'after value') return { offset, expected: afterValue };
  if (source[offset] === '"') return stringError(source, offset);
  if (expecting === 'key') return { offset, expected: 'a string in double quotes' };
  if (error === 'UnexpectedEndOfNumber' || error === 'InvalidNumberFormat') {
    // "1." reads as the number 1 followed by a stray ".".
    const number = NUMBER.exec(source.slice(offset, offset + length))?.[0] ?? '';
    return { offset: offset + number.length, expected: afterValue };
  }
  // A misspelt literal: its first wrong letter, so "tru}" expects "true" at the "}".
  const word = ['true', 'false', 'null'].find((literal) => literal[0] === source[offset]);
  if (word === undefined) return { offset, expected: 'a value' };
  let matched = 0;
  while (matched < word.length && source[offset + matched] === word[matched]) matched++;
  if (matched < word.length) return { offset: offset + matched, expected: `"${word}"` };
  return { offset: offset + matched, expected: afterValue };
}

const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/;

/** The first fault in the string starting at `start`; jsonc-parser reports the whole string. */
function stringError(source: string, start: number): { offset: number; expected: string } {
  for (let i = start + 1; i < source.length && source[i] !== '"'; i++) {
    if (source.charCodeAt(i) < 0x20) return { offset: i, expected: 'no control characters in strings (escape newlines as \\n)' };
    if (source[i] !== '\\') continue;
    i++;
    if (source[i] === 'u') {
      for (let k = 1; k <= 4; k++) if (!/[0-9a-fA-F]/.test(source[i + k] ?? '')) return { offset: i + k, expected: 'four hex digits' };
      i += 4;
    } else if (!'"\\/bfnrt'.includes(source[i] ?? '')) return { offset: i, expected: 'a valid escape sequence' };
  }
  return { offset: source.length, expected: 'a closing double quote' };
}
