import { MS_PER_DAY, MS_PER_MINUTE } from '../expression/calendar';
import type { Catalog, Schedule } from '../catalog/catalog';
import { FLEET_DAYS, MINUTES_PER_DAY, type WeekStarts, minuteFloor, runMinutes, runShape, weekStarts } from './starts';

/** One environment's simulated demand over the week, minute by minute from `from`. */
export interface EnvironmentLoad {
  environment: string;
  maxVcpus: number;
  /** vCPUs in use in each minute when every run starts on time (the scheduler promises no spread). */
  vcpus: Float64Array;
  /** The same with each flexible window's starts spread evenly over the window: what spreading could achieve. */
  spreadVcpus: Float64Array;
  /** Memory in use in each minute, on time. */
  memoryMiB: Float64Array;
  /** Highest on-time demand, and the first minute it is reached. */
  peak: { vcpus: number; at: string; schedules: { name: string; vcpus: number }[] };
  /** Highest demand with flexible windows spread. */
  spreadPeakVcpus: number;
  /** Minutes of the week in which on-time demand exceeds maxVcpus. */
  minutesOverCapacity: number;
  /** Schedules running in this environment (enabled ones), sorted. */
  schedules: string[];
}

export interface FleetLoad {
  /** Start of the simulated week (ISO 8601, UTC minute). */
  from: string;
  days: number;
  /** Per environment that is defined in compute.json, in its order. */
  environments: EnvironmentLoad[];
  /** Whether any figure rests on a timeout instead of an expectedDuration. */
  upperBound: boolean;
}

/**
 * Simulates every enabled schedule's starts over the next week. Each run holds its
 * size's vCPUs and memory times its shards (array jobs run their shards at once)
 * for its expected duration (else its timeout), rounded up to whole minutes. Runs
 * that started before the week and still run are counted, so the first hours are
 * not undercounted. A flexible window is a possible spread, not a guarantee: the
 * on-time curve is what warnings use; the spread curve shows what the window could buy.
 */
export function simulateLoad(catalog: Pick<Catalog, 'config' | 'schedules'>, now: Date, options: { days?: number; starts?: WeekStarts } = {}): FleetLoad {
  const days = options.days ?? FLEET_DAYS;
  const from = minuteFloor(now);
  const minutes = days * MINUTES_PER_DAY;
  const starts = options.starts ?? weekStarts(catalog.schedules, from, days);
  const byEnvironment = new Map<string, Schedule[]>();
  for (const schedule of starts.keys()) {
    const list = byEnvironment.get(schedule.environment.name) ?? [];
    list.push(schedule);
    byEnvironment.set(schedule.environment.name, list);
  }

  let upperBound = false;
  const environments: EnvironmentLoad[] = [];
  for (const [name, environment] of Object.entries(catalog.config.environments)) {
    const schedules = byEnvironment.get(name) ?? [];
    const vcpuDiff = new Float64Array(minutes + 1);
    const memoryDiff = new Float64Array(minutes + 1);
    // Flexible runs only: on time (to take out) and spread (to put in), the latter as
    // second differences, since a start uniform over w+1 minutes adds a trapezoid.
    const flexDiff = new Float64Array(minutes + 1);
    const spreadDiff2 = new Float64Array(minutes + 3);
    let anyFlexible = false;
    for (const schedule of schedules) {
      const shape = runShape(schedule);
      upperBound ||= shape.upperBound;
      const length = runMinutes(shape);
      const window = schedule.definition.flexibleWindowMinutes ?? 0;
      for (const start of starts.get(schedule)!) {
        const index = Math.round((start - from) / MS_PER_MINUTE);
        addInterval(vcpuDiff, index, index + length, shape.vcpus, minutes);
        addInterval(memoryDiff, index, index + length, shape.memoryMiB, minutes);
        if (window > 0) {
          anyFlexible = true;
          addInterval(flexDiff, index, index + length, shape.vcpus, minutes);
          addSpread(spreadDiff2, index, length, window, shape.vcpus, minutes);
        }
      }
    }
    const vcpus = prefixSum(vcpuDiff, minutes);
    const memoryMiB = prefixSum(memoryDiff, minutes);
    let spreadVcpus = vcpus;
    if (anyFlexible) {
      const flexible = prefixSum(flexDiff, minutes);
      const spread = prefixSum(prefixSum(spreadDiff2, minutes + 2), minutes);
      spreadVcpus = new Float64Array(minutes);
      for (let m = 0; m < minutes; m++) spreadVcpus[m] = clean(vcpus[m] - flexible[m] + spread[m]);
    }

    let peakIndex = 0;
    let minutesOverCapacity = 0;
    let spreadPeakVcpus = 0;
    for (let m = 0; m < minutes; m++) {
      if (vcpus[m] > vcpus[peakIndex]) peakIndex = m;
      if (vcpus[m] > environment.maxVcpus) minutesOverCapacity++;
      if (spreadVcpus[m] > spreadPeakVcpus) spreadPeakVcpus = spreadVcpus[m];
    }
    const atPeak: { name: string; vcpus: number }[] = [];
    for (const schedule of schedules) {
      const shape = runShape(schedule);
      const length = runMinutes(shape);
      let held = 0;
      for (const start of starts.get(schedule)!) {
        const index = Math.round((start - from) / MS_PER_MINUTE);
        if (index <= peakIndex && peakIndex < index + length) held += shape.vcpus;
      }
      if (held > 0) atPeak.push({ name: schedule.name, vcpus: held });
    }
    environments.push({
      environment: name,
      maxVcpus: environment.maxVcpus,
      vcpus,
      spreadVcpus,
      memoryMiB,
      peak: {
        vcpus: vcpus[peakIndex] ?? 0,
        at: new Date(from + peakIndex * MS_PER_MINUTE).toISOString(),
        schedules: atPeak.sort((a, b) => b.vcpus - a.vcpus || a.name.localeCompare(b.name)),
      },
      spreadPeakVcpus: round(spreadPeakVcpus),
      minutesOverCapacity,
      schedules: schedules.map((s) => s.name).sort(),
    });
  }
  return { from: new Date(from).toISOString(), days, environments, upperBound };
}

