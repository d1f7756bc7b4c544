// Plain-English descriptions. Built from the parsed field items so that
// common shapes read naturally ("at 09:30 on Monday through Friday") and
// anything else still reads correctly, if more literally.

import { MONTH_NAMES, WEEKDAY_NAMES } from './calendar';
import { wraps, type CronFieldItem } from './cron-field';
import type { ParsedCron } from './cron';
import type { ScheduleExpression } from './types';

const ORDINALS = ['', 'first', 'second', 'third', 'fourth', 'fifth'];
const MAX_LISTED_TIMES = 6;

export function describeScheduleExpression(expression: ScheduleExpression, timezone?: string): string {
  const zone = timezone ? ` (${timezone})` : '';
  switch (expression.kind) {
    case 'rate': {
      // The zone does not change a rate (elapsed time) but is still shown, as for every kind.
      const every = expression.value === 1 ? `every ${expression.unit}` : `every ${expression.value} ${expression.unit}s`;
      return every + zone;
    }
    case 'at': {
      const { year, month, day, hour, minute, second } = expression.at;
      return `once at ${pad(year, 4)}-${pad(month)}-${pad(day)} ${pad(hour)}:${pad(minute)}:${pad(second)}${zone}`;
    }
    case 'cron':
      return describeCron(expression.items) + zone;
  }
}

function describeCron(cron: ParsedCron): string {
  const time = describeTime(cron);
  let day = describeDay(cron);
  // "every 5 minutes every day" says nothing more than "every 5 minutes".
  if (day === 'every day' && !/^at \d\d:/.test(time)) day = '';
  const parts = [time, day, describeMonth(cron.month), describeYear(cron.year)];
  return parts.filter((part) => part !== '').join(' ');
}

function pad(value: number, width = 2): string {
  return String(value).padStart(width, '0');
}

