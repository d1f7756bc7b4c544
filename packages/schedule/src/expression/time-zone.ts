// Time-zone offsets via Intl only. Formatting costs about a microsecond,
// so offsets are cached per zone in fixed UTC spans of SPAN: a span whose two
// boundary offsets agree is treated as constant, and a span whose boundaries
// differ has its one switch instant located once by binary search to the
// second.

import { MS_PER_DAY, MS_PER_HOUR, MS_PER_SECOND } from './calendar';

/**
 * Every zone changes its offset at most once within any SPAN, which is what the span cache,
 * wallToInstant's ±14 h window and nextRuns' search window rely on; time-zone.spec.ts checks
 * it for every zone Intl knows against Intl's own offsets. The closest changes in Intl's data
 * are 6.96 days apart (a one-week DST in Boa_Vista, Noronha and Recife in October 2000; Gaza
 * and Hebron in October 2040), so spans of 7 days, as this cache once used, were correct only
 * because those weeks straddle a span boundary.
 */
export const SPAN = 6 * MS_PER_DAY;

// Zone names only: Intl would also accept offsets like "+05:00", which are not IANA names.
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;
const MAX_CACHED_SPANS = 20_000;
// Every real UTC offset lies within ±14 h, so any instant showing wall time W lies in W ± 14 h.
const MAX_OFFSET = 14 * MS_PER_HOUR;
const OFFSET = /GMT(?:([+-])(\d{2}):(\d{2})(?::(\d{2}))?)?$/;

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
    const index = Math.floor(instant / SPAN);
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
      const mid = lo + Math.floor((hi - lo) / 2 / MS_PER_SECOND) * MS_PER_SECOND;
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
    // "12 AM GMT+05:30"; "GMT" alone at offset zero; seconds only for old local mean times.
    const match = OFFSET.exec(this.format.format(instant));
    if (match === null) throw new RangeError(`Unreadable offset: "${this.format.format(instant)}"`);
    const [, sign, hours, minutes, seconds = '0'] = match;
    if (sign === undefined) return 0;
    const offset = ((Number(hours) * 60 + Number(minutes)) * 60 + Number(seconds)) * MS_PER_SECOND;
    return sign === '-' ? -offset : offset;
  }
}

const zones = new Map<string, ZoneOffsets>();

/** Cached offset lookup for a zone. Throws RangeError for names Intl does not accept. */
export function zoneOffsets(timezone: string): ZoneOffsets {
  let zone = zones.get(timezone);
  if (zone === undefined) {
    if (!ZONE_NAME.test(timezone)) throw new RangeError(`Invalid time zone: "${timezone}"`);
    // Throws RangeError for names Intl does not know.
    // The offset alone, which Intl prints several times faster than a full date and time.
    const format = new Intl.DateTimeFormat('en-US', { timeZone: timezone, timeZoneName: 'longOffset', hour: 'numeric' });
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
