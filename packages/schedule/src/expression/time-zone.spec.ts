import { wallMs } from './calendar';
import { instantToWall, isValidTimeZone, offsetAt, wallToInstant } from './time-zone';

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
