import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { writeJsonFile } from './json-file';

/** What the file must hold: JSON.stringify of a copy built with keys inserted in sorted order. */
function reference(value: unknown): string {
  const sorted = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sorted);
    if (v === null || typeof v !== 'object') return v;
    // No prototype: a key "__proto__" is then a member like any other, as it is in the value.
    const copy: Record<string, unknown> = Object.create(null);
    for (const key of Object.keys(v).sort()) copy[key] = sorted((v as Record<string, unknown>)[key]);
    return copy;
  };
  return `${JSON.stringify(sorted(value), null, 2)}\n`;
}

describe('writeJsonFile', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'compute-json-file-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const written = (value: unknown) => {
    const file = join(dir, 'out.json');
    writeJsonFile(file, value);
    return readFileSync(file, 'utf8');
  };

  it('writes what JSON.stringify writes for the same value with sorted keys', () => {
    // Keys that look like array indices, unicode, and the template syntax Terraform reads.
    const key = fc.oneof(fc.string(), fc.constantFrom('0', '1', '10', '9', '01', '-1', '4294967294', '4294967295', 'é', 'Z', '${x}', '__proto__'));
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, tie('leaf'), fc.array(tie('node')), fc.dictionary(key, tie('node'))),
      leaf: fc.oneof(fc.string({ unit: 'binary' }), fc.double(), fc.integer(), fc.boolean(), fc.constant(null)),
    })).node;
    fc.assert(fc.property(value, (v) => written(v) === reference(v)), { numRuns: 300 });
  });

  it('leaves out what JSON cannot hold, as JSON.stringify does', () => {
    const value = { a: undefined, b: [undefined, () => 1, 2], c: { toJSON: () => 'c' }, d: NaN, e: {}, f: [] };
    expect(written(value)).toBe(reference(value));
    expect(written(value)).toBe('{\n  "b": [\n    null,\n    null,\n    2\n  ],\n  "c": "c",\n  "d": null,\n  "e": {},\n  "f": []\n}\n');
  });

  it('writes documents larger than one chunk whole', () => {
    const big = Object.fromEntries(Array.from({ length: 30_000 }, (_, i) => [`resource_${i}`, { name: `job-${i}`, tags: { i: String(i) } }]));
    expect(written(big)).toBe(reference(big));
  });
});
