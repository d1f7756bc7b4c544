import { spawn as nodeSpawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { constants, tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { awsNames, JOB_STOP_TIMEOUT_SECONDS, type Schedule } from '@compute/schedule';
import { RunnerError } from '../errors';
import { processIO, say, type ComputeIO } from '../io';
import { resolveQueue } from '../queue';
import type { ScheduleRunTarget } from '../target';
import { assumeJobRole, looksLikeMissingCredentials, type AssumedRole, type StsClient } from './assume-role';
import { assertDockerUsable, CONTAINER_WORKSPACE, containerStartHint, dockerPlatform, ensureImage, isContainerStartFailure, type Ulimit } from './docker';
import { formatHeader } from './header';
import { assertSecretsPresent, definedOnly, hostVariables, jobVariables, type Environment, type JobContext } from './job-environment';
import { planLaunch } from './launch';
import { LinePrefixer } from './line-prefixer';
import { canMeasure, usageReport, watchProcessGroup, type UsagePeak } from './resource-usage';
import { startProcessGroup, type ProcessGroupResult, type RunningProcessGroup, type SpawnFunction } from './process-group';

/** Signals a local run forwards to its processes. */
const FORWARDED_SIGNALS: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

/** The hosts' ECS_CONTAINER_STOP_TIMEOUT: a stopped job gets this long between SIGTERM and SIGKILL, here too. */
const DEFAULT_KILL_GRACE_MS = JOB_STOP_TIMEOUT_SECONDS * 1000;

/** How much of docker's stderr an attempt keeps, to tell docker's own failures from the job's. */
const DOCKER_STDERR_TAIL = 8192;

export interface SignalSource {
  on(signal: NodeJS.Signals, listener: () => void): unknown;
  off(signal: NodeJS.Signals, listener: () => void): unknown;
}

export interface RunLocallyOptions extends ScheduleRunTarget {
  /** Absolute path of the workspace; the command runs from here. */
  workspaceRoot: string;
  /** Pass the whole caller environment, not only the job's contract (debugging). */
  inheritEnv?: boolean;
  /** Assume the schedule's awsRole with the caller's credentials and give the job only those. */
  assumeRole?: boolean;
  /** STS client for assumeRole; default one from the standard AWS chain. */
  stsClient?: StsClient;
  /** Tries per run (and per shard); default 1, since reproducing a failure is the point. */
  attempts?: number;
  /** Run only this array shard (0-based). */
  index?: number;
  /** Shards run at once when all shards run; default 1. */
  concurrency?: number;
  /** Run in the schedule's image with `docker run`. */
  container?: boolean;
  /** With container: mount the workspace at /workspace and run there (development only; on AWS the image is all there is). */
  mountWorkspace?: boolean;
  /** With container: the ulimits to set; default the job definitions' (tests on hosts that cannot grant them). */
  ulimits?: readonly Ulimit[];
  /** Pretend to run on this environment's queue (AWS_BATCH_JQ_NAME). */
  environment?: string;
  /** The caller's environment and the output; default this process's. */
  io?: ComputeIO;
  /** Job id; default `local-<random>`. */
  jobId?: string;
  /** Between SIGTERM and SIGKILL when stopping; default JOB_STOP_TIMEOUT_SECONDS, as on the hosts. */
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

interface AttemptResult extends ProcessGroupResult {
  /** docker itself failed to start the container (Batch: CannotStartContainerError). */
  cannotStart: boolean;
  /** What the user can do about it, when docker's message tells. */
  startHint?: string;
}

interface ShardPlan {
  /** undefined for a plain (non-array) job. */
  index?: number;
  prefixed: boolean;
}

/** Runs a schedule on this machine with the environment it gets on AWS Batch. */
export async function runLocally(options: RunLocallyOptions): Promise<LocalRunResult> {
  const { schedule, catalog } = options;
  const io = options.io ?? processIO();
  const callerEnv: Environment = io.env;
  const definition = schedule.definition;
  const attempts = options.attempts ?? 1;
  const killGraceMs = options.killGraceMs ?? DEFAULT_KILL_GRACE_MS;
  const concurrency = options.concurrency ?? 1;

  assertValidOptions(options, schedule);
  const { queue, environment } = resolveQueue(catalog, schedule, options.environment);
  assertSecretsPresent(schedule, callerEnv);
  if (options.container) await assertDockerUsable(callerEnv);
  // Terraform names each compute environment <prefix><unique suffix>; a local run's suffix is "local".
  const computeEnvironment = `${awsNames(catalog.config).computeEnvironmentPrefix(environment)}local`;
  const region = catalog.config.region;
  let assumed: AssumedRole | undefined;
  if (options.assumeRole) {
    assumed = await assumeJobRole({ roleName: definition.awsRole, scheduleName: schedule.name, region, client: options.stsClient });
  }

  const jobId = options.jobId ?? `local-${randomBytes(4).toString('hex')}`;
  const command = [...definition.command, ...(options.args ?? [])];
  const image = definition.image ?? catalog.config.image;
  const shards = planShards(definition.parallel, options.index);
  const contextFor = (attempt: number, shard: ShardPlan): JobContext => ({
    jobId,
    attempt,
    queue,
    computeEnvironment,
    region,
    ...(shard.index !== undefined ? { shard: { index: shard.index } } : {}),
    ...(assumed ? { credentials: assumed } : {}),
  });
  const exampleContext = contextFor(1, shards[0]);
  const platform = dockerPlatform(schedule.environment.architecture);

  say(
    io,
    formatHeader({
      schedule: schedule.name,
      command,
      cwd: options.container
        ? options.mountWorkspace
          ? `${CONTAINER_WORKSPACE} (the workspace root, mounted: --mount-workspace)`
          : "the image's WORKDIR (the workspace is not mounted)"
        : 'the workspace root',
      variables: Object.keys(jobVariables(schedule, callerEnv, exampleContext)),
      host: options.inheritEnv ? 'all' : options.container ? [] : Object.keys(hostVariables(callerEnv)),
      basics: options.container
        ? "HOME, USER and locale are the image's"
        : options.inheritEnv
          ? undefined
          : 'HOME is a fresh empty folder, TZ=UTC, no locale variables, no node_modules/.bin on PATH',
      awsCredentials: assumed
        ? `temporary credentials of ${assumed.roleArn} (--assume-role${assumed.expiration ? `, valid until ${assumed.expiration.toISOString().slice(11, 16)} UTC` : ''})`
        : options.inheritEnv
          ? "whatever your shell has (--inherit-env); on AWS the job has its role's"
          : `none; pass --assume-role to run with the job role ${definition.awsRole}, as on AWS`,
      timeoutSeconds: definition.timeout,
      killGraceSeconds: killGraceMs / 1000,
      attempts,
      ...(definition.parallel > 1 ? { shards: { size: definition.parallel, index: options.index, concurrency } } : {}),
      ...(options.container
        ? { container: { image, platform, vcpus: schedule.size.vcpus, memoryMiB: schedule.size.memoryMiB } }
        : {}),
    }),
  );

  if (options.container) {
    // Pulled before the first attempt starts its clock, as Batch pulls before the attempt begins.
    const pulled = await ensureImage(image, platform, definedOnly(callerEnv), (chunk) => void io.stderr.write(chunk.toString('utf8')));
    if (pulled.error) {
      throw new RunnerError(
        `cannot pull image ${image}: ${pulled.error}\n  On AWS Batch this attempt would fail with CannotPullContainerError, which is not retried. Check the image name ("image" in ${schedule.file} or ${catalog.configFile}) and your registry login.`,
      );
    }
    if (pulled.pulled) say(io, `compute: pulled ${image}; the timeout starts with the container, not the pull`);
  }

  // One handler for the whole run: Ctrl-C reaches every running process group and no new attempt starts.
  const running = new Set<RunningProcessGroup>();
  let credentialHint = false;
  // A plain run has no limits: measure it to say what its size would have done on AWS.
  const measure = !options.container && canMeasure();
  const peak: UsagePeak = { peakRssBytes: 0, peakCores: 0 };
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

  const runAttempt = async (shard: ShardPlan, attempt: number): Promise<AttemptResult> => {
    const out = outputFor(io, shard);
    // Each attempt is a new container on AWS, with a home that starts empty.
    const home = mkdtempSync(join(tmpdir(), 'compute-home-'));
    try {
      const { containerName: name, ...launch } = planLaunch({
        schedule,
        config: catalog.config,
        command,
        callerEnv,
        context: contextFor(attempt, shard),
        workspaceRoot: options.workspaceRoot,
        home,
        container: options.container,
        mountWorkspace: options.mountWorkspace,
        ulimits: options.ulimits,
        inheritEnv: options.inheritEnv,
      });
      let stderrTail = '';
      let outputTail = '';
      const keep = (chunk: Buffer) => {
        outputTail = (outputTail + chunk.toString('utf8')).slice(-DOCKER_STDERR_TAIL);
      };
      const group = startProcessGroup({
        ...launch,
        timeoutMs: definition.timeout * 1000,
        killGraceMs,
        onStdout: (chunk) => {
          keep(chunk);
          out.stdout(chunk);
        },
        onStderr: (chunk) => {
          keep(chunk);
          if (name) stderrTail = (stderrTail + chunk.toString('utf8')).slice(-DOCKER_STDERR_TAIL);
          out.stderr(chunk);
        },
        ...(name ? { deliverStop: (signal: NodeJS.Signals) => void dockerKill(name, signal, callerEnv, options.spawn) } : {}),
        spawn: options.spawn,
      });
      running.add(group);
      const watch = measure && group.pid !== undefined ? watchProcessGroup(group.pid) : undefined;
      if (interruptedBy) group.stop(interruptedBy);
      const result = await group.done;
      running.delete(group);
      if (watch) {
        const used = watch.stop();
        peak.peakRssBytes = Math.max(peak.peakRssBytes, used.peakRssBytes);
        peak.peakCores = Math.max(peak.peakCores, used.peakCores);
      }
      out.end();
      if (name && (result.timedOut || result.stoppedBy)) await removeContainer(name, callerEnv, options.spawn);
      const cannotStart = name !== undefined && !result.timedOut && !result.stoppedBy && isContainerStartFailure(result.exitCode, stderrTail);
      const failed = result.exitCode !== 0 || result.timedOut;
      if (failed && !assumed && !options.inheritEnv && looksLikeMissingCredentials(outputTail)) credentialHint = true;
      return { ...result, cannotStart, ...(cannotStart ? { startHint: containerStartHint(stderrTail, options.ulimits) } : {}) };
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  };

  const runShard = async (shard: ShardPlan): Promise<AttemptResult> => {
    const label = shard.prefixed ? `[${shard.index}] ` : '';
    let result: AttemptResult | undefined;
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
      if (result.cannotStart) {
        say(
          io,
          `compute: ${label}docker could not start the container (exit code ${result.exitCode}). On AWS Batch this is CannotStartContainerError, ` +
            `an infrastructure reason the retry rules do not retry${attempt < attempts ? ', so neither does this run' : ''}`,
        );
        if (result.startHint) say(io, `compute: ${label}${result.startHint}`);
        break;
      }
      const more = attempt < attempts ? `; retrying (attempt ${attempt + 1} of ${attempts})` : '';
      say(io, `compute: ${label}attempt ${attempt} of ${attempts} failed with exit code ${result.exitCode}${more}`);
    }
    return result ?? { exitCode: 128 + signalNumber(interruptedBy ?? 'SIGINT'), timedOut: false, stoppedBy: interruptedBy, cannotStart: false };
  };

  try {
    const results = await mapWithConcurrency(shards, concurrency, runShard);
    if (measure && peak.peakRssBytes > 0) {
      const report = usageReport(peak, schedule.size);
      say(io, `compute: ${report.summary}`);
      for (const warning of report.warnings) say(io, `compute: warning: ${warning}`);
    }
    if (credentialHint) {
      say(
        io,
        `compute: the job failed on missing AWS credentials: a local run has none of its own. Pass --assume-role to run with the job role ${definition.awsRole}, as on AWS.`,
      );
    }
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
  if (options.mountWorkspace && !options.container) {
    problems.push('--mount-workspace applies only with --container: a plain local run already runs from the workspace root');
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

function outputFor(io: ComputeIO, shard: ShardPlan) {
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

function summarize(io: ComputeIO, schedule: Schedule, shards: ShardPlan[], results: ProcessGroupResult[], interruptedBy: NodeJS.Signals | undefined): LocalRunResult {
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

/** Signals the container's PID 1 (the init process, which forwards it to the command), as the ECS agent's stop does. */
function dockerKill(name: string, signal: NodeJS.Signals, env: Environment, spawn: SpawnFunction = nodeSpawn as SpawnFunction): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn('docker', ['kill', '--signal', signal, name], { env: definedOnly(env), stdio: 'ignore' });
    child.once('error', () => resolve());
    child.once('exit', () => resolve());
  });
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
