import {
  type Catalog,
  type CostTotal,
  type Problem,
  type WeekHeatmap,
  checkFleet,
  costReport,
  todayUtc,
  weekHeatmap,
} from '@compute/schedule';
import { listedSchedule, startOfMinute, type ListedSchedule } from '../list/list-schedules';

/** Minutes per point of a capacity chart: 672 points over 7 days, each the highest demand in it. */
export const CHART_STEP_MINUTES = 15;

/** Everything the catalog page shows; also written as catalog.json for scripts. */
export interface CatalogDocument {
  /** Start of the week looked at (ISO 8601, UTC minute): the page is a function of it and the files. */
  from: string;
  /** The zone shown next to UTC. */
  timezone: string;
  market: 'onDemand' | 'spot';
  tagKey: string;
  schedules: CatalogEntry[];
  environments: CatalogEnvironment[];
  heatmaps: { utc: WeekHeatmap; zone: WeekHeatmap };
  /** Capacity and pile-up warnings, as compute:test reports them. */
  warnings: Problem[];
  pileUps: { environment: string; at: string; schedules: string[] }[];
  costs: { byEnvironment: CostTotal[]; byTag: CostTotal[]; total: CostTotal };
}

/** A schedule's row in compute:list, and what the page adds: its size's resources, review state and cost tag. */
export interface CatalogEntry extends ListedSchedule {
  vcpus: number;
  memoryMiB: number;
  parallel: number;
  reviewOverdue: boolean;
  tag: string | null;
}

export interface CatalogEnvironment {
  name: string;
  maxVcpus: number;
  peakVcpus: number;
  peakAt: string;
  spreadPeakVcpus: number;
  minutesOverCapacity: number;
  /** Highest on-time vCPU demand per CHART_STEP_MINUTES from `from`. */
  vcpus: number[];
  /** The same with flexible windows spread evenly. */
  spreadVcpus: number[];
  schedules: number;
}

export function buildCatalogDocument(catalog: Catalog, now: Date, options: { timezone?: string; next?: number } = {}): CatalogDocument {
  const after = startOfMinute(now);
  const timezone = options.timezone ?? catalog.config.fleet.timezone;
  const next = options.next ?? 3;
  const fleet = checkFleet(catalog, after);
  const cost = costReport(catalog, after);
  const today = todayUtc(after);
  const schedules = catalog.schedules.map((schedule, index): CatalogEntry => {
    const row = listedSchedule(catalog, schedule, cost.schedules[index], after, next);
    return {
      ...row,
      vcpus: schedule.size.vcpus,
      memoryMiB: schedule.size.memoryMiB,
      parallel: schedule.definition.parallel,
      reviewOverdue: row.reviewDue < today,
      tag: cost.schedules[index].tag ?? null,
    };
  });
  const environments = fleet.load.environments.map(
    (env): CatalogEnvironment => ({
      name: env.environment,
      maxVcpus: env.maxVcpus,
      peakVcpus: env.peak.vcpus,
      peakAt: env.peak.at,
      spreadPeakVcpus: env.spreadPeakVcpus,
      minutesOverCapacity: env.minutesOverCapacity,
      vcpus: stepMax(env.vcpus),
      spreadVcpus: stepMax(env.spreadVcpus),
      schedules: env.schedules.length,
    }),
  );
  return {
    from: fleet.load.from,
    timezone,
    market: cost.market,
    tagKey: cost.tagKey,
    schedules,
    environments,
    heatmaps: { utc: weekHeatmap(fleet.load, fleet.starts, 'UTC'), zone: weekHeatmap(fleet.load, fleet.starts, timezone) },
    warnings: fleet.problems,
    pileUps: fleet.pileUps,
    costs: { byEnvironment: cost.byEnvironment, byTag: cost.byTag, total: cost.total },
  };
}

function stepMax(values: Float64Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < values.length; i += CHART_STEP_MINUTES) {
    let max = 0;
    for (let j = i; j < Math.min(values.length, i + CHART_STEP_MINUTES); j++) if (values[j] > max) max = values[j];
    out.push(Math.round(max * 100) / 100);
  }
  return out;
}
