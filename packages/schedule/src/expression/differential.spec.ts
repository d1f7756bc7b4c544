// Differential test against cron-parser for the subset of syntax both share.
// AWS differs from Unix cron in notation only here: day-of-week 1-7 with
// SUN=1 (cron-parser: 0-6 with SUN=0), a sixth year field (always '*' here),
// and '?' for the unused day field (cron-parser: '*'). L/W/# are AWS/Quartz
// quirks and are covered by hand-written cases instead.
// Ranges may wrap around (hours 22-2, FRI-MON): cron-parser gets the explicit value list.
// Only DST-free zones are compared: cron-parser's DST handling differs from
// EventBridge Scheduler's (it may fire twice in a repeated hour or shift a
// skipped time), so DST behaviour is covered by the hand-written tests.
import fc from 'fast-check';
import { CronExpressionParser } from 'cron-parser';
import { nextRuns, parseScheduleExpression } from './index';
import { MONTH_ABBREVIATIONS, WEEKDAY_ABBREVIATIONS } from './cron-field';

type Item =
  | { kind: 'value'; value: number }
  | { kind: 'range'; from: number; to: number }
  | { kind: 'step'; from: number; to: number; step: number; form: 'star' | 'start' | 'range' };

interface Field {
  min: number;
  max: number;
  items: Item[] | '*';
  useNames: boolean;
}

function itemArbitrary(min: number, max: number, steps: boolean): fc.Arbitrary<Item> {
  const value = fc.integer({ min, max });
  // In either order: a start after the end wraps around the field.
  const pair = fc.tuple(value, value);
  const options: fc.Arbitrary<Item>[] = [
    value.map((v) => ({ kind: 'value', value: v })),
    pair.map(([from, to]) => ({ kind: 'range', from, to })),
  ];
  if (steps) {
    const step = fc.integer({ min: 1, max: max - min + 1 });
    options.push(
      step.map((s) => ({ kind: 'step', from: min, to: max, step: s, form: 'star' })),
      fc.tuple(value, step).map(([from, s]) => ({ kind: 'step', from, to: max, step: s, form: 'start' })),
      fc.tuple(pair, step).map(([[from, to], s]) => ({ kind: 'step', from, to, step: s, form: 'range' })),
    );
  }
  return fc.oneof(...options);
}

function fieldArbitrary(min: number, max: number, options: { steps: boolean; names: boolean }): fc.Arbitrary<Field> {
  return fc.record({
    min: fc.constant(min),
    max: fc.constant(max),
    items: fc.oneof(
      { weight: 1, arbitrary: fc.constant<'*'>('*') },
      { weight: 4, arbitrary: fc.array(itemArbitrary(min, max, options.steps), { minLength: 1, maxLength: 3 }) },
    ),
    useNames: options.names ? fc.boolean() : fc.constant(false),
  });
}

/** Render for AWS; day-of-week and month may use names. */
function toAws(field: Field, names?: readonly string[]): string {
  if (field.items === '*') return '*';
  const show = (v: number) => (names && field.useNames ? names[v - field.min] : String(v));
  return field.items
    .map((item) => {
      if (item.kind === 'value') return show(item.value);
      if (item.kind === 'range') return `${show(item.from)}-${show(item.to)}`;
      if (item.form === 'star') return `*/${item.step}`;
      if (item.form === 'start') return `${show(item.from)}/${item.step}`;
      return `${show(item.from)}-${show(item.to)}/${item.step}`;
    })
    .join(',');
}

/** The set of values a generated field selects, expanded independently of the engine. */
function valuesOf(field: Field): Set<number> {
  const values = new Set<number>();
  if (field.items === '*') {
    for (let v = field.min; v <= field.max; v++) values.add(v);
    return values;
  }
  for (const item of field.items) {
    if (item.kind === 'value') {
      values.add(item.value);
      continue;
    }
    // The values in the order the range visits them (past max back to min when it wraps), every step-th taken.
    const visited: number[] = [];
    for (let v = item.from; ; v = v === field.max ? field.min : v + 1) {
      visited.push(v);
      if (v === item.to) break;
    }
    const step = item.kind === 'step' ? item.step : 1;
    visited.forEach((v, i) => {
      if (i % step === 0) values.add(v);
    });
  }
  return values;
}

