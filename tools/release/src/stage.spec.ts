import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pruneStale } from './stage';

describe('pruneStale', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'compute-stage-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const touch = (path: string) => {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), '');
  };

  it('removes outputs of deleted sources and keeps the rest', () => {
    for (const file of ['src/a.ts', 'src/gen/schema.json', 'src/gen/files/x.sh']) touch(file);
    for (const file of ['out/a.js', 'out/a.d.ts', 'out/gone.js', 'out/gone.d.ts', 'out/gen/schema.json', 'out/gen/old.json', 'out/gen/files/x.sh', 'out/removed/b.js']) touch(file);
    pruneStale(join(dir, 'src'), join(dir, 'out'));
    const kept = ['out/a.js', 'out/a.d.ts', 'out/gen/schema.json', 'out/gen/files/x.sh'];
    const removed = ['out/gone.js', 'out/gone.d.ts', 'out/gen/old.json', 'out/removed'];
    expect(kept.filter((f) => !existsSync(join(dir, f)))).toEqual([]);
    expect(removed.filter((f) => existsSync(join(dir, f)))).toEqual([]);
  });
});
