import { spawn } from 'node:child_process';
import { EventEmitter } from 'node:events';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JOB_STOP_TIMEOUT_SECONDS, type ScheduleFileInput } from '@compute/schedule';
import { captureIO } from '../testing/capture-io';
import { catalogOf, scheduleOf, withTimeout } from '@compute/schedule/testing';
import { scheduleFile } from '../testing/catalog-fixture';
import { runnerFailure } from '../testing/runner-failure';
import { STSClient } from '@aws-sdk/client-sts';
import { startFakeStsApi } from '../testing/fake-sts-api';
import { withoutPackageBins } from './job-environment';
import { runLocally, type RunLocallyOptions } from './run-locally';

const NODE = process.execPath;
// Every test starts real processes (the stand-in docker is a node script): on a busy machine each takes a second or more.
jest.setTimeout(30_000);
let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'runner-local-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

/** A schedule whose command is a node script. */
function nodeJob(script: string, overrides: Partial<ScheduleFileInput> = {}) {
  const catalog = catalogOf({ job: scheduleFile({ command: [NODE, '-e', script], ...overrides }) }, { namePrefix: 'compute' });
  return { catalog, schedule: scheduleOf(catalog, 'job') };
}

function baseEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: '/home/tester', LANG: 'C.UTF-8', ...extra };
}

/** A local run with captured output; `env` is the caller's environment (default baseEnv()). */
async function run({ env = baseEnv(), ...options }: Partial<RunLocallyOptions> & Pick<RunLocallyOptions, 'catalog' | 'schedule'> & { env?: Record<string, string> }) {
  const out = captureIO(env);
  const result = await runLocally({ workspaceRoot: root, io: out.io, jobId: 'local-test', killGraceMs: 300, ...options });
  return { result, out };
}

/** Alive and not a zombie waiting to be reaped. */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2)[0] !== 'Z';
  } catch {
    return false;
  }
}