/**
 * Render for cron-parser as the explicit list of selected values (shifted by `shift`): it
 * rejects overlapping list items, and an independent expansion here also cross-checks ours.
 */
function toCronParser(field: Field, shift = 0): string {
  if (field.items === '*') return '*';
  return [...valuesOf(field)].sort((a, b) => a - b).map((v) => v + shift).join(',');
}

const cronArbitrary = fc.record({
  minutes: fieldArbitrary(0, 59, { steps: true, names: false }),
  hours: fieldArbitrary(0, 23, { steps: true, names: false }),
  dayOfMonth: fieldArbitrary(1, 31, { steps: true, names: false }),
  month: fieldArbitrary(1, 12, { steps: true, names: true }),
  dayOfWeek: fieldArbitrary(1, 7, { steps: false, names: true }),
  byDayOfMonth: fc.boolean(),
});

type Generated = typeof cronArbitrary extends fc.Arbitrary<infer T> ? T : never;

function render(cron: Generated): { aws: string; unix: string } {
  const dom = cron.byDayOfMonth ? toAws(cron.dayOfMonth) : '?';
  const dow = cron.byDayOfMonth ? '?' : toAws(cron.dayOfWeek, WEEKDAY_ABBREVIATIONS);
  const aws = `cron(${toAws(cron.minutes)} ${toAws(cron.hours)} ${dom} ${toAws(cron.month, MONTH_ABBREVIATIONS)} ${dow} *)`;
  const unixDom = cron.byDayOfMonth ? toCronParser(cron.dayOfMonth) : '*';
  const unixDow = cron.byDayOfMonth ? '*' : toCronParser(cron.dayOfWeek, -1);
  const unix = `${toCronParser(cron.minutes)} ${toCronParser(cron.hours)} ${unixDom} ${toCronParser(cron.month)} ${unixDow}`;
  return { aws, unix };
}

/** A day-of-month rule that can never match (e.g. only the 30th in February) has no runs to compare. */
function alwaysSatisfiable(cron: Generated): boolean {
  if (!cron.byDayOfMonth || cron.dayOfMonth.items === '*') return true;
  return [...valuesOf(cron.dayOfMonth)].some((day) => day <= 28);
}

describe.each(['UTC', 'Asia/Kolkata', 'Asia/Tokyo'])('next 20 runs agree with cron-parser in %s', (timezone) => {
  it('for generated expressions', () => {
    fc.assert(
      fc.property(
        cronArbitrary,
        fc.integer({ min: Date.UTC(2026, 0, 1), max: Date.UTC(2032, 0, 1) }),
        (cron, afterMs) => {
          fc.pre(alwaysSatisfiable(cron));
          const { aws, unix } = render(cron);
          const parsed = parseScheduleExpression(aws);
          if (!parsed.ok) throw new Error(`${aws}: ${parsed.problems.join('; ')}`);
          const after = new Date(afterMs);
          const ours = nextRuns(parsed.expression, { timezone, after, count: 20 }).map((d) => d.toISOString());
          const theirs = CronExpressionParser.parse(unix, { currentDate: after, tz: timezone })
            .take(20)
            .map((d) => d.toISOString());
          expect({ aws, ours }).toEqual({ aws, ours: theirs });
        },
      ),
      { numRuns: 150, seed: 20260101 },
    );
  });

  it.each([
    ['cron(0 10 * * ? *)', '0 10 * * *'],
    ['cron(*/7 * ? * MON-FRI *)', '*/7 * * * 1-5'],
    ['cron(5/15 9-17 1,15 * ? *)', '5-59/15 9-17 1,15 * *'],
    ['cron(0 9 ? * 2,3-5,7 *)', '0 9 * * 1,2-4,6'],
    ['cron(0 0 31 * ? *)', '0 0 31 * *'],
    ['cron(0 12 ? JAN,JUL SUN *)', '0 12 * 1,7 0'],
    ['cron(0 0/6 1-10/3 */2 ? *)', '0 0-23/6 1-10/3 1-12/2 *'],
    // Wrap-around ranges (AWS's own example first), written out for cron-parser.
    ['cron(0/30 20-2 ? * MON-FRI *)', '0,30 0,1,2,20,21,22,23 * * 1-5'],
    ['cron(55-5 * * * ? *)', '0,1,2,3,4,5,55,56,57,58,59 * * * *'],
    ['cron(0 22-2/2 28-3 NOV-FEB ? *)', '0 0,2,22 1,2,3,28,29,30,31 1,2,11,12 *'],
    ['cron(15 9 ? * FRI-MON *)', '15 9 * * 0,1,5,6'],
    ['cron(15 9 ? * 7-1 *)', '15 9 * * 0,6'],
  ])('for %s', (aws, unix) => {
    const parsed = parseScheduleExpression(aws);
    if (!parsed.ok) throw new Error(parsed.problems.join('; '));
    const after = new Date('2026-02-27T13:37:11.123Z');
    const ours = nextRuns(parsed.expression, { timezone, after, count: 20 }).map((d) => d.toISOString());
    const theirs = CronExpressionParser.parse(unix, { currentDate: after, tz: timezone }).take(20).map((d) => d.toISOString());
    expect(ours).toEqual(theirs);
  });
});

