export interface CronFields {
  minutes: string;
  hours: string;
  dayOfMonth: string;
  month: string;
  dayOfWeek: string;
  year: string;
}

export type ScheduleExpression =
  | { kind: 'cron'; source: string; fields: CronFields }
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
