import { nextRuns } from '../expression/next-runs';
import type { NextRunsOptions } from '../expression/types';
import type { ComputeConfig, EnvironmentConfig, SizeConfig } from '../schema/compute-config';
import type { ScheduleFile } from '../schema/schedule-file';

/** A schedule that passed every check, with its size and environment resolved. */
export interface Schedule {
  name: string;
  /** Path from the workspace root. */
  file: string;
  definition: ScheduleFile;
  size: SizeConfig & { name: string };
  environment: EnvironmentConfig & { name: string };
}

export interface Catalog {
  /** The compute project, from the workspace root ("schedules"). */
  projectRoot: string;
  /** compute.json, from the workspace root. */
  configFile: string;
  config: ComputeConfig;
  /** Valid schedules, sorted by name. */
  schedules: Schedule[];
}

/**
 * What the policy rules (maintainers, reviews, start and end dates) read of a schedule.
 * Every valid Schedule is one. For a file that failed validation only the fields that
 * are well-formed are present, so these rules still report on it in the same run.
 */
export interface ScheduleSubject {
  name: string;
  /** Path from the workspace root. */
  file: string;
  definition: {
    startDate?: string;
    endDate?: string;
    meta: { maintainers?: readonly string[]; lastReview?: string };
  };
}

/** A text file, path from the workspace root. */
export interface SourceFile {
  path: string;
  text: string;
}

/** A file that is listed but cannot be read (a directory, a broken link, no permission). */
export interface UnreadableFile {
  path: string;
  /** Why, as a problem message: "cannot be read: ...". */
  unreadable: string;
}

export { CONFIG_FILE_NAME } from '../defaults';

/**
 * A schedule's run options as Scheduler applies them: its zone, start and end date. One
 * place, so list, catalog, diff and the generator cannot read the bounds differently.
 */
export function scheduleRunWindow(schedule: Schedule, after: Date): Omit<NextRunsOptions, 'count'> {
  const d = schedule.definition;
  return {
    timezone: d.timezone,
    after,
    startDate: d.startDate ? new Date(d.startDate) : undefined,
    endDate: d.endDate ? new Date(d.endDate) : undefined,
  };
}

/** The next `count` runs of a schedule after `after` (whether or not it is enabled). */
export function scheduleNextRuns(schedule: Schedule, after: Date, count: number): Date[] {
  return nextRuns(schedule.definition.scheduleExpression, { ...scheduleRunWindow(schedule, after), count });
}
