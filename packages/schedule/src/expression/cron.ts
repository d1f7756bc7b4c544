// Whole cron expressions: the six fields, the day-of-month/day-of-week rule,
// and compilation into sorted value lists plus a day rule for next-run search.

import { CRON_FIELD_SPECS, type CronFieldItem, type CronFieldName, expandValues, parseCronField } from './cron-field';
import { daysInMonth, weekdayOf } from './calendar';
import type { CronFields } from './types';

export type ParsedCron = Record<keyof CronFields, CronFieldItem[]>;

export type ParsedCronResult = { ok: true; parsed: ParsedCron } | { ok: false; problems: string[] };

const FIELD_ORDER = CRON_FIELD_SPECS.map((spec) => spec.name).join(' ');

/** Split the text inside `cron(...)` into the six fields. */
export function splitCronFields(inner: string): { ok: true; fields: CronFields } | { ok: false; problems: string[] } {
  const parts = inner.trim() === '' ? [] : inner.trim().split(/\s+/);
  if (parts.length !== 6) {
    return {
      ok: false,
      problems: [`cron expression must have exactly 6 fields (${FIELD_ORDER}), found ${parts.length} in "${inner}"`],
    };
  }
  const [minutes, hours, dayOfMonth, month, dayOfWeek, year] = parts;
  return { ok: true, fields: { minutes, hours, dayOfMonth, month, dayOfWeek, year } };
}

/** Validate all six fields and the day-of-month/day-of-week rule; every problem is reported. */
export function parseCronFields(fields: CronFields): ParsedCronResult {
  const problems: string[] = [];
  const parsed: Partial<ParsedCron> = {};
  for (const spec of CRON_FIELD_SPECS) {
    const result = parseCronField(spec, fields[spec.key]);
    if (result.ok) parsed[spec.key] = result.items;
    else problems.push(...result.problems);
  }

  const domAny = fields.dayOfMonth === '?';
  const dowAny = fields.dayOfWeek === '?';
  if (domAny && dowAny) {
    problems.push(
      'cron day-of-month and day-of-week fields: only one of them may be \'?\'; put a value or \'*\' in the other',
    );
  } else if (!domAny && !dowAny) {
    problems.push(
      `cron day-of-month and day-of-week fields ("${fields.dayOfMonth}" and "${fields.dayOfWeek}"): ` +
        "exactly one of them must be '?'; AWS cannot combine a day of the month with a day of the week",
    );
  }

  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, parsed: parsed as ParsedCron };
}

/** How the day is chosen; exactly one of day-of-month/day-of-week drives it. */
export type DayRule =
  | { kind: 'days-of-month'; days: readonly boolean[] }
  | { kind: 'last-day' }
  | { kind: 'last-weekday' }
  | { kind: 'nearest-weekday'; day: number }
  | { kind: 'weekdays'; weekdays: readonly boolean[] }
  | { kind: 'last-of-weekday'; weekday: number }
  | { kind: 'nth-weekday'; weekday: number; nth: number };

export interface CompiledCron {
  minutes: readonly number[];
  hours: readonly number[];
  months: readonly number[];
  years: readonly number[];
  day: DayRule;
}

const specOf = (name: CronFieldName) => CRON_FIELD_SPECS.find((spec) => spec.name === name)!;

export function compileCron(parsed: ParsedCron): CompiledCron {
  return {
    minutes: expandValues(specOf('minutes'), parsed.minutes),
    hours: expandValues(specOf('hours'), parsed.hours),
    months: expandValues(specOf('month'), parsed.month),
    years: expandValues(specOf('year'), parsed.year),
    day: parsed.dayOfMonth[0].kind === 'any' ? dayOfWeekRule(parsed.dayOfWeek) : dayOfMonthRule(parsed.dayOfMonth),
  };
}

function flags(values: readonly number[], size: number): boolean[] {
  const result = new Array<boolean>(size).fill(false);
  for (const value of values) result[value] = true;
  return result;
}

function dayOfMonthRule(items: readonly CronFieldItem[]): DayRule {
  const [first] = items;
  if (first.kind === 'last') return { kind: 'last-day' };
  if (first.kind === 'last-weekday') return { kind: 'last-weekday' };
  if (first.kind === 'nearest-weekday') return { kind: 'nearest-weekday', day: first.day };
  return { kind: 'days-of-month', days: flags(expandValues(specOf('day-of-month'), items), 32) };
}

function dayOfWeekRule(items: readonly CronFieldItem[]): DayRule {
  const [first] = items;
  // A lone 'L' in day-of-week is the last day of the week: Saturday (7).
  if (first.kind === 'last') return { kind: 'weekdays', weekdays: flags([7], 8) };
  if (first.kind === 'last-of-weekday') return { kind: 'last-of-weekday', weekday: first.weekday };
  if (first.kind === 'nth-weekday') return { kind: 'nth-weekday', weekday: first.weekday, nth: first.nth };
  return { kind: 'weekdays', weekdays: flags(expandValues(specOf('day-of-week'), items), 8) };
}

/** Days of `month` in `year` selected by `rule`, ascending. */
export function matchingDays(rule: DayRule, year: number, month: number): number[] {
  const lastDay = daysInMonth(year, month);
  switch (rule.kind) {
    case 'days-of-month': {
      const days: number[] = [];
      for (let day = 1; day <= lastDay; day++) if (rule.days[day]) days.push(day);
      return days;
    }
    case 'last-day':
      return [lastDay];
    case 'last-weekday': {
      const weekday = weekdayOf(year, month, lastDay);
      return [weekday === 1 ? lastDay - 2 : weekday === 7 ? lastDay - 1 : lastDay];
    }
    case 'nearest-weekday':
      return rule.day > lastDay ? [] : [nearestWeekday(year, month, rule.day, lastDay)];
    case 'weekdays': {
      const days: number[] = [];
      const firstWeekday = weekdayOf(year, month, 1);
      for (let day = 1; day <= lastDay; day++) if (rule.weekdays[((firstWeekday - 1 + day - 1) % 7) + 1]) days.push(day);
      return days;
    }
    case 'last-of-weekday': {
      const back = (weekdayOf(year, month, lastDay) - rule.weekday + 7) % 7;
      return [lastDay - back];
    }
    case 'nth-weekday': {
      const firstMatch = 1 + ((rule.weekday - weekdayOf(year, month, 1) + 7) % 7);
      const day = firstMatch + 7 * (rule.nth - 1);
      return day > lastDay ? [] : [day];
    }
  }
}

/** Quartz/AWS 'W': the Monday-Friday day nearest `day`, never leaving the month. */
function nearestWeekday(year: number, month: number, day: number, lastDay: number): number {
  const weekday = weekdayOf(year, month, day);
  if (weekday === 7) return day === 1 ? 3 : day - 1; // Saturday → Friday, or Monday the 3rd
  if (weekday === 1) return day === lastDay ? day - 2 : day + 1; // Sunday → Monday, or Friday before
  return day;
}