async function eventually(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

const PRINT_ENV = 'process.stdout.write(JSON.stringify(process.env))';

describe('runLocally: environment contract', () => {
  it('gives the job its declared variables, secrets, the Batch variables and host basics only', async () => {
    const { catalog, schedule } = nodeJob(PRINT_ENV, { environment: { LOG_LEVEL: 'info' }, secrets: ['API_TOKEN'] });
    const env = baseEnv({ API_TOKEN: 'tok-123', LEAKED: 'no', LC_ALL: 'C.UTF-8', TMPDIR: '/tmp', LOG_LEVEL: 'debug' });
    const { result, out } = await run({ catalog, schedule, env });
    expect(result).toEqual({ success: true, exitCode: 0 });
    const seen = JSON.parse(out.stdout());
    // Node may add nothing of its own; everything here is what the runner passed.
    expect(seen).toEqual({
      API_TOKEN: 'tok-123',
      AWS_BATCH_CE_NAME: 'compute-small-local',
      AWS_BATCH_JOB_ATTEMPT: '1',
      AWS_BATCH_JOB_ID: 'local-test',
      AWS_BATCH_JQ_NAME: 'compute-small',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_REGION: 'us-east-1',
      HOME: seen.HOME,
      LOG_LEVEL: 'info',
      PATH: withoutPackageBins(process.env.PATH ?? ''),
      TMPDIR: '/tmp',
      TZ: 'UTC',
    });
  });

  it('gives each attempt a fresh, empty HOME and removes it afterwards', async () => {
    const script = `
      const fs = require('fs');
      const home = process.env.HOME;
      console.log(JSON.stringify({ home, entries: fs.readdirSync(home) }));
      fs.writeFileSync(home + '/.netrc', 'left by attempt ' + process.env.AWS_BATCH_JOB_ATTEMPT);
      process.exit(1);
    `;
    const { catalog, schedule } = nodeJob(script, { attempts: 2 });
    const { out } = await run({ catalog, schedule, attempts: 2, env: baseEnv({ HOME: root }) });
    const seen = out.stdout().trim().split('\n').map((line) => JSON.parse(line) as { home: string; entries: string[] });
    expect(seen).toHaveLength(2);
    expect(seen[0].home).not.toBe(root);
    expect(seen[0].home).not.toBe(seen[1].home);
    expect(seen.map((s) => s.entries)).toEqual([[], []]);
    for (const { home } of seen) expect(existsSync(home)).toBe(false);
  });

  it('runs in UTC whatever the caller\'s zone, and without the caller\'s locale', async () => {
    const { catalog, schedule } = nodeJob("console.log(Intl.DateTimeFormat().resolvedOptions().timeZone, process.env.LANG ?? 'no-LANG')");
    const { out } = await run({ catalog, schedule, env: baseEnv({ TZ: 'Pacific/Auckland', LANG: 'de_DE.UTF-8' }) });
    expect(out.stdout()).toBe('UTC no-LANG\n');
  });

  it('drops node_modules/.bin from PATH: the image has no such folder', async () => {
    const { catalog, schedule } = nodeJob('console.log(process.env.PATH)');
    const { out } = await run({ catalog, schedule, env: baseEnv({ PATH: `${root}/node_modules/.bin:/usr/bin:/bin` }) });
    expect(out.stdout()).toBe('/usr/bin:/bin\n');
  });

  it('names the compute environment of --environment in AWS_BATCH_CE_NAME and the region of compute.json', async () => {
    const catalog = catalogOf({ job: scheduleFile({ command: [NODE, '-e', PRINT_ENV] }) }, { namePrefix: 'acme', region: 'eu-central-1' });
    const { out } = await run({ catalog, schedule: scheduleOf(catalog, 'job'), environment: 'test' });
    expect(JSON.parse(out.stdout())).toMatchObject({ AWS_BATCH_CE_NAME: 'acme-test-local', AWS_BATCH_JQ_NAME: 'acme-test', AWS_REGION: 'eu-central-1', AWS_DEFAULT_REGION: 'eu-central-1' });
  });

  it('prints a header with names, never values', async () => {
    const { catalog, schedule } = nodeJob('0', { secrets: ['API_TOKEN'], timeout: 300 });
    const { out } = await run({ catalog, schedule, env: baseEnv({ API_TOKEN: 'tok-SECRET-VALUE' }) });
    expect(out.stderr()).toContain('compute: running schedule job locally');
    expect(out.stderr()).toContain('API_TOKEN AWS_BATCH_CE_NAME AWS_BATCH_JOB_ATTEMPT AWS_BATCH_JOB_ID AWS_BATCH_JQ_NAME AWS_DEFAULT_REGION AWS_REGION');
    expect(out.stderr()).toContain('HOME is a fresh empty folder, TZ=UTC');
    expect(out.stderr()).toContain('timeout   300 s per attempt, then SIGTERM, and SIGKILL 0.3 s later');
    expect(out.all()).not.toContain('tok-SECRET-VALUE');
    expect(out.all()).not.toContain(root);
  });

  it('passes the whole shell with inheritEnv', async () => {
    const { catalog, schedule } = nodeJob(PRINT_ENV);
    const { out } = await run({ catalog, schedule, env: baseEnv({ DEBUG_ME: '1' }), inheritEnv: true });
    expect(JSON.parse(out.stdout())).toMatchObject({ DEBUG_ME: '1', HOME: '/home/tester', LANG: 'C.UTF-8' });
    expect(out.stderr()).toContain('the whole caller environment (--inherit-env)');
  });

  it('uses a local-<random> job id by default, the queue of --environment and the hosts\' stop timeout', async () => {
    const { catalog, schedule } = nodeJob(PRINT_ENV);
    const out = captureIO(baseEnv());
    await runLocally({ workspaceRoot: root, catalog, schedule, io: out.io, environment: 'test' });
    expect(out.stderr()).toContain(`then SIGTERM, and SIGKILL ${JOB_STOP_TIMEOUT_SECONDS} s later`);
    const seen = JSON.parse(out.stdout());
    expect(seen.AWS_BATCH_JOB_ID).toMatch(/^local-[0-9a-f]{8}$/);
    expect(seen.AWS_BATCH_JQ_NAME).toBe('compute-test');
  });

  it('runs from the workspace root', async () => {
    const { catalog, schedule } = nodeJob('process.stdout.write(process.cwd())');
    const { out } = await run({ catalog, schedule });
    expect(out.stdout()).toBe(root);
  });
});

describe('runLocally: peak memory and CPU of a plain run', () => {
  it('measures the job and warns when it used more memory than its size allows', async () => {
    const script = "const keep = Buffer.alloc(160 * 1024 * 1024, 1); setTimeout(() => console.log(keep.length), 1500)";
    const catalog = catalogOf(
      { job: scheduleFile({ command: [NODE, '-e', script], size: 'tiny' }) },
      { sizes: { tiny: { vcpus: 1, memoryMiB: 64, environment: 'small' } } },
    );
    const { result, out } = await run({ catalog, schedule: scheduleOf(catalog, 'job') });
    expect(result.success).toBe(true);
    expect(out.stderr()).toMatch(/compute: peak memory \d+ MiB of 64 MiB, up to [\d.]+ of 1 vCPU \(size tiny\)/);
    expect(out.stderr()).toMatch(/compute: warning: peak memory \d+ MiB; size tiny allows 64 MiB: on AWS this run would be killed with exit code 137/);
    const peakMiB = Number(/peak memory (\d+) MiB of/.exec(out.stderr())![1]);
    expect(peakMiB).toBeGreaterThanOrEqual(160);
  }, 30_000);

  it('stays quiet about a job within its size', async () => {
    const { catalog, schedule } = nodeJob('setTimeout(() => {}, 300)');
    const { out } = await run({ catalog, schedule });
    expect(out.stderr()).toContain('of 7,600 MiB');
    expect(out.stderr()).not.toContain('warning');
  });
});

describe('runLocally: the job role (--assume-role)', () => {
  const stsClient = (endpoint: string) =>
    new STSClient({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'AKIACALLER', secretAccessKey: 'caller-secret' } });

  it("assumes the schedule's awsRole with the caller's credentials and gives the job only the role's", async () => {
    const sts = await startFakeStsApi({ assumable: ['compute-test-role'] });
    try {
      const { catalog, schedule } = nodeJob(PRINT_ENV);
      const { result, out } = await run({ catalog, schedule, assumeRole: true, stsClient: stsClient(sts.endpoint), env: baseEnv({ AWS_ACCESS_KEY_ID: 'AKIACALLER', AWS_PROFILE: 'dev' }) });
      expect(result.success).toBe(true);
      const seen = JSON.parse(out.stdout());
      expect(seen).toMatchObject({ AWS_ACCESS_KEY_ID: 'ASIAJOBROLE17', AWS_SECRET_ACCESS_KEY: 'job-secret-of-compute-test-role', AWS_SESSION_TOKEN: 'job-session-of-compute-test-role' });
      expect(seen.AWS_PROFILE).toBeUndefined();
      expect(sts.requests.map((r) => r.Action)).toEqual(['GetCallerIdentity', 'AssumeRole']);
      expect(sts.requests[1]).toMatchObject({ RoleArn: 'arn:aws:iam::123456789012:role/compute-test-role', RoleSessionName: 'compute-local-job', DurationSeconds: '3600' });
      expect(out.stderr()).toContain('aws       temporary credentials of arn:aws:iam::123456789012:role/compute-test-role (--assume-role, valid until');
      expect(out.stderr()).not.toContain('job-secret-of');
    } finally {
      await sts.close();
    }
  });

  it('says why when the role may not be assumed, and starts nothing', async () => {
    const sts = await startFakeStsApi({ assumable: [] });
    try {
      const { catalog, schedule } = nodeJob("console.log('started')");
      const out = captureIO(baseEnv());
      const error = await runnerFailure(runLocally({ workspaceRoot: root, catalog, schedule, io: out.io, assumeRole: true, stsClient: stsClient(sts.endpoint) }));
      expect(error.message).toContain('--assume-role: you may not assume arn:aws:iam::123456789012:role/compute-test-role');
      expect(error.message).toContain("trust policy must allow your identity");
      expect(out.stdout()).toBe('');
    } finally {
      await sts.close();
    }
  });

  it('without it, names the option when the job fails for lack of credentials', async () => {
    const { catalog, schedule } = nodeJob("console.error('Unable to locate credentials. You can configure credentials by running \"aws configure\".'); process.exit(255)");
    const { result, out } = await run({ catalog, schedule, env: baseEnv({ AWS_ACCESS_KEY_ID: 'AKIACALLER', AWS_SECRET_ACCESS_KEY: 'caller-secret' }) });
    expect(result.exitCode).toBe(255);
    expect(out.stderr()).toContain('aws       none; pass --assume-role to run with the job role compute-test-role, as on AWS');
    expect(out.stderr()).toContain('compute: the job failed on missing AWS credentials: a local run has none of its own. Pass --assume-role to run with the job role compute-test-role, as on AWS.');
  });
});

