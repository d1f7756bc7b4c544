import { type Schedule, sortedRecord } from '@compute/schedule';
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
  /** Compute environment name (AWS_BATCH_CE_NAME). */
  computeEnvironment: string;
  /** The region the job runs in (compute.json's): AWS_REGION and AWS_DEFAULT_REGION, as ECS sets them. */
  region: string;
  /** Set for a child of an array job; it is told its index, not the array size (see jobVariables). */
  shard?: { index: number };
  /** Temporary credentials of the job role (--assume-role); without them the job has none. */
  credentials?: JobCredentials;
}

export interface JobCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken: string;
}

/**
 * Host variables a process needs to work at all on this machine: PATH and TMPDIR.
 * Everything else from the caller's shell stays out (HOME is replaced by a fresh
 * folder, locale variables are dropped), so a job that runs here depends only on
 * what the schedule declares, as it will on AWS.
 */
export function hostVariables(callerEnv: Environment): Record<string, string> {
  const out: Record<string, string> = {};
  if (callerEnv.PATH !== undefined) out.PATH = withoutPackageBins(callerEnv.PATH);
  if (callerEnv.TMPDIR !== undefined) out.TMPDIR = callerEnv.TMPDIR;
  return out;
}

/**
 * PATH without the node_modules/.bin folders npx and nx put in front: a command found
 * only there runs here and is missing from the image on AWS.
 */
export function withoutPackageBins(path: string): string {
  return path
    .split(':')
    .filter((entry) => !/(^|\/)node_modules\/\.bin\/?$/.test(entry))
    .join(':');
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
  vars.AWS_BATCH_CE_NAME = context.computeEnvironment;
  vars.AWS_REGION = context.region;
  vars.AWS_DEFAULT_REGION = context.region;
  // AWS_BATCH_JOB_ARRAY_SIZE is deliberately not set. The Batch user guide lists it
  // (docs.aws.amazon.com/batch/latest/userguide/job_env_vars.html), but the feature request
  // to add it, aws/containers-roadmap#1631, is still open, and earlier versions of the same
  // page did not list it. A job that read it would work here and could fail on AWS; one that
  // takes the shard count in its command works in both places.
  if (context.shard) vars.AWS_BATCH_JOB_ARRAY_INDEX = String(context.shard.index);
  if (context.credentials) {
    vars.AWS_ACCESS_KEY_ID = context.credentials.accessKeyId;
    vars.AWS_SECRET_ACCESS_KEY = context.credentials.secretAccessKey;
    vars.AWS_SESSION_TOKEN = context.credentials.sessionToken;
  }
  return sortedRecord(vars);
}

/** What a plain (not containerized) run sets as a container would, unless --inherit-env. */
export interface PlainRunBasics {
  /** A fresh, empty folder for this attempt, as an image's home starts empty. */
  home: string;
}

/**
 * The environment of a local process: PATH and TMPDIR, a fresh HOME, TZ=UTC and no
 * locale variables (as in a container), plus the job's variables; or (with inheritEnv,
 * for debugging) the whole caller environment under the job's variables.
 */
export function localProcessEnvironment(
  schedule: Schedule,
  callerEnv: Environment,
  context: JobContext,
  basics: PlainRunBasics,
  inheritEnv = false,
): Record<string, string> {
  const base = inheritEnv ? definedOnly(callerEnv) : { ...hostVariables(callerEnv), HOME: basics.home, TZ: 'UTC' };
  return { ...base, ...jobVariables(schedule, callerEnv, context) };
}

/** The variables that have a value, as a child process's environment needs them. */
export function definedOnly(env: Environment): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(env)) if (value !== undefined) out[name] = value;
  return out;
}
