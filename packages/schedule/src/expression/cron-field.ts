// One cron field: syntax check against the AWS wildcard table, then a small
// item list. Anything AWS does not document (e.g. "L-3", "1-5W", steps in
// day-of-week) is rejected with a reason. A range whose start is after its end
// wraps around ("FRI-MON", hours "20-2"), as AWS documents with
// cron(0/30 20-2 ? * MON-FRI *).

import type { CronFields } from './types';

export type CronFieldName = 'minutes' | 'hours' | 'day-of-month' | 'month' | 'day-of-week' | 'year';

export interface CronFieldSpec {
  name: CronFieldName;
  key: keyof CronFields;
  min: number;
  max: number;
  /** Wildcard characters AWS allows in this field. */
  wildcards: string;
  /** Three-letter names for min..max, if the field has names. */
  names?: readonly string[];
}

export const MONTH_ABBREVIATIONS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
export const WEEKDAY_ABBREVIATIONS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

export const CRON_FIELD_SPECS: readonly CronFieldSpec[] = [
  { name: 'minutes', key: 'minutes', min: 0, max: 59, wildcards: ',-*/' },
  { name: 'hours', key: 'hours', min: 0, max: 23, wildcards: ',-*/' },
  { name: 'day-of-month', key: 'dayOfMonth', min: 1, max: 31, wildcards: ',-*?/LW' },
  { name: 'month', key: 'month', min: 1, max: 12, wildcards: ',-*/', names: MONTH_ABBREVIATIONS },
  { name: 'day-of-week', key: 'dayOfWeek', min: 1, max: 7, wildcards: ',-*?L#', names: WEEKDAY_ABBREVIATIONS },
  { name: 'year', key: 'year', min: 1970, max: 2199, wildcards: ',-*/' },
];

export type CronFieldItem =
  /** `*` */
  | { kind: 'all' }
  /** `?` */
  | { kind: 'any' }
  /**
   * `5`, `5-10`, `5/10`, `*\/10`, `5-30/10`: every `step`-th value from `from` through `to`.
   * `from > to` wraps around: `22-2` is 22, 23, 0, 1, 2 and `22-2/2` is 22, 0, 2 (the step
   * counts on across the wrap, as in Quartz, whose syntax AWS follows).
   */
  | { kind: 'range'; from: number; to: number; step: number; form: 'value' | 'range' | 'star-step' | 'value-step' | 'range-step' }
  /** `L`: last day of the month (day-of-month) or Saturday, the last day of the week (day-of-week). */
  | { kind: 'last' }
  /** `LW`: last weekday (Mon-Fri) of the month. */
  | { kind: 'last-weekday' }
  /** `15W`: weekday nearest to that day of the month. */
  | { kind: 'nearest-weekday'; day: number }
  /** `6L`: last such weekday of the month. */
  | { kind: 'last-of-weekday'; weekday: number }
  /** `6#3`: third such weekday of the month. */
  | { kind: 'nth-weekday'; weekday: number; nth: number };

export type CronFieldResult = { ok: true; items: CronFieldItem[] } | { ok: false; problems: string[] };

const NUMBER = /^\d+$/;

/** Parse one field's text. Problems are full messages naming the field and its text. */
export function parseCronField(spec: CronFieldSpec, raw: string): CronFieldResult {
  if (raw === '') return { ok: false, problems: [`cron ${spec.name} field is empty`] };
  const reasons: string[] = [];
  const items: CronFieldItem[] = [];
  const result = (): CronFieldResult =>
    reasons.length === 0
      ? { ok: true, items }
      : { ok: false, problems: reasons.map((reason) => `cron ${spec.name} field "${raw}": ${reason}`) };

  const bad = raw.match(invalidCharacters(spec));
  for (const char of new Set(bad ?? [])) {
    reasons.push(`'${char}' is not allowed in the ${spec.name} field (allowed: ${allowedSummary(spec)})`);
  }
  if (reasons.length > 0) return result();

  const parts = raw.split(',');
  if (spec.name === 'day-of-week' && raw.includes('#')) {
    // AWS: "3#1,6#3" is invalid because with '#' the field may hold only one expression.
    if (raw.split('#').length > 2) reasons.push("'#' may appear only once");
    else if (parts.length > 1) reasons.push("a '#' expression must be the only expression in the field");
    if (reasons.length > 0) return result();
  }

  for (const part of parts) {
    if (part === '') {
      reasons.push('empty value in the list');
      continue;
    }
    // Quote the item in messages only when it is one of several.
    const item = parseItem(spec, part, parts.length > 1, (reason) => reasons.push(parts.length > 1 ? `"${part}": ${reason}` : reason));
    if (item !== undefined) items.push(item);
  }
  return result();
}

