// Top-level parsing of cron(...), rate(...) and at(...). Never throws;
// collects every problem it can find.

import { MONTH_NAMES, daysInMonth } from './calendar';
import { compileCron, parseCronFields, splitCronFields } from './cron';
import type { ParseResult, ScheduleExpression } from './types';

export const ACCEPTED_FORMS =
  'cron(minutes hours day-of-month month day-of-week year), rate(value unit) or at(yyyy-mm-ddThh:mm:ss)';

const RATE_UNITS = { minute: 'minutes', hour: 'hours', day: 'days' } as const;
type RateUnit = keyof typeof RATE_UNITS;

export function parseScheduleExpression(source: string): ParseResult {
  if (typeof source !== 'string') {
    return { ok: false, problems: [`schedule expression must be a string of the form ${ACCEPTED_FORMS}`] };
  }
  const match = /^(cron|rate|at)\((.*)\)$/s.exec(source);
  if (!match) {
    const trimmed = source.trim();
    const hint =
      trimmed !== source && /^(cron|rate|at)\(.*\)$/s.test(trimmed)
        ? ' (remove the leading/trailing whitespace)'
        : '';
    return {
      ok: false,
      problems: [`schedule expression "${source}" is not valid: expected ${ACCEPTED_FORMS}${hint}`],
    };
  }
  const [, keyword, inner] = match;
  if (keyword === 'cron') return parseCron(source, inner);
  if (keyword === 'rate') return parseRate(source, inner);
  return parseAt(source, inner);
}

function fail(problems: string[]): ParseResult {
  return { ok: false, problems };
}

function succeed(expression: ScheduleExpression): ParseResult {
  return { ok: true, expression };
}

function parseCron(source: string, inner: string): ParseResult {
  const split = splitCronFields(inner);
  if (!split.ok) return fail(split.problems);
  const parsed = parseCronFields(split.fields);
  if (!parsed.ok) return fail(parsed.problems);
  return succeed({ kind: 'cron', source, fields: split.fields, items: parsed.parsed, compiled: compileCron(parsed.parsed) });
}

function parseRate(source: string, inner: string): ParseResult {
  const parts = inner.trim() === '' ? [] : inner.trim().split(/\s+/);
  if (parts.length !== 2) {
    return fail([`rate: expected "rate(value unit)" such as rate(5 minutes), got "${source}"`]);
  }
  const [valueText, unitText] = parts;
  const problems: string[] = [];

  let value: number | undefined;
  if (!/^\d+$/.test(valueText)) {
    problems.push(`rate: value "${valueText}" must be a positive whole number (no sign, decimals or exponent)`);
  } else if (/^0+$/.test(valueText)) {
    problems.push(`rate: value must be at least 1, got "${valueText}"`);
  } else if (valueText.startsWith('0')) {
    problems.push(`rate: value "${valueText}" must not have leading zeros`);
  } else if (!Number.isSafeInteger(Number(valueText))) {
    problems.push(`rate: value "${valueText}" is too large`);
  } else {
    value = Number(valueText);
  }

  let unit: RateUnit | undefined;
  const singular = (Object.keys(RATE_UNITS) as RateUnit[]).find((u) => u === unitText || RATE_UNITS[u] === unitText);
  if (singular === undefined) {
    problems.push(`rate: unknown unit "${unitText}" (use minute, minutes, hour, hours, day or days)`);
  } else if (value !== undefined) {
    if (value === 1 && unitText !== singular) {
      problems.push(`rate: use the singular unit "${singular}" with the value 1`);
    } else if (value > 1 && unitText === singular) {
      problems.push(`rate: use the plural unit "${RATE_UNITS[singular]}" with a value greater than 1`);
    } else {
      unit = singular;
    }
  }

  if (problems.length > 0 || value === undefined || unit === undefined) return fail(problems);
  return succeed({ kind: 'rate', source, value, unit });
}

function parseAt(source: string, inner: string): ParseResult {
  const text = inner.trim();
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(text);
  if (!match) {
    return fail([`at: expected a date-time "yyyy-mm-ddThh:mm:ss" such as at(2027-01-01T09:00:00), got "${text}"`]);
  }
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  const problems: string[] = [];
  if (year < 1970) problems.push(`at: year ${match[1]} is before 1970`);
  if (month < 1 || month > 12) {
    problems.push(`at: month ${match[2]} is out of range 01-12`);
  } else {
    const lastDay = daysInMonth(year, month);
    if (day < 1 || day > lastDay) {
      problems.push(`at: day ${match[3]} is out of range 01-${lastDay} (${MONTH_NAMES[month - 1]} ${match[1]} has ${lastDay} days)`);
    }
  }
  if (hour > 23) problems.push(`at: hour ${match[4]} is out of range 00-23`);
  if (minute > 59) problems.push(`at: minute ${match[5]} is out of range 00-59`);
  if (second > 59) problems.push(`at: second ${match[6]} is out of range 00-59`);
  if (problems.length > 0) return fail(problems);
  return succeed({ kind: 'at', source, at: { year, month, day, hour, minute, second } });
}
