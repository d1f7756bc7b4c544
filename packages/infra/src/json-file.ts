import { closeSync, openSync, writeSync } from 'node:fs';

/** Text is handed to the file in pieces of about this many characters. */
const CHUNK = 1 << 20;

/**
 * Writes `value` as JSON with two-space indentation and a final newline, keys in a fixed
 * order (see orderedKeys), straight to the file in chunks: a stack of 10,000 schedules is
 * tens of MB of text, which is never held as one string.
 *
 * The text is exactly `JSON.stringify(v, null, 2) + "\n"` of a copy of `value` whose
 * objects were filled in sorted key order; tests hold it to that.
 */
export function writeJsonFile(path: string, value: unknown): void {
  const fd = openSync(path, 'w');
  try {
    let pending = '';
    const emit = (text: string) => {
      pending += text;
      if (pending.length >= CHUNK) {
        writeSync(fd, pending);
        pending = '';
      }
    };
    writeValue(value, '', emit);
    pending += '\n';
    writeSync(fd, pending);
  } finally {
    closeSync(fd);
  }
}

type Emit = (text: string) => void;

function writeValue(value: unknown, indent: string, emit: Emit): void {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') {
    value = (value as { toJSON(): unknown }).toJSON();
  }
  if (value === null || typeof value !== 'object') {
    emit(JSON.stringify(value));
    return;
  }
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return emit('[]');
    emit('[');
    value.forEach((item, index) => {
      emit(index === 0 ? `\n${inner}` : `,\n${inner}`);
      // As JSON.stringify: what JSON cannot hold becomes null inside an array.
      if (item === undefined || typeof item === 'function' || typeof item === 'symbol') emit('null');
      else writeValue(item, inner, emit);
    });
    emit(`\n${indent}]`);
    return;
  }
  const record = value as Record<string, unknown>;
  let first = true;
  for (const key of orderedKeys(record)) {
    const item = record[key];
    // As JSON.stringify: such members are left out of an object.
    if (item === undefined || typeof item === 'function' || typeof item === 'symbol') continue;
    emit(first ? `{\n${inner}${JSON.stringify(key)}: ` : `,\n${inner}${JSON.stringify(key)}: `);
    first = false;
    writeValue(item, inner, emit);
  }
  emit(first ? '{}' : `\n${indent}}`);
}

/**
 * Keys in the order an object built by inserting them sorted has: array-index keys
 * ("0", "17") first in numeric order (JavaScript always lists them so), then the others
 * sorted by UTF-16 code units. Object.keys already lists index keys first, in order.
 */
function orderedKeys(record: Record<string, unknown>): string[] {
  const keys = Object.keys(record);
  let firstNamed = 0;
  while (firstNamed < keys.length && isArrayIndex(keys[firstNamed])) firstNamed++;
  if (firstNamed === 0) return keys.sort();
  return [...keys.slice(0, firstNamed), ...keys.slice(firstNamed).sort()];
}

function isArrayIndex(key: string): boolean {
  return /^(?:0|[1-9]\d*)$/.test(key) && Number(key) < 2 ** 32 - 1;
}
