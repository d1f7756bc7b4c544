import { type NextRunsOptions, type ScheduleExpression, nextRuns, parseScheduleExpression } from './index';

function parse(source: string): ScheduleExpression {
  const result = parseScheduleExpression(source);
  if (!result.ok) throw new Error(result.problems.join('\n'));
  return result.expression;
}

function runs(source: string, timezone: string, after: string, count = 5, extra: Partial<NextRunsOptions> = {}): string[] {
  return nextRuns(parse(source), { timezone, after: new Date(after), count, ...extra }).map((date) => date.toISOString());
}

const iso = (...values: string[]) => values.map((value) => `${value}.000Z`);

describe('nextRuns: cron basics', () => {
  it('returns runs strictly after `after`', () => {
    expect(runs('cron(0 10 * * ? *)', 'UTC', '2026-01-01T10:00:00Z', 3)).toEqual(
      iso('2026-01-02T10:00:00', '2026-01-03T10:00:00', '2026-01-04T10:00:00'),
    );
    expect(runs('cron(0 10 * * ? *)', 'UTC', '2026-01-01T09:59:59.999Z', 1)).toEqual(iso('2026-01-01T10:00:00'));
  });

  it('handles every minute across an hour and day boundary', () => {
    expect(runs('cron(* * * * ? *)', 'UTC', '2026-12-31T23:58:30Z', 3)).toEqual(
      iso('2026-12-31T23:59:00', '2027-01-01T00:00:00', '2027-01-01T00:01:00'),
    );
  });

  it('applies steps, ranges and lists', () => {
    expect(runs('cron(1/10 * * * ? *)', 'UTC', '2026-05-01T00:00:00Z', 4)).toEqual(
      iso('2026-05-01T00:01:00', '2026-05-01T00:11:00', '2026-05-01T00:21:00', '2026-05-01T00:31:00'),
    );
    expect(runs('cron(0/20 22-23 ? * * *)', 'UTC', '2026-05-01T22:30:00Z', 4)).toEqual(
      iso('2026-05-01T22:40:00', '2026-05-01T23:00:00', '2026-05-01T23:20:00', '2026-05-01T23:40:00'),
    );
    expect(runs('cron(0 0 1 JAN,JUL ? 2027/2)', 'UTC', '2026-01-01T00:00:00Z', 4)).toEqual(
      iso('2027-01-01T00:00:00', '2027-07-01T00:00:00', '2029-01-01T00:00:00', '2029-07-01T00:00:00'),
    );
  });

  it('runs on named weekdays (SUN=1)', () => {
    // 2026-03-06 is a Friday
    expect(runs('cron(30 9 ? * MON-FRI *)', 'UTC', '2026-03-06T12:00:00Z', 3)).toEqual(
      iso('2026-03-09T09:30:00', '2026-03-10T09:30:00', '2026-03-11T09:30:00'),
    );
    expect(runs('cron(0 12 ? * 1,7 *)', 'UTC', '2026-03-06T12:00:00Z', 3)).toEqual(
      iso('2026-03-07T12:00:00', '2026-03-08T12:00:00', '2026-03-14T12:00:00'),
    );
  });

  it('skips day 31 in short months rather than clamping', () => {
    expect(runs('cron(0 0 31 * ? *)', 'UTC', '2026-01-31T00:00:00Z', 3)).toEqual(
      iso('2026-03-31T00:00:00', '2026-05-31T00:00:00', '2026-07-31T00:00:00'),
    );
  });

  it('finds sparse schedules quickly and stops after 2199', () => {
    expect(runs('cron(0 0 29 2 ? *)', 'UTC', '2026-01-01T00:00:00Z', 3)).toEqual(
      iso('2028-02-29T00:00:00', '2032-02-29T00:00:00', '2036-02-29T00:00:00'),
    );
    // 2100 is not a leap year
    expect(runs('cron(0 0 29 2 ? 2097-2199)', 'UTC', '2096-03-01T00:00:00Z', 2)).toEqual(
      iso('2104-02-29T00:00:00', '2108-02-29T00:00:00'),
    );
    expect(runs('cron(0 0 29 2 ? *)', 'UTC', '2196-03-01T00:00:00Z', 5)).toEqual([]);
    expect(runs('cron(0 0 30 2 ? *)', 'UTC', '2026-01-01T00:00:00Z', 5)).toEqual([]);
    expect(runs('cron(0 0 1 1 ? 2020)', 'UTC', '2026-01-01T00:00:00Z', 5)).toEqual([]);
    expect(runs('cron(59 23 31 12 ? 2199)', 'UTC', '2026-01-01T00:00:00Z', 5)).toEqual(iso('2199-12-31T23:59:00'));
  });

  it('returns nothing after 2199, even for the latest possible dates', () => {
    const expression = parse('cron(* * * * ? *)');
    expect(nextRuns(expression, { timezone: 'UTC', after: new Date(Date.UTC(2200, 0, 1)), count: 5 })).toEqual([]);
    expect(nextRuns(expression, { timezone: 'UTC', after: new Date(8.64e15), count: 5 })).toEqual([]);
    expect(nextRuns(parse('rate(1 day)'), { timezone: 'UTC', after: new Date(8.64e15 - 1), count: 5 })).toEqual([]);
  });

  it('returns an empty list for count 0', () => {
    expect(runs('cron(* * * * ? *)', 'UTC', '2026-01-01T00:00:00Z', 0)).toEqual([]);
  });

  it('throws for an unknown zone or invalid dates', () => {
    const expression = parse('cron(0 0 * * ? *)');
    expect(() => nextRuns(expression, { timezone: 'Nowhere/Land', after: new Date(0), count: 1 })).toThrow(RangeError);
    expect(() => nextRuns(expression, { timezone: 'UTC', after: new Date(NaN), count: 1 })).toThrow(RangeError);
  });
});