describe('runLocally: checks before anything runs', () => {
  it('lists every missing or empty secret in one error and starts nothing', async () => {
    const marker = join(root, 'ran');
    const { catalog, schedule } = nodeJob(`require('fs').writeFileSync(${JSON.stringify(marker)}, '')`, { secrets: ['API_TOKEN', 'DB_PASSWORD', 'OK_TOKEN'] });
    const error = await runnerFailure(run({ catalog, schedule, env: baseEnv({ DB_PASSWORD: '', OK_TOKEN: 'x' }) }));
    expect(error.message).toContain('2 secrets are missing or empty in your environment: API_TOKEN, DB_PASSWORD');
    expect(existsSync(marker)).toBe(false);
  });

  it('reports every invalid option at once', async () => {
    const { catalog, schedule } = nodeJob('0');
    const error = await runnerFailure(run({ catalog, schedule, attempts: 0, index: 2, concurrency: 0 }));
    expect(error.message).toContain('--attempts must be a whole number from 1 to 10, not 0');
    expect(error.message).toContain('--concurrency must be a whole number of at least 1, not 0');
    expect(error.message).toContain('--index applies to array jobs only; schedule job has "parallel": 1 in schedules/job.schedule.json');
  });

  it('rejects an unknown --environment, naming the known ones', async () => {
    const { catalog, schedule } = nodeJob('0');
    const error = await runnerFailure(run({ catalog, schedule, environment: 'prod' }));
    expect(error.message).toBe('unknown environment "prod" for --environment: schedules/compute.json defines large, small, test, warp');
  });

  it('explains a command that is not installed', async () => {
    const catalog = catalogOf({ job: scheduleFile({ command: ['compute-no-such-program-xyz'] }) });
    const error = await runnerFailure(run({ catalog, schedule: scheduleOf(catalog, 'job') }));
    expect(error.message).toContain('cannot start "compute-no-such-program-xyz": it is not installed or not on PATH');
  });
});

