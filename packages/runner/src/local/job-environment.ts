import type { Schedule } from '@compute/schedule';
import { RunnerError } from '../errors';

export type Environment = Record<string, string | undefined>;

/** What AWS Batch would tell this attempt about itself. */
export interface JobContext {
  /** The job id; array shards get `<id>:<index>` as Batch does for child jobs. */
  jobId: string;
  /** 1-based attempt number. */
  attempt: number;
  /** Job queue name. */
  queue: string;
  /** Set for a child of an array job; AWS Batch tells it only its index, not the array size. */
  shard?: { index: number };
}

/**
 * Host variables a process needs to work at all on this machine. Everything
 * else from the caller's shell stays out, so a job that runs here depends only
 * on what the schedule declares, as it will on AWS.
 */
export function hostVariables(callerEnv: Environment): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(callerEnv).sort()) {
    const value = callerEnv[name];
    if (value === undefined) continue;
    if (name === 'PATH' || name === 'HOME' || name === 'TMPDIR' || name === 'LANG' || name.startsWith('LC_')) out[name] = value;
  }
  return out;
}

/** Secrets the schedule declares that the caller's environment lacks or leaves empty, in declared order. */
export function missingSecrets(schedule: Schedule, callerEnv: Environment): string[] {
  return schedule.definition.secrets.filter((name) => !callerEnv[name]);
}

/** Fails before anything starts, naming every missing secret at once. */
export function assertSecretsPresent(schedule: Schedule, callerEnv: Environment): void {
  const missing = missingSecrets(schedule, callerEnv);
  if (missing.length === 0) return;
  const list = missing.join(', ');
  const plural = missing.length === 1 ? 'secret is' : 'secrets are';
  throw new RunnerError(
    [
      `schedule ${schedule.name} cannot run: ${missing.length} ${plural} missing or empty in your environment: ${list}`,
      `  They are listed in "secrets" of ${schedule.file}; on AWS they come from the secret store, locally from your shell.`,
      `  Export ${missing.length === 1 ? 'it' : 'them'} (for example: export ${missing[0]}=...) and run again. Nothing was started.`,
    ].join('\n'),
  );
}

/**
 * The job's own variables: the schedule's `environment`, its secrets read from
 * the caller, and what AWS Batch sets in every container.
 */
export function jobVariables(schedule: Schedule, callerEnv: Environment, context: JobContext): Record<string, string> {
  const vars: Record<string, string> = { ...schedule.definition.environment };
  for (const name of schedule.definition.secrets) vars[name] = callerEnv[name] ?? '';
  vars.AWS_BATCH_JOB_ID = context.shard ? `${context.jobId}:${context.shard.index}` : context.jobId;
  vars.AWS_BATCH_JOB_ATTEMPT = String(context.attempt);
  vars.AWS_BATCH_JQ_NAME = context.queue;
  // AWS_BATCH_JOB_ARRAY_SIZE is not set: Batch never sets it, and a job must not come to rely on it here.
  if (context.shard) vars.AWS_BATCH_JOB_ARRAY_INDEX = String(context.shard.index);
  return sortRecord(vars);
}

/**
 * The environment of a local process: host basics plus the job's variables, or
 * (with inheritEnv, for debugging) the whole caller environment under them.
 */
export function localProcessEnvironment(
  schedule: Schedule,
  callerEnv: Environment,
  context: JobContext,
  inheritEnv = false,
): Record<string, string> {
  const base = inheritEnv ? definedOnly(callerEnv) : hostVariables(callerEnv);
  return { ...base, ...jobVariables(schedule, callerEnv, context) };
}

/** The variables that have a value, as a child process's environment needs them. */
export function definedOnly(env: Environment): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined) out[name] = value;
  return out;
}

function sortRecord(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.keys(record).sort().map((key) => [key, record[key]]));
}
