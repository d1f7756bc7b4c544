import type { JobDetail } from '@aws-sdk/client-batch';
import { RunnerError } from '../errors';
import { say, type ComputeIO } from '../io';
import type { BatchClient, BatchSdkModule } from './batch-sdk';

export interface WaitForJobOptions {
  pollIntervalMs: number;
  io: ComputeIO;
  /** Injectable for tests; default setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  /** Polls allowed before a just-submitted job shows up in DescribeJobs. */
  maxNotFound?: number;
}

const TERMINAL = new Set(['SUCCEEDED', 'FAILED']);

/** Follows a job until it ends, printing each status change and its log stream. Returns the final description. */
export async function waitForJob(sdk: BatchSdkModule, client: BatchClient, jobId: string, options: WaitForJobOptions): Promise<JobDetail> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const maxNotFound = options.maxNotFound ?? 6;
  let notFound = 0;
  let lastStatus: string | undefined;
  let lastSummary: string | undefined;
  const streams = new Set<string>();

  for (;;) {
    const response = await client.send(new sdk.DescribeJobsCommand({ jobs: [jobId] }));
    const job = response.jobs?.find((j) => j.jobId === jobId);
    if (!job) {
      notFound += 1;
      // DescribeJobs is eventually consistent right after SubmitJob.
      if (notFound > maxNotFound) throw new RunnerError(`job ${jobId} was submitted but DescribeJobs does not know it; follow it in the console instead`);
    } else {
      if (job.status !== lastStatus) {
        lastStatus = job.status;
        say(options.io, `compute: status ${job.status}${job.statusReason && !TERMINAL.has(job.status ?? '') ? ` (${job.statusReason})` : ''}`);
      }
      const summary = arraySummary(job);
      if (summary && summary !== lastSummary) {
        lastSummary = summary;
        say(options.io, `compute: shards ${summary}`);
      }
      const stream = job.container?.logStreamName;
      if (stream && !streams.has(stream)) {
        streams.add(stream);
        const group = job.container?.logConfiguration?.options?.['awslogs-group'];
        say(options.io, `compute: log stream ${stream}${group ? ` (log group ${group})` : ''}`);
      }
      if (job.status && TERMINAL.has(job.status)) return job;
    }
    await sleep(options.pollIntervalMs);
  }
}

function arraySummary(job: JobDetail): string | undefined {
  const summary = job.arrayProperties?.statusSummary;
  if (!summary) return undefined;
  const parts = Object.keys(summary)
    .sort()
    .filter((status) => (summary[status] ?? 0) > 0)
    .map((status) => `${status} ${summary[status]}`);
  return parts.length ? parts.join(', ') : undefined;
}

/** Why a job failed, from its description. */
export function failureReason(job: JobDetail): string {
  const parts: string[] = [];
  if (job.statusReason) parts.push(job.statusReason);
  const container = job.container;
  if (container?.exitCode !== undefined) parts.push(`exit code ${container.exitCode}`);
  if (container?.reason) parts.push(container.reason);
  return parts.join('; ') || 'no reason given';
}