describe('nextRuns: L, W, LW, nL, n#k', () => {
  it('L in day-of-month is the last day, including leap February', () => {
    expect(runs('cron(0 12 L * ? *)', 'UTC', '2028-01-15T00:00:00Z', 4)).toEqual(
      iso('2028-01-31T12:00:00', '2028-02-29T12:00:00', '2028-03-31T12:00:00', '2028-04-30T12:00:00'),
    );
  });

  it('LW is the last weekday of the month', () => {
    // Jan 31 2026 Sat → Fri 30; Feb 28 Sat → Fri 27; Mar 31 Tue; Apr 30 Thu; May 31 Sun → Fri 29
    expect(runs('cron(0 12 LW * ? *)', 'UTC', '2026-01-01T00:00:00Z', 5)).toEqual(
      iso('2026-01-30T12:00:00', '2026-02-27T12:00:00', '2026-03-31T12:00:00', '2026-04-30T12:00:00', '2026-05-29T12:00:00'),
    );
  });

  it('nW is the nearest weekday, never leaving the month', () => {
    // Mar 15 2026 is a Sunday → Mon 16; Apr 15 Wed; Aug 15 Sat → Fri 14
    expect(runs('cron(0 8 15W * ? 2026)', 'UTC', '2026-03-01T00:00:00Z', 6)).toEqual(
      iso('2026-03-16T08:00:00', '2026-04-15T08:00:00', '2026-05-15T08:00:00', '2026-06-15T08:00:00', '2026-07-15T08:00:00', '2026-08-14T08:00:00'),
    );
    // Aug 1 2026 is a Saturday → Monday Aug 3 (not Friday Jul 31)
    expect(runs('cron(0 8 1W 8 ? 2026)', 'UTC', '2026-01-01T00:00:00Z', 1)).toEqual(iso('2026-08-03T08:00:00'));
    // May 31 2026 is a Sunday → Friday May 29 (not Monday Jun 1); 30-day months have no 31st
    expect(runs('cron(0 8 31W * ? 2026)', 'UTC', '2026-05-01T00:00:00Z', 3)).toEqual(
      iso('2026-05-29T08:00:00', '2026-07-31T08:00:00', '2026-08-31T08:00:00'),
    );
  });

  it('nL is the last such weekday of the month', () => {
    expect(runs('cron(0 10 ? * 6L *)', 'UTC', '2026-01-01T00:00:00Z', 4)).toEqual(
      iso('2026-01-30T10:00:00', '2026-02-27T10:00:00', '2026-03-27T10:00:00', '2026-04-24T10:00:00'),
    );
    expect(runs('cron(0 10 ? * SUNL *)', 'UTC', '2026-01-01T00:00:00Z', 2)).toEqual(
      iso('2026-01-25T10:00:00', '2026-02-22T10:00:00'),
    );
  });

  it('L alone in day-of-week is Saturday', () => {
    expect(runs('cron(0 10 ? * L *)', 'UTC', '2026-01-01T00:00:00Z', 3)).toEqual(
      iso('2026-01-03T10:00:00', '2026-01-10T10:00:00', '2026-01-17T10:00:00'),
    );
  });

  it('n#k is the k-th such weekday; months without a fifth are skipped', () => {
    expect(runs('cron(0 9 ? * 2#1 *)', 'UTC', '2026-01-01T00:00:00Z', 3)).toEqual(
      iso('2026-01-05T09:00:00', '2026-02-02T09:00:00', '2026-03-02T09:00:00'),
    );
    expect(runs('cron(0 0 ? * 6#5 2030)', 'UTC', '2026-01-01T00:00:00Z', 10)).toEqual(
      iso('2030-03-29T00:00:00', '2030-05-31T00:00:00', '2030-08-30T00:00:00', '2030-11-29T00:00:00'),
    );
  });
});

