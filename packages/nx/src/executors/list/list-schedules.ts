import { type Catalog, type Problem, describeScheduleExpression, nextRuns, reviewDueDate } from '@compute/schedule';

/** One schedule as `compute:list` shows it; also the `--format json` element. */
export interface ListedSchedule {
  name: string;
  /** Path from the workspace root. */
  file: string;
  scheduleExpression: string;
  /** The expression in words. */
  description: string;
  timezone: string;
  /** Upcoming runs as ISO 8601 UTC instants; empty when disabled or when no run is left. */
  nextRuns: string[];
  size: string;
  maintainers: string[];
  lastReview: string;
  /** Last day the review is fresh (YYYY-MM-DD). */
  reviewDue: string;
  enabled: boolean;
  /** What the job does (meta.description). */
  purpose: string;
}

/**
 * Runs are counted from the start of the current UTC minute, so the listing is a
 * pure function of the files and that minute (the cache input of the target).
 */
export function startOfMinute(now: Date): Date {
  return new Date(Math.floor(now.getTime() / 60_000) * 60_000);
}

export function listSchedules(catalog: Catalog, now: Date, count: number): ListedSchedule[] {
  const after = startOfMinute(now);
  return catalog.schedules.map((schedule) => {
    const d = schedule.definition;
    const runs = d.enabled
      ? nextRuns(d.scheduleExpression, {
          timezone: d.timezone,
          after,
          count,
          startDate: d.startDate ? new Date(d.startDate) : undefined,
          endDate: d.endDate ? new Date(d.endDate) : undefined,
        })
      : [];
    return {
      name: schedule.name,
      file: schedule.file,
      scheduleExpression: d.scheduleExpression.source,
      description: describeScheduleExpression(d.scheduleExpression, d.timezone),
      timezone: d.timezone,
      nextRuns: runs.map((run) => run.toISOString()),
      size: schedule.size.name,
      maintainers: [...d.meta.maintainers],
      lastReview: d.meta.lastReview,
      reviewDue: reviewDueDate(d.meta.lastReview, catalog.config.review.intervalMonths),
      enabled: d.enabled,
      purpose: d.meta.description,
    };
  });
}

/** Schedule files left out of the listing because they have errors. */
export function unlistedFiles(problems: readonly Problem[]): string[] {
  return [...new Set(problems.filter((p) => p.severity === 'error' && p.schedule !== undefined).map((p) => p.file))].sort();
}
