import { MS_PER_DAY, MS_PER_MINUTE } from '../expression/calendar';
import { nextRuns } from '../expression/next-runs';
import type { Schedule } from '../catalog/catalog';

/** The week the fleet is looked at: the load simulation and the pile-up detector use it. */
export const FLEET_DAYS = 7;
export const MINUTES_PER_DAY = 1440;

/** What a run holds while it runs, and for how long; the same figures drive load and cost. */
export interface RunShape {
  /** vCPUs of one run: the size's vCPUs times its shards. */
  vcpus: number;
  memoryMiB: number;
  /** Seconds a run holds them: expectedDuration, else timeout. */
  durationSeconds: number;
  /** True when the duration is the timeout, so every figure built on it is an upper bound. */
  upperBound: boolean;
}

export function runShape(schedule: Schedule): RunShape {
  const d = schedule.definition;
  const shards = d.parallel ?? 1;
  return {
    vcpus: schedule.size.vcpus * shards,
    memoryMiB: schedule.size.memoryMiB * shards,
    durationSeconds: d.expectedDuration ?? d.timeout,
    upperBound: d.expectedDuration === undefined,
  };
}

/** The start of the UTC minute holding `now`: every fleet figure is a function of it and the files. */
export function minuteFloor(now: Date): number {
  return Math.floor(now.getTime() / MS_PER_MINUTE) * MS_PER_MINUTE;
}

/**
 * Start instants (ms) of a schedule in [from, to), in order; none when it is disabled.
 * The schedule's own startDate and endDate apply (AWS ignores them for at(), and so does this).
 */
export function startsBetween(schedule: Schedule, from: number, to: number): number[] {
  const d = schedule.definition;
  if (!d.enabled || to <= from) return [];
  const expression = d.scheduleExpression;
  const end = d.endDate ? Math.min(Date.parse(d.endDate), to - 1) : to - 1;
  // rate(1 minute) is the densest schedule AWS accepts: one start per minute bounds the count.
  const count = Math.ceil((to - from) / MS_PER_MINUTE) + 1;
  // AWS anchors a rate at the schedule's creation, which the files do not know: anchor it at
  // the epoch instead, so rate(15 minutes) starts at :00, :15, :30, :45 in every window.
  const anchor = d.startDate ? new Date(d.startDate) : expression.kind === 'rate' ? new Date(0) : undefined;
  const runs = nextRuns(expression, {
    timezone: d.timezone,
    after: new Date(from - 1),
    count,
    startDate: anchor,
    endDate: new Date(Math.max(end, from - 1)),
  });
  const starts: number[] = [];
  for (const run of runs) {
    // Whole minutes: a start date with seconds still starts within its minute.
    const t = Math.floor(run.getTime() / MS_PER_MINUTE) * MS_PER_MINUTE;
    if (t >= from && t < to) starts.push(t);
  }
  return starts;
}

/** Minutes a run holds its capacity, at least one. */
export function runMinutes(shape: RunShape): number {
  return Math.max(1, Math.ceil(shape.durationSeconds / 60));
}

/**
 * Every enabled schedule's starts that matter to the week from `from`: those in the week,
 * and earlier ones whose run (or flexible window) still reaches into it. Computed once and
 * shared by the load simulation and the pile-up detector.
 */
export type WeekStarts = Map<Schedule, number[]>;

export function weekStarts(schedules: readonly Schedule[], from: number, days = FLEET_DAYS): WeekStarts {
  const minutes = days * MINUTES_PER_DAY;
  const to = from + minutes * MS_PER_MINUTE;
  const starts: WeekStarts = new Map();
  for (const schedule of schedules) {
    if (!schedule.definition.enabled) continue;
    const lookback = Math.min(runMinutes(runShape(schedule)) + (schedule.definition.flexibleWindowMinutes ?? 0), minutes) * MS_PER_MINUTE;
    starts.set(schedule, startsBetween(schedule, from - lookback, to));
  }
  return starts;
}

/** Runs in the 30 days from the start of the current minute: what compute:list and the catalog count. */
export function runsInNext30Days(schedule: Schedule, now: Date): number {
  const from = minuteFloor(now);
  const to = from + 30 * MS_PER_DAY;
  const d = schedule.definition;
  const expression = d.scheduleExpression;
  if (d.enabled && expression.kind === 'rate') {
    // Counted, not listed: rate(1 minute) would be 43,200 dates per schedule.
    const period = expression.value * RATE_UNIT_MS[expression.unit];
    const anchor = d.startDate ? Date.parse(d.startDate) : 0;
    const lower = Math.max(from, anchor);
    const upper = Math.min(to - 1, d.endDate ? Date.parse(d.endDate) : Infinity);
    if (upper < lower) return 0;
    return Math.max(0, Math.floor((upper - anchor) / period) - Math.ceil((lower - anchor) / period) + 1);
  }
  return startsBetween(schedule, from, to).length;
}

const RATE_UNIT_MS = { minute: MS_PER_MINUTE, hour: 60 * MS_PER_MINUTE, day: MS_PER_DAY } as const;
