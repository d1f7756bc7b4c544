// Public API of the EventBridge Scheduler schedule-expression engine.
export type { CronFields, ScheduleExpression, ParseResult, NextRunsOptions } from './types';
export { parseScheduleExpression } from './parse';
export { describeScheduleExpression } from './describe';
export { nextRuns } from './next-runs';
export { isValidTimeZone } from './time-zone';
export { daylightSavingRuns } from './daylight-saving';
export type { DaylightSavingRun } from './daylight-saving';
export { runsPerDay } from './frequency';
