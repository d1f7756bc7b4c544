// Which runs of a schedule meet a daylight-saving change: a wall time the zone skips
// (spring forward: EventBridge Scheduler does not run it) or shows twice (fall back: it
// runs once). Found from the zone's transitions, not by walking every run, so a schedule
// firing every minute costs the same as a yearly one.

import { MS_PER_DAY, MS_PER_MINUTE, wallFromMs, wallMs } from './calendar';
import { type CompiledCron, matchingDays } from './cron';
import { zoneOffsets, type ZoneOffsets } from './time-zone';
import type { ScheduleExpression } from './types';

export interface DaylightSavingRun {
  /** skipped: the wall time does not exist that day, so the run does not happen; repeated: it exists twice and runs once. */
  kind: 'skipped' | 'repeated';
  /** The wall time in the schedule's zone, "YYYY-MM-DDTHH:MM". */
  wall: string;
}

/**
 * Runs of `expression` in `timezone` whose wall time falls into a daylight-saving gap or
 * overlap between `from` and `until` (UTC instants). Rate expressions count elapsed time
 * and never meet one. Throws RangeError for an unknown zone.
 */
export function daylightSavingRuns(expression: ScheduleExpression, timezone: string, from: Date, until: Date): DaylightSavingRun[] {
  if (expression.kind === 'rate') return [];
  const zone = zoneOffsets(timezone);
  const runs: DaylightSavingRun[] = [];
  let [start, end] = [from.getTime(), until.getTime()];
  if (expression.kind === 'at') {
    // A one-time run is checked where it is, if it is still to come.
    const { year, month, day, hour, minute, second } = expression.at;
    const wall = wallMs(year, month, day, hour, minute, second);
    if (wall + 2 * MS_PER_DAY < start) return [];
    [start, end] = [wall - 2 * MS_PER_DAY, wall + 2 * MS_PER_DAY];
  }
  for (const transition of transitions(zone, start, end)) {
    const kind = transition.after > transition.before ? 'skipped' : 'repeated';
    // Wall times in [low, high) are skipped (gap) or shown twice (overlap).
    const low = transition.at + Math.min(transition.before, transition.after);
    const high = transition.at + Math.max(transition.before, transition.after);
    if (expression.kind === 'at') {
      const { year, month, day, hour, minute, second } = expression.at;
      const wall = wallMs(year, month, day, hour, minute, second);
      if (wall >= low && wall < high) runs.push({ kind, wall: wallText(wall) });
      continue;
    }
    const cron = expression.compiled;
    for (let wall = Math.ceil(low / MS_PER_MINUTE) * MS_PER_MINUTE; wall < high; wall += MS_PER_MINUTE) {
      if (matches(cron, wall)) runs.push({ kind, wall: wallText(wall) });
    }
  }
  return runs;
}

interface Transition {
  /** First instant of the new offset. */
  at: number;
  before: number;
  after: number;
}

/** Offset changes of the zone in (from, until], found by daily probes then bisection to the minute. */
function transitions(zone: ZoneOffsets, from: number, until: number): Transition[] {
  const found: Transition[] = [];
  let previous = from;
  let offset = zone.offsetAt(from);
  for (let probe = from + MS_PER_DAY; previous < until; probe += MS_PER_DAY) {
    const at = Math.min(probe, until);
    const next = zone.offsetAt(at);
    if (next !== offset) {
      let lo = previous;
      let hi = at;
      while (hi - lo > 1000) {
        const mid = lo + Math.floor((hi - lo) / 2);
        if (zone.offsetAt(mid) === offset) lo = mid;
        else hi = mid;
      }
      // Offsets switch on whole minutes; the bisection only narrows to a second.
      const minute = Math.floor(hi / MS_PER_MINUTE) * MS_PER_MINUTE;
      found.push({ at: minute > lo && zone.offsetAt(minute) === next ? minute : hi, before: offset, after: next });
      offset = next;
    }
    previous = at;
  }
  return found;
}

function matches(cron: CompiledCron, wall: number): boolean {
  const w = wallFromMs(wall);
  return (
    cron.minutes.includes(w.minute) &&
    cron.hours.includes(w.hour) &&
    cron.months.includes(w.month) &&
    cron.years.includes(w.year) &&
    matchingDays(cron.day, w.year, w.month).includes(w.day)
  );
}

function wallText(wall: number): string {
  return new Date(wall).toISOString().slice(0, 16);
}