function joinList(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

/** Values of plain single-value items, or undefined if the field uses anything else. */
function singleValues(items: readonly CronFieldItem[]): number[] | undefined {
  const values: number[] = [];
  for (const item of items) {
    if (item.kind !== 'range' || item.form !== 'value') return undefined;
    values.push(item.from);
  }
  return values.sort((a, b) => a - b);
}

function describeTime(cron: ParsedCron): string {
  const minutes = singleValues(cron.minutes);
  const hours = singleValues(cron.hours);
  if (minutes && hours && minutes.length * hours.length <= MAX_LISTED_TIMES) {
    const times = hours.flatMap((h) => minutes.map((m) => `${pad(h)}:${pad(m)}`));
    return `at ${joinList(times)}`;
  }
  const minutePhrase = describeMinutes(cron.minutes);
  const hourPhrase = describeHours(cron.hours, minutePhrase.startsWith('every') ? 'during' : 'past');
  return hourPhrase === '' ? minutePhrase : `${minutePhrase} ${hourPhrase}`;
}

/** "every 5 minutes", "every 2 hours starting at hour 1 through hour 11" for a lone step item. */
function stepPhrase(items: readonly CronFieldItem[], unit: 'minute' | 'hour', min: number, max: number): string | undefined {
  if (items.length !== 1) return undefined;
  const [item] = items;
  if (item.kind === 'all') return `every ${unit}`;
  if (item.kind !== 'range' || item.form === 'value' || item.form === 'range' || wraps(item)) return undefined;
  let phrase = item.step === 1 ? `every ${unit}` : `every ${item.step} ${unit}s`;
  if (item.from !== min) phrase += ` starting at ${unit} ${item.from}`;
  if (item.to !== max) phrase += ` through ${unit} ${item.to}`;
  return phrase;
}

function describeMinutes(items: readonly CronFieldItem[]): string {
  const step = stepPhrase(items, 'minute', 0, 59);
  if (step !== undefined) return step;
  const values = singleValues(items);
  return `at minute${values?.length === 1 ? '' : 's'} ${listItems(items, String, { min: 0, max: 59, split: true })}`;
}

function describeHours(items: readonly CronFieldItem[], preposition: 'during' | 'past'): string {
  const step = stepPhrase(items, 'hour', 0, 23);
  if (step === 'every hour') return preposition === 'past' ? 'past every hour' : '';
  if (step !== undefined) return `${preposition} ${step}`;
  const values = singleValues(items);
  return `${preposition} hour${values?.length === 1 ? '' : 's'} ${listItems(items, String, { min: 0, max: 23, split: true })}`;
}

function describeDay(cron: ParsedCron): string {
  const dom = cron.dayOfMonth;
  const dow = cron.dayOfWeek;
  const driver = dom[0].kind === 'any' ? dow : dom;
  if (driver.length === 1 && driver[0].kind === 'all') return 'every day';

  if (driver === dow) {
    const [item] = dow;
    if (item.kind === 'last') return 'on Saturday';
    if (item.kind === 'last-of-weekday') return `on the last ${WEEKDAY_NAMES[item.weekday]} of the month`;
    if (item.kind === 'nth-weekday') return `on the ${ORDINALS[item.nth]} ${WEEKDAY_NAMES[item.weekday]} of the month`;
    return `on ${listItems(dow, (day) => WEEKDAY_NAMES[day], { min: 1, max: 7, split: false })}`;
  }

  const [item] = dom;
  if (item.kind === 'last') return 'on the last day of the month';
  if (item.kind === 'last-weekday') return 'on the last weekday of the month';
  if (item.kind === 'nearest-weekday') return `on the weekday nearest day ${item.day} of the month`;
  if (dom.length === 1 && item.kind === 'range' && item.form !== 'value' && item.form !== 'range' && !wraps(item)) {
    const through = item.to === 31 ? '' : ` through day ${item.to}`;
    return `every ${item.step} days starting on day ${item.from}${through} of the month`;
  }
  const values = singleValues(dom);
  return `on day${values?.length === 1 ? '' : 's'} ${listItems(dom, String, { min: 1, max: 31, split: true })} of the month`;
}

function describeMonth(items: readonly CronFieldItem[]): string {
  if (items.length === 1 && items[0].kind === 'all') return '';
  return periodPhrase(items, 'month', (month) => MONTH_NAMES[month - 1], { min: 1, max: 12, split: false });
}

function describeYear(items: readonly CronFieldItem[]): string {
  if (items.length === 1 && items[0].kind === 'all') return '';
  return periodPhrase(items, 'year', String, { min: 1970, max: 2199, split: false });
}

/** "in March", "in 2027 through 2030", or for a lone step "every 3 months starting in January". */
function periodPhrase(items: readonly CronFieldItem[], unit: 'month' | 'year', name: (value: number) => string, field: FieldRange): string {
  const [item] = items;
  if (items.length === 1 && item.kind === 'range' && item.form !== 'value' && item.form !== 'range' && !wraps(item)) {
    const through = item.form === 'range-step' ? ` through ${name(item.to)}` : '';
    return `every ${item.step === 1 ? unit : `${item.step} ${unit}s`} starting in ${name(item.from)}${through}`;
  }
  return `in ${listItems(items, name, field)}`;
}

/**
 * A field's bounds, for ranges that wrap around its end. `split` writes a wrapped range as
 * its two parts ("20 through 23 and 0 through 2"): every day (or hour, or month) matches both,
 * which "20 through 2" would blur into one overnight stretch. Weekdays and months read
 * naturally as "Friday through Monday" and "November through February".
 */
interface FieldRange {
  min: number;
  max: number;
  split: boolean;
}

/** Generic rendering of list items: "Monday through Friday", "1, 15 and 20 through 25", "every 10th from 5". */
function listItems(items: readonly CronFieldItem[], name: (value: number) => string, field?: FieldRange): string {
  const words = items.map((item) => {
    if (item.kind !== 'range') return '';
    if (item.form === 'value') return name(item.from);
    if (wraps(item) && field) {
      if (item.step > 1) {
        // Few values, in the order they come round: "22, 0 and 2".
        const span = field.max - field.min + 1;
        const values: string[] = [];
        for (let v = item.from; v <= item.to + span; v += item.step) values.push(name(field.min + ((v - field.min) % span)));
        return joinList(values);
      }
      if (field.split) return `${name(item.from)} through ${name(field.max)} and ${name(field.min)} through ${name(item.to)}`;
    }
    if (item.form === 'range') return `${name(item.from)} through ${name(item.to)}`;
    return `every ${item.step} from ${name(item.from)} through ${name(item.to)}`;
  });
  return joinList(words.filter((word) => word !== ''));
}
