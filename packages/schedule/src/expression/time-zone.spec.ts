import { wallMs } from './calendar';
import { SPAN, instantToWall, isValidTimeZone, offsetAt, wallToInstant } from './time-zone';

const utc = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

describe('isValidTimeZone', () => {
  it.each(['UTC', 'Etc/UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Adelaide', 'Asia/Kolkata', 'America/Argentina/Buenos_Aires', 'Etc/GMT+5', 'Asia/Calcutta'])(
    'accepts %s',
    (zone) => expect(isValidTimeZone(zone)).toBe(true),
  );

  it.each(['', 'Mars/Olympus_Mons', 'Europe/Berlinn', '+05:00', '-0800', 'UTC+1', 'Europe/', '/Berlin', 'Europe Berlin'])(
    'rejects %j',
    (zone) => expect(isValidTimeZone(zone)).toBe(false),
  );

  it('rejects non-strings without throwing', () => {
    expect(isValidTimeZone(undefined as unknown as string)).toBe(false);
    expect(isValidTimeZone(5 as unknown as string)).toBe(false);
  });
});

describe('offsetAt', () => {
  it.each([
    ['UTC', '2026-06-01T00:00:00Z', 0],
    ['Asia/Kolkata', '2026-06-01T00:00:00Z', 5.5 * HOUR],
    ['America/New_York', '2026-01-15T12:00:00Z', -5 * HOUR],
    ['America/New_York', '2026-07-15T12:00:00Z', -4 * HOUR],
    ['Australia/Adelaide', '2026-01-15T12:00:00Z', 10.5 * HOUR],
    ['Australia/Adelaide', '2026-07-15T12:00:00Z', 9.5 * HOUR],
    // exactly at and just before transitions
    ['America/New_York', '2026-03-08T06:59:59Z', -5 * HOUR],
    ['America/New_York', '2026-03-08T07:00:00Z', -4 * HOUR],
    ['America/New_York', '2026-11-01T05:59:59Z', -4 * HOUR],
    ['America/New_York', '2026-11-01T06:00:00Z', -5 * HOUR],
    ['Europe/Berlin', '2026-03-29T00:59:59Z', 1 * HOUR],
    ['Europe/Berlin', '2026-03-29T01:00:00Z', 2 * HOUR],
    ['Australia/Adelaide', '2026-04-04T16:29:59Z', 10.5 * HOUR],
    ['Australia/Adelaide', '2026-04-04T16:30:00Z', 9.5 * HOUR],
    ['Australia/Adelaide', '2026-10-03T16:29:59Z', 9.5 * HOUR],
    ['Australia/Adelaide', '2026-10-03T16:30:00Z', 10.5 * HOUR],
  ])('%s at %s', (zone, iso, expected) => {
    expect(offsetAt(zone, utc(iso))).toBe(expected);
  });

  it('throws RangeError for unknown zones', () => {
    expect(() => offsetAt('Nowhere/Land', 0)).toThrow(RangeError);
  });
});

describe('wallToInstant / instantToWall', () => {
  it('converts ordinary wall times', () => {
    expect(wallToInstant('Asia/Kolkata', wallMs(2026, 1, 1, 0, 0))).toBe(utc('2025-12-31T18:30:00Z'));
    expect(wallToInstant('Europe/Berlin', wallMs(2026, 7, 1, 12, 0))).toBe(utc('2026-07-01T10:00:00Z'));
    expect(instantToWall('Europe/Berlin', utc('2026-07-01T10:00:00Z'))).toBe(wallMs(2026, 7, 1, 12, 0));
  });

  it('returns undefined inside a spring-forward gap', () => {
    expect(wallToInstant('America/New_York', wallMs(2026, 3, 8, 2, 0))).toBeUndefined();
    expect(wallToInstant('America/New_York', wallMs(2026, 3, 8, 2, 59))).toBeUndefined();
    expect(wallToInstant('America/New_York', wallMs(2026, 3, 8, 3, 0))).toBe(utc('2026-03-08T07:00:00Z'));
    expect(wallToInstant('Europe/Berlin', wallMs(2026, 3, 29, 2, 30))).toBeUndefined();
    expect(wallToInstant('Australia/Adelaide', wallMs(2026, 10, 4, 2, 30))).toBeUndefined();
  });

  it('returns the first occurrence inside a fall-back overlap', () => {
    expect(wallToInstant('America/New_York', wallMs(2026, 11, 1, 1, 0))).toBe(utc('2026-11-01T05:00:00Z'));
    expect(wallToInstant('America/New_York', wallMs(2026, 11, 1, 1, 59))).toBe(utc('2026-11-01T05:59:00Z'));
    expect(wallToInstant('America/New_York', wallMs(2026, 11, 1, 2, 0))).toBe(utc('2026-11-01T07:00:00Z'));
    expect(wallToInstant('Europe/Berlin', wallMs(2026, 10, 25, 2, 30))).toBe(utc('2026-10-25T00:30:00Z'));
    expect(wallToInstant('Australia/Adelaide', wallMs(2026, 4, 5, 2, 30))).toBe(utc('2026-04-04T16:00:00Z'));
  });

  it('agrees with Intl on every hour of a DST year', () => {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone: 'Australia/Adelaide', hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric',
    });
    const mismatches: string[] = [];
    for (let t = utc('2026-01-01T00:15:00Z'); t < utc('2027-01-01T00:00:00Z'); t += HOUR) {
      const parts = Object.fromEntries(format.formatToParts(t).map((p) => [p.type, Number(p.value)]));
      const expected = wallMs(parts.year, parts.month, parts.day, parts.hour, parts.minute);
      if (instantToWall('Australia/Adelaide', t) !== expected) mismatches.push(new Date(t).toISOString());
    }
    expect(mismatches).toEqual([]);
  });
});

