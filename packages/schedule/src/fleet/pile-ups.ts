import { MS_PER_DAY, MS_PER_MINUTE } from '../expression/calendar';
import type { Schedule } from '../catalog/catalog';
import { FLEET_DAYS, type WeekStarts, minuteFloor, startsBetween } from './starts';

/** Schedules of one environment that start in the same minute. */
export interface PileUp {
  environment: string;
  /** The first such minute in the week looked at (ISO 8601, UTC). */
  at: string;
  /** The schedules starting then, sorted by name. */
  schedules: string[];
}

export interface PileUpOptions {
  /** Start of the week looked at; rounded down to its minute. */
  now: Date;
  /** A pile-up is this many schedules or more (compute.json fleet.pileUpThreshold). */
  threshold: number;
  /** Days looked at (default 7). */
  days?: number;
  /** Starts already computed for the same week (by weekStarts); earlier ones are ignored. */
  starts?: WeekStarts;
}

/**
 * Minutes in which `threshold` or more enabled schedules of one environment start,
 * over the next week. A schedule with a flexible window is left out: the scheduler
 * already spreads its start. The same group recurring (every day at 03:00) is one
 * pile-up, at its first minute. Sorted by size, largest first, then by time.
 */
export function findPileUps(schedules: readonly Schedule[], options: PileUpOptions): PileUp[] {
  const from = minuteFloor(options.now);
  const to = from + (options.days ?? FLEET_DAYS) * MS_PER_DAY;
  const byEnvironment = new Map<string, { schedule: Schedule; starts: number[] }[]>();
  for (const schedule of schedules) {
    if (!schedule.definition.enabled || schedule.definition.flexibleWindowMinutes !== undefined) continue;
    const starts = (options.starts?.get(schedule) ?? startsBetween(schedule, from, to)).filter((t) => t >= from && t < to);
    const list = byEnvironment.get(schedule.environment.name) ?? [];
    list.push({ schedule, starts });
    byEnvironment.set(schedule.environment.name, list);
  }

  const pileUps: (PileUp & { time: number })[] = [];
  for (const [environment, list] of byEnvironment) {
    if (list.length < options.threshold) continue;
    // Count first, keyed by minute of the week (small integers hash fast); names are
    // gathered only for the crowded minutes.
    const minutes = Math.ceil((to - from) / MS_PER_MINUTE);
    const counts = new Uint32Array(minutes);
    for (const { starts } of list) for (const t of starts) counts[(t - from) / MS_PER_MINUTE]++;
    const crowded = new Map<number, string[]>();
    for (let m = 0; m < minutes; m++) if (counts[m] >= options.threshold) crowded.set(m, []);
    if (crowded.size === 0) continue;
    for (const { schedule, starts } of list) for (const t of starts) crowded.get((t - from) / MS_PER_MINUTE)?.push(schedule.name);
    const seen = new Set<string>();
    for (const [m, names] of crowded) {
      names.sort();
      const key = names.join(',');
      if (seen.has(key)) continue;
      seen.add(key);
      const t = from + m * MS_PER_MINUTE;
      pileUps.push({ environment, at: new Date(t).toISOString(), schedules: names, time: t });
    }
  }
  pileUps.sort((a, b) => b.schedules.length - a.schedules.length || a.time - b.time || a.environment.localeCompare(b.environment));
  return pileUps.map(({ time: _time, ...pileUp }) => pileUp);
}

/**
 * A start minute (0-59) derived from the schedule's name alone: the same on every
 * machine and run, and different names spread over the hour. Suggested to move a
 * schedule out of a pile-up without coordinating with anyone.
 */
export function offsetMinuteFor(name: string): number {
  // FNV-1a, 32 bit.
  let hash = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % 60;
}
