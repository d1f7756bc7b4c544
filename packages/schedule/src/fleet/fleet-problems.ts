import type { Catalog, Schedule } from '../catalog/catalog';
import type { Problem } from '../problems';
import { simulateLoad, type FleetLoad } from './load';
import { findPileUps, offsetMinuteFor, type PileUp } from './pile-ups';
import { type WeekStarts, minuteFloor, weekStarts } from './starts';

export interface FleetCheck {
  load: FleetLoad;
  /** Each enabled schedule's starts that reach into the week (for heatmaps). */
  starts: WeekStarts;
  pileUps: PileUp[];
  /** Capacity and pile-up warnings (errors when compute.json sets fleet.warningsAsErrors). */
  problems: Problem[];
}

const NAMED = 5;

/**
 * Load against capacity and start-minute pile-ups, as problems on the schedules involved.
 * They are advice: warnings unless compute.json's fleet.warningsAsErrors says otherwise.
 */
export function checkFleet(catalog: Pick<Catalog, 'config' | 'schedules'>, now: Date): FleetCheck {
  const starts = weekStarts(catalog.schedules, minuteFloor(now));
  const load = simulateLoad(catalog, now, { starts });
  const pileUps = findPileUps(catalog.schedules, { now, threshold: catalog.config.fleet.pileUpThreshold, starts });
  const severity = catalog.config.fleet.warningsAsErrors ? 'error' : 'warning';
  const byName = new Map(catalog.schedules.map((s) => [s.name, s]));
  const problems: Problem[] = [];

  for (const env of load.environments) {
    if (env.peak.vcpus <= env.maxVcpus) continue;
    const hours = Math.round((env.minutesOverCapacity / 60) * 10) / 10;
    const spread =
      env.spreadPeakVcpus < env.peak.vcpus
        ? ` If the scheduler spread the flexible windows evenly the peak would be ${env.spreadPeakVcpus} vCPUs, but it does not promise to.`
        : '';
    const bound = env.peak.schedules.some(({ name }) => byName.get(name)?.definition.expectedDuration === undefined)
      ? ' (an upper bound where a schedule has no expectedDuration: its timeout is used)'
      : '';
    for (const { name, vcpus } of env.peak.schedules) {
      const schedule = byName.get(name);
      if (!schedule) continue;
      const others = env.peak.schedules.filter((s) => s.name !== name).map((s) => s.name);
      problems.push({
        file: schedule.file,
        schedule: name,
        path: '/size',
        severity,
        message:
          `environment "${env.environment}" needs up to ${env.peak.vcpus} vCPUs at ${when(env.peak.at, schedule)}, above its maxVcpus of ${env.maxVcpus}${bound}: ` +
          `jobs will queue (over capacity ${hours} h of the next 7 days). This schedule holds ${vcpus} of them, with ${namedList(others)}. ` +
          `Spread the start times, set expectedDuration, or raise maxVcpus in compute.json.${spread}`,
      });
    }
  }

  const reported = new Set<string>();
  for (const pileUp of pileUps) {
    for (const name of pileUp.schedules) {
      // A schedule in several pile-ups is told about the largest (they come sorted so).
      if (reported.has(name)) continue;
      reported.add(name);
      const schedule = byName.get(name);
      if (!schedule) continue;
      const others = pileUp.schedules.filter((s) => s !== name);
      problems.push({
        file: schedule.file,
        schedule: name,
        path: '/scheduleExpression',
        severity,
        message:
          `${pileUp.schedules.length} schedules of environment "${pileUp.environment}" start in the same minute, ${when(pileUp.at, schedule)} ` +
          `(pile-up threshold ${catalog.config.fleet.pileUpThreshold}): this one and ${namedList(others)}. Spot capacity and the scheduler both handle bursts badly: ` +
          `start this one at minute ${offsetMinuteFor(name)} of the hour (a minute derived from its name, so every schedule gets its own), or set flexibleWindowMinutes.`,
      });
    }
  }
  return { load, starts, pileUps, problems };
}

const formats = new Map<string, Intl.DateTimeFormat>();

/** "2026-12-02 03:00 UTC (04:00 Europe/Berlin)": the zone is the schedule's own. */
export function when(iso: string, schedule: Pick<Schedule, 'definition'>): string {
  const date = new Date(iso);
  const utc = `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
  const zone = schedule.definition.timezone;
  if (zone === 'UTC') return utc;
  let format = formats.get(zone);
  if (!format) formats.set(zone, (format = new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })));
  const local = format.format(date);
  return `${utc} (${local} ${zone})`;
}

function namedList(names: readonly string[]): string {
  if (names.length === 0) return 'no other schedule';
  const shown = names.slice(0, NAMED).join(', ');
  return names.length > NAMED ? `${shown} and ${names.length - NAMED} more` : shown;
}