type Report = (reason: string) => void;

const invalidCharacterPatterns = new Map<CronFieldName, RegExp>();

/** Matches (globally) every character that is neither alphanumeric nor one of the field's wildcards. */
function invalidCharacters(spec: CronFieldSpec): RegExp {
  let pattern = invalidCharacterPatterns.get(spec.name);
  if (pattern === undefined) {
    const wildcards = spec.wildcards.replace(/[\\\]^-]/g, '\\$&');
    pattern = new RegExp(`[^0-9A-Za-z${wildcards}]`, 'gu');
    invalidCharacterPatterns.set(spec.name, pattern);
  }
  return pattern;
}

function allowedSummary(spec: CronFieldSpec): string {
  const range = spec.names ? `${spec.min}-${spec.max} or ${spec.names[0]}-${spec.names[spec.names.length - 1]}` : `${spec.min}-${spec.max}`;
  return `${range} with ${spec.wildcards.split('').join(' ')}`;
}

function parseItem(spec: CronFieldSpec, part: string, inList: boolean, report: Report): CronFieldItem | undefined {
  const alone = (item: CronFieldItem | undefined) => {
    if (item === undefined || !inList) return item;
    report('must be the only value in the field, not part of a list');
    return undefined;
  };

  if (part.includes('?')) {
    if (part === '?') return alone({ kind: 'any' });
    report("'?' must stand alone");
    return undefined;
  }
  if (part === '*') return alone({ kind: 'all' });
  if (spec.name === 'day-of-month' && /[LW]/i.test(part)) {
    return alone(parseDayOfMonthSpecial(spec, part, report));
  }
  if (spec.name === 'day-of-week' && /#|L$/i.test(part)) {
    return alone(parseDayOfWeekSpecial(spec, part, report));
  }
  return parseRangeItem(spec, part, report);
}

function parseDayOfMonthSpecial(spec: CronFieldSpec, part: string, report: Report): CronFieldItem | undefined {
  const upper = part.toUpperCase();
  if (upper === 'L') return { kind: 'last' };
  if (upper === 'LW') return { kind: 'last-weekday' };
  const nearest = /^(\d+)W$/i.exec(part);
  if (nearest) {
    const day = checkedValue(spec, nearest[1], report);
    return day === undefined ? undefined : { kind: 'nearest-weekday', day };
  }
  report(`not supported; AWS documents only L (last day), LW (last weekday) and nW (weekday nearest day n) here`);
  return undefined;
}

function parseDayOfWeekSpecial(spec: CronFieldSpec, part: string, report: Report): CronFieldItem | undefined {
  if (part.toUpperCase() === 'L') return { kind: 'last' };
  const last = /^([0-9A-KM-Z]+)L$/i.exec(part);
  if (last) {
    const weekday = checkedValue(spec, last[1], report);
    return weekday === undefined ? undefined : { kind: 'last-of-weekday', weekday };
  }
  const nth = /^([0-9A-Z]+)#(\d+)$/i.exec(part);
  if (nth) {
    const weekday = checkedValue(spec, nth[1], report);
    const occurrence = Number(nth[2]);
    const occurrenceOk = occurrence >= 1 && occurrence <= 5;
    if (!occurrenceOk) report(`occurrence ${nth[2]} after '#' is out of range 1-5`);
    return weekday === undefined || !occurrenceOk ? undefined : { kind: 'nth-weekday', weekday, nth: occurrence };
  }
  report(`not supported; AWS documents only L (Saturday), nL (last weekday n of the month) and n#k (k-th weekday n of the month) for a single weekday n`);
  return undefined;
}

