import type { ExecutorContext } from '@nx/devkit';
import type { BatchClient } from '@compute/runner';
import { executorContext } from '../../testing/executor-context';
import { type TempDir, createTempDir } from '../../testing/temp-dir';
import { runScheduleExecutor, type ScheduleExecutorDeps } from './executor';
import type { ScheduleExecutorSchema } from './schema';
import { testIO } from '../../testing/test-io';

let ws: TempDir;
beforeEach(() => {
  ws = createTempDir({ 'schedules/compute.json': { namePrefix: 'acme' } });
});
afterEach(() => ws.cleanup());

function writeSchedule(name: string, overrides: Record<string, unknown> = {}): void {
  const file = {
    scheduleExpression: 'rate(1 hour)',
    command: [process.execPath, '-e', 'console.log("hello from " + process.env.AWS_BATCH_JQ_NAME + " " + JSON.stringify(process.argv.slice(1)))', '--'],
    size: 'small',
    awsRole: 'acme-role',
    attempts: 2,
    timeout: 60,
    meta: { description: 'A schedule for the executor tests, nothing more.', maintainers: ['ana'], lastReview: '2026-11-01', requiredBy: ['tests'] },
    ...overrides,
  };
  ws.write(`schedules/${name}.schedule.json`, file);
}

const context = (extra: Partial<ExecutorContext> = {}) => executorContext(ws.root, 'schedule_beat', extra);

function deps(extra: Partial<ScheduleExecutorDeps> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const d: ScheduleExecutorDeps = { io: testIO(new Date(), out, err, { PATH: process.env.PATH, HOME: '/home/tester' }), killGraceMs: 200, ...extra };
  return { deps: d, stdout: () => out.join(''), stderr: () => err.join('') };
}

/** The job definition of writeSchedule('beat') as deployed from this working copy. */
const DEPLOYED_BEAT = {
  jobDefinitionName: 'acme-beat',
  jobDefinitionArn: 'arn:aws:batch:us-east-1:123456789012:job-definition/acme-beat:3',
  revision: 3,
  status: 'ACTIVE',
  containerProperties: {
    image: 'public.ecr.aws/amazonlinux/amazonlinux:2023',
    jobRoleArn: 'arn:aws:iam::123456789012:role/acme-role',
    resourceRequirements: [
      { type: 'VCPU', value: '1' },
      { type: 'MEMORY', value: '7600' },
    ],
  },
  timeout: { attemptDurationSeconds: 60 },
};

/** A stand-in BatchClient that answers the commands the runner sends and records them. */
function fakeClient(active: { jobName: string; status: string; jobId: string }[] = [], deployed: object = DEPLOYED_BEAT) {
  const sent: { command: string; input: unknown }[] = [];
  const client = {
    config: { region: async () => 'us-east-1' },
    destroy: () => undefined,
    send: async (command: { constructor: { name: string }; input: unknown }) => {
      sent.push({ command: command.constructor.name, input: command.input });
      if (command.constructor.name === 'DescribeJobDefinitionsCommand') return { jobDefinitions: [deployed] };
      if (command.constructor.name === 'ListJobsCommand') return { jobSummaryList: active };
      if (command.constructor.name === 'SubmitJobCommand') return { jobId: 'job-9', jobArn: 'arn:aws:batch:us-east-1:1:job/job-9', jobName: 'beat' };
      throw new Error(`unexpected ${command.constructor.name}`);
    },
  };
  return { client: client as unknown as BatchClient, sent };
}

const run = (options: ScheduleExecutorSchema, d: ScheduleExecutorDeps, ctx = context()) => runScheduleExecutor(options, ctx, d);

