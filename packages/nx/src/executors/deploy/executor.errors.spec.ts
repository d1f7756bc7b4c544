import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { executorContext } from '../../testing/executor-context';
import { computeWorkspace, validSchedule } from '../../testing/fixtures';
import { type TempDir, createTempDir } from '../../testing/temp-dir';
import { type DeployIO, runDeploy } from './executor';

const NOW = new Date('2026-11-28T12:00:00Z');

describe('deploy executor: an output folder that cannot be written', () => {
  let ws: TempDir;
  let out: string[];
  let err: string[];
  let io: DeployIO;

  beforeEach(() => {
    ws = createTempDir(computeWorkspace({ 'schedules/nightly.schedule.json': validSchedule() }));
    out = [];
    err = [];
    io = { now: () => NOW, env: { PATH: join(ws.root, 'no-bin') }, interactive: false, stdout: (t) => out.push(t), stderr: (t) => err.push(t) };
  });
  afterEach(() => ws.cleanup());

  const deploy = (options = {}) => runDeploy(options, executorContext(ws.root, 'deploy'), io);

  it('names a file in the way of the output folder, relative to the workspace, and writes nothing', async () => {
    ws.write('dist', 'not a folder');
    expect(await deploy()).toEqual({ success: false });
    expect(err.join('')).toBe('deploy: will not replace dist/compute: dist is a file, not a folder.\n');
    expect(readFileSync(join(ws.root, 'dist'), 'utf8')).toBe('not a folder');
    expect(out).toEqual([]);
  });

  it('also when the file is further up', async () => {
    ws.write('build', 'a file');
    expect(await deploy({ outputPath: 'build/infra/compute' })).toEqual({ success: false });
    expect(err.join('')).toBe('deploy: will not replace build/infra/compute: build is a file, not a folder.\n');
    expect(existsSync(join(ws.root, 'build', 'infra'))).toBe(false);
  });

  it('refuses an output path that is itself a file', async () => {
    ws.write('dist/compute', 'a file');
    expect(await deploy()).toEqual({ success: false });
    expect(err.join('')).toBe('deploy: will not replace dist/compute: it is a file, not a folder.\n');
    expect(err.join('')).not.toContain(ws.root);
  });
});