// In DST zones, check against a brute-force reference instead: every minute in a window
// around a transition, read back through Intl, must run iff its wall time matches the
// fields and is that wall time's first occurrence (a skipped wall time never shows up).
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

interface FieldSets {
  minutes: Set<number>;
  hours: Set<number>;
  months: Set<number>;
  /** Days of the month, or with byDayOfMonth false, weekdays (1 = Sunday). */
  days: Set<number>;
  byDayOfMonth: boolean;
}

function minuteByMinute(timezone: string, sets: FieldSets, after: number, end: number): string[] {
  const format = new Intl.DateTimeFormat('en-US', {
    timeZone: timezone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric',
  });
  // Offsets via Intl once per 15-minute block: these zones only switch at :00 or :30.
  const BLOCK = 15 * MINUTE;
  const blockOffsets = new Map<number, number>();
  const wallMsOf = (t: number) => {
    const block = Math.floor(t / BLOCK) * BLOCK;
    let offset = blockOffsets.get(block);
    if (offset === undefined) {
      const p = Object.fromEntries(format.formatToParts(block).map((part) => [part.type, Number(part.value)]));
      offset = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - block;
      blockOffsets.set(block, offset);
    }
    return t + offset;
  };
  const expected: string[] = [];
  for (let t = Math.ceil(after / MINUTE) * MINUTE; t <= end; t += MINUTE) {
    const wall = new Date(wallMsOf(t));
    const day = sets.byDayOfMonth ? wall.getUTCDate() : wall.getUTCDay() + 1;
    if (!sets.minutes.has(wall.getUTCMinutes()) || !sets.hours.has(wall.getUTCHours()) || !sets.months.has(wall.getUTCMonth() + 1) || !sets.days.has(day)) continue;
    const key = wallMsOf(t);
    if ([30, 60, 120].some((d) => wallMsOf(t - d * MINUTE) === key)) continue; // repeated wall time
    expected.push(new Date(t).toISOString());
  }
  return expected;
}

