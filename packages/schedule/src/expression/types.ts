import type { CompiledCron, ParsedCron } from './cron';

export interface CronFields {
  minutes: string;
  hours: string;
  dayOfMonth: string;
  month: string;
  dayOfWeek: string;
  year: string;
}

/**
 * A parsed and compiled expression: only parseScheduleExpression makes one, so holding
 * one means it is valid, and next runs and descriptions never parse it again.
 */
export type ScheduleExpression =
  | {
      kind: 'cron';
      source: string;
      /** The six fields as written. */
      fields: CronFields;
      /** The fields' items, for descriptions. */
      items: ParsedCron;
      /** Value lists and the day rule, for next-run search. */
      compiled: CompiledCron;
    }
  | { kind: 'rate'; source: string; value: number; unit: 'minute' | 'hour' | 'day' }
  | {
      kind: 'at';
      source: string;
      at: { year: number; month: number; day: number; hour: number; minute: number; second: number };
    };

export type ParseResult = { ok: true; expression: ScheduleExpression } | { ok: false; problems: string[] };

export interface NextRunsOptions {
  timezone: string;
  after: Date;
  count: number;
  startDate?: Date;
  endDate?: Date;
}
