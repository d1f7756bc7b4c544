import { type Catalog, type CostReport, type Problem, type Schedule, costReport, describeScheduleExpression, scheduleNextRuns, reviewDueDate } from '@compute/schedule';

/** One schedule as `compute:list` shows it (also the `--format json` element), and the core of the catalog page's row. */
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
  /** The compute environment the size runs in. */
  environment: string;
  /** Runs in the 30 days from the start of the current minute (0 when disabled). */
  runsPer30Days: number;
  /** Estimated USD for those runs; null when the environment's instance types have no price. */
  estimatedCostPer30DaysUsd: number | null;
  /** True when the estimate prices the timeout (no expectedDuration): an upper bound. */
  estimateIsUpperBound: boolean;
}

export interface Listing {
  schedules: ListedSchedule[];
  cost: CostReport;
}

/**
 * Runs are counted from the start of the current UTC minute, so the listing is a
 * pure function of the files and that minute (the cache input of the target).
 */
export function startOfMinute(now: Date): Date {
  return new Date(Math.floor(now.getTime() / 60_000) * 60_000);
}

export function listSchedules(catalog: Catalog, now: Date, count: number): Listing {
  const after = startOfMinute(now);
  const cost = costReport(catalog, after);
  const schedules = catalog.schedules.map((schedule, index) => listedSchedule(catalog, schedule, cost.schedules[index], after, count));
  return { schedules, cost };
}

/** One schedule's row, with its next `count` runs from `after` and its cost estimate (from costReport). */
export function listedSchedule(catalog: Catalog, schedule: Schedule, estimate: CostReport['schedules'][number], after: Date, count: number): ListedSchedule {
  const d = schedule.definition;
  const runs = d.enabled ? scheduleNextRuns(schedule, after, count) : [];
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
    environment: schedule.environment.name,
    runsPer30Days: estimate.runsPer30Days,
    estimatedCostPer30DaysUsd: estimate.usdPer30Days === undefined ? null : roundUsd(estimate.usdPer30Days),
    estimateIsUpperBound: estimate.upperBound,
  };
}

/** To a hundredth of a cent: enough for small jobs, without float noise in the document. */
export function roundUsd(value: number): number {
  return Math.round(value * 10_000) / 10_000;
}

/** Schedule files left out of the listing because they have errors. */
export function unlistedFiles(problems: readonly Problem[]): string[] {
  return [...new Set(problems.filter((p) => p.severity === 'error' && p.schedule !== undefined).map((p) => p.file))].sort();
}
