import { parseScheduleExpression } from './index';

function problemsOf(source: string): string[] {
  const result = parseScheduleExpression(source);
  if (result.ok) throw new Error(`expected ${source} to be invalid`);
  return result.problems;
}

describe('parseScheduleExpression: cron', () => {
  it('returns the six raw fields', () => {
    expect(parseScheduleExpression('cron(0/15 9-17 ? JAN-MAR MON-FRI 2026-2030)')).toMatchObject({
      ok: true,
      expression: {
        kind: 'cron',
        source: 'cron(0/15 9-17 ? JAN-MAR MON-FRI 2026-2030)',
        fields: { minutes: '0/15', hours: '9-17', dayOfMonth: '?', month: 'JAN-MAR', dayOfWeek: 'MON-FRI', year: '2026-2030' },
      },
    });
  });

  it('compiles the fields once, at parse time', () => {
    const result = parseScheduleExpression('cron(0/15 9-17 ? JAN-MAR MON-FRI 2026-2030)');
    if (!result.ok || result.expression.kind !== 'cron') throw new Error('expected a cron expression');
    expect(result.expression.compiled).toMatchObject({
      minutes: [0, 15, 30, 45],
      hours: [9, 10, 11, 12, 13, 14, 15, 16, 17],
      months: [1, 2, 3],
      years: [2026, 2027, 2028, 2029, 2030],
      day: { kind: 'weekdays', weekdays: [false, false, true, true, true, true, true, false] },
    });
    expect(result.expression.items.minutes).toEqual([expect.objectContaining({ kind: 'range', from: 0, step: 15 })]);
  });

  it('compiles wrap-around ranges to the values they cover, the step counting on across the wrap', () => {
    const compiled = (source: string) => {
      const result = parseScheduleExpression(source);
      if (!result.ok || result.expression.kind !== 'cron') throw new Error(`expected ${source} to be a valid cron expression`);
      return result.expression.compiled;
    };
    expect(compiled('cron(0/30 20-2 ? * MON-FRI *)')).toMatchObject({ minutes: [0, 30], hours: [0, 1, 2, 20, 21, 22, 23] });
    expect(compiled('cron(55-5 22-2/2 ? * FRI-MON *)')).toMatchObject({
      minutes: [0, 1, 2, 3, 4, 5, 55, 56, 57, 58, 59],
      hours: [0, 2, 22],
      day: { kind: 'weekdays', weekdays: [false, true, true, false, false, false, true, true] },
    });
    expect(compiled('cron(0 0 ? * 7-1 *)').day).toEqual({ kind: 'weekdays', weekdays: [false, true, false, false, false, false, false, true] });
    expect(compiled('cron(0 0 28-3/2 NOV-FEB ? *)')).toMatchObject({
      months: [1, 2, 11, 12],
      // 28, 30, then on across the end of the month: 1, 3.
      day: { kind: 'days-of-month', days: Array.from({ length: 32 }, (_, day) => [1, 3, 28, 30].includes(day)) },
    });
  });

  it.each([
    // AWS documentation examples
    'cron(0 10 * * ? *)',
    'cron(15 12 * * ? *)',
    'cron(0 18 ? * MON-FRI *)',
    'cron(0 8 1 * ? *)',
    'cron(0/10 * ? * MON-FRI *)',
    'cron(0/5 8-17 ? * MON-FRI *)',
    'cron(0 9 ? * 2#1 *)',
    'cron(0 10 ? * 6L 2019-2022)',
    // every field's wildcards
    'cron(* * * * ? *)',
    'cron(0,15,30,45 0-5,12 ? * * *)',
    'cron(*/5 */2 ? * * *)',
    'cron(5-50/5 1-23/2 ? * * *)',
    'cron(0 0 1/5 * ? *)',
    'cron(0 0 1-15/3 * ? *)',
    'cron(0 0 L * ? *)',
    'cron(0 0 LW * ? *)',
    'cron(0 0 15W * ? *)',
    'cron(0 0 1W * ? *)',
    'cron(0 0 31W * ? *)',
    'cron(0 0 ? * L *)',
    'cron(0 0 ? * FRIL *)',
    'cron(0 0 ? * 1L *)',
    'cron(0 0 ? * 7#5 *)',
    'cron(0 0 ? * MON#1 *)',
    'cron(0 0 ? * SUN,MON,SAT *)',
    'cron(0 0 ? * 1-7 *)',
    'cron(0 0 * JAN,FEB,MAR ? *)',
    'cron(0 0 * 1-12/3 ? *)',
    'cron(0 0 * JAN/2 ? *)',
    'cron(0 0 1 * ? 1970)',
    'cron(0 0 1 * ? 2199)',
    'cron(0 0 1 * ? 2026/4)',
    'cron(0 0 1 * ? */10)',
    'cron(0 0 1 * ? 2026,2028-2030)',
    // case-insensitive names and letters, single-value ranges, leading zeros
    'cron(0 0 ? jan-Mar mon-fri *)',
    'cron(0 0 l * ? *)',
    'cron(0 0 lw * ? *)',
    'cron(0 0 ? * fri#2 *)',
    'cron(5-5 09 ? * MON-MON *)',
    // whitespace between fields is flexible
    'cron( 0  12 * *\t? * )',
    // Wrap-around ranges: AWS documents cron(0/30 20-2 ? * MON-FRI *)
    'cron(0/30 20-2 ? * MON-FRI *)',
    'cron(55-5 * * * ? *)',
    'cron(0 22-2/2 * * ? *)',
    'cron(0 0 28-3 * ? *)',
    'cron(0 0 1 NOV-FEB ? *)',
    'cron(0 0 ? * FRI-MON *)',
    'cron(0 0 ? * 7-1 *)',
  ])('accepts %s', (source) => {
    const result = parseScheduleExpression(source);
    expect(result).toMatchObject({ ok: true, expression: { kind: 'cron', source } });
  });

  it.each<[string, string[]]>([
    // field count
    ['cron(0 12 * * ?)', ['cron expression must have exactly 6 fields (minutes hours day-of-month month day-of-week year), found 5 in "0 12 * * ?"']],
    ['cron(0 0 12 * * ? *)', ['cron expression must have exactly 6 fields (minutes hours day-of-month month day-of-week year), found 7 in "0 0 12 * * ? *"']],
    ['cron()', ['cron expression must have exactly 6 fields (minutes hours day-of-month month day-of-week year), found 0 in ""']],
    // out of range, naming field, value and range
    ['cron(60 0 * * ? *)', ['cron minutes field "60": value 60 is out of range 0-59']],
    ['cron(0 24 * * ? *)', ['cron hours field "24": value 24 is out of range 0-23']],
    ['cron(0 0 0 * ? *)', ['cron day-of-month field "0": value 0 is out of range 1-31']],
    ['cron(0 0 32 * ? *)', ['cron day-of-month field "32": value 32 is out of range 1-31']],
    ['cron(0 0 1 13 ? *)', ['cron month field "13": value 13 is out of range 1-12']],
    ['cron(0 0 1 0 ? *)', ['cron month field "0": value 0 is out of range 1-12']],
    ['cron(0 0 ? * 0 *)', ['cron day-of-week field "0": value 0 is out of range 1-7']],
    ['cron(0 0 ? * 8 *)', ['cron day-of-week field "8": value 8 is out of range 1-7']],
    ['cron(0 0 1 * ? 1969)', ['cron year field "1969": value 1969 is out of range 1970-2199']],
    ['cron(0 0 1 * ? 2200)', ['cron year field "2200": value 2200 is out of range 1970-2199']],
    ['cron(0 5-24 * * ? *)', ['cron hours field "5-24": value 24 is out of range 0-23']],
    ['cron(1,2,99 0 * * ? *)', ['cron minutes field "1,2,99": "99": value 99 is out of range 0-59']],
    // unknown names and non-numbers
    ['cron(0 0 1 FOO ? *)', ['cron month field "FOO": unknown name "FOO" (use 1-12 or JAN, FEB, MAR, APR, MAY, JUN, JUL, AUG, SEP, OCT, NOV, DEC)']],
    ['cron(0 0 1 JANUARY ? *)', ['cron month field "JANUARY": unknown name "JANUARY" (use 1-12 or JAN, FEB, MAR, APR, MAY, JUN, JUL, AUG, SEP, OCT, NOV, DEC)']],
    ['cron(0 0 ? * MONDAY *)', ['cron day-of-week field "MONDAY": unknown name "MONDAY" (use 1-7 or SUN, MON, TUE, WED, THU, FRI, SAT)']],
    ['cron(x 0 * * ? *)', ['cron minutes field "x": "x" is not a number in the range 0-59']],
    ['cron(0 0 * * ? MMXX)', ['cron year field "MMXX": "MMXX" is not a number in the range 1970-2199']],
    ['cron(0 0 MON * ? *)', ['cron day-of-month field "MON": "MON" is not a number in the range 1-31']],
    // wildcards not allowed in a field
    ['cron(? 0 * * ? *)', ["cron minutes field \"?\": '?' is not allowed in the minutes field (allowed: 0-59 with , - * /)"]],
    ['cron(0 ? * * ? *)', ["cron hours field \"?\": '?' is not allowed in the hours field (allowed: 0-23 with , - * /)"]],
    ['cron(0 0 1 ? ? *)', ["cron month field \"?\": '?' is not allowed in the month field (allowed: 1-12 or JAN-DEC with , - * /)"]],
    ['cron(0 0 ? * 2/2 *)', ["cron day-of-week field \"2/2\": '/' is not allowed in the day-of-week field (allowed: 1-7 or SUN-SAT with , - * ? L #)"]],
    ['cron(0 0 ? * */2 *)', ["cron day-of-week field \"*/2\": '/' is not allowed in the day-of-week field (allowed: 1-7 or SUN-SAT with , - * ? L #)"]],
    ['cron(0 0 1#2 * ? *)', ["cron day-of-month field \"1#2\": '#' is not allowed in the day-of-month field (allowed: 1-31 with , - * ? / L W)"]],
    ['cron(0 0 ? * 2W *)', ['cron day-of-week field "2W": unknown name "2W" (use 1-7 or SUN, MON, TUE, WED, THU, FRI, SAT)']],
    ['cron(0L 0 * * ? *)', ['cron minutes field "0L": "0L" is not a number in the range 0-59']],
    ['cron(0 0 * * ? L)', ['cron year field "L": "L" is not a number in the range 1970-2199']],
    ['cron(0 0 1 * ? 2026?)', ["cron year field \"2026?\": '?' is not allowed in the year field (allowed: 1970-2199 with , - * /)"]],
    ['cron(5😀 0 * * ? *)', ["cron minutes field \"5😀\": '😀' is not allowed in the minutes field (allowed: 0-59 with , - * /)"]],
    ['cron(0.5 0 * * ? *)', ["cron minutes field \"0.5\": '.' is not allowed in the minutes field (allowed: 0-59 with , - * /)"]],
    // day-of-month / day-of-week exclusivity
    ['cron(0 0 * * * *)', ['cron day-of-month and day-of-week fields ("*" and "*"): exactly one of them must be \'?\'; AWS cannot combine a day of the month with a day of the week']],
    ['cron(0 0 1 * MON *)', ['cron day-of-month and day-of-week fields ("1" and "MON"): exactly one of them must be \'?\'; AWS cannot combine a day of the month with a day of the week']],
    ['cron(0 0 ? * ? *)', ["cron day-of-month and day-of-week fields: only one of them may be '?'; put a value or '*' in the other"]],
    // '#'
    ['cron(0 0 ? * MON#1,FRI#2 *)', ["cron day-of-week field \"MON#1,FRI#2\": '#' may appear only once"]],
    ['cron(0 0 ? * 3#1,6#3 *)', ["cron day-of-week field \"3#1,6#3\": '#' may appear only once"]],
    ['cron(0 0 ? * 3#1#2 *)', ["cron day-of-week field \"3#1#2\": '#' may appear only once"]],
    ['cron(0 0 ? * MON#1,FRI *)', ["cron day-of-week field \"MON#1,FRI\": a '#' expression must be the only expression in the field"]],
    ['cron(0 0 ? * 2#0 *)', ["cron day-of-week field \"2#0\": occurrence 0 after '#' is out of range 1-5"]],
    ['cron(0 0 ? * 2#6 *)', ["cron day-of-week field \"2#6\": occurrence 6 after '#' is out of range 1-5"]],
    ['cron(0 0 ? * 8#1 *)', ['cron day-of-week field "8#1": value 8 is out of range 1-7']],
    ['cron(0 0 ? * 2# *)', ['cron day-of-week field "2#": not supported; AWS documents only L (Saturday), nL (last weekday n of the month) and n#k (k-th weekday n of the month) for a single weekday n']],
    ['cron(0 0 ? * 2-3#1 *)', ['cron day-of-week field "2-3#1": not supported; AWS documents only L (Saturday), nL (last weekday n of the month) and n#k (k-th weekday n of the month) for a single weekday n']],
    // L and W
    ['cron(0 0 L-3 * ? *)', ['cron day-of-month field "L-3": not supported; AWS documents only L (last day), LW (last weekday) and nW (weekday nearest day n) here']],
    ['cron(0 0 W * ? *)', ['cron day-of-month field "W": not supported; AWS documents only L (last day), LW (last weekday) and nW (weekday nearest day n) here']],
    ['cron(0 0 1-5W * ? *)', ['cron day-of-month field "1-5W": not supported; AWS documents only L (last day), LW (last weekday) and nW (weekday nearest day n) here']],
    ['cron(0 0 5L * ? *)', ['cron day-of-month field "5L": not supported; AWS documents only L (last day), LW (last weekday) and nW (weekday nearest day n) here']],
    ['cron(0 0 0W * ? *)', ['cron day-of-month field "0W": value 0 is out of range 1-31']],
    ['cron(0 0 32W * ? *)', ['cron day-of-month field "32W": value 32 is out of range 1-31']],
    ['cron(0 0 L,15 * ? *)', ['cron day-of-month field "L,15": "L": must be the only value in the field, not part of a list']],
    ['cron(0 0 15W,20 * ? *)', ['cron day-of-month field "15W,20": "15W": must be the only value in the field, not part of a list']],
    ['cron(0 0 ? * 8L *)', ['cron day-of-week field "8L": value 8 is out of range 1-7']],
    ['cron(0 0 ? * LL *)', ['cron day-of-week field "LL": not supported; AWS documents only L (Saturday), nL (last weekday n of the month) and n#k (k-th weekday n of the month) for a single weekday n']],
    ['cron(0 0 ? * SUN,L *)', ['cron day-of-week field "SUN,L": "L": must be the only value in the field, not part of a list']],
    ['cron(0 0 ? * 6L,2 *)', ['cron day-of-week field "6L,2": "6L": must be the only value in the field, not part of a list']],
    // ranges
    // wrap-around ranges: a bad bound is still named; years do not wrap
    ['cron(0 0 1 * ? 2030-2026)', ['cron year field "2030-2026": range 2030-2026 is descending; a year range must go from the earlier year to the later one']],
    ['cron(0 22-24 * * ? *)', ['cron hours field "22-24": value 24 is out of range 0-23']],
    ['cron(0 25-2 * * ? *)', ['cron hours field "25-2": value 25 is out of range 0-23']],
    ['cron(0 0 ? * FRI-XYZ *)', ['cron day-of-week field "FRI-XYZ": unknown name "XYZ" (use 1-7 or SUN, MON, TUE, WED, THU, FRI, SAT)']],
    ['cron(0 0 ? * 7-0 *)', ['cron day-of-week field "7-0": value 0 is out of range 1-7']],
    ['cron(0 0 32-3 * ? *)', ['cron day-of-month field "32-3": value 32 is out of range 1-31']],
    ['cron(0 0 1 NOV-13 ? *)', ['cron month field "NOV-13": value 13 is out of range 1-12']],
    ['cron(0 22-2/0 * * ? *)', ['cron hours field "22-2/0": step 0 is out of range 1-24']],
    ['cron(0 22-2/25 * * ? *)', ['cron hours field "22-2/25": step 25 is out of range 1-24']],
    ['cron(0 0 ? * FRI-MON/2 *)', ["cron day-of-week field \"FRI-MON/2\": '/' is not allowed in the day-of-week field (allowed: 1-7 or SUN-SAT with , - * ? L #)"]],
    ['cron(5- 0 * * ? *)', ['cron minutes field "5-": "5-" is not a valid range; write it as low-high']],
    ['cron(-5 0 * * ? *)', ['cron minutes field "-5": "-5" is not a valid range; write it as low-high']],
    ['cron(1-2-3 0 * * ? *)', ['cron minutes field "1-2-3": "1-2-3" is not a valid range; write it as low-high']],
    // steps
    ['cron(*/0 0 * * ? *)', ['cron minutes field "*/0": step 0 is out of range 1-60']],
    ['cron(0/61 0 * * ? *)', ['cron minutes field "0/61": step 61 is out of range 1-60']],
    ['cron(0 */25 * * ? *)', ['cron hours field "*/25": step 25 is out of range 1-24']],
    ['cron(*/ 0 * * ? *)', ["cron minutes field \"*/\": missing step after '/'"]],
    ['cron(/5 0 * * ? *)', ["cron minutes field \"/5\": missing value before '/'"]],
    ['cron(0/x 0 * * ? *)', ['cron minutes field "0/x": step "x" must be a whole number']],
    ['cron(1/2/3 0 * * ? *)', ["cron minutes field \"1/2/3\": more than one '/'"]],
    // lists, '*' and '?'
    ['cron(1,,2 0 * * ? *)', ['cron minutes field "1,,2": empty value in the list']],
    ['cron(1, 0 * * ? *)', ['cron minutes field "1,": empty value in the list']],
    ['cron(*,5 0 * * ? *)', ['cron minutes field "*,5": "*": must be the only value in the field, not part of a list']],
    ['cron(0 0 ?,1 * * *)', ['cron day-of-month field "?,1": "?": must be the only value in the field, not part of a list', 'cron day-of-month and day-of-week fields ("?,1" and "*"): exactly one of them must be \'?\'; AWS cannot combine a day of the month with a day of the week']],
    ['cron(0 0 1? * * *)', ["cron day-of-month field \"1?\": '?' must stand alone", 'cron day-of-month and day-of-week fields ("1?" and "*"): exactly one of them must be \'?\'; AWS cannot combine a day of the month with a day of the week']],
  ])('rejects %s', (source, expected) => {
    expect(problemsOf(source)).toEqual(expected);
  });

  it('reports every problem, not only the first', () => {
    expect(problemsOf('cron(60 24 32 13 8 1969)')).toEqual([
      'cron minutes field "60": value 60 is out of range 0-59',
      'cron hours field "24": value 24 is out of range 0-23',
      'cron day-of-month field "32": value 32 is out of range 1-31',
      'cron month field "13": value 13 is out of range 1-12',
      'cron day-of-week field "8": value 8 is out of range 1-7',
      'cron year field "1969": value 1969 is out of range 1970-2199',
      'cron day-of-month and day-of-week fields ("32" and "8"): exactly one of them must be \'?\'; AWS cannot combine a day of the month with a day of the week',
    ]);
    expect(problemsOf('cron(1,99,70 0 * * ? *)')).toEqual([
      'cron minutes field "1,99,70": "99": value 99 is out of range 0-59',
      'cron minutes field "1,99,70": "70": value 70 is out of range 0-59',
    ]);
  });
});