describe('runs around DST transitions match a minute-by-minute reference', () => {
  const transitions: Array<[string, string]> = [
    ['America/New_York', '2026-03-08T07:00:00Z'],
    ['America/New_York', '2026-11-01T06:00:00Z'],
    ['Europe/Berlin', '2026-03-29T01:00:00Z'],
    ['Europe/Berlin', '2026-10-25T01:00:00Z'],
    ['Australia/Adelaide', '2026-04-04T16:30:00Z'],
    ['Australia/Adelaide', '2026-10-03T16:30:00Z'],
    // 30-minute DST shift
    ['Australia/Lord_Howe', '2026-04-04T15:00:00Z'],
    ['Australia/Lord_Howe', '2026-10-03T15:30:00Z'],
  ];

  it.each(transitions)('%s around %s', (timezone, transition) => {
    fc.assert(
      fc.property(cronArbitrary, fc.boolean(), fc.integer({ min: 0, max: 12 * 60 }), (generated, everyDay, minutesBefore) => {
        // Every month, and often every day, so that most cases actually span the transition.
        const cron: Generated = {
          ...generated,
          month: { ...generated.month, items: '*' },
          dayOfMonth: everyDay ? { ...generated.dayOfMonth, items: '*' } : generated.dayOfMonth,
          dayOfWeek: everyDay ? { ...generated.dayOfWeek, items: '*' } : generated.dayOfWeek,
        };
        const after = Date.parse(transition) - minutesBefore * MINUTE - 17_000;
        const end = after + 24 * HOUR;
        const expected = minuteByMinute(
          timezone,
          {
            minutes: valuesOf(cron.minutes),
            hours: valuesOf(cron.hours),
            months: valuesOf(cron.month),
            days: cron.byDayOfMonth ? valuesOf(cron.dayOfMonth) : valuesOf(cron.dayOfWeek),
            byDayOfMonth: cron.byDayOfMonth,
          },
          after,
          end,
        );

        const parsed = parseScheduleExpression(render(cron).aws);
        if (!parsed.ok) throw new Error(parsed.problems.join('; '));
        const ours = nextRuns(parsed.expression, { timezone, after: new Date(after), count: 5000, endDate: new Date(end) });
        expect(ours.map((d) => d.toISOString())).toEqual(expected);
      }),
      { numRuns: 25, seed: 42 },
    );
  });
});

describe('wrap-around ranges match the minute-by-minute reference over a DST change', () => {
  const range = (from: number, to: number) => new Set(Array.from({ length: to - from + 1 }, (_, i) => from + i));
  // AWS's example: every 30 minutes from 20:00 through 02:30, Monday to Friday (each day's own hours 0-2 and 20-23).
  const awsExample: FieldSets = { minutes: new Set([0, 30]), hours: new Set([20, 21, 22, 23, 0, 1, 2]), months: range(1, 12), days: range(2, 6), byDayOfMonth: false };
  const cases: Array<[string, FieldSets]> = [
    ['cron(0/30 20-2 ? * MON-FRI *)', awsExample],
    ['cron(55-5 22-2 ? * FRI-MON *)', { minutes: new Set([55, 56, 57, 58, 59, 0, 1, 2, 3, 4, 5]), hours: new Set([22, 23, 0, 1, 2]), months: range(1, 12), days: new Set([6, 7, 1, 2]), byDayOfMonth: false }],
    ['cron(10 23-3/2 25-8 * ? *)', { minutes: new Set([10]), hours: new Set([23, 1, 3]), months: range(1, 12), days: new Set([...range(25, 31), ...range(1, 8)]), byDayOfMonth: true }],
    ['cron(0 1-3 ? OCT-MAR 7-1 *)', { minutes: new Set([0]), hours: range(1, 3), months: new Set([10, 11, 12, 1, 2, 3]), days: new Set([7, 1]), byDayOfMonth: false }],
  ];
  // A week around each change of 2026, where the wrapped night hours meet the skipped or repeated hour.
  const windows: Array<[string, string]> = [
    ['UTC', '2026-03-05T00:00:00Z'],
    ['America/New_York', '2026-03-05T00:00:00Z'],
    ['America/New_York', '2026-10-29T00:00:00Z'],
    ['Europe/Berlin', '2026-03-26T00:00:00Z'],
    ['Europe/Berlin', '2026-10-22T00:00:00Z'],
  ];

  describe.each(windows)('in %s from %s', (timezone, start) => {
    it.each(cases)('%s', (source, sets) => {
      const parsed = parseScheduleExpression(source);
      if (!parsed.ok) throw new Error(parsed.problems.join('; '));
      const after = Date.parse(start) - 17_000;
      const end = after + 8 * 24 * HOUR;
      const expected = minuteByMinute(timezone, sets, after, end);
      expect(expected.length).toBeGreaterThan(0);
      const ours = nextRuns(parsed.expression, { timezone, after: new Date(after), count: 5000, endDate: new Date(end) });
      expect(ours.map((d) => d.toISOString())).toEqual(expected);
    });
  });
});