describe('nextRuns: DST in America/New_York (2026-03-08 spring forward, 2026-11-01 fall back)', () => {
  const zone = 'America/New_York';

  it('does not run a daily 02:30 on the spring-forward day', () => {
    expect(runs('cron(30 2 * * ? *)', zone, '2026-03-06T12:00:00Z', 3)).toEqual(
      iso('2026-03-07T07:30:00', '2026-03-09T06:30:00', '2026-03-10T06:30:00'),
    );
  });

  it('runs an hourly cron through the gap without the missing 02:00', () => {
    expect(runs('cron(0 * * * ? *)', zone, '2026-03-08T05:30:00Z', 4)).toEqual(
      iso('2026-03-08T06:00:00', '2026-03-08T07:00:00', '2026-03-08T08:00:00', '2026-03-08T09:00:00'),
    );
  });

  it('runs a daily 01:30 once on the fall-back day, at its first (EDT) occurrence', () => {
    expect(runs('cron(30 1 * * ? *)', zone, '2026-10-31T00:00:00Z', 3)).toEqual(
      iso('2026-10-31T05:30:00', '2026-11-01T05:30:00', '2026-11-02T06:30:00'),
    );
    // Asking from inside the repeated hour does not produce the second occurrence.
    expect(runs('cron(30 1 * * ? *)', zone, '2026-11-01T06:15:00Z', 1)).toEqual(iso('2026-11-02T06:30:00'));
  });

  it('runs the repeated 01:00 hour once for an hourly cron', () => {
    expect(runs('cron(0 * * * ? *)', zone, '2026-11-01T03:30:00Z', 4)).toEqual(
      iso('2026-11-01T04:00:00', '2026-11-01T05:00:00', '2026-11-01T07:00:00', '2026-11-01T08:00:00'),
    );
    expect(runs('cron(0/30 * * * ? *)', zone, '2026-11-01T04:15:00Z', 5)).toEqual(
      iso('2026-11-01T04:30:00', '2026-11-01T05:00:00', '2026-11-01T05:30:00', '2026-11-01T07:00:00', '2026-11-01T07:30:00'),
    );
  });

  it('keeps 02:30 (not in the repeated hour) on the fall-back day', () => {
    expect(runs('cron(30 2 * * ? *)', zone, '2026-10-31T12:00:00Z', 2)).toEqual(
      iso('2026-11-01T07:30:00', '2026-11-02T07:30:00'),
    );
  });
});

describe('nextRuns: DST in Europe/Berlin (2026-03-29, 2026-10-25)', () => {
  const zone = 'Europe/Berlin';

  it('spring forward skips 02:30 and the 02:00 hour', () => {
    expect(runs('cron(30 2 * * ? *)', zone, '2026-03-27T12:00:00Z', 3)).toEqual(
      iso('2026-03-28T01:30:00', '2026-03-30T00:30:00', '2026-03-31T00:30:00'),
    );
    expect(runs('cron(0 * * * ? *)', zone, '2026-03-28T23:30:00Z', 3)).toEqual(
      iso('2026-03-29T00:00:00', '2026-03-29T01:00:00', '2026-03-29T02:00:00'),
    );
  });

  it('fall back runs the repeated 02:xx once, at the CEST occurrence', () => {
    expect(runs('cron(30 2 * * ? *)', zone, '2026-10-23T12:00:00Z', 3)).toEqual(
      iso('2026-10-24T00:30:00', '2026-10-25T00:30:00', '2026-10-26T01:30:00'),
    );
    expect(runs('cron(0 * * * ? *)', zone, '2026-10-24T23:30:00Z', 3)).toEqual(
      iso('2026-10-25T00:00:00', '2026-10-25T02:00:00', '2026-10-25T03:00:00'),
    );
  });

  it('weekday schedules shift their UTC time with DST', () => {
    // Fri 2026-03-27 09:30 CET, then Mon 2026-03-30 09:30 CEST
    expect(runs('cron(30 9 ? * MON-FRI *)', zone, '2026-03-27T00:00:00Z', 2)).toEqual(
      iso('2026-03-27T08:30:00', '2026-03-30T07:30:00'),
    );
  });
});