describe('schedule executor, local mode', () => {
  it('runs the schedule from the workspace root with its queue, passing command-line arguments', async () => {
    writeSchedule('beat');
    const io = deps();
    const result = await run({ schedule: 'beat', attempts: 1, __unparsed__: ['--attempts', '1', 'one', '--shards', '2', '--', '--attempts'] }, io.deps);
    expect(result).toEqual({ success: true });
    expect(io.stdout()).toBe('hello from acme-small ["one","--shards","2","--attempts"]\n');
    expect(io.stderr()).toContain('compute: running schedule beat locally');
  });

  it('puts configured args first and honours --environment', async () => {
    writeSchedule('beat');
    const io = deps();
    await run({ schedule: 'beat', args: ['--fast'], environment: 'test', __unparsed__: ['x'] }, io.deps);
    expect(io.stdout()).toBe('hello from acme-test ["--fast","x"]\n');
  });

  it('fails with the exit status of the command', async () => {
    writeSchedule('beat', { command: [process.execPath, '-e', 'process.exit(7)'] });
    const io = deps();
    expect(await run({ schedule: 'beat' }, io.deps)).toEqual({ success: false });
    expect(io.stderr()).toContain('failed (exit code 7)');
  });

  it('prints a runner error as a message, never a stack trace', async () => {
    writeSchedule('beat', { secrets: ['API_TOKEN'] });
    const io = deps();
    expect(await run({ schedule: 'beat' }, io.deps)).toEqual({ success: false });
    expect(io.stderr()).toContain('compute: schedule beat cannot run: 1 secret is missing or empty in your environment: API_TOKEN');
    expect(io.stderr()).not.toMatch(/\n\s+at /);
  });

  it('rejects batch options in a local run', async () => {
    writeSchedule('beat');
    const io = deps();
    expect(await run({ schedule: 'beat', dryRun: true, wait: true }, io.deps)).toEqual({ success: false });
    expect(io.stderr()).toBe('compute: --dry-run, --wait apply only to AWS Batch submissions: nx run compute:schedule_beat:batch --dry-run --wait\n');
  });
});

describe('schedule executor, batch mode', () => {
  it('prints the request with --dry-run and calls nothing', async () => {
    writeSchedule('beat');
    const io = deps();
    const { client, sent } = fakeClient();
    const result = await run({ schedule: 'beat', mode: 'batch', dryRun: true, __unparsed__: ['extra', '--dry-run'] }, { ...io.deps, batchClient: client });
    expect(result).toEqual({ success: true });
    const request = JSON.parse(io.stdout());
    expect(request).toMatchObject({ jobName: 'beat', jobQueue: 'acme-small', jobDefinition: 'acme-beat' });
    expect(request.containerOverrides.command.slice(-1)).toEqual(['extra']);
    expect(sent).toEqual([]);
  });

  it('submits through the given client, with the duplicate check', async () => {
    writeSchedule('beat');
    const io = deps();
    const { client, sent } = fakeClient();
    expect(await run({ schedule: 'beat', mode: 'batch', environment: 'test' }, { ...io.deps, batchClient: client })).toEqual({ success: true });
    expect(sent.map((s) => s.command)).toEqual(['DescribeJobDefinitionsCommand', 'ListJobsCommand', 'SubmitJobCommand']);
    expect(sent[1].input).toEqual({ jobQueue: 'acme-test', filters: [{ name: 'JOB_NAME', values: ['beat'] }] });
    expect(io.stdout()).toContain('  job id   job-9');
  });

  it('skips, successfully, when the job is already queued; --allow-duplicates submits anyway', async () => {
    writeSchedule('beat');
    const active = [{ jobName: 'beat', status: 'RUNNING', jobId: 'job-1' }];
    const first = fakeClient(active);
    const io = deps();
    expect(await run({ schedule: 'beat', mode: 'batch' }, { ...io.deps, batchClient: first.client })).toEqual({ success: true });
    expect(first.sent.map((s) => s.command)).toEqual(['DescribeJobDefinitionsCommand', 'ListJobsCommand']);
    const second = fakeClient(active);
    await run({ schedule: 'beat', mode: 'batch', allowDuplicates: true }, { ...deps().deps, batchClient: second.client });
    expect(second.sent.map((s) => s.command)).toEqual(['DescribeJobDefinitionsCommand', 'SubmitJobCommand']);
  });

  it('refuses to submit against a stale deployment unless --allow-drift', async () => {
    writeSchedule('beat', { image: 'example/beat:2' });
    const io = deps();
    const refused = fakeClient();
    expect(await run({ schedule: 'beat', mode: 'batch' }, { ...io.deps, batchClient: refused.client })).toEqual({ success: false });
    expect(refused.sent.map((s) => s.command)).toEqual(['DescribeJobDefinitionsCommand']);
    expect(io.stderr()).toContain('image  deployed public.ecr.aws/amazonlinux/amazonlinux:2023; working copy example/beat:2');
    const allowed = fakeClient();
    expect(await run({ schedule: 'beat', mode: 'batch', allowDrift: true }, { ...deps().deps, batchClient: allowed.client })).toEqual({ success: true });
    expect(allowed.sent.map((s) => s.command)).toContain('SubmitJobCommand');
  });

  it('rejects local options in a submission', async () => {
    writeSchedule('beat');
    const io = deps();
    expect(await run({ schedule: 'beat', mode: 'batch', container: true, index: 0 }, io.deps)).toEqual({ success: false });
    expect(io.stderr()).toBe('compute: --index, --container apply only to local runs; drop them or run nx run compute:schedule_beat\n');
  });
});

