import type { ScheduleSubject } from '../catalog/catalog';
import type { Problem } from '../problems';

export interface ReviewOptions {
  /** Today's date in UTC, YYYY-MM-DD. Dates are compared by day, never by time of day. */
  today: string;
  intervalMonths: number;
  /** Whose stale reviews are errors; other maintainers' are warnings. */
  currentMaintainer?: string;
  /** Every stale review is an error. */
  strict?: boolean;
}

/** The last day a review is still fresh: lastReview plus the interval, clamped to the month's end. */
export function reviewDueDate(lastReview: string, intervalMonths: number): string {
  const [y, m, d] = lastReview.split('-').map(Number);
  const monthIndex = m - 1 + intervalMonths;
  const year = y + Math.floor(monthIndex / 12);
  const month = monthIndex % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${year}-${pad(month + 1)}-${pad(Math.min(d, lastDay))}`;
}

export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

export function checkReviews(schedules: readonly ScheduleSubject[], options: ReviewOptions): Problem[] {
  const problems: Problem[] = [];
  const me = options.currentMaintainer?.toLowerCase();
  for (const s of schedules) {
    const { lastReview, maintainers = [] } = s.definition.meta;
    // A missing or malformed date is a schema problem, reported with the file's other problems.
    if (lastReview === undefined) continue;
    const base = { file: s.file, schedule: s.name, path: '/meta/lastReview' };
    if (lastReview > options.today) {
      problems.push({ ...base, severity: 'error', message: `review date ${lastReview} is in the future (today is ${options.today} UTC)` });
      continue;
    }
    const due = reviewDueDate(lastReview, options.intervalMonths);
    if (options.today <= due) continue;
    const mine = me !== undefined && maintainers.some((m) => m.toLowerCase() === me);
    const severity = options.strict || mine ? 'error' : 'warning';
    problems.push({
      ...base,
      severity,
      message: `last reviewed on ${lastReview}, review was due by ${due}: check the schedule still does what it should, then set meta.lastReview to today`,
    });
  }
  return problems;
}

function pad(n: number): string {
  return String(n).padStart(2, '0');
}
