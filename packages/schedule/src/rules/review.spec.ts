import { checkReviews, reviewDueDate, todayUtc } from './review';
import type { ScheduleSubject } from '../catalog/catalog';

function schedule(name: string, lastReview: string | undefined, maintainers = ['ana']): ScheduleSubject {
  return { name, file: `schedules/${name}.schedule.json`, definition: { meta: { lastReview, maintainers } } };
}

describe('review freshness', () => {
  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2026-11-28', 1, '2026-12-28'],
    ['2026-12-15', 1, '2027-01-15'],
    ['2026-05-31', 3, '2026-08-31'],
    ['2026-03-31', 12, '2027-03-31'],
  ])('a review on %s with %i month(s) is due by %s', (last, months, due) => {
    expect(reviewDueDate(last, months)).toBe(due);
  });

  it('compares by UTC day: the due day itself is still fresh', () => {
    expect(checkReviews([schedule('a', '2026-10-28')], { today: '2026-11-28', intervalMonths: 1, currentMaintainer: 'ana' })).toEqual([]);
    expect(checkReviews([schedule('a', '2026-10-27')], { today: '2026-11-28', intervalMonths: 1, currentMaintainer: 'ana' })).toEqual([
      expect.objectContaining({ path: '/meta/lastReview', severity: 'error', message: expect.stringContaining('review was due by 2026-11-27') }),
    ]);
  });

  it("is an error for the current maintainer's schedules and a warning for others", () => {
    const problems = checkReviews([schedule('mine', '2026-01-01', ['Ana']), schedule('theirs', '2026-01-01', ['ben'])], { today: '2026-11-28', intervalMonths: 1, currentMaintainer: 'ana' });
    expect(problems.map((p) => [p.schedule, p.severity])).toEqual([
      ['mine', 'error'],
      ['theirs', 'warning'],
    ]);
  });

  it('--strict makes every stale review an error; no maintainer known means warnings', () => {
    const stale = [schedule('a', '2026-01-01', ['ben'])];
    expect(checkReviews(stale, { today: '2026-11-28', intervalMonths: 1, strict: true })[0].severity).toBe('error');
    expect(checkReviews(stale, { today: '2026-11-28', intervalMonths: 1 })[0].severity).toBe('warning');
  });

  it('a review date in the future is an error for everyone', () => {
    expect(checkReviews([schedule('a', '2026-11-29', ['ben'])], { today: '2026-11-28', intervalMonths: 1 })).toEqual([
      expect.objectContaining({ severity: 'error', message: 'review date 2026-11-29 is in the future (today is 2026-11-28 UTC)' }),
    ]);
  });

  it('today is the UTC date', () => {
    expect(todayUtc(new Date('2026-11-28T23:30:00-05:00'))).toBe('2026-11-29');
  });

  it('leaves a schedule without a readable review date to the schema check', () => {
    expect(checkReviews([schedule('a', undefined)], { today: '2026-11-28', intervalMonths: 1, strict: true })).toEqual([]);
  });
});
