import { buildSubmitJobRequest, type SubmitJobRequest } from '@compute/schedule';
import { RunnerError } from '../errors';
import { processIO, say, type ComputeIO } from '../io';
import { resolveQueue } from '../queue';
import type { ScheduleRunTarget } from '../target';
import { explainAwsError, type AwsCallContext } from './aws-errors';
import { clientRegion, createBatchClient, loadBatchSdk, type BatchClient, type BatchSdkModule } from './batch-sdk';
import { jobConsoleLink } from './console-link';
import { formatDrift, jobDefinitionDrift, readActiveJobDefinition } from './drift';
import { findActiveJob } from './duplicate-guard';
import { failureReason, waitForJob } from './wait-for-job';

export interface SubmitToBatchOptions extends ScheduleRunTarget {
  /** Submit to this environment's queue instead of the schedule's (e.g. "test"). */
  environment?: string;
  /** Submit even when a job of the same name is still unfinished on the queue. */
  allowDuplicates?: boolean;
  /** Submit even when the deployed job definition differs from the working copy (warns instead of refusing). */
  allowDrift?: boolean;
  /** Print the request and call nothing. */
  dryRun?: boolean;
  /** Follow the job until it ends; success only if it SUCCEEDED. */
  wait?: boolean;
  /** Between DescribeJobs calls while waiting; default 10 s. */
  pollIntervalMs?: number;
  /** A configured client; default one from the standard AWS chain. */
  client?: BatchClient;
  /** The output, and the caller's environment (to name a profile or an endpoint override); default this process's. */
  io?: ComputeIO;
  /** Injectable for tests. */
  sleep?: (ms: number) => Promise<void>;
}

export type BatchOutcome = 'dry-run' | 'duplicate-skipped' | 'drift-refused' | 'submitted' | 'succeeded' | 'failed';

export interface BatchSubmitResult {
  success: boolean;
  outcome: BatchOutcome;
  /** The SubmitJob request (sent, or that would be sent). */
  request: SubmitJobRequest;
  jobId?: string;
  jobArn?: string;
  consoleUrl?: string;
}

const DEFAULT_POLL_INTERVAL_MS = 10_000;

/**
 * Queues the schedule's job in AWS Batch with the same SubmitJob request the
 * deployed EventBridge schedule sends (plus any extra arguments).
 */
