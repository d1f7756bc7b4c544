/** JSON.parse that reports where the text is broken instead of throwing. */
export type JsonResult = { ok: true; value: unknown } | { ok: false; message: string };

export function parseJson(text: string): JsonResult {
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(source) };
  } catch {
    // Node 20's messages rarely carry a position, so find the first error ourselves.
    const { offset, expected } = locateJsonError(source);
    const before = source.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - before.lastIndexOf('\n');
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
  scanJson(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text, (path, key, seen) => {
    if (seen.has(key)) found.push(pointer([...path, key]));
    seen.add(key);
  });
  return found;
}

function pointer(path: readonly (string | number)[]): string {
  return path.map((part) => '/' + String(part).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

/** A small JSON scanner whose only job is to say where and what it expected. */
function locateJsonError(s: string): { offset: number; expected: string } {
  return scanJson(s);
}

type KeyHook = (path: readonly (string | number)[], key: string, seenInObject: Set<string>) => void;

function scanJson(s: string, onKey?: KeyHook): { offset: number; expected: string } {
  let i = 0;
  const path: (string | number)[] = [];
  const fail = (expected: string): never => {
    throw { offset: i, expected };
  };
  const ws = () => {
    while (i < s.length && ' \t\n\r'.includes(s[i])) i++;
  };
  const literal = (word: string) => {
    for (const ch of word) {
      if (s[i] !== ch) fail(`"${word}"`);
      i++;
    }
  };
  const string = (): string => {
    const begin = i;
    if (s[i] !== '"') fail('a string in double quotes');
    i++;
    while (i < s.length && s[i] !== '"') {
      if (s[i] === '\\') {
        i++;
        if (s[i] === 'u') {
          for (let k = 1; k <= 4; k++) if (!/[0-9a-fA-F]/.test(s[i + k] ?? '')) { i += k; fail('four hex digits'); }
          i += 4;
        } else if (!'"\\/bfnrt'.includes(s[i] ?? '')) fail('a valid escape sequence');
        i++;
      } else if (s.charCodeAt(i) < 0x20) fail('no control characters in strings (escape newlines as \\n)');
      else i++;
    }
    if (i >= s.length) fail('a closing double quote');
    i++;
    if (!onKey) return '';
    const raw = s.slice(begin + 1, i - 1);
    return raw.includes('\\') ? (JSON.parse(s.slice(begin, i)) as string) : raw;
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(s.slice(i));
    if (!match) fail('a value');
    i += match![0].length;
  };
  const value = (): void => {
    ws();
    const ch = s[i];
    if (ch === '{') {
      i++;
      ws();
      if (s[i] === '}') { i++; return; }
      const seen = new Set<string>();
      for (;;) {
        ws();
        const key = string();
        onKey?.(path, key, seen);
        ws();
        if (s[i] !== ':') fail('":" after the key');
        i++;
        path.push(key);
        value();
        path.pop();
        ws();
        if (s[i] === ',') { i++; continue; }
        if (s[i] === '}') { i++; return; }
        fail('"," or "}"');
      }
    } else if (ch === '[') {
      i++;
      ws();
      if (s[i] === ']') { i++; return; }
      for (let index = 0; ; index++) {
        path.push(index);
        value();
        path.pop();
        ws();
        if (s[i] === ',') { i++; continue; }
        if (s[i] === ']') { i++; return; }
        fail('"," or "]"');
      }
    } else if (ch === '"') string();
    else if (ch === 't') literal('true');
    else if (ch === 'f') literal('false');
    else if (ch === 'n') literal('null');
    else number();
  };
  try {
    value();
    ws();
    if (i < s.length) fail('the end of the document');
    return { offset: i, expected: 'valid JSON' };
  } catch (error) {
    return error as { offset: number; expected: string };
  }
}
