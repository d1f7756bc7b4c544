import { createTempWorkspace, type TempWorkspace } from './workspace';

/** Arguments of `nx g schedule` as a user types them, through the real nx CLI (and its parser). */
describe('nx g schedule arguments', () => {
  let ws: TempWorkspace;
  const env = { COMPUTE_MAINTAINER: undefined, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };

  beforeAll(() => {
    ws = createTempWorkspace();
  });
  afterAll(() => ws?.cleanup());

  it('takes repeated --command arguments that start with a dash, and never prints a schema dump', () => {
    const common = ['--scheduleExpression', 'rate(1 hour)', '--maintainers', 'ana', '--description', 'Prints a line to prove that dash arguments survive.', '--no-interactive'];
    const created = ws.nx(['g', 'schedule', 'dash', '--command', 'node', '--command', '-e', '--command', 'console.log(1, 2)', ...common], { env });
    expect(created.status).toBe(0);
    expect(JSON.parse(ws.read('schedules/dash.schedule.json')).command).toEqual(['node', '-e', 'console.log(1, 2)']);

    const bare = ws.nx(['g', 'schedule', 'bare', '--command', 'node', '--secrets', ...common], { env });
    expect(bare.status).not.toBe(0);
    expect(bare.output).toContain('--secrets: needs a value');
    expect(bare.output).not.toContain('does not match the schema');
    expect(bare.output).not.toContain('"anyOf"');
  });
});