describe('parseScheduleExpression: rate', () => {
  it.each<[string, number, 'minute' | 'hour' | 'day']>([
    ['rate(1 minute)', 1, 'minute'],
    ['rate(5 minutes)', 5, 'minute'],
    ['rate(1 hour)', 1, 'hour'],
    ['rate(12 hours)', 12, 'hour'],
    ['rate(1 day)', 1, 'day'],
    ['rate(7 days)', 7, 'day'],
    ['rate(1000 minutes)', 1000, 'minute'],
    ['rate( 2  hours )', 2, 'hour'],
  ])('accepts %s', (source, value, unit) => {
    expect(parseScheduleExpression(source)).toEqual({ ok: true, expression: { kind: 'rate', source, value, unit } });
  });

  it.each<[string, string[]]>([
    ['rate(1 minutes)', ['rate: use the singular unit "minute" with the value 1']],
    ['rate(1 hours)', ['rate: use the singular unit "hour" with the value 1']],
    ['rate(1 days)', ['rate: use the singular unit "day" with the value 1']],
    ['rate(5 minute)', ['rate: use the plural unit "minutes" with a value greater than 1']],
    ['rate(2 hour)', ['rate: use the plural unit "hours" with a value greater than 1']],
    ['rate(3 day)', ['rate: use the plural unit "days" with a value greater than 1']],
    ['rate(0 minutes)', ['rate: value must be at least 1, got "0"']],
    ['rate(+5 minutes)', ['rate: value "+5" must be a positive whole number (no sign, decimals or exponent)']],
    ['rate(-5 minutes)', ['rate: value "-5" must be a positive whole number (no sign, decimals or exponent)']],
    ['rate(1.5 hours)', ['rate: value "1.5" must be a positive whole number (no sign, decimals or exponent)']],
    ['rate(1e3 minutes)', ['rate: value "1e3" must be a positive whole number (no sign, decimals or exponent)']],
    ['rate(05 minutes)', ['rate: value "05" must not have leading zeros']],
    ['rate(99999999999999999999 minutes)', ['rate: value "99999999999999999999" is too large']],
    ['rate(5 weeks)', ['rate: unknown unit "weeks" (use minute, minutes, hour, hours, day or days)']],
    ['rate(5 Minutes)', ['rate: unknown unit "Minutes" (use minute, minutes, hour, hours, day or days)']],
    ['rate(5 mins)', ['rate: unknown unit "mins" (use minute, minutes, hour, hours, day or days)']],
    ['rate(x y)', ['rate: value "x" must be a positive whole number (no sign, decimals or exponent)', 'rate: unknown unit "y" (use minute, minutes, hour, hours, day or days)']],
    ['rate(5minutes)', ['rate: expected "rate(value unit)" such as rate(5 minutes), got "rate(5minutes)"']],
    ['rate(5)', ['rate: expected "rate(value unit)" such as rate(5 minutes), got "rate(5)"']],
    ['rate()', ['rate: expected "rate(value unit)" such as rate(5 minutes), got "rate()"']],
    ['rate(5 minutes now)', ['rate: expected "rate(value unit)" such as rate(5 minutes), got "rate(5 minutes now)"']],
  ])('rejects %s', (source, expected) => {
    expect(problemsOf(source)).toEqual(expected);
  });
});

