import { createTempWorkspace, type TempWorkspace } from './workspace';

/**
 * JSON documents for scripts above 64 KiB, run afresh through the real nx CLI with
 * stdout a pipe, as in `nx run compute:list --format json | jq`.
 */
describe('documents for scripts through the real nx CLI', () => {
  let ws: TempWorkspace;
  const env = { COMPUTE_MAINTAINER: undefined, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };
  const SCHEDULES = 270;

  beforeAll(() => {
    ws = createTempWorkspace();
    const template = JSON.parse(ws.read('schedules/workspace_heartbeat.schedule.json'));
    for (let i = 0; i < SCHEDULES; i++) {
      ws.write(`schedules/heartbeat_${String(i).padStart(3, '0')}.schedule.json`, JSON.stringify({ ...template, timezone: 'Europe/Berlin' }, null, 2));
    }
  });
  afterAll(() => ws?.cleanup());

  /** The README's `sed -n '/^[{[]$/,/^[]}]$/p'`. */
  const cutOut = (stdout: string) => {
    const lines = stdout.split('\n');
    const start = lines.findIndex((line) => line === '[' || line === '{');
    const end = lines.findIndex((line, i) => i > start && (line === ']' || line === '}'));
    return lines.slice(start, end + 1).join('\n');
  };
  const list = ['run', 'compute:list', '--format', 'json', '--next', '8', '--skip-nx-cache'];

  it('writes a document over 200 KB intact with --outputFile, and says where on stdout', () => {
    const result = ws.nx([...list, '--outputFile', 'dist/compute/list.json'], { env });
    expect(result.status).toBe(0);
    const text = ws.read('dist/compute/list.json');
    expect(text.length).toBeGreaterThan(200 * 1024);
    expect(JSON.parse(text)).toHaveLength(SCHEDULES + 3);
    expect(result.stdout).toContain(`Wrote ${SCHEDULES + 3} schedules (JSON) to dist/compute/list.json`);
    expect(result.stdout).not.toContain('"nextRuns"');
  });

  // Not asserted: --outputStyle=static printing a 250 KB document whole. Nx did on most runs and
  // printed none of it on some, on a quiet machine too (Nx ending the task's output early), so the
  // README recommends --outputFile for large documents and static only for small ones.

  it("streamed stdout is still broken by Nx at 64 KiB, as the README says (update it when this fails)", () => {
    // nx/src/tasks-runner/running-tasks/output-prefix.js ends every pipe read with a line break.
    const result = ws.nx(list, { env });
    expect(result.status).toBe(0);
    expect(() => JSON.parse(cutOut(result.stdout))).toThrow(/control character|Unexpected/i);
  });

  it('restores the --outputFile document when compute:test is replayed from the cache', () => {
    const args = ['run', 'compute:test', '--format', 'json', '--outputFile', 'dist/compute/test.json'];
    expect(ws.nx(args, { env }).status).toBe(0);
    const first = ws.read('dist/compute/test.json');
    expect(JSON.parse(first)).toMatchObject({ checked: SCHEDULES + 3, errors: 0 });
    ws.run('rm', ['dist/compute/test.json']);
    const again = ws.nx(args, { env });
    expect(again.output).toMatch(/existing outputs match the cache|\[local cache\]/);
    expect(ws.read('dist/compute/test.json')).toBe(first);
  });
});
