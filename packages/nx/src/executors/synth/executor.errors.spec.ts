import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deployHarness } from '../../testing/deploy-harness';

describe('synth executor: an output folder that cannot be written', () => {
  const h = deployHarness();

  it('names a file in the way of the output folder, relative to the workspace, and writes nothing', async () => {
    h.ws.write('dist', 'not a folder');
    expect(await h.synth()).toEqual({ success: false });
    expect(h.err.join('')).toBe('synth: will not replace dist/compute: dist is a file, not a folder.\n');
    expect(readFileSync(join(h.ws.root, 'dist'), 'utf8')).toBe('not a folder');
    expect(h.out).toEqual([]);
  });

  it('also when the file is further up', async () => {
    h.ws.write('build', 'a file');
    expect(await h.synth({ outputPath: 'build/infra/compute' })).toEqual({ success: false });
    expect(h.err.join('')).toBe('synth: will not replace build/infra/compute: build is a file, not a folder.\n');
    expect(existsSync(join(h.ws.root, 'build', 'infra'))).toBe(false);
  });

  it('refuses an output path that is itself a file', async () => {
    h.ws.write('dist/compute', 'a file');
    expect(await h.synth()).toEqual({ success: false });
    expect(h.err.join('')).toBe('synth: will not replace dist/compute: it is a file, not a folder.\n');
    expect(h.err.join('')).not.toContain(h.ws.root);
  });
});
