/**
 * What every job's container gets, in AWS Batch and in a local run alike. One module so the
 * job definitions (packages/infra), the hosts' init data and the local runner cannot drift.
 */

/**
 * Seconds between SIGTERM and SIGKILL when a job is stopped (timeout, cancel, Spot reclaim).
 * The hosts set ECS_CONTAINER_STOP_TIMEOUT to this; the local runner waits as long.
 */
export const JOB_STOP_TIMEOUT_SECONDS = 120;

/**
 * Open-file limit of the job's container. Set in the job definition's `ulimits`: container
 * limits come from the container runtime, not from the Docker daemon's LimitNOFILE.
 */
export const JOB_ULIMITS: ReadonlyArray<{ name: string; softLimit: number; hardLimit: number }> = [
  { name: 'nofile', softLimit: 1_048_576, hardLimit: 1_048_576 },
];

/**
 * Run an init process as PID 1 (`linuxParameters.initProcessEnabled`, `docker run --init`):
 * ECS signals only PID 1, and a job's own PID 1 without a SIGTERM handler would ignore it.
 */
export const JOB_INIT_PROCESS_ENABLED = true;
