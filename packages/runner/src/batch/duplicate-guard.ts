import type { JobStatus, JobSummary } from '@aws-sdk/client-batch';
import type { BatchClient, BatchSdkModule } from './batch-sdk';

/** Statuses of a job that has not finished: another submission would run the work twice. */
export const ACTIVE_STATUSES: ReadonlySet<JobStatus | string> = new Set(['SUBMITTED', 'PENDING', 'RUNNABLE', 'STARTING', 'RUNNING']);

/**
 * The newest unfinished job with exactly this name on the queue, or undefined.
 * The JOB_NAME filter matches case-insensitively and returns every status, so the
 * exact name and the status are checked here; every page is read.
 */
export async function findActiveJob(sdk: BatchSdkModule, client: BatchClient, queue: string, jobName: string): Promise<JobSummary | undefined> {
  let nextToken: string | undefined;
  do {
    const page = await client.send(
      new sdk.ListJobsCommand({ jobQueue: queue, filters: [{ name: 'JOB_NAME', values: [jobName] }], ...(nextToken ? { nextToken } : {}) }),
    );
    const hit = (page.jobSummaryList ?? []).find((job) => job.jobName === jobName && job.status !== undefined && ACTIVE_STATUSES.has(job.status));
    if (hit) return hit;
    nextToken = page.nextToken;
  } while (nextToken);
  return undefined;
}
