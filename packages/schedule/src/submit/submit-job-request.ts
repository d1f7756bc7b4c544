import { awsNames } from '../aws-names';
import type { Schedule } from '../catalog/catalog';
import { sortedRecord } from '../records';
import type { ComputeConfig } from '../schema/compute-config';

/** The subset of the AWS Batch SubmitJob request Compute sends (SDK member names). */
export interface SubmitJobRequest {
  jobName: string;
  jobQueue: string;
  jobDefinition: string;
  containerOverrides: {
    command: string[];
    environment: { name: string; value: string }[];
    resourceRequirements: { type: 'VCPU' | 'MEMORY'; value: string }[];
  };
  retryStrategy: {
    attempts: number;
    evaluateOnExit: { action: 'RETRY' | 'EXIT'; onStatusReason?: string; onReason?: string; onExitCode?: string }[];
  };
  timeout: { attemptDurationSeconds: number };
  tags: Record<string, string>;
  propagateTags: boolean;
  arrayProperties?: { size: number };
}

export interface SubmitJobOptions {
  /** Appended to the schedule's command (arguments after `--`). */
  args?: readonly string[];
  /** Send to this environment's queue instead of the size's (e.g. "test"). */
  queueEnvironment?: string;
}

/**
 * Retry what Spot takes away (the host is reclaimed: "Host EC2 ... terminated") and
 * failures of the job itself; stop on infrastructure reasons such as an image that
 * cannot be pulled, which another attempt will not fix. Batch retries only while
 * attempts remain, and never after a timeout.
 */
export const RETRY_RULES: SubmitJobRequest['retryStrategy']['evaluateOnExit'] = [
  { action: 'RETRY', onStatusReason: 'Host EC2*' },
  { action: 'RETRY', onExitCode: '*' },
  { action: 'EXIT', onReason: '*' },
];

/** Compute's own tag on every job, so jobs can be traced to their schedule. */
export const SCHEDULE_TAG = 'compute:schedule';

/**
 * The one SubmitJob request for a schedule. The deployed EventBridge schedule sends
 * it (see toSchedulerInput) and `schedule_<name>:batch` submits it, so they cannot drift.
 */
export function buildSubmitJobRequest(schedule: Schedule, config: Pick<ComputeConfig, 'namePrefix'>, options: SubmitJobOptions = {}): SubmitJobRequest {
  const names = awsNames(config);
  const d = schedule.definition;
  const request: SubmitJobRequest = {
    jobName: names.jobName(schedule.name),
    jobQueue: names.jobQueue(options.queueEnvironment ?? schedule.environment.name),
    jobDefinition: names.jobDefinition(schedule.name),
    containerOverrides: {
      command: [...d.command, ...(options.args ?? [])],
      environment: Object.keys(d.environment)
        .sort()
        .map((name) => ({ name, value: d.environment[name] })),
      resourceRequirements: [
        { type: 'VCPU', value: String(schedule.size.vcpus) },
        { type: 'MEMORY', value: String(schedule.size.memoryMiB) },
      ],
    },
    retryStrategy: { attempts: d.attempts, evaluateOnExit: RETRY_RULES.map((rule) => ({ ...rule })) },
    timeout: { attemptDurationSeconds: d.timeout },
    tags: sortedRecord({ ...d.tags, [SCHEDULE_TAG]: schedule.name }),
    propagateTags: true,
  };
  if (d.parallel > 1) request.arrayProperties = { size: d.parallel };
  return request;
}

/** Members whose keys are user data (tag names), not API member names. */
const VERBATIM_KEYS = new Set(['tags']);

/**
 * The same request as the input of EventBridge Scheduler's universal target
 * `arn:aws:scheduler:::aws-sdk:batch:submitJob`, which takes the API's PascalCase members.
 */
export function toSchedulerInput(request: SubmitJobRequest): Record<string, unknown> {
  return pascalize(request) as Record<string, unknown>;
}

function pascalize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(pascalize);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    const pascal = key[0].toUpperCase() + key.slice(1);
    out[pascal] = VERBATIM_KEYS.has(key) ? inner : pascalize(inner);
  }
  return out;
}
