import { spawn as nodeSpawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { constants } from 'node:os';
import { StringDecoder } from 'node:string_decoder';
import type { Schedule } from '@compute/schedule';
import { RunnerError } from '../errors';
import { processIO, say, type RunnerIO } from '../io';
import { resolveQueue } from '../queue';
import type { ScheduleRunTarget } from '../target';
import { assertDockerUsable, CONTAINER_WORKSPACE, dockerPlatform } from './docker';
import { formatHeader } from './header';
import { assertSecretsPresent, definedOnly, hostVariables, jobVariables, type Environment, type JobContext } from './job-environment';
import { planLaunch } from './launch';
import { LinePrefixer } from './line-prefixer';
import { startProcessGroup, type ProcessGroupResult, type RunningProcessGroup, type SpawnFunction } from './process-group';

/** Signals a local run forwards to its processes. */
const FORWARDED_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

/** ECS gives a stopped container 30 s between SIGTERM and SIGKILL; so does a local run. */
const DEFAULT_KILL_GRACE_MS = 30_000;

export interface SignalSource {
  on(signal: NodeJS.Signals, listener: () => void): unknown;
  off(signal: NodeJS.Signals, listener: () => void): unknown;
}

export interface RunLocallyOptions extends ScheduleRunTarget {
  /** Absolute path of the workspace; the command runs from here. */
  workspaceRoot: string;
  /** Pass the whole caller environment, not only the job's contract (debugging). */
  inheritEnv?: boolean;
  /** Tries per run (and per shard); default 1, since reproducing a failure is the point. */
  attempts?: number;
  /** Run only this array shard (0-based). */
  index?: number;
  /** Shards run at once when all shards run; default 1. */
  concurrency?: number;
  /** Run in the schedule's image with `docker run`. */
  container?: boolean;
  /** Pretend to run on this environment's queue (AWS_BATCH_JQ_NAME). */
  environment?: string;
  /** The caller's environment; default process.env. */
  env?: Environment;
  io?: RunnerIO;
  /** Job id; default `local-<random>`. */
  jobId?: string;
  /** Between SIGTERM and SIGKILL when stopping; default 30 s. */
  killGraceMs?: number;
  /** Where Ctrl-C comes from; default the current process. */
  signals?: SignalSource;
  spawn?: SpawnFunction;
}

export interface LocalRunResult {
  success: boolean;
  /** The failing exit code (the first failing shard's), 0 on success. */
  exitCode: number;
}

interface ShardPlan {
  /** undefined for a plain (non-array) job. */
  index?: number;
  prefixed: boolean;
}

/** Runs a schedule on this machine with the environment it gets on AWS Batch. */
export async function runLocally(options: RunLocallyOptions): Promise<LocalRunResult> {
  const { schedule, catalog } = options;
  const io = options.io ?? processIO;
  const callerEnv = options.env ?? process.env;
  const definition = schedule.definition;
  const attempts = options.attempts ?? 1;
  const concurrency = options.concurrency ?? 1;

  assertValidOptions(options, schedule);
  const { queue } = resolveQueue(catalog, schedule, options.environment);
  assertSecretsPresent(schedule, callerEnv);
  if (options.container) await assertDockerUsable(callerEnv);

  const jobId = options.jobId ?? `local-${randomBytes(4).toString('hex')}`;
  const command = [...definition.command, ...(options.args ?? [])];
  const image = definition.image ?? catalog.config.image;
  const shards = planShards(definition.parallel, options.index);
  const exampleContext: JobContext = { jobId, attempt: 1, queue, ...(shards[0].index !== undefined ? { shard: { index: shards[0].index } } : {}) };

  say(
    io,
    formatHeader({
      schedule: schedule.name,
      command,
      cwd: options.container ? `${CONTAINER_WORKSPACE} (the workspace root, mounted)` : 'the workspace root',
      variables: Object.keys(jobVariables(schedule, callerEnv, exampleContext)),
      host: options.inheritEnv ? 'all' : options.container ? [] : Object.keys(hostVariables(callerEnv)),
      timeoutSeconds: definition.timeout,
      attempts,
      ...(definition.parallel > 1 ? { shards: { size: definition.parallel, index: options.index, concurrency } } : {}),
      ...(options.container
        ? { container: { image, platform: dockerPlatform(schedule.environment.architecture), vcpus: schedule.size.vcpus, memoryMiB: schedule.size.memoryMiB } }
        : {}),
    }),
  );

  // One handler for the whole run: Ctrl-C reaches every running process group and no new attempt starts.
  const running = new Set<RunningProcessGroup>();
  let interruptedBy: NodeJS.Signals | undefined;
  const signals = options.signals ?? process;
  const handlers = FORWARDED_SIGNALS.map((signal) => {
    const handler = () => {
      if (!interruptedBy) say(io, `compute: ${signal} received, stopping schedule ${schedule.name} and its child processes`);
      interruptedBy ??= signal;
      for (const group of running) group.stop(signal);
    };
    signals.on(signal, handler);
    return [signal, handler] as const;
  });

  const runAttempt = async (shard: ShardPlan, attempt: number): Promise<ProcessGroupResult> => {
    const context: JobContext = { jobId, attempt, queue, ...(shard.index !== undefined ? { shard: { index: shard.index } } : {}) };
    const out = outputFor(io, shard);
    const { containerName: name, ...launch } = planLaunch({
      schedule,
      config: catalog.config,
      command,
      callerEnv,
      context,
      workspaceRoot: options.workspaceRoot,
      container: options.container,
      inheritEnv: options.inheritEnv,
    });
    const group = startProcessGroup({
      ...launch,
      timeoutMs: definition.timeout * 1000,
      killGraceMs: options.killGraceMs ?? DEFAULT_KILL_GRACE_MS,
      onStdout: out.stdout,
      onStderr: out.stderr,
      spawn: options.spawn,
    });
    running.add(group);
    if (interruptedBy) group.stop(interruptedBy);
    const result = await group.done;
    running.delete(group);
    out.end();
    if (name && (result.timedOut || result.stoppedBy)) await removeContainer(name, callerEnv, options.spawn);
    return result;
  };

  const runShard = async (shard: ShardPlan): Promise<ProcessGroupResult> => {
    const label = shard.prefixed ? `[${shard.index}] ` : '';
    let result: ProcessGroupResult | undefined;
    for (let attempt = 1; attempt <= attempts; attempt++) {
      if (interruptedBy) break;
      result = await runAttempt(shard, attempt);
      if (result.exitCode === 0 && !result.timedOut) return result;
      if (result.spawnError || result.stoppedBy || interruptedBy) break;
      if (result.timedOut) {
        say(
          io,
          `compute: ${label}schedule ${schedule.name} timed out after ${definition.timeout} s ("timeout" in ${schedule.file}); stopped the process and its children` +
            (attempt < attempts ? '. Not retried: AWS Batch does not retry an attempt that timed out' : ''),
        );
        break;
      }
      const more = attempt < attempts ? `; retrying (attempt ${attempt + 1} of ${attempts})` : '';
      say(io, `compute: ${label}attempt ${attempt} of ${attempts} failed with exit code ${result.exitCode}${more}`);
    }
    return result ?? { exitCode: 128 + signalNumber(interruptedBy ?? 'SIGINT'), timedOut: false, stoppedBy: interruptedBy };
  };

  try {
    const results = await mapWithConcurrency(shards, concurrency, runShard);
    const spawnError = results.find((result) => result.spawnError)?.spawnError;
    if (spawnError) throw spawnFailure(spawnError, options.container ? 'docker' : command[0], schedule);
    return summarize(io, schedule, shards, results, interruptedBy);
  } finally {
    for (const [signal, handler] of handlers) signals.off(signal, handler);
  }
}

function assertValidOptions(options: RunLocallyOptions, schedule: Schedule): void {
  const problems: string[] = [];
  const parallel = schedule.definition.parallel;
  if (options.attempts !== undefined && !(Number.isInteger(options.attempts) && options.attempts >= 1 && options.attempts <= 10)) {
    problems.push(`--attempts must be a whole number from 1 to 10, not ${options.attempts}`);
  }
  if (options.concurrency !== undefined && !(Number.isInteger(options.concurrency) && options.concurrency >= 1)) {
    problems.push(`--concurrency must be a whole number of at least 1, not ${options.concurrency}`);
  }
  if (options.index !== undefined) {
    if (parallel <= 1) problems.push(`--index applies to array jobs only; schedule ${schedule.name} has "parallel": 1 in ${schedule.file}`);
    else if (!(Number.isInteger(options.index) && options.index >= 0 && options.index < parallel)) {
      problems.push(`--index must be a shard index from 0 to ${parallel - 1} (schedule ${schedule.name} has ${parallel} shards), not ${options.index}`);
    }
  }
  if (options.container && options.inheritEnv) {
    problems.push('--inherit-env cannot be combined with --container: host variables such as PATH and HOME would break the image; the container gets the job environment only');
  }
  if (problems.length === 1) throw new RunnerError(problems[0]);
  if (problems.length > 1) throw new RunnerError(`invalid options:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
}

function planShards(parallel: number, index: number | undefined): ShardPlan[] {
  if (parallel <= 1) return [{ prefixed: false }];
  if (index !== undefined) return [{ index, prefixed: false }];
  return Array.from({ length: parallel }, (_, i) => ({ index: i, prefixed: true }));
}

function outputFor(io: RunnerIO, shard: ShardPlan) {
  if (!shard.prefixed) {
    // Decoders keep a multi-byte character split across chunks intact.
    const stdout = new StringDecoder('utf8');
    const stderr = new StringDecoder('utf8');
    return {
      stdout: (chunk: Buffer) => void io.stdout.write(stdout.write(chunk)),
      stderr: (chunk: Buffer) => void io.stderr.write(stderr.write(chunk)),
      end: () => {
        const restOut = stdout.end();
        const restErr = stderr.end();
        if (restOut) io.stdout.write(restOut);
        if (restErr) io.stderr.write(restErr);
      },
    };
  }
  const prefix = `[${shard.index}] `;
  const stdout = new LinePrefixer(prefix, (text) => io.stdout.write(text));
  const stderr = new LinePrefixer(prefix, (text) => io.stderr.write(text));
  return {
    stdout: (chunk: Buffer) => stdout.push(chunk),
    stderr: (chunk: Buffer) => stderr.push(chunk),
    end: () => {
      stdout.end();
      stderr.end();
    },
  };
}

function summarize(io: RunnerIO, schedule: Schedule, shards: ShardPlan[], results: ProcessGroupResult[], interruptedBy: NodeJS.Signals | undefined): LocalRunResult {
  if (interruptedBy) {
    say(io, `compute: schedule ${schedule.name} was stopped by ${interruptedBy}`);
    return { success: false, exitCode: 128 + signalNumber(interruptedBy) };
  }
  const failed = results.map((result, i) => ({ result, shard: shards[i] })).filter(({ result }) => result.exitCode !== 0 || result.timedOut);
  if (failed.length === 0) return { success: true, exitCode: 0 };
  const exitCode = failed[0].result.exitCode || 1;
  if (shards.length > 1) {
    say(io, `compute: ${failed.length} of ${shards.length} shards failed: ${failed.map(({ shard }) => shard.index).join(', ')}`);
  } else {
    const reason = failed[0].result.timedOut ? 'timed out' : `exit code ${failed[0].result.exitCode}`;
    say(io, `compute: schedule ${schedule.name} failed (${reason})`);
  }
  return { success: false, exitCode };
}

async function mapWithConcurrency<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await fn(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

function spawnFailure(error: NodeJS.ErrnoException, program: string, schedule: Schedule): RunnerError {
  if (error.code === 'ENOENT') {
    return new RunnerError(
      `cannot start "${program}": it is not installed or not on PATH (the first word of "command" in ${schedule.file}). Locally the command runs with your PATH from the workspace root.`,
    );
  }
  if (error.code === 'EACCES') return new RunnerError(`cannot start "${program}": permission denied (is it executable?)`);
  return new RunnerError(`cannot start "${program}": ${error.message}`);
}

/** After a forced stop the docker client may die before the container; remove it so nothing keeps running. */
function removeContainer(name: string, env: Environment, spawn: SpawnFunction = nodeSpawn as SpawnFunction): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn('docker', ['rm', '--force', name], { env: definedOnly(env), stdio: 'ignore' });
    child.once('error', () => resolve());
    child.once('exit', () => resolve());
  });
}

function signalNumber(signal: NodeJS.Signals): number {
  return constants.signals[signal] ?? 1;
}
