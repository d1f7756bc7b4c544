// Next fire times in EventBridge Scheduler semantics. Cron is evaluated in
// the zone's wall-clock time by walking matching years → months → days →
// hours → minutes, so sparse schedules cost a few hundred cheap steps at most.

import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE, wallFromMs, wallMs } from './calendar';
import { type CompiledCron, matchingDays } from './cron';
import { type ZoneOffsets, isValidTimeZone, zoneOffsets } from './time-zone';
import type { NextRunsOptions, ScheduleExpression } from './types';

const RATE_UNIT_MS = { minute: MS_PER_MINUTE, hour: MS_PER_HOUR, day: MS_PER_DAY } as const;
// Offsets within any 48 h window take at most two values (zones change at most once per SPAN,
// which is longer), so this window bounds the search start.
const SEARCH_WINDOW = 2 * MS_PER_DAY;
const MAX_OFFSET = 14 * MS_PER_HOUR;
// AWS cron years end with 2199; nothing can run after this wall time.
const LAST_CRON_WALL = wallMs(2200, 1, 1);
const MAX_DATE_MS = 8.64e15;

/**
 * Next fire times strictly after `after`, as UTC Date objects.
 * - cron: wall-clock time of `timezone`; skipped (spring-forward) wall times do not run,
 *   repeated (fall-back) wall times run once, at their first occurrence; last year 2199.
 * - rate: every value×unit of elapsed time from `startDate`, or from `after` when no start
 *   date is given (AWS anchors at the schedule's creation time, which is unknown here).
 *   A run at `startDate` itself counts. Time zones do not affect rates.
 * - at: the wall time's instant in `timezone`; none if it lies in a DST gap. Like AWS,
 *   startDate/endDate are ignored for one-time schedules.
 * Throws RangeError for an unknown time zone or invalid dates.
 */
export function nextRuns(expression: ScheduleExpression, options: NextRunsOptions): Date[] {
  const { timezone, count } = options;
  const after = timeOf(options.after, 'after');
  const start = options.startDate === undefined ? undefined : timeOf(options.startDate, 'startDate');
  const end = options.endDate === undefined ? undefined : timeOf(options.endDate, 'endDate');
  if (!isValidTimeZone(timezone)) throw new RangeError(`nextRuns: unknown time zone "${timezone}"`);
  if (!(count >= 1)) return [];

  switch (expression.kind) {
    case 'rate':
      return rateRuns(expression.value * RATE_UNIT_MS[expression.unit], after, start, end, count);
    case 'at': {
      const { year, month, day, hour, minute, second } = expression.at;
      const instant = zoneOffsets(timezone).wallToInstant(wallMs(year, month, day, hour, minute, second));
      return instant !== undefined && instant > after ? [new Date(instant)] : [];
    }
    case 'cron': {
      // A run at or after startDate means a run strictly after startDate − 1 ms.
      const lowerExclusive = start === undefined ? after : Math.max(after, start - 1);
      return cronRuns(expression.compiled, zoneOffsets(timezone), lowerExclusive, end, count);
    }
  }
}

function timeOf(date: Date, name: string): number {
  const time = date instanceof Date ? date.getTime() : NaN;
  if (Number.isNaN(time)) throw new RangeError(`nextRuns: ${name} must be a valid Date`);
  return time;
}

function rateRuns(period: number, after: number, start: number | undefined, end: number | undefined, count: number): Date[] {
  const anchor = start ?? after;
  // First k ≥ 0 with anchor + k·period > after.
  const first = after < anchor ? 0 : Math.floor((after - anchor) / period) + 1;
  const runs: Date[] = [];
  for (let k = first; runs.length < count; k++) {
    const instant = anchor + k * period;
    if ((end !== undefined && instant > end) || instant > MAX_DATE_MS) break;
    runs.push(new Date(instant));
  }
  return runs;
}

function cronRuns(cron: CompiledCron, zone: ZoneOffsets, lowerExclusive: number, end: number | undefined, count: number): Date[] {
  const runs: Date[] = [];
  if (lowerExclusive >= LAST_CRON_WALL + MAX_OFFSET) return runs;
  // Every wall time at or below this bound maps to an instant at or before lowerExclusive,
  // so those candidates are skipped by integer comparison without any zone lookups.
  const wallBound = lowerExclusive + Math.min(zone.offsetAt(lowerExclusive), zone.offsetAt(lowerExclusive + SEARCH_WINDOW));
  const first = wallFromMs(wallBound);
  const lastWall = end === undefined ? Infinity : end + MAX_OFFSET;

  for (const year of cron.years) {
    if (year < first.year) continue;
    for (const month of cron.months) {
      if (year === first.year && month < first.month) continue;
      const monthWall = wallMs(year, month, 1);
      if (monthWall > lastWall) return runs;
      for (const day of matchingDays(cron.day, year, month)) {
        const dayWall = monthWall + (day - 1) * MS_PER_DAY;
        if (dayWall + MS_PER_DAY <= wallBound) continue;
        for (const hour of cron.hours) {
          const hourWall = dayWall + hour * MS_PER_HOUR;
          if (hourWall + MS_PER_HOUR <= wallBound) continue;
          for (const minute of cron.minutes) {
            const wall = hourWall + minute * MS_PER_MINUTE;
            if (wall <= wallBound) continue;
            const instant = zone.wallToInstant(wall);
            if (instant === undefined || instant <= lowerExclusive) continue; // DST gap, or not yet
            if (end !== undefined && instant > end) return runs;
            runs.push(new Date(instant));
            if (runs.length >= count) return runs;
          }
        }
      }
    }
  }
  return runs;
}
