// Load against capacity, start-minute pile-ups and cost: what the fleet of schedules asks of AWS.
export { FLEET_DAYS, runShape, runMinutes, runsInNext30Days, startsBetween, minuteFloor, weekStarts, type RunShape, type WeekStarts } from './starts';
export { findPileUps, offsetMinuteFor, type PileUp, type PileUpOptions } from './pile-ups';
export { simulateLoad, type EnvironmentLoad, type FleetLoad } from './load';
export { UNTAGGED, costReport, environmentPrice, runCost, formatUsd, type CostReport, type CostTotal, type EnvironmentPrice, type RunCost, type ScheduleCost } from './cost';
export { checkFleet, type FleetCheck } from './fleet-problems';
export { HEATMAP_DAYS, weekHeatmap, type WeekGrid, type WeekHeatmap } from './heatmap';
export { when as formatWhen } from './fleet-problems';
