import type { BatchClient } from '@compute/runner';
import { executorContext } from '../../testing/executor-context';
import { type TempDir, createTempDir } from '../../testing/temp-dir';
import { runScheduleExecutor, type ScheduleExecutorDeps } from './executor';

let ws: TempDir;
beforeEach(() => {
  ws = createTempDir({
    'schedules/compute.json': { namePrefix: 'acme' },
    'schedules/beat.schedule.json': {
      scheduleExpression: 'rate(1 hour)',
      command: [process.execPath, '-e', 'console.log("ran")'],
      size: 'small',
      awsRole: 'acme-role',
      attempts: 1,
      timeout: 60,
      meta: { description: 'A schedule for the executor error tests.', maintainers: ['ana'], lastReview: '2026-11-01', requiredBy: ['tests'] },
    },
  });
});
afterEach(() => ws.cleanup());

function setup(parentArgv?: string[]) {
  let stdout = '';
  let stderr = '';
  const sent: string[] = [];
  const client = {
    config: { region: async () => 'us-east-1' },
    destroy: () => undefined,
    send: async (command: { constructor: { name: string } }) => {
      sent.push(command.constructor.name);
      if (command.constructor.name === 'DescribeJobDefinitionsCommand') return { jobDefinitions: [] };
      return command.constructor.name === 'ListJobsCommand' ? { jobSummaryList: [] } : { jobId: 'job-1', jobArn: 'arn:aws:batch:us-east-1:1:job/job-1' };
    },
  };
  const deps: ScheduleExecutorDeps = {
    env: { PATH: process.env.PATH },
    io: { stdout: { write: (t: string) => (stdout += t) }, stderr: { write: (t: string) => (stderr += t) } },
    batchClient: client as unknown as BatchClient,
    parentArgv: () => parentArgv,
  };
  return { deps, sent, stdout: () => stdout, stderr: () => stderr };
}

const batch = (extra = {}) => executorContext(ws.root, 'schedule_beat', { configurationName: 'batch', ...extra });

describe('schedule executor: options nx dropped', () => {
  it('refuses to submit when --dry-run was written before "--" (nx drops it), and says how to write it', async () => {
    // What nx hands the executor for: nx run compute:schedule_beat:batch --dry-run -- --only a
    const t = setup(['node', 'nx.js', 'run', 'compute:schedule_beat:batch', '--dry-run', '--', '--only', 'a']);
    const result = await runScheduleExecutor({ schedule: 'beat', mode: 'batch', __unparsed__: ['--only', 'a'] }, batch(), t.deps);
    expect(result).toEqual({ success: false });
    expect(t.sent).toEqual([]);
    expect(t.stdout()).toBe('');
    expect(t.stderr()).toBe(
      'compute: --dry-run was written before "--", and nx run drops every option written there when arguments follow "--"; nothing was run. Put it after the arguments instead:\n' +
        '  nx run compute:schedule_beat:batch -- --only a --dry-run\n',
    );
  });

  it('runs as usual when the options come after the arguments', async () => {
    const t = setup(['node', 'nx.js', 'run', 'compute:schedule_beat:batch', '--', '--only', 'a', '--dry-run']);
    const result = await runScheduleExecutor({ schedule: 'beat', mode: 'batch', dryRun: true, __unparsed__: ['--only', 'a', '--dry-run'] }, batch(), t.deps);
    expect(result).toEqual({ success: true });
    expect(t.sent).toEqual([]);
    expect(JSON.parse(t.stdout()).containerOverrides.command.slice(-2)).toEqual(['--only', 'a']);
  });

  it('runs when the command line cannot be read', async () => {
    const t = setup(undefined);
    expect(await runScheduleExecutor({ schedule: 'beat', mode: 'batch', dryRun: true }, batch(), t.deps)).toEqual({ success: true });
  });
});

describe('schedule executor: reports about one schedule', () => {
  it('shows an unusable compute.json without a misleading "0 schedules checked"', async () => {
    ws.write('schedules/compute.json', '{ "region": }');
    const t = setup();
    expect(await runScheduleExecutor({ schedule: 'beat' }, executorContext(ws.root, 'schedule_beat'), t.deps)).toEqual({ success: false });
    expect(t.stderr()).toBe(
      'schedules/compute.json\n  error   /: is not valid JSON: expected a value but found "}" at line 1, column 13\nschedule beat cannot run until compute.json is fixed\n',
    );
  });

  it("shows this schedule's problems and what to do, without the test target's summary", async () => {
    ws.write('schedules/beat.schedule.json', '{');
    const t = setup();
    expect(await runScheduleExecutor({ schedule: 'beat' }, executorContext(ws.root, 'schedule_beat'), t.deps)).toEqual({ success: false });
    expect(t.stderr()).not.toMatch(/checked/);
    expect(t.stderr()).toMatch(/^schedules\/beat\.schedule\.json\n {2}error {3}\/: is not valid JSON: .*\nschedule beat has errors: fix them and run again\n$/);
  });
});
