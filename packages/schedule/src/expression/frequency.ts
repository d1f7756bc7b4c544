import { MS_PER_DAY } from './calendar';
import { nextRuns } from './next-runs';
import type { NextRunsOptions, ScheduleExpression } from './types';

const SAMPLE = 100;

/**
 * Average runs per day, from the mean gap between the next 100 runs (a year of a
 * weekday cron averages its weekends in). Undefined when fewer than two runs are left
 * (a one-time schedule, an end date): such a schedule has no frequency to compare.
 */
export function runsPerDay(expression: ScheduleExpression, options: Omit<NextRunsOptions, 'count'>): number | undefined {
  if (expression.kind === 'rate') {
    const perUnit = { minute: 1440, hour: 24, day: 1 }[expression.unit];
    // A rate still has an end; without two runs left it has no frequency either.
    return nextRuns(expression, { ...options, count: 2 }).length < 2 ? undefined : perUnit / expression.value;
  }
  const runs = nextRuns(expression, { ...options, count: SAMPLE });
  if (runs.length < 2) return undefined;
  const span = runs[runs.length - 1].getTime() - runs[0].getTime();
  return ((runs.length - 1) * MS_PER_DAY) / span;
}
