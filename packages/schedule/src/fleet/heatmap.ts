import { MS_PER_DAY, MS_PER_HOUR, MS_PER_MINUTE } from '../expression/calendar';
import { zoneOffsets } from '../expression/time-zone';
import type { FleetLoad } from './load';
import type { WeekStarts } from './starts';

/** Monday first, as calendars in most of the world are. */
export const HEATMAP_DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

/** 7 x 24 figures, row-major: cell = day * 24 + hour (day 0 is Monday), 168 cells. */
export type WeekGrid = number[];

export interface WeekHeatmap {
  timezone: string;
  /** Starts per weekday and hour, all environments together. */
  starts: WeekGrid;
  /** Per environment: starts, and the highest on-time vCPU demand within each hour. */
  environments: { environment: string; starts: WeekGrid; peakVcpus: WeekGrid }[];
}

/**
 * The simulated week folded onto weekday x hour in `timezone`: each weekday-hour occurs once
 * in any 7 days (a DST change can fold two hours into one cell, or leave one empty).
 */
export function weekHeatmap(load: FleetLoad, starts: WeekStarts, timezone: string): WeekHeatmap {
  const from = Date.parse(load.from);
  const minutes = load.days * 1440;
  const zone = zoneOffsets(timezone);
  const cellOf = (instant: number) => {
    const local = instant + zone.offsetAt(instant);
    // 1970-01-01 was a Thursday: day 3 counted from Monday.
    const day = (Math.floor(local / MS_PER_DAY) + 3) % 7;
    return ((day + 7) % 7) * 24 + Math.floor((((local % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY) / MS_PER_HOUR);
  };

  const total = new Array<number>(168).fill(0);
  const byEnvironment = new Map(load.environments.map((e) => [e.environment, { starts: new Array<number>(168).fill(0), peakVcpus: new Array<number>(168).fill(0) }]));
  const to = from + minutes * MS_PER_MINUTE;
  for (const [schedule, list] of starts) {
    const grid = byEnvironment.get(schedule.environment.name);
    for (const t of list) {
      if (t < from || t >= to) continue;
      const cell = cellOf(t);
      total[cell]++;
      if (grid) grid.starts[cell]++;
    }
  }
  // Offsets change on whole minutes, so one lookup per minute places every minute exactly.
  const cells = new Int16Array(minutes);
  for (let m = 0; m < minutes; m++) cells[m] = cellOf(from + m * MS_PER_MINUTE);
  for (const env of load.environments) {
    const grid = byEnvironment.get(env.environment)!;
    for (let m = 0; m < minutes; m++) if (env.vcpus[m] > grid.peakVcpus[cells[m]]) grid.peakVcpus[cells[m]] = env.vcpus[m];
  }
  return {
    timezone,
    starts: total,
    environments: load.environments.map((e) => ({ environment: e.environment, ...byEnvironment.get(e.environment)! })),
  };
}