describe('nextRuns: DST in Australia/Adelaide (+10:30 ACDT ↔ +9:30 ACST)', () => {
  const zone = 'Australia/Adelaide';

  it('DST ends on the first Sunday of April (2026-04-05): 02:xx repeats, first occurrence runs', () => {
    expect(runs('cron(30 2 * * ? *)', zone, '2026-04-03T00:00:00Z', 3)).toEqual(
      iso('2026-04-03T16:00:00', '2026-04-04T16:00:00', '2026-04-05T17:00:00'),
    );
    expect(runs('cron(0 * * * ? *)', zone, '2026-04-04T14:00:00Z', 4)).toEqual(
      iso('2026-04-04T14:30:00', '2026-04-04T15:30:00', '2026-04-04T17:30:00', '2026-04-04T18:30:00'),
    );
  });

  it('DST starts on the first Sunday of October (2026-10-04): 02:xx is skipped', () => {
    expect(runs('cron(30 2 * * ? *)', zone, '2026-10-02T00:00:00Z', 3)).toEqual(
      iso('2026-10-02T17:00:00', '2026-10-04T16:00:00', '2026-10-05T16:00:00'),
    );
    expect(runs('cron(0 * * * ? *)', zone, '2026-10-03T15:00:00Z', 3)).toEqual(
      iso('2026-10-03T15:30:00', '2026-10-03T16:30:00', '2026-10-03T17:30:00'),
    );
  });
});

describe('nextRuns: Asia/Kolkata (+05:30, no DST)', () => {
  it('converts half-hour offsets, including across the date line of UTC', () => {
    expect(runs('cron(0 9 * * ? *)', 'Asia/Kolkata', '2026-03-07T00:00:00Z', 2)).toEqual(
      iso('2026-03-07T03:30:00', '2026-03-08T03:30:00'),
    );
    expect(runs('cron(15 0 1 * ? *)', 'Asia/Kolkata', '2026-01-01T00:00:00Z', 2)).toEqual(
      iso('2026-01-31T18:45:00', '2026-02-28T18:45:00'),
    );
  });
});

describe('nextRuns: startDate and endDate (cron)', () => {
  it('no run before startDate; a run exactly at startDate counts', () => {
    expect(
      runs('cron(0 12 * * ? *)', 'UTC', '2026-01-01T00:00:00Z', 2, { startDate: new Date('2026-02-01T12:00:00Z') }),
    ).toEqual(iso('2026-02-01T12:00:00', '2026-02-02T12:00:00'));
  });

  it('no run after endDate; a run exactly at endDate counts', () => {
    expect(
      runs('cron(0 12 * * ? *)', 'UTC', '2026-01-01T00:00:00Z', 10, { endDate: new Date('2026-01-03T12:00:00Z') }),
    ).toEqual(iso('2026-01-01T12:00:00', '2026-01-02T12:00:00', '2026-01-03T12:00:00'));
    expect(
      runs('cron(0 0 29 2 ? *)', 'UTC', '2026-01-01T00:00:00Z', 10, { endDate: new Date('2030-01-01T00:00:00Z') }),
    ).toEqual(iso('2028-02-29T00:00:00'));
  });

  it('`after` later than startDate wins', () => {
    expect(
      runs('cron(0 12 * * ? *)', 'UTC', '2026-03-01T12:00:00Z', 1, { startDate: new Date('2026-01-01T00:00:00Z') }),
    ).toEqual(iso('2026-03-02T12:00:00'));
  });

  it('start after end gives nothing', () => {
    expect(
      runs('cron(0 12 * * ? *)', 'UTC', '2026-01-01T00:00:00Z', 5, {
        startDate: new Date('2026-02-01T00:00:00Z'),
        endDate: new Date('2026-01-15T00:00:00Z'),
      }),
    ).toEqual([]);
  });
});

