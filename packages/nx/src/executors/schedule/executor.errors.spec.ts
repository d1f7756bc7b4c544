import type { BatchClient } from '@compute/runner';
import { executorContext } from '../../testing/executor-context';
import { type TempDir, createTempDir } from '../../testing/temp-dir';
import { runScheduleExecutor, type ScheduleExecutorDeps } from './executor';
import { testIO } from '../../testing/test-io';

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

function setup() {
  const out: string[] = [];
  const err: string[] = [];
  const sent: string[] = [];
  const client = {
    config: { region: async () => 'us-east-1' },
    destroy: () => undefined,
    send: async (command: { constructor: { name: string } }) => {
      sent.push(command.constructor.name);
      // Deployed, but not as the working copy has it: the submitting tests pass --allow-drift.
      const deployed = { jobDefinitionName: 'acme-beat', jobDefinitionArn: 'arn:aws:batch:us-east-1:1:job-definition/acme-beat:1', revision: 1, status: 'ACTIVE', containerProperties: {} };
      if (command.constructor.name === 'DescribeJobDefinitionsCommand') return { jobDefinitions: [deployed] };
      return command.constructor.name === 'ListJobsCommand' ? { jobSummaryList: [] } : { jobId: 'job-1', jobArn: 'arn:aws:batch:us-east-1:1:job/job-1' };
    },
  };
  const deps: ScheduleExecutorDeps = {
    io: testIO(new Date(), out, err, { PATH: process.env.PATH }),
    batchClient: client as unknown as BatchClient,
  };
  return { deps, sent, stdout: () => out.join(''), stderr: () => err.join('') };
}

const batch = (extra = {}) => executorContext(ws.root, 'schedule_beat', { configurationName: 'batch', ...extra });

describe("schedule executor: the command's arguments on a submission", () => {
  it('submits nothing when arguments come without --dry-run or --no-dry-run (nx may have dropped one), and says how to write both', async () => {
    // What nx hands the executor for: nx run compute:schedule_beat:batch --dry-run -- --only a
    const t = setup();
    const result = await runScheduleExecutor({ schedule: 'beat', mode: 'batch', only: 'a', __unparsed__: ['--only', 'a'] } as never, batch(), t.deps);
    expect(result).toEqual({ success: false });
    expect(t.sent).toEqual([]);
    expect(t.stdout()).toBe('');
    expect(t.stderr()).toBe(
      'compute: nothing was submitted: arguments for the command (--only a) came without --dry-run or --no-dry-run. ' +
        'nx run drops the options written before a "--" that has arguments after it, so a --dry-run written there never arrives. Say which you mean:\n' +
        "  nx run compute:schedule_beat:batch --args='--only a' --dry-run\n" +
        "  nx run compute:schedule_beat:batch --args='--only a' --no-dry-run\n",
    );
  });

  it('submits nothing for --args either: nx run ...:batch --dry-run -- --args="--only a"', async () => {
    const t = setup();
    const result = await runScheduleExecutor({ schedule: 'beat', mode: 'batch', args: '--only a', __unparsed__: ['--args=--only a'] }, batch(), t.deps);
    expect(result).toEqual({ success: false });
    expect(t.sent).toEqual([]);
    expect(t.stderr()).toContain("nx run compute:schedule_beat:batch --args='--only a' --dry-run\n");
  });

  it('prints the request for --args "--only a" --dry-run, the value read as written (yargs made it a flag)', async () => {
    const t = setup();
    // Nx's own parse: args true, "only a" an option of its own.
    const options = { schedule: 'beat', mode: 'batch', args: true, 'only a': true, dryRun: true, __unparsed__: ['--args', '--only a', '--dry-run'] };
    expect(await runScheduleExecutor(options as never, batch(), t.deps)).toEqual({ success: true });
    expect(t.sent).toEqual([]);
    expect(JSON.parse(t.stdout()).containerOverrides.command.slice(-2)).toEqual(['--only', 'a']);
  });

  it('keeps "--" working where nx passes it on: -- --only a --dry-run is a dry run', async () => {
    const t = setup();
    const result = await runScheduleExecutor({ schedule: 'beat', mode: 'batch', dryRun: true, __unparsed__: ['--only', 'a', '--dry-run'] } as never, batch(), t.deps);
    expect(result).toEqual({ success: true });
    expect(t.sent).toEqual([]);
    expect(JSON.parse(t.stdout()).containerOverrides.command.slice(-2)).toEqual(['--only', 'a']);
  });

  it('submits with the arguments after --no-dry-run', async () => {
    const t = setup();
    const options = { schedule: 'beat', mode: 'batch' as const, args: "--only 'a b'", dryRun: false, allowDrift: true, __unparsed__: ["--args=--only 'a b'", '--no-dry-run', '--allow-drift'] };
    expect(await runScheduleExecutor(options, batch(), t.deps)).toEqual({ success: true });
    expect(t.sent).toContain('SubmitJobCommand');
  });

  it('submits without asking when the arguments come from the target', async () => {
    const t = setup();
    expect(await runScheduleExecutor({ schedule: 'beat', mode: 'batch', args: ['--only', 'a'], allowDrift: true }, batch(), t.deps)).toEqual({ success: true });
    expect(t.sent).toContain('SubmitJobCommand');
  });

  it('names --args without a value', async () => {
    const t = setup();
    expect(await runScheduleExecutor({ schedule: 'beat', args: true, __unparsed__: ['--args'] }, batch({ configurationName: undefined }), t.deps)).toEqual({ success: false });
    expect(t.stderr()).toBe('compute: --args needs the command\'s arguments as its value, written after "=": --args="--only a"\n');
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