export async function submitToBatch(options: SubmitToBatchOptions): Promise<BatchSubmitResult> {
  const { catalog, schedule } = options;
  const io = options.io ?? processIO();
  const { queue } = resolveQueue(catalog, schedule, options.environment);
  const request = buildSubmitJobRequest(schedule, catalog.config, { args: options.args, queueEnvironment: options.environment });

  if (options.dryRun) {
    say(io, `compute: dry run: the SubmitJob request for schedule ${schedule.name}; nothing was sent to AWS`);
    io.stdout.write(`${JSON.stringify(request, null, 2)}\n`);
    return { success: true, outcome: 'dry-run', request };
  }

  const sdk = loadBatchSdk();
  const profile = io.env.AWS_PROFILE?.trim();
  const context: AwsCallContext = { action: 'batch:ListJobs', queue, configRegion: catalog.config.region, ...(profile ? { profile } : {}) };
  const { client, region, owned } = await connect(sdk, options, io, context);
  context.region = region;

  try {
    // SubmitJob names the job definition without a revision: the latest ACTIVE one runs,
    // with its image, role and secrets, whatever the working copy says.
    const deployed = await call({ ...context, jobDefinition: request.jobDefinition }, 'batch:DescribeJobDefinitions', () =>
      readActiveJobDefinition(sdk, client, request.jobDefinition),
    );
    if (!deployed) {
      throw new RunnerError(
        `job definition ${request.jobDefinition} has no active revision in ${region}: deploy the stack first (nx run compute:deploy), or check the region (AWS_REGION or your profile; compute.json deploys to ${catalog.config.region}). Nothing was submitted.`,
      );
    }
    const drift = jobDefinitionDrift(deployed, schedule, catalog.config);
    if (drift.length > 0) {
      const message = formatDrift(deployed.jobDefinitionArn ?? `${request.jobDefinition}:${deployed.revision}`, drift, options.allowDrift === true);
      if (!options.allowDrift) {
        say(io, `compute: ${message}\n  Nothing was submitted.`);
        return { success: false, outcome: 'drift-refused', request };
      }
      say(io, `compute: warning: ${message}`);
    }

    if (options.allowDuplicates) {
      say(io, `compute: duplicates allowed: not checking ${queue} for unfinished ${request.jobName} jobs`);
    } else {
      say(io, `compute: checking queue ${queue} for unfinished jobs named ${request.jobName}`);
      const active = await call(context, 'batch:ListJobs', () => findActiveJob(sdk, client, queue, request.jobName));
      if (active) {
        say(
          io,
          `compute: job ${request.jobName} is already ${active.status} on ${queue} (job id ${active.jobId}); not submitting another. Use --allow-duplicates to submit anyway.`,
        );
        return { success: true, outcome: 'duplicate-skipped', request, ...(active.jobId ? { jobId: active.jobId } : {}) };
      }
    }

    const submitted = await call({ ...context, jobDefinition: request.jobDefinition }, 'batch:SubmitJob', () => client.send(new sdk.SubmitJobCommand(request)));
    const jobId = submitted.jobId ?? '';
    const consoleUrl = jobConsoleLink(region, jobId);
    io.stdout.write(
      [
        `compute: submitted ${request.jobName} to ${queue} (${region})`,
        `  job id   ${jobId}`,
        `  job arn  ${submitted.jobArn ?? ''}`,
        `  console  ${consoleUrl}`,
        '',
      ].join('\n'),
    );
    const base = { request, jobId, consoleUrl, ...(submitted.jobArn ? { jobArn: submitted.jobArn } : {}) };
    if (!options.wait) return { success: true, outcome: 'submitted', ...base };

    say(io, `compute: waiting for job ${jobId} to finish (Ctrl-C stops waiting, not the job)`);
    const final = await call(context, 'batch:DescribeJobs', () =>
      waitForJob(sdk, client, jobId, { pollIntervalMs: options.pollIntervalMs ?? DEFAULT_POLL_INTERVAL_MS, io, sleep: options.sleep }),
    );
    if (final.status === 'SUCCEEDED') {
      say(io, `compute: job ${jobId} succeeded`);
      return { success: true, outcome: 'succeeded', ...base };
    }
    say(io, `compute: job ${jobId} failed: ${failureReason(final)}`);
    return { success: false, outcome: 'failed', ...base };
  } finally {
    if (owned) client.destroy();
  }
}

async function connect(sdk: BatchSdkModule, options: SubmitToBatchOptions, io: ComputeIO, context: AwsCallContext) {
  const configRegion = context.configRegion;
  if (options.client) {
    return { client: options.client, region: (await clientRegion(options.client)) ?? configRegion, owned: false };
  }
  const env = io.env;
  const override = env.AWS_ENDPOINT_URL_BATCH ? 'AWS_ENDPOINT_URL_BATCH' : env.AWS_ENDPOINT_URL ? 'AWS_ENDPOINT_URL' : undefined;
  if (override) say(io, `compute: using the AWS Batch endpoint from ${override}: ${env[override]}`);
  const resolved = await createBatchClient(sdk, configRegion);
  if (resolved.regionSource === 'aws' && resolved.region !== configRegion) {
    say(io, `compute: note: your AWS configuration selects region ${resolved.region}; compute.json deploys to ${configRegion}`);
  }
  return { client: resolved.client, region: resolved.region, owned: true };
}

/** Runs one AWS call, turning its failure into an actionable RunnerError. */
async function call<T>(context: AwsCallContext, action: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof Error && error.name === 'RunnerError') throw error;
    throw explainAwsError(error, { ...context, action });
  }
}
