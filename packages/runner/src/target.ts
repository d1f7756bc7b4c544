import type { Catalog, Schedule } from '@compute/schedule';

/** The schedule a run starts and what the command line changes about it; shared by local and AWS Batch runs. */
export interface ScheduleRunTarget {
  catalog: Pick<Catalog, 'config' | 'configFile'>;
  schedule: Schedule;
  /** Appended to the schedule's command. */
  args?: readonly string[];
  /** Use this environment's queue instead of the schedule's (e.g. "test"). */
  environment?: string;
}
