// Time-zone offsets via Intl only. formatToParts costs several microseconds,
// so offsets are cached per zone in fixed 7-day UTC spans: a span whose two
// boundary offsets agree is treated as constant, and a span whose boundaries
// differ has its one switch instant located once by binary search to the
// second. This assumes a zone changes offset at most once in 7 days; since
// 1970 transitions are at least ~17 days apart in every zone we checked
// (the tightest being Morocco/Western Sahara, Egypt, Fiji).

import { MS_PER_DAY, MS_PER_HOUR, MS_PER_SECOND, wallMs } from './calendar';

const SPAN = 7 * MS_PER_DAY;
// Module-level alias: a global lookup per call is slow in sandboxes such as jest's vm context.
const { floor } = Math;

// Zone names only: Intl would also accept offsets like "+05:00", which are not IANA names.
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;
const MAX_CACHED_SPANS = 20_000;
// Every real UTC offset lies within ±14 h, so any instant showing wall time W lies in W ± 14 h.
const MAX_OFFSET = 14 * MS_PER_HOUR;

interface Span {
  before: number;
  after: number;
  /** First instant with offset `after`; Infinity when the span has no transition. */
  switchAt: number;
}

export class ZoneOffsets {
  private readonly boundaries = new Map<number, number>();
  private readonly spans = new Map<number, Span>();

  constructor(private readonly format: Intl.DateTimeFormat) {}

  offsetAt(instant: number): number {
    const index = floor(instant / SPAN);
    let span = this.spans.get(index);
    if (span === undefined) {
      if (this.spans.size >= MAX_CACHED_SPANS) {
        this.spans.clear();
        this.boundaries.clear();
      }
      span = this.computeSpan(index);
      this.spans.set(index, span);
    }
    return instant < span.switchAt ? span.before : span.after;
  }

  /**
   * The UTC instant at which the zone shows wall time `wall`, or undefined when that wall
   * time is skipped by a forward transition (DST gap). A wall time shown twice (fall-back
   * overlap) resolves to its first occurrence.
   */
  wallToInstant(wall: number): number | undefined {
    // The offsets in force around the candidate window; at most one transition lies inside it.
    const early = this.offsetAt(wall - MAX_OFFSET);
    const late = this.offsetAt(wall + MAX_OFFSET);
    // The larger offset yields the earlier instant, so trying it first picks the first occurrence.
    const first = early >= late ? early : late;
    const second = early >= late ? late : early;
    if (this.offsetAt(wall - first) === first) return wall - first;
    if (this.offsetAt(wall - second) === second) return wall - second;
    return undefined;
  }

  private computeSpan(index: number): Span {
    const before = this.boundaryOffset(index);
    const after = this.boundaryOffset(index + 1);
    if (before === after) return { before, after, switchAt: Infinity };
    // Invariant: offset(lo) === before, offset(hi) !== before.
    let lo = index * SPAN;
    let hi = lo + SPAN;
    while (hi - lo > MS_PER_SECOND) {
      const mid = lo + floor((hi - lo) / 2 / MS_PER_SECOND) * MS_PER_SECOND;
      if (this.exactOffset(mid) === before) lo = mid;
      else hi = mid;
    }
    return { before, after, switchAt: hi };
  }

  private boundaryOffset(index: number): number {
    let offset = this.boundaries.get(index);
    if (offset === undefined) {
      offset = this.exactOffset(index * SPAN);
      this.boundaries.set(index, offset);
    }
    return offset;
  }

  private exactOffset(instant: number): number {
    const values: Record<string, number> = {};
    for (const part of this.format.formatToParts(instant)) {
      if (part.type !== 'literal') values[part.type] = Number(part.value);
    }
    const { year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0 } = values;
    // Some ICU versions print midnight as hour 24 even with h23.
    const wall = wallMs(year, month, day, hour === 24 ? 0 : hour, minute, second);
    return wall - floor(instant / MS_PER_SECOND) * MS_PER_SECOND;
  }
}

const zones = new Map<string, ZoneOffsets>();

/** Cached offset lookup for a zone. Throws RangeError for names Intl does not accept. */
export function zoneOffsets(timezone: string): ZoneOffsets {
  let zone = zones.get(timezone);
  if (zone === undefined) {
    if (!ZONE_NAME.test(timezone)) throw new RangeError(`Invalid time zone: "${timezone}"`);
    // Throws RangeError for names Intl does not know.
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone: timezone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    zone = new ZoneOffsets(format);
    zones.set(timezone, zone);
  }
  return zone;
}

/** True for IANA zone names accepted by Intl (including "UTC"). */
export function isValidTimeZone(timezone: string): boolean {
  if (typeof timezone !== 'string') return false;
  try {
    zoneOffsets(timezone);
    return true;
  } catch {
    return false;
  }
}

/** Offset (wall − UTC) in ms of `timezone` at `instant`. Throws RangeError for an unknown zone. */
export function offsetAt(timezone: string, instant: number): number {
  return zoneOffsets(timezone).offsetAt(instant);
}

/** Wall milliseconds shown in `timezone` at `instant`. */
export function instantToWall(timezone: string, instant: number): number {
  return instant + offsetAt(timezone, instant);
}

/** See ZoneOffsets.wallToInstant. */
export function wallToInstant(timezone: string, wall: number): number | undefined {
  return zoneOffsets(timezone).wallToInstant(wall);
}