describe('runLocally: exit codes, arguments and retries', () => {
  it('returns the exit code of the command', async () => {
    const { catalog, schedule } = nodeJob('process.exit(3)');
    const { result, out } = await run({ catalog, schedule });
    expect(result).toEqual({ success: false, exitCode: 3 });
    expect(out.stderr()).toContain('compute: schedule job failed (exit code 3)');
  });

  it('reports death by signal as 128 + the signal number', async () => {
    const { catalog, schedule } = nodeJob("process.kill(process.pid, 'SIGKILL')");
    const { result } = await run({ catalog, schedule });
    expect(result).toEqual({ success: false, exitCode: 137 });
  });

  it('appends arguments to the command, verbatim', async () => {
    // `node -e script --` ends node's own options, so what follows reaches the script.
    const catalog = catalogOf({ job: scheduleFile({ command: [NODE, '-e', 'process.stdout.write(JSON.stringify(process.argv.slice(1)))', '--'] }) });
    const schedule = scheduleOf(catalog, 'job');
    const { out } = await run({ catalog, schedule, args: ['--shards', '2', 'two words', '$HOME'] });
    expect(JSON.parse(out.stdout())).toEqual(['--shards', '2', 'two words', '$HOME']);
  });

  it('retries a failed run with the next attempt number and the same job id', async () => {
    const script = "console.log(process.env.AWS_BATCH_JOB_ID + ' attempt ' + process.env.AWS_BATCH_JOB_ATTEMPT); process.exit(process.env.AWS_BATCH_JOB_ATTEMPT === '3' ? 0 : 1)";
    const { catalog, schedule } = nodeJob(script);
    const { result, out } = await run({ catalog, schedule, attempts: 3 });
    expect(result.success).toBe(true);
    expect(out.stdout()).toBe('local-test attempt 1\nlocal-test attempt 2\nlocal-test attempt 3\n');
    expect(out.stderr()).toContain('attempt 1 of 3 failed with exit code 1; retrying (attempt 2 of 3)');
  });

  it('tries once by default', async () => {
    const { catalog, schedule } = nodeJob("console.log('try'); process.exit(1)", { attempts: 3 });
    const { result, out } = await run({ catalog, schedule });
    expect(result.success).toBe(false);
    expect(out.stdout()).toBe('try\n');
  });
});