describe('schedule executor, catalog problems', () => {
  it("prints this schedule's problems and runs nothing", async () => {
    writeSchedule('beat', { size: 'huge', timeout: 5 });
    const io = deps();
    expect(await run({ schedule: 'beat' }, io.deps)).toEqual({ success: false });
    expect(io.stderr()).toContain('schedules/beat.schedule.json');
    expect(io.stderr()).toContain('/size: size "huge" is not defined in compute.json');
    expect(io.stderr()).toContain('/timeout: must be at least 60 seconds');
    expect(io.stderr()).toContain('schedule beat has errors: fix them and run again');
    expect(io.stdout()).toBe('');
  });

  it("is not blocked by another schedule's problems", async () => {
    writeSchedule('beat');
    ws.write('schedules/broken.schedule.json', '{ not json');
    const io = deps();
    expect(await run({ schedule: 'beat' }, io.deps)).toEqual({ success: true });
    expect(io.stderr()).not.toContain('broken');
  });

  it('names the expected file and the known schedules for an unknown name', async () => {
    writeSchedule('beat');
    const io = deps();
    expect(await run({ schedule: 'beet' }, io.deps)).toEqual({ success: false });
    expect(io.stderr()).toBe('no schedule named "beet": expected schedules/beet.schedule.json. Known schedules: beat\n');
  });

  it('explains an unusable compute.json', async () => {
    writeSchedule('beat');
    ws.write('schedules/compute.json', { region: 'mars-1' });
    const io = deps();
    expect(await run({ schedule: 'beat' }, io.deps)).toEqual({ success: false });
    expect(io.stderr()).toContain('schedules/compute.json');
    expect(io.stderr()).toContain('/region: must be an AWS region such as us-east-1');
    expect(io.stderr()).toContain('schedule beat cannot run until compute.json is fixed');
  });

  it('reports an unexpected failure without a stack trace', async () => {
    const io = deps();
    const result = await run({ schedule: 'beat' }, io.deps, context({ projectName: 'ghost' }));
    expect(result).toEqual({ success: false });
    expect(io.stderr()).toMatch(/^compute: unexpected error: this executor runs on a compute project target/);
    expect(io.stderr()).not.toMatch(/\n\s+at /);
  });
});

