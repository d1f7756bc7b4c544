import { createTempWorkspace, type TempWorkspace } from './workspace';

/** What Nx may replay from its cache, and which compute.json files become projects. */
describe('caching and project detection through the real nx CLI', () => {
  let ws: TempWorkspace;
  const env = { COMPUTE_MAINTAINER: undefined, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };

  beforeAll(() => {
    ws = createTempWorkspace();
  });
  afterAll(() => ws?.cleanup());

  const testTarget = () => JSON.parse(ws.nx(['show', 'project', 'compute', '--json']).stdout).targets.test;

  it('replays compute:test from the cache only while its inputs are unchanged', () => {
    expect(testTarget().cache).toBe(true);
    const first = ws.nx(['run', 'compute:test'], { env });
    expect(first.status).toBe(0);
    const again = ws.nx(['run', 'compute:test'], { env });
    expect(again.output).toMatch(/existing outputs match the cache|\[local cache\]/);

    const file = 'schedules/workspace_heartbeat.schedule.json';
    ws.write(file, ws.read(file).replace('"timeout": 300', '"timeout": 301'));
    const changed = ws.nx(['run', 'compute:test'], { env });
    expect(changed.status).toBe(0);
    expect(changed.output).not.toMatch(/existing outputs match the cache|\[local cache\]/);
  });

  it('never caches compute:test with a remote roster, whose answer Nx cannot hash', () => {
    const config = JSON.parse(ws.read('schedules/compute.json'));
    ws.write('schedules/compute.json', JSON.stringify({ ...config, roster: { source: 'gitlab', project: 'acme/jobs', tokenEnv: 'GITLAB_TOKEN' } }, null, 2));
    expect(testTarget().cache).toBe(false);
    ws.write('schedules/compute.json', JSON.stringify(config, null, 2));
  });

  it('turns only the registered compute.json into a compute project', () => {
    ws.write('apps/web/project.json', JSON.stringify({ name: 'web', root: 'apps/web' }));
    ws.write('apps/web/compute.json', '{ "unrelated": true }');
    const web = JSON.parse(ws.nx(['show', 'project', 'web', '--json']).stdout);
    expect(Object.keys(web.targets ?? {})).not.toContain('test');
    expect(testTarget().executor).toBe('@compute/nx:test');
  });
});