describe('runLocally: timeouts and signals stop the whole process tree', () => {
  /** A child that starts a grandchild; both ignore SIGTERM, so only SIGKILL ends them. */
  const TREE = `
    const { spawn } = require('child_process');
    const g = spawn(process.execPath, ['-e', "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)"], { stdio: 'ignore' });
    process.on('SIGTERM', () => {});
    require('fs').writeFileSync(process.env.PIDS_FILE, JSON.stringify([process.pid, g.pid]));
    console.log('started');
    setInterval(() => {}, 1000);
  `;

  it('kills the child and its grandchild at the timeout, escalating to SIGKILL, and does not retry', async () => {
    const pids = join(root, 'pids.json');
    const { catalog, schedule } = nodeJob(TREE, { environment: { PIDS_FILE: pids } });
    const started = Date.now();
    const { result, out } = await run({ catalog, schedule: withTimeout(schedule, 1), attempts: 3, killGraceMs: 300 });
    const elapsed = Date.now() - started;
    expect(result.success).toBe(false);
    expect(out.stdout()).toBe('started\n');
    expect(out.stderr()).toContain('schedule job timed out after 1 s ("timeout" in schedules/job.schedule.json); stopped the process and its children');
    expect(out.stderr()).toContain('Not retried');
    expect(elapsed).toBeGreaterThanOrEqual(1200);
    const [child, grandchild] = JSON.parse(readFileSync(pids, 'utf8')) as number[];
    await eventually(() => !isAlive(child) && !isAlive(grandchild));
  });

  it('kills what the command leaves behind when it exits, as a container would', async () => {
    const pids = join(root, 'pids.json');
    const script = `
      const { spawn } = require('child_process');
      const g = spawn(process.execPath, ['-e', "process.on('SIGTERM', () => {}); setInterval(() => {}, 1000)"], { stdio: 'ignore' });
      require('fs').writeFileSync(process.env.PIDS_FILE, JSON.stringify([process.pid, g.pid]));
      setTimeout(() => process.exit(0), 200);
    `;
    const { catalog, schedule } = nodeJob(script, { environment: { PIDS_FILE: pids } });
    const { result } = await run({ catalog, schedule });
    expect(result.success).toBe(true);
    const [, grandchild] = JSON.parse(readFileSync(pids, 'utf8')) as number[];
    await eventually(() => !isAlive(grandchild));
  });

  it('forwards Ctrl-C to the process group, stops retrying and fails with 130', async () => {
    const pids = join(root, 'pids.json');
    const script = `
      const { spawn } = require('child_process');
      const g = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
      require('fs').writeFileSync(process.env.PIDS_FILE, JSON.stringify([process.pid, g.pid]));
      process.on('SIGINT', () => { console.log('child got SIGINT'); process.exit(1); });
      console.log('ready');
      setInterval(() => {}, 1000);
    `;
    const { catalog, schedule } = nodeJob(script, { environment: { PIDS_FILE: pids } });
    const signals = new EventEmitter();
    const out = captureIO(baseEnv());
    const running = runLocally({ workspaceRoot: root, catalog, schedule, io: out.io, jobId: 'local-test', signals, attempts: 3, killGraceMs: 300 });
    await eventually(() => out.stdout().includes('ready'));
    signals.emit('SIGINT');
    const result = await running;
    expect(result).toEqual({ success: false, exitCode: 130 });
    expect(out.stdout()).toBe('ready\nchild got SIGINT\n');
    expect(out.stderr()).toContain('compute: SIGINT received, stopping schedule job and its child processes');
    expect(out.stderr()).not.toContain('retrying');
    expect(signals.listenerCount('SIGINT')).toBe(0);
    const [, grandchild] = JSON.parse(readFileSync(pids, 'utf8')) as number[];
    await eventually(() => !isAlive(grandchild));
  });
});

