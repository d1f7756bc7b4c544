import type { Schedule } from '../catalog/catalog';
import type { EnvironmentConfig, PricingConfig } from '../schema/compute-config';
import { runShape } from './starts';

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
  return `$${value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
}