function parseRangeItem(spec: CronFieldSpec, part: string, report: Report): CronFieldItem | undefined {
  const slashParts = part.split('/');
  if (slashParts.length > 2) {
    report("more than one '/'");
    return undefined;
  }
  const [base, stepText] = slashParts;
  let step = 1;
  let stepOk = true;
  if (stepText !== undefined) {
    const span = spec.max - spec.min + 1;
    if (!NUMBER.test(stepText)) {
      report(stepText === '' ? "missing step after '/'" : `step "${stepText}" must be a whole number`);
      stepOk = false;
    } else {
      step = Number(stepText);
      if (step < 1 || step > span) {
        report(`step ${stepText} is out of range 1-${span}`);
        stepOk = false;
      }
    }
  }

  if (base === '*') return stepOk ? { kind: 'range', from: spec.min, to: spec.max, step, form: 'star-step' } : undefined;
  if (base === '') {
    report("missing value before '/'");
    return undefined;
  }

  const dashParts = base.split('-');
  if (dashParts.length === 1) {
    const value = checkedValue(spec, base, report);
    if (value === undefined || !stepOk) return undefined;
    return stepText === undefined
      ? { kind: 'range', from: value, to: value, step: 1, form: 'value' }
      : { kind: 'range', from: value, to: spec.max, step, form: 'value-step' };
  }
  if (dashParts.length > 2 || dashParts[0] === '' || dashParts[1] === '') {
    report(`"${base}" is not a valid range; write it as low-high`);
    return undefined;
  }
  const from = checkedValue(spec, dashParts[0], report);
  const to = checkedValue(spec, dashParts[1], report);
  if (from === undefined || to === undefined) return undefined;
  if (from > to && spec.name === 'year') {
    // Years do not cycle: there is nothing to wrap around to.
    report(`range ${base} is descending; a year range must go from the earlier year to the later one`);
    return undefined;
  }
  if (!stepOk) return undefined;
  return { kind: 'range', from, to, step, form: stepText === undefined ? 'range' : 'range-step' };
}

/** A number or (month/day-of-week) name, checked against the field's bounds. */
function checkedValue(spec: CronFieldSpec, token: string, report: Report): number | undefined {
  if (NUMBER.test(token)) {
    const value = Number(token);
    if (value < spec.min || value > spec.max) {
      report(`value ${token} is out of range ${spec.min}-${spec.max}`);
      return undefined;
    }
    return value;
  }
  if (spec.names) {
    const index = spec.names.indexOf(token.toUpperCase());
    if (index >= 0) return spec.min + index;
    report(`unknown name "${token}" (use ${spec.min}-${spec.max} or ${spec.names.join(', ')})`);
    return undefined;
  }
  report(`"${token}" is not a number in the range ${spec.min}-${spec.max}`);
  return undefined;
}

/** Whether a range item wraps around the end of its field (`FRI-MON`, hours `22-2`). */
export function wraps(item: CronFieldItem): boolean {
  return item.kind === 'range' && item.from > item.to;
}

/** Sorted distinct values of range/all items (special items are ignored here). */
export function expandValues(spec: CronFieldSpec, items: readonly CronFieldItem[]): number[] {
  const span = spec.max - spec.min + 1;
  const selected = new Uint8Array(span);
  for (const item of items) {
    if (item.kind === 'all') selected.fill(1);
    else if (item.kind === 'range') {
      // A wrapped range runs on past max into the next cycle: offsets count from spec.min.
      const last = item.to < item.from ? item.to + span : item.to;
      for (let v = item.from; v <= last; v += item.step) selected[(v - spec.min) % span] = 1;
    }
  }
  const values: number[] = [];
  for (let i = 0; i < selected.length; i++) if (selected[i]) values.push(spec.min + i);
  return values;
}