describe('parseScheduleExpression: at', () => {
  it.each([
    ['at(2027-01-01T09:00:00)', { year: 2027, month: 1, day: 1, hour: 9, minute: 0, second: 0 }],
    ['at(2028-02-29T23:59:59)', { year: 2028, month: 2, day: 29, hour: 23, minute: 59, second: 59 }],
    ['at(2000-02-29T00:00:00)', { year: 2000, month: 2, day: 29, hour: 0, minute: 0, second: 0 }],
    ['at(2026-12-31T00:00:01)', { year: 2026, month: 12, day: 31, hour: 0, minute: 0, second: 1 }],
  ])('accepts %s', (source, at) => {
    expect(parseScheduleExpression(source)).toEqual({ ok: true, expression: { kind: 'at', source, at } });
  });

  it.each<[string, string[]]>([
    ['at(2027-02-29T09:00:00)', ['at: day 29 is out of range 01-28 (February 2027 has 28 days)']],
    ['at(2100-02-29T09:00:00)', ['at: day 29 is out of range 01-28 (February 2100 has 28 days)']],
    ['at(2027-02-30T09:00:00)', ['at: day 30 is out of range 01-28 (February 2027 has 28 days)']],
    ['at(2027-04-31T09:00:00)', ['at: day 31 is out of range 01-30 (April 2027 has 30 days)']],
    ['at(2027-01-00T09:00:00)', ['at: day 00 is out of range 01-31 (January 2027 has 31 days)']],
    ['at(2027-13-01T09:00:00)', ['at: month 13 is out of range 01-12']],
    ['at(2027-00-01T09:00:00)', ['at: month 00 is out of range 01-12']],
    ['at(2027-01-01T24:00:00)', ['at: hour 24 is out of range 00-23']],
    ['at(2027-01-01T09:60:00)', ['at: minute 60 is out of range 00-59']],
    ['at(2027-01-01T09:00:60)', ['at: second 60 is out of range 00-59']],
    ['at(1969-12-31T23:59:59)', ['at: year 1969 is before 1970']],
    ['at(2027-02-30T24:61:61)', ['at: day 30 is out of range 01-28 (February 2027 has 28 days)', 'at: hour 24 is out of range 00-23', 'at: minute 61 is out of range 00-59', 'at: second 61 is out of range 00-59']],
    ['at(2027-01-01 09:00:00)', ['at: expected a date-time "yyyy-mm-ddThh:mm:ss" such as at(2027-01-01T09:00:00), got "2027-01-01 09:00:00"']],
    ['at(2027-01-01T09:00)', ['at: expected a date-time "yyyy-mm-ddThh:mm:ss" such as at(2027-01-01T09:00:00), got "2027-01-01T09:00"']],
    ['at(2027-01-01T09:00:00Z)', ['at: expected a date-time "yyyy-mm-ddThh:mm:ss" such as at(2027-01-01T09:00:00), got "2027-01-01T09:00:00Z"']],
    ['at(2027-01-01T09:00:00.000)', ['at: expected a date-time "yyyy-mm-ddThh:mm:ss" such as at(2027-01-01T09:00:00), got "2027-01-01T09:00:00.000"']],
    ['at(2027-1-1T09:00:00)', ['at: expected a date-time "yyyy-mm-ddThh:mm:ss" such as at(2027-01-01T09:00:00), got "2027-1-1T09:00:00"']],
  ])('rejects %s', (source, expected) => {
    expect(problemsOf(source)).toEqual(expected);
  });
});

describe('parseScheduleExpression: other input', () => {
  const forms =
    'expected cron(minutes hours day-of-month month day-of-week year), rate(value unit) or at(yyyy-mm-ddThh:mm:ss)';

  it.each([
    '0 12 * * *', // Unix cron
    '0 0 12 * * ? *',
    'cron 0 12 * * ? *',
    'cron(0 12 * * ? *',
    'cron0 12 * * ? *)',
    'CRON(0 12 * * ? *)',
    'Rate(5 minutes)',
    'every(5 minutes)',
    '',
    'rate(5 minutes) ',
  ])('rejects %j and shows the accepted forms', (source) => {
    const problems = problemsOf(source);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toContain(`schedule expression ${JSON.stringify(source)} is not valid: ${forms}`);
  });

  it('hints at surrounding whitespace', () => {
    expect(problemsOf(' rate(5 minutes)')).toEqual([
      `schedule expression " rate(5 minutes)" is not valid: ${forms} (remove the leading/trailing whitespace)`,
    ]);
  });

  it('never throws, even for non-strings', () => {
    for (const value of [undefined, null, 42, {}, []]) {
      const result = parseScheduleExpression(value as unknown as string);
      expect(result.ok).toBe(false);
    }
  });
});
