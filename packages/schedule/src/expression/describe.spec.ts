import { type ScheduleExpression, describeScheduleExpression, parseScheduleExpression } from './index';

function parse(source: string): ScheduleExpression {
  const result = parseScheduleExpression(source);
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.expression;
}

describe('describeScheduleExpression', () => {
  it.each([
    ['cron(30 9 ? * MON-FRI *)', 'at 09:30 on Monday through Friday'],
    ['cron(0 10 * * ? *)', 'at 10:00 every day'],
    ['cron(0 9,17 * * ? *)', 'at 09:00 and 17:00 every day'],
    ['cron(0 8 1 * ? *)', 'at 08:00 on day 1 of the month'],
    ['cron(0 12 1,15 JAN-MAR ? 2027)', 'at 12:00 on days 1 and 15 of the month in January through March in 2027'],
    ['cron(0/10 * ? * MON-FRI *)', 'every 10 minutes on Monday through Friday'],
    ['cron(0/5 8-17 ? * MON-FRI *)', 'every 5 minutes during hours 8 through 17 on Monday through Friday'],
    ['cron(* * * * ? *)', 'every minute'],
    ['cron(0 * * * ? *)', 'at minute 0 past every hour'],
    ['cron(0,30 * * * ? *)', 'at minutes 0 and 30 past every hour'],
    ['cron(0 1/2 * * ? *)', 'at minute 0 past every 2 hours starting at hour 1'],
    ['cron(0-5,30 9 * * ? *)', 'at minutes 0 through 5 and 30 past hour 9'],
    ['cron(0 12 ? * SUN,SAT *)', 'at 12:00 on Sunday and Saturday'],
    ['cron(0 9 ? * 2#1 *)', 'at 09:00 on the first Monday of the month'],
    ['cron(0 10 ? * 6L 2019-2022)', 'at 10:00 on the last Friday of the month in 2019 through 2022'],
    ['cron(0 0 ? * L *)', 'at 00:00 on Saturday'],
    ['cron(0 0 L * ? *)', 'at 00:00 on the last day of the month'],
    ['cron(0 0 LW * ? *)', 'at 00:00 on the last weekday of the month'],
    ['cron(0 0 15W * ? *)', 'at 00:00 on the weekday nearest day 15 of the month'],
    ['cron(0 0 1 */3 ? *)', 'at 00:00 on day 1 of the month every 3 months starting in January'],
    // Wrap-around ranges: every matching day has both parts, so the hours are written as two.
    ['cron(0/30 20-2 ? * MON-FRI *)', 'every 30 minutes during hours 20 through 23 and 0 through 2 on Monday through Friday'],
    ['cron(55-5 9 * * ? *)', 'at minutes 55 through 59 and 0 through 5 past hour 9'],
    ['cron(0 22-2/2 * * ? *)', 'at minute 0 past hours 22, 0 and 2'],
    ['cron(0 6 28-3 * ? *)', 'at 06:00 on days 28 through 31 and 1 through 3 of the month'],
    ['cron(0 6 28-3/2 * ? *)', 'at 06:00 on days 28, 30, 1 and 3 of the month'],
    ['cron(0 6 1 NOV-FEB ? *)', 'at 06:00 on day 1 of the month in November through February'],
    ['cron(0 6 ? * FRI-MON *)', 'at 06:00 on Friday through Monday'],
    ['cron(0 6 ? * 7-1 *)', 'at 06:00 on Saturday through Sunday'],
    ['rate(1 minute)', 'every minute'],
    ['rate(5 minutes)', 'every 5 minutes'],
    ['rate(1 hour)', 'every hour'],
    ['rate(2 days)', 'every 2 days'],
    ['at(2027-01-01T09:00:00)', 'once at 2027-01-01 09:00:00'],
  ])('%s → %s', (source, expected) => {
    expect(describeScheduleExpression(parse(source))).toBe(expected);
  });

  it('mentions the time zone when given', () => {
    expect(describeScheduleExpression(parse('cron(30 9 ? * MON-FRI *)'), 'Europe/Berlin')).toBe(
      'at 09:30 on Monday through Friday (Europe/Berlin)',
    );
    expect(describeScheduleExpression(parse('at(2027-01-01T09:00:00)'), 'Asia/Kolkata')).toBe(
      'once at 2027-01-01 09:00:00 (Asia/Kolkata)',
    );
    expect(describeScheduleExpression(parse('rate(5 minutes)'), 'UTC')).toBe('every 5 minutes (UTC)');
  });
});