// The span cache is only exact if no zone changes its offset twice within SPAN. This checks
// that for every zone Intl knows, from 2020 to 2040 (about 3 s), against offsets read from
// Intl without the cache: each zone is probed every PROBE, on a grid unrelated to the cache's
// span boundaries, every change found is bisected to the second, and the cache must agree at
// every probe and on both sides of every change (there against the wall time Intl prints, a
// second way of reading the offset). A probe step cannot see an offset that changes and
// changes back within less than PROBE (3 days); the shortest such episode Intl knows lasted
// 6.96 days (tested below). Scanning 1970-2100 daily takes 30 s and finds nothing closer.
describe('every Intl time zone', () => {
  const FROM = Date.UTC(2020, 0, 1, 7);
  const UNTIL = Date.UTC(2041, 0, 1);
  const PROBE = SPAN / 2;
  const DAY = 24 * HOUR;

  /** The offset as Intl prints it: "GMT+05:30", "GMT-00:44:30", "GMT" at zero. */
  function printedOffsets(zone: string): (instant: number) => string {
    const format = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset', hour: 'numeric' });
    return (instant) => {
      const printed = format.format(instant);
      return printed.slice(printed.indexOf('GMT'));
    };
  }

  function milliseconds(printed: string): number {
    const [, sign, h, m, s = '0'] = /^GMT(?:([+-])(\d\d):(\d\d)(?::(\d\d))?)?$/.exec(printed) ?? [];
    return (sign === '-' ? -1 : 1) * ((Number(h ?? 0) * 60 + Number(m ?? 0)) * 60 + Number(s)) * 1000;
  }

  /** Offset as the wall time Intl prints for the zone minus the instant. */
  function wallOffsets(zone: string): (instant: number) => number {
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    return (instant) => {
      // "7/4/2026, 13:05:09"
      const [month, day, year, hour, minute, second] = format.format(instant).split(/\D+/).map(Number);
      return Date.UTC(year, month - 1, day, hour % 24, minute, second) - Math.floor(instant / 1000) * 1000;
    };
  }

  it('changes offset at most once within SPAN, and the cache agrees with Intl', () => {
    const tooClose: string[] = [];
    const mismatches: string[] = [];
    for (const zone of Intl.supportedValuesOf('timeZone')) {
      const [printed, wall] = [printedOffsets(zone), wallOffsets(zone)];
      const agree = (instant: number, expected: number) => {
        if (offsetAt(zone, instant) !== expected) mismatches.push(`${zone} at ${new Date(instant).toISOString()}`);
      };
      let previousChange = -Infinity;
      let before = printed(FROM);
      let offset = milliseconds(before);
      for (let probe = FROM + PROBE; probe <= UNTIL; probe += PROBE) {
        const now = printed(probe);
        if (now === before) {
          agree(probe, offset);
          continue;
        }
        let [lo, hi] = [probe - PROBE, probe];
        while (hi - lo > 1000) {
          const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
          if (printed(mid) === before) lo = mid;
          else hi = mid;
        }
        agree(lo, wall(lo));
        agree(hi, wall(hi));
        // A second change inside one probe step shows as the first change landing on a third offset.
        if (printed(hi) !== now || hi - previousChange < SPAN) {
          tooClose.push(`${zone}: ${new Date(previousChange).toISOString()} and ${new Date(hi).toISOString()}`);
        }
        [previousChange, before, offset] = [hi, now, milliseconds(now)];
        agree(probe, offset);
      }
    }
    expect(tooClose).toEqual([]);
    expect(mismatches).toEqual([]);
  });

  // The closest changes Intl knows, 6.96 days apart: why SPAN is less than 7 days.
  it.each([
    ['America/Recife', '2000-10-05T00:00:00Z'],
    ['America/Boa_Vista', '2000-10-05T00:00:00Z'],
    ['Asia/Gaza', '2040-10-15T00:00:00Z'],
  ])('agrees with Intl on every minute around the close changes of %s', (zone, from) => {
    const wall = wallOffsets(zone);
    const wrong: string[] = [];
    for (let t = utc(from); t < utc(from) + 14 * DAY; t += 60_000) {
      if (offsetAt(zone, t) !== wall(t)) wrong.push(new Date(t).toISOString());
    }
    expect(wrong).toEqual([]);
  });
});