describe('schedule executor, what the command line may change', () => {
  // What Nx hands the executor: the target as configured, and options with the command line merged over it.
  const target = { executor: '@compute/nx:schedule', options: { schedule: 'beat' }, configurations: { batch: { mode: 'batch' } } };
  const onTarget = (extra: Partial<ExecutorContext> = {}) => context({ target, ...extra });

  beforeEach(() => {
    writeSchedule('beat');
    writeSchedule('other', { command: [process.execPath, '-e', 'console.log("the other schedule ran")'] });
  });

  it('runs the target\'s schedule: -- --schedule other is an argument of its command', async () => {
    const io = deps();
    const result = await run({ schedule: 'other', __unparsed__: ['--schedule', 'other'] }, io.deps, onTarget());
    expect(result).toEqual({ success: true });
    expect(io.stdout()).toBe('hello from acme-small ["--schedule","other"]\n');
  });

  it('does not submit from the local target: -- --mode batch is an argument, --dry-run a batch option', async () => {
    const io = deps();
    const { client, sent } = fakeClient();
    const result = await run({ schedule: 'beat', mode: 'batch', dryRun: true, __unparsed__: ['--mode', 'batch', '--dry-run'] }, { ...io.deps, batchClient: client }, onTarget());
    expect(result).toEqual({ success: false });
    expect(sent).toEqual([]);
    expect(io.stdout()).toBe('');
    expect(io.stderr()).toBe(
      "compute: --dry-run applies only to AWS Batch submissions: nx run compute:schedule_beat:batch --dry-run --args='--mode batch'\n" +
        "  To give --dry-run to the schedule's command instead, put it in --args:\n" +
        "    nx run compute:schedule_beat --args='--mode batch --dry-run'\n",
    );
  });

  it('submits from the batch configuration', async () => {
    const io = deps();
    const result = await run({ schedule: 'beat', mode: 'batch', dryRun: true, __unparsed__: ['--dry-run'] }, io.deps, onTarget({ configurationName: 'batch' }));
    expect(result).toEqual({ success: true });
    expect(JSON.parse(io.stdout())).toMatchObject({ jobName: 'beat', jobQueue: 'acme-small' });
  });

  it('says how to give a refused --environment to the command instead', async () => {
    const io = deps();
    expect(await run({ schedule: 'beat', environment: 'prod', __unparsed__: ['--environment', 'prod'] }, io.deps, onTarget())).toEqual({ success: false });
    expect(io.stderr()).toBe(
      'compute: unknown environment "prod" for --environment: schedules/compute.json defines large, small, test, warp\n' +
        "  To give --environment prod to the schedule's command instead, put it in --args:\n" +
        "    nx run compute:schedule_beat --args='--environment prod'\n",
    );
  });

  it('gives options after a second "--" to the command (nx does not read them either)', async () => {
    const io = deps();
    expect(await run({ schedule: 'beat', __unparsed__: ['--', '--environment', 'prod'] }, io.deps, onTarget())).toEqual({ success: true });
    expect(io.stdout()).toBe('hello from acme-small ["--environment","prod"]\n');
  });

  it('gives --args to the command, split like a shell would, before the other arguments', async () => {
    const io = deps();
    const options = { schedule: 'beat', args: "--environment 'p r o d'", environment: 'test', __unparsed__: ["--args=--environment 'p r o d'", '--environment', 'test', 'x'] };
    expect(await run(options as never, io.deps, onTarget())).toEqual({ success: true });
    expect(io.stdout()).toBe('hello from acme-test ["--environment","p r o d","x"]\n');
  });

  it('gives no such hint when the option came from the target', async () => {
    const io = deps();
    expect(await run({ schedule: 'beat', environment: 'prod' }, io.deps, onTarget())).toEqual({ success: false });
    expect(io.stderr()).toBe('compute: unknown environment "prod" for --environment: schedules/compute.json defines large, small, test, warp\n');
  });

  it('refuses a queue of another architecture before anything is printed or sent', async () => {
    writeSchedule('mirror', { size: 'warp' });
    const io = deps();
    const { client, sent } = fakeClient();
    const mirror = { ...target, options: { schedule: 'mirror' } };
    const result = await run(
      { schedule: 'mirror', mode: 'batch', environment: 'test', dryRun: true, __unparsed__: ['--environment', 'test', '--dry-run'] },
      { ...io.deps, batchClient: client },
      context({ target: mirror, targetName: 'schedule_mirror', configurationName: 'batch' }),
    );
    expect(result).toEqual({ success: false });
    expect(sent).toEqual([]);
    expect(io.stdout()).toBe('');
    expect(io.stderr()).toContain("compute: --environment test cannot run schedule mirror: environment test is arm64, but the schedule's environment warp is x86_64");
    expect(io.stderr()).toContain('Add an x86_64 test environment to "environments" in schedules/compute.json');
    expect(io.stderr()).toContain("nx run compute:schedule_mirror:batch --dry-run --args='--environment test'");
  });
});
