export interface ScheduleExecutorSchema {
  /** Name of the schedule: its file name without .schedule.json. From the target only. */
  schedule: string;
  /** local (default) runs here; batch submits to AWS Batch. From the target and its configuration only. */
  mode?: 'local' | 'batch';
  /** Appended to the command; a string is split like a shell would, an array (target options only) taken word for word. */
  args?: string[] | string | boolean | number;
  /** Target this compute environment's queue instead of the schedule's. */
  environment?: string;
  /** Local: pass the whole shell environment. */
  inheritEnv?: boolean;
  /** Local: tries per run (default 1). */
  attempts?: number;
  /** Local, array jobs: run only this shard. */
  index?: number;
  /** Local, array jobs: shards at once (default 1). */
  concurrency?: number;
  /** Local: run in the schedule's image with docker, as the job definition does. */
  container?: boolean;
  /** Local: run with the job role's temporary credentials (sts:AssumeRole with yours). */
  assumeRole?: boolean;
  /** Local with container: mount the workspace at /workspace (development only). */
  mountWorkspace?: boolean;
  /** Batch: submit even when a same-named job is unfinished. */
  allowDuplicates?: boolean;
  /** Batch: submit even when the deployed job definition differs from the working copy. */
  allowDrift?: boolean;
  /** Batch: print the request, call nothing. */
  dryRun?: boolean;
  /** Batch: follow the job until it ends. */
  wait?: boolean;
  /** Batch with wait: seconds between status checks (default 10). */
  pollIntervalSeconds?: number;
  /** Set by Nx: the raw command line overrides. */
  __unparsed__?: string[];
}