describe('runLocally: a real Ctrl-C', () => {
  it('reaches the child group through the runner process and ends the run with 130', async () => {
    const pids = join(root, 'pids.json');
    const driver = join(root, 'driver.js');
    // The runner in its own process, loaded from source, so the signal really arrives on `process`.
    writeFileSync(
      driver,
      `require(${JSON.stringify(require.resolve('@swc-node/register'))});
const { runLocally } = require(${JSON.stringify(join(__dirname, 'run-locally.ts'))});
const { catalogOf, scheduleOf } = require(${JSON.stringify(require.resolve('@compute/schedule/testing'))});
const { scheduleFile } = require(${JSON.stringify(join(__dirname, '..', 'testing', 'catalog-fixture.ts'))});
const script = "const g = require('child_process').spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });" +
  "require('fs').writeFileSync(process.env.PIDS_FILE, JSON.stringify([process.pid, g.pid])); console.log('ready'); setInterval(() => {}, 1000);";
const catalog = catalogOf({ job: scheduleFile({ command: [process.execPath, '-e', script], environment: { PIDS_FILE: ${JSON.stringify(pids)} } }) });
runLocally({ workspaceRoot: ${JSON.stringify(root)}, catalog, schedule: scheduleOf(catalog, 'job'), killGraceMs: 300 }).then((r) => process.exit(r.exitCode));
`,
    );
    const child = spawn(NODE, [driver], { cwd: join(__dirname, '..', '..'), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    await eventually(() => stdout.includes('ready'), 15000);
    const [jobPid, grandchild] = JSON.parse(readFileSync(pids, 'utf8')) as number[];
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    expect(stderr).toContain('SIGINT received, stopping schedule job');
    await eventually(() => !isAlive(jobPid) && !isAlive(grandchild));
  }, 20000);
});

describe('runLocally: array jobs', () => {
  const SHARD = `
    const i = process.env.AWS_BATCH_JOB_ARRAY_INDEX;
    const size = process.env.AWS_BATCH_JOB_ARRAY_SIZE;
    console.log('shard ' + i + ' as ' + process.env.AWS_BATCH_JOB_ID + (size === undefined ? '' : ' of ' + size));
    console.error('log from ' + i);
    process.exit(i === process.env.FAIL_SHARD ? 4 : 0);
  `;

  it('runs every shard, prefixing each line with its index', async () => {
    const { catalog, schedule } = nodeJob(SHARD, { parallel: 3, environment: { FAIL_SHARD: 'none' } });
    const { result, out } = await run({ catalog, schedule, concurrency: 2 });
    expect(result).toEqual({ success: true, exitCode: 0 });
    const lines = out.stdout().trimEnd().split('\n').sort();
    // AWS Batch tells a child its index only; the array size is not in its environment there, so not here either.
    expect(lines).toEqual(['[0] shard 0 as local-test:0', '[1] shard 1 as local-test:1', '[2] shard 2 as local-test:2']);
    expect(out.stderr()).toContain('[1] log from 1\n');
    expect(out.stderr()).toContain('all 3, 2 at a time');
  });

  it('fails when any shard fails, naming it, after running the others', async () => {
    const { catalog, schedule } = nodeJob(SHARD, { parallel: 3, environment: { FAIL_SHARD: '1' } });
    const { result, out } = await run({ catalog, schedule });
    expect(result).toEqual({ success: false, exitCode: 4 });
    expect(out.stdout()).toBe('[0] shard 0 as local-test:0\n[1] shard 1 as local-test:1\n[2] shard 2 as local-test:2\n');
    expect(out.stderr()).toContain('compute: [1] attempt 1 of 1 failed with exit code 4');
    expect(out.stderr()).toContain('compute: 1 of 3 shards failed: 1');
  });

  it('honours the concurrency limit', async () => {
    const log = join(root, 'events');
    const script = `
      const fs = require('fs');
      fs.appendFileSync(process.env.LOG, 'start\\n');
      setTimeout(() => { fs.appendFileSync(process.env.LOG, 'end\\n'); }, 1500);
    `;
    const { catalog, schedule } = nodeJob(script, { parallel: 4, environment: { LOG: log } });
    await run({ catalog, schedule, concurrency: 2 });
    let open = 0;
    let peak = 0;
    for (const event of readFileSync(log, 'utf8').trim().split('\n')) {
      open += event === 'start' ? 1 : -1;
      peak = Math.max(peak, open);
    }
    expect(peak).toBe(2);
  });

  it('runs one shard with --index, unprefixed', async () => {
    const { catalog, schedule } = nodeJob(SHARD, { parallel: 3, environment: { FAIL_SHARD: 'none' } });
    const { result, out } = await run({ catalog, schedule, index: 2 });
    expect(result.success).toBe(true);
    expect(out.stdout()).toBe('shard 2 as local-test:2\n');
    expect(out.stderr()).toContain('shard 2 of 3 (indexes 0-2)');
  });

  it('rejects an index outside the array', async () => {
    const { catalog, schedule } = nodeJob(SHARD, { parallel: 3 });
    const error = await runnerFailure(run({ catalog, schedule, index: 3 }));
    expect(error.message).toBe('--index must be a shard index from 0 to 2 (schedule job has 3 shards), not 3');
  });
});

describe('runLocally: --container', () => {
  let bin: string;
  let log: string;

  /** A stand-in `docker` that records each invocation (argv, and the values of the variables named by -e). */
  beforeEach(() => {
    bin = join(root, 'bin');
    log = join(root, 'docker-calls.jsonl');
    mkdirSync(bin);
    const stub = `#!${NODE}
const argv = process.argv.slice(2);
const names = argv.flatMap((a, i) => (a === '-e' ? [argv[i + 1]] : []));
const env = Object.fromEntries(names.map((n) => [n, process.env[n]]));
require('fs').appendFileSync(process.env.DOCKER_STUB_LOG, JSON.stringify({ argv, env }) + '\\n');
if (argv[0] === 'version') {
  if (process.env.DOCKER_STUB_DOWN) { console.error('Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?'); process.exit(1); }
  console.log('Client: 27.0.0'); process.exit(0);
}
if (argv[0] === 'image') process.exit(0);
if (argv[0] === 'kill') process.exit(0);
if (argv[0] === 'run') { console.log('inside the container'); process.exit(Number(process.env.DOCKER_STUB_EXIT || 0)); }
`;
    writeFileSync(join(bin, 'docker'), stub);
    chmodSync(join(bin, 'docker'), 0o755);
  });

  function calls(): { argv: string[]; env: Record<string, string> }[] {
    return readFileSync(log, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
  }

  function dockerEnv(extra: Record<string, string> = {}) {
    return baseEnv({ PATH: `${bin}:${process.env.PATH}`, DOCKER_STUB_LOG: log, ...extra });
  }

  it('runs the command in the image with the size limits and the job environment passed by name', async () => {
    const catalog = catalogOf(
      { job: scheduleFile({ command: ['node', 'jobs/run.js'], environment: { LOG_LEVEL: 'info' }, secrets: ['API_TOKEN'], size: 'large' }) },
      { image: 'public.ecr.aws/docker/library/node:22' },
    );
    const { result, out } = await run({ catalog, schedule: scheduleOf(catalog, 'job'), container: true, args: ['--fast'], env: dockerEnv({ API_TOKEN: 'tok-SECRET' }) });
    expect(result.success).toBe(true);
    expect(out.stdout()).toBe('inside the container\n');
    const [version, inspect, dockerRun] = calls();
    expect(version.argv).toEqual(['version']);
    expect(inspect.argv).toEqual(['image', 'inspect', '--format', '{{.Id}}', 'public.ecr.aws/docker/library/node:22']);
    expect(dockerRun.argv).toEqual([
      'run', '--rm', '--init',
      '--name', 'compute-job-local-test-1',
      '--platform', 'linux/arm64',
      '--pull', 'never',
      '--network', 'host',
      '--cpu-shares', '2048',
      '--memory', '15200m',
      '--memory-swap', '15200m',
      '--ulimit', 'nofile=1048576:1048576',
      '-e', 'API_TOKEN', '-e', 'AWS_BATCH_CE_NAME', '-e', 'AWS_BATCH_JOB_ATTEMPT', '-e', 'AWS_BATCH_JOB_ID', '-e', 'AWS_BATCH_JQ_NAME',
      '-e', 'AWS_DEFAULT_REGION', '-e', 'AWS_REGION', '-e', 'LOG_LEVEL',
      'public.ecr.aws/docker/library/node:22',
      'node', 'jobs/run.js', '--fast',
    ]);
    expect(dockerRun.argv.join(' ')).not.toContain('tok-SECRET');
    expect(dockerRun.env).toEqual({
      API_TOKEN: 'tok-SECRET',
      AWS_BATCH_CE_NAME: 'compute-large-local',
      AWS_BATCH_JOB_ATTEMPT: '1',
      AWS_BATCH_JOB_ID: 'local-test',
      AWS_BATCH_JQ_NAME: 'compute-large',
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_REGION: 'us-east-1',
      LOG_LEVEL: 'info',
    });
    expect(out.stderr()).toContain("cwd       the image's WORKDIR (the workspace is not mounted)");
    expect(out.stderr()).toContain('compute: running schedule job in a container');
    expect(out.stderr()).toContain('public.ecr.aws/docker/library/node:22 (linux/arm64, 2 vCPUs, 15200 MiB)');
  });

  it("prefers the schedule's image and passes a shard's variables", async () => {
    const catalog = catalogOf({ job: scheduleFile({ image: 'example/own:1', parallel: 2, size: 'warp' }) });
    await run({ catalog, schedule: scheduleOf(catalog, 'job'), container: true, index: 1, env: dockerEnv() });
    const dockerRun = calls()[2];
    expect(dockerRun.argv).toContain('example/own:1');
    expect(dockerRun.argv.slice(0, 7)).toEqual(['run', '--rm', '--init', '--name', 'compute-job-local-test-1-1', '--platform', 'linux/amd64']);
    expect(dockerRun.env).toMatchObject({ AWS_BATCH_JOB_ARRAY_INDEX: '1', AWS_BATCH_JOB_ATTEMPT: '1', AWS_BATCH_JOB_ID: 'local-test:1', AWS_BATCH_JQ_NAME: 'compute-warp' });
  });

  it('hands the assumed role to the container by name, never in argv', async () => {
    const sts = await startFakeStsApi({ assumable: ['compute-test-role'] });
    try {
      const catalog = catalogOf({ job: scheduleFile() });
      const stsClient = new STSClient({ region: 'us-east-1', endpoint: sts.endpoint, credentials: { accessKeyId: 'AKIACALLER', secretAccessKey: 'caller-secret' } });
      await run({ catalog, schedule: scheduleOf(catalog, 'job'), container: true, assumeRole: true, stsClient, env: dockerEnv({ AWS_ACCESS_KEY_ID: 'AKIACALLER' }) });
      const dockerRun = calls()[2];
      expect(dockerRun.env).toMatchObject({ AWS_ACCESS_KEY_ID: 'ASIAJOBROLE17', AWS_SECRET_ACCESS_KEY: 'job-secret-of-compute-test-role', AWS_SESSION_TOKEN: 'job-session-of-compute-test-role' });
      expect(dockerRun.argv.join(' ')).not.toContain('job-secret-of');
    } finally {
      await sts.close();
    }
  });

  it('mounts the workspace only when asked to', async () => {
    const catalog = catalogOf({ job: scheduleFile() });
    const { out } = await run({ catalog, schedule: scheduleOf(catalog, 'job'), container: true, mountWorkspace: true, env: dockerEnv() });
    const argv = calls()[2].argv;
    expect(argv.slice(argv.indexOf('-v'), argv.indexOf('-v') + 4)).toEqual(['-v', `${root}:/workspace`, '-w', '/workspace']);
    expect(out.stderr()).toContain('/workspace (the workspace root, mounted: --mount-workspace)');
  });

  it('refuses --mount-workspace without --container', async () => {
    const catalog = catalogOf({ job: scheduleFile() });
    const error = await runnerFailure(run({ catalog, schedule: scheduleOf(catalog, 'job'), mountWorkspace: true }));
    expect(error.message).toContain('--mount-workspace applies only with --container');
  });

  it('returns the exit code docker reports', async () => {
    const catalog = catalogOf({ job: scheduleFile() });
    const { result } = await run({ catalog, schedule: scheduleOf(catalog, 'job'), container: true, env: dockerEnv({ DOCKER_STUB_EXIT: '5' }) });
    expect(result).toEqual({ success: false, exitCode: 5 });
  });

  it('removes the container after a timeout', async () => {
    writeFileSync(join(bin, 'docker'), readFileSync(join(bin, 'docker'), 'utf8').replace("console.log('inside the container');", 'setInterval(() => {}, 1000); return;'));
    const catalog = catalogOf({ job: scheduleFile() });
    const { result } = await run({ catalog, schedule: withTimeout(scheduleOf(catalog, 'job'), 1), container: true, env: dockerEnv() });
    expect(result.success).toBe(false);
    await eventually(() => calls().some((c) => c.argv[0] === 'rm'));
    expect(calls().map((c) => c.argv)).toContainEqual(['kill', '--signal', 'SIGTERM', 'compute-job-local-test-1']);
    expect(calls().map((c) => c.argv)).toContainEqual(['rm', '--force', 'compute-job-local-test-1']);
  });

  it('fails clearly without docker on PATH', async () => {
    const catalog = catalogOf({ job: scheduleFile() });
    const error = await runnerFailure(run({ catalog, schedule: scheduleOf(catalog, 'job'), container: true, env: baseEnv({ PATH: join(root, 'empty') }) }));
    expect(error.message).toContain('--container needs Docker, but no `docker` executable is on PATH');
  });

  it('fails clearly when docker cannot reach an engine', async () => {
    const catalog = catalogOf({ job: scheduleFile() });
    const error = await runnerFailure(run({ catalog, schedule: scheduleOf(catalog, 'job'), container: true, env: dockerEnv({ DOCKER_STUB_DOWN: '1' }) }));
    expect(error.message).toContain('`docker version` failed: Cannot connect to the Docker daemon');
    expect(calls().map((c) => c.argv[0])).toEqual(['version']);
  });

  it('refuses --inherit-env in a container', async () => {
    const catalog = catalogOf({ job: scheduleFile() });
    const error = await runnerFailure(run({ catalog, schedule: scheduleOf(catalog, 'job'), container: true, inheritEnv: true, env: dockerEnv() }));
    expect(error.message).toContain('--inherit-env cannot be combined with --container');
  });
});
