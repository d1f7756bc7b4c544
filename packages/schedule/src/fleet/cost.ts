import type { Catalog, Schedule } from '../catalog/catalog';
import type { EnvironmentConfig, PricingConfig } from '../schema/compute-config';
import { runShape, runsInNext30Days } from './starts';

/** The hourly price used for one environment's instances, and where it comes from. */
export interface EnvironmentPrice {
  /** USD per instance hour: the mean over the environment's instance types that have a price. */
  usdPerHour: number;
  /** The figures are Spot ones only when the market is spot and every priced type has a spot figure. */
  market: 'onDemand' | 'spot';
  /** Instance types without any price; they are left out of the mean. */
  unpriced: string[];
}

/**
 * Batch picks any of an environment's instance types, so a run is priced at the mean of
 * their prices. Undefined when none of them has a price.
 */
export function environmentPrice(environment: Pick<EnvironmentConfig, 'instanceTypes'>, pricing: PricingConfig): EnvironmentPrice | undefined {
  const prices: number[] = [];
  const unpriced: string[] = [];
  let allSpot = pricing.market === 'spot';
  for (const type of environment.instanceTypes) {
    const price = Object.hasOwn(pricing.instanceTypes, type) ? pricing.instanceTypes[type] : undefined;
    if (!price) {
      unpriced.push(type);
      continue;
    }
    const spot = pricing.market === 'spot' ? price.spot : undefined;
    if (spot === undefined) allSpot = false;
    prices.push(spot ?? price.onDemand);
  }
  if (prices.length === 0) return undefined;
  return { usdPerHour: prices.reduce((a, b) => a + b, 0) / prices.length, market: allSpot ? 'spot' : 'onDemand', unpriced };
}

export interface RunCost {
  /** USD for one run (all shards), undefined when the environment has no price. */
  usdPerRun?: number;
  /** The share of one instance one shard takes: the larger of its vCPU and memory shares. */
  instanceShare: number;
  /** Seconds priced: expectedDuration, else timeout. */
  durationSeconds: number;
  /** True when priced on the timeout, so the figure is an upper bound. */
  upperBound: boolean;
}

/**
 * Cost of one run = duration × the instance's hourly price × the share of the instance the
 * size takes (the larger of its vCPU and memory shares, since either one blocks the rest of
 * the instance), for every shard of an array job.
 */
export function runCost(schedule: Schedule, pricing: PricingConfig): RunCost {
  const shape = runShape(schedule);
  const { instanceShape } = schedule.environment;
  const instanceShare = Math.min(1, Math.max(schedule.size.vcpus / instanceShape.vcpus, schedule.size.memoryMiB / instanceShape.memoryMiB));
  const price = environmentPrice(schedule.environment, pricing);
  const shards = schedule.definition.parallel ?? 1;
  return {
    ...(price ? { usdPerRun: (shape.durationSeconds / 3600) * price.usdPerHour * instanceShare * shards } : {}),
    instanceShare,
    durationSeconds: shape.durationSeconds,
    upperBound: shape.upperBound,
  };
}

/** Dollars with cents, or with four decimals below one cent, so small figures do not read as zero. */
export function formatUsd(value: number): string {
  if (value > 0 && value < 0.01) return `$${value.toFixed(4)}`;
  // toLocaleString is slow per call; a page of 1,000 schedules formats thousands of these.
  const [whole, cents] = value.toFixed(2).split('.');
  return `$${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${cents}`;
}

/** One schedule's next 30 days: how often it runs and what that is estimated to cost. */
export interface ScheduleCost {
  name: string;
  environment: string;
  /** The value of pricing.totalsByTag on the schedule (its own tags, else compute.json's), if any. */
  tag?: string;
  runsPer30Days: number;
  /** USD per run; undefined when the environment's instance types have no price. */
  usdPerRun?: number;
  /** USD for the runs of the next 30 days; undefined when unpriced. */
  usdPer30Days?: number;
  /** Priced on the timeout (no expectedDuration): an upper bound. */
  upperBound: boolean;
}

export interface CostTotal {
  key: string;
  schedules: number;
  runsPer30Days: number;
  usdPer30Days: number;
  /** Some schedule in it is priced on its timeout. */
  upperBound: boolean;
  /** Some schedule in it has no price at all (left out of usdPer30Days). */
  unpriced: number;
}

export interface CostReport {
  /** Which figures were used: On-Demand unless pricing.market is spot and spot figures exist everywhere. */
  market: 'onDemand' | 'spot';
  /** The tag totalled by value. */
  tagKey: string;
  schedules: ScheduleCost[];
  byEnvironment: CostTotal[];
  /** By the value of tagKey; schedules without it are under "(none)". */
  byTag: CostTotal[];
  total: CostTotal;
}

export const UNTAGGED = '(none)';

/** Runs and estimated cost of every schedule over the next 30 days, with totals. */
export function costReport(catalog: Pick<Catalog, 'config' | 'schedules'>, now: Date): CostReport {
  const { pricing, tags: commonTags } = catalog.config;
  const tagKey = pricing.totalsByTag;
  let market: 'onDemand' | 'spot' = pricing.market;
  const schedules = catalog.schedules.map((schedule): ScheduleCost => {
    const cost = runCost(schedule, pricing);
    const runs = runsInNext30Days(schedule, now);
    const price = environmentPrice(schedule.environment, pricing);
    if (price && price.market !== 'spot') market = 'onDemand';
    const tag = Object.hasOwn(schedule.definition.tags, tagKey) ? schedule.definition.tags[tagKey] : Object.hasOwn(commonTags, tagKey) ? commonTags[tagKey] : undefined;
    return {
      name: schedule.name,
      environment: schedule.environment.name,
      ...(tag !== undefined ? { tag } : {}),
      runsPer30Days: runs,
      ...(cost.usdPerRun !== undefined ? { usdPerRun: cost.usdPerRun, usdPer30Days: cost.usdPerRun * runs } : {}),
      upperBound: cost.upperBound && runs > 0,
    };
  });
  const total = (key: string, list: ScheduleCost[]): CostTotal => ({
    key,
    schedules: list.length,
    runsPer30Days: list.reduce((sum, s) => sum + s.runsPer30Days, 0),
    usdPer30Days: list.reduce((sum, s) => sum + (s.usdPer30Days ?? 0), 0),
    upperBound: list.some((s) => s.upperBound),
    unpriced: list.filter((s) => s.usdPer30Days === undefined).length,
  });
  const grouped = (keyOf: (s: ScheduleCost) => string) => {
    const groups = new Map<string, ScheduleCost[]>();
    for (const s of schedules) groups.set(keyOf(s), [...(groups.get(keyOf(s)) ?? []), s]);
    return [...groups].map(([key, list]) => total(key, list)).sort((a, b) => b.usdPer30Days - a.usdPer30Days || a.key.localeCompare(b.key));
  };
  return {
    market,
    tagKey,
    schedules,
    byEnvironment: grouped((s) => s.environment),
    byTag: grouped((s) => s.tag ?? UNTAGGED),
    total: total('total', schedules),
  };
}
