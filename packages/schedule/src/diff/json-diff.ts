import { jsonPointer } from '../problems';
import { sortedRecord } from '../records';

/** One changed value: `before` or `after` is absent when the field is missing on that side. */
export interface FieldChange {
  /** JSON pointer (RFC 6901) into the document. */
  path: string;
  before?: unknown;
  after?: unknown;
}

/**
 * Every leaf that differs between two JSON values, as JSON pointers, in document order.
 * Objects are compared key by key; arrays of the same length element by element, and
 * arrays whose length changed as one value (an inserted argument would otherwise show
 * every later argument as changed).
 */
export function diffJson(before: unknown, after: unknown, path: PropertyKey[] = []): FieldChange[] {
  if (isRecord(before) && isRecord(after)) {
    const keys = [...Object.keys(before), ...Object.keys(after).filter((k) => !Object.hasOwn(before, k))];
    return keys.flatMap((key) => {
      const inBefore = Object.hasOwn(before, key);
      const inAfter = Object.hasOwn(after, key);
      if (inBefore && inAfter) return diffJson(before[key], after[key], [...path, key]);
      return [{ path: jsonPointer([...path, key]), ...(inBefore ? { before: before[key] } : {}), ...(inAfter ? { after: after[key] } : {}) }];
    });
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((value, index) => diffJson(value, after[index], [...path, index]));
  }
  return jsonEqual(before, after) ? [] : [{ path: jsonPointer(path), before, after }];
}

/** Structural equality of JSON values (key order does not matter). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  return stableJson(a) === stableJson(b);
}

/** JSON text with object keys sorted, so equal values give equal text. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (isRecord(v) ? sortedRecord(v) : v));
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