/** Adds `amount` to minutes [start, end) clipped to the week, in a first-difference array. */
function addInterval(diff: Float64Array, start: number, end: number, amount: number, minutes: number): void {
  const a = Math.max(0, start);
  const b = Math.min(minutes, end);
  if (a >= b) return;
  diff[a] += amount;
  diff[b] -= amount;
}

/**
 * A run starting uniformly at one of minutes start..start+window and lasting `length`
 * minutes: the expected demand rises over the window, holds, and falls. Written as four
 * slope changes in a second-difference array (index shifted by one for the double sum).
 */
function addSpread(diff2: Float64Array, start: number, length: number, window: number, amount: number, minutes: number): void {
  const share = amount / (window + 1);
  slopeChange(diff2, start, share, minutes);
  slopeChange(diff2, start + length, -share, minutes);
  slopeChange(diff2, start + window + 1, -share, minutes);
  slopeChange(diff2, start + window + 1 + length, share, minutes);
}

function slopeChange(diff2: Float64Array, at: number, delta: number, minutes: number): void {
  if (at >= minutes + 2) return;
  if (at >= 0) {
    diff2[at] += delta;
    return;
  }
  // A change before the week still shapes the curve inside it: it adds delta·(m − at + 1)
  // at minute m ≥ 0, which is level delta·(1 − at) at minute 0 and slope delta after it.
  diff2[0] += delta * (1 - at);
  diff2[1] += delta * at;
}

function prefixSum(diff: Float64Array, length: number): Float64Array {
  const out = new Float64Array(length);
  let sum = 0;
  for (let i = 0; i < length; i++) {
    sum += diff[i];
    out[i] = clean(sum);
  }
  return out;
}

/** Float sums of added and removed shares leave dust around zero. */
function clean(value: number): number {
  return Math.abs(value) < 1e-9 ? 0 : value;
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}

/** The week, for callers that lay figures out per minute. */
export function weekBounds(load: FleetLoad): { from: number; to: number } {
  const from = Date.parse(load.from);
  return { from, to: from + load.days * MS_PER_DAY };
}