describe('nextRuns: rate', () => {
  it('without startDate, anchors at `after`', () => {
    expect(runs('rate(5 minutes)', 'UTC', '2026-01-01T00:00:00Z', 3)).toEqual(
      iso('2026-01-01T00:05:00', '2026-01-01T00:10:00', '2026-01-01T00:15:00'),
    );
  });

  it('with startDate, runs at startDate + k·period (k ≥ 0) after `after`', () => {
    const startDate = new Date('2026-01-01T00:07:00Z');
    expect(runs('rate(1 hour)', 'UTC', '2025-12-01T00:00:00Z', 2, { startDate })).toEqual(
      iso('2026-01-01T00:07:00', '2026-01-01T01:07:00'),
    );
    expect(runs('rate(1 hour)', 'UTC', '2026-01-01T05:07:00Z', 2, { startDate })).toEqual(
      iso('2026-01-01T06:07:00', '2026-01-01T07:07:00'),
    );
    expect(runs('rate(1 hour)', 'UTC', '2026-01-01T05:30:00Z', 1, { startDate })).toEqual(iso('2026-01-01T06:07:00'));
  });

  it('counts elapsed time, so a day is 24 h even across DST', () => {
    expect(runs('rate(1 day)', 'America/New_York', '2026-03-07T12:00:00Z', 2)).toEqual(
      iso('2026-03-08T12:00:00', '2026-03-09T12:00:00'),
    );
    expect(runs('rate(2 days)', 'Europe/Berlin', '2026-10-24T00:00:00Z', 1)).toEqual(iso('2026-10-26T00:00:00'));
  });

  it('stops at endDate (inclusive)', () => {
    expect(
      runs('rate(10 minutes)', 'UTC', '2026-01-01T00:00:00Z', 10, { endDate: new Date('2026-01-01T00:30:00Z') }),
    ).toEqual(iso('2026-01-01T00:10:00', '2026-01-01T00:20:00', '2026-01-01T00:30:00'));
  });
});

describe('nextRuns: at', () => {
  it('is the wall time in the given zone', () => {
    expect(runs('at(2027-01-01T09:00:00)', 'Europe/Berlin', '2026-01-01T00:00:00Z')).toEqual(iso('2027-01-01T08:00:00'));
    expect(runs('at(2027-01-01T09:00:00)', 'Asia/Kolkata', '2026-01-01T00:00:00Z')).toEqual(iso('2027-01-01T03:30:00'));
    expect(runs('at(2027-01-01T09:00:00)', 'UTC', '2026-01-01T00:00:00Z')).toEqual(iso('2027-01-01T09:00:00'));
  });

  it('is gone once `after` reaches it', () => {
    expect(runs('at(2027-01-01T09:00:00)', 'UTC', '2027-01-01T09:00:00Z')).toEqual([]);
    expect(runs('at(2027-01-01T09:00:00)', 'UTC', '2027-01-01T08:59:59Z')).toEqual(iso('2027-01-01T09:00:00'));
  });

  it('does not run in a DST gap; runs at the first occurrence in an overlap', () => {
    expect(runs('at(2026-03-08T02:30:00)', 'America/New_York', '2026-01-01T00:00:00Z')).toEqual([]);
    expect(runs('at(2026-11-01T01:30:00)', 'America/New_York', '2026-01-01T00:00:00Z')).toEqual(iso('2026-11-01T05:30:00'));
  });

  it('ignores startDate and endDate, as AWS does for one-time schedules', () => {
    expect(
      runs('at(2027-01-01T09:00:00)', 'UTC', '2026-01-01T00:00:00Z', 1, {
        startDate: new Date('2028-01-01T00:00:00Z'),
        endDate: new Date('2026-06-01T00:00:00Z'),
      }),
    ).toEqual(iso('2027-01-01T09:00:00'));
  });
});

describe('nextRuns: many varied schedules', () => {
  // Speed is measured by tools/bench, not asserted here; this checks every kind terminates with runs.
  it('computes 5 runs for each of 1,000 varied schedules', () => {
    const sources = [
      'cron(0 10 * * ? *)', 'cron(*/5 * * * ? *)', 'cron(0 9 ? * MON-FRI *)', 'cron(0 0 L * ? *)',
      'cron(0 0 29 2 ? *)', 'cron(0 0 ? * 6#5 2030)', 'cron(30 2 * * ? *)', 'cron(0 12 15W * ? *)',
      'cron(0 8 ? * 6L *)', 'rate(7 minutes)', 'at(2027-06-01T12:00:00)', 'cron(15 3 1 JAN,JUL ? */2)',
    ];
    const zones = ['UTC', 'America/New_York', 'Europe/Berlin', 'Australia/Adelaide', 'Asia/Kolkata', 'Asia/Tokyo', 'America/Los_Angeles'];
    const schedules = Array.from({ length: 1000 }, (_, i) => ({
      expression: parse(sources[i % sources.length]),
      timezone: zones[i % zones.length],
      after: new Date(Date.UTC(2026, 0, 1) + i * 7_919_000),
    }));
    const run = () => {
      let total = 0;
      for (const { expression, timezone, after } of schedules) total += nextRuns(expression, { timezone, after, count: 5 }).length;
      return total;
    };
    expect(run()).toBeGreaterThan(4000);
  });
});
