import type { ScheduleSubject } from '../catalog/catalog';
import { checkSchedulingDates } from './scheduling-dates';

const NOW = new Date('2026-11-28T12:00:00Z');

function schedule(name: string, dates: { startDate?: string; endDate?: string }): ScheduleSubject {
  return { name, file: `schedules/${name}.schedule.json`, definition: { ...dates, meta: {} } };
}

describe('checkSchedulingDates', () => {
  it('accepts dates in the future and schedules without dates', () => {
    expect(
      checkSchedulingDates([schedule('none', {}), schedule('later', { startDate: '2026-11-28T12:00:01Z', endDate: '2027-01-01T00:00:00+01:00' })], NOW),
    ).toEqual([]);
  });

  it('a start that has passed is an error: EventBridge Scheduler would reject the deploy', () => {
    expect(checkSchedulingDates([schedule('a', { startDate: '2026-01-01T00:00:00Z', endDate: '2027-01-01T00:00:00Z' })], NOW)).toEqual([
      {
        file: 'schedules/a.schedule.json',
        schedule: 'a',
        path: '/startDate',
        severity: 'error',
        message: 'startDate 2026-01-01T00:00:00Z has passed; EventBridge Scheduler rejects a start in the past: remove it or move it to the future',
      },
    ]);
  });

  it('an end that has passed is a warning: the schedule never runs again', () => {
    expect(checkSchedulingDates([schedule('b', { endDate: '2026-11-01T00:00:00Z' })], NOW)).toEqual([
      {
        file: 'schedules/b.schedule.json',
        schedule: 'b',
        path: '/endDate',
        severity: 'warning',
        message: 'endDate 2026-11-01T00:00:00Z has passed, so the schedule will never run again; delete it or move endDate',
      },
    ]);
  });

  it('compares instants, honouring the zone offset, and counts now as passed', () => {
    // 13:30+01:00 is 12:30Z, still ahead; 12:30+01:00 is 11:30Z, behind.
    expect(checkSchedulingDates([schedule('ahead', { startDate: '2026-11-28T13:30:00+01:00' })], NOW)).toEqual([]);
    expect(checkSchedulingDates([schedule('behind', { startDate: '2026-11-28T12:30:00+01:00' })], NOW).map((p) => p.path)).toEqual(['/startDate']);
    expect(checkSchedulingDates([schedule('now', { startDate: '2026-11-28T12:00:00Z' })], NOW).map((p) => p.severity)).toEqual(['error']);
  });

  it('reports both when the whole window has passed, for every schedule', () => {
    const problems = checkSchedulingDates(
      [schedule('old', { startDate: '2025-01-01T00:00:00Z', endDate: '2025-06-01T00:00:00Z' }), schedule('fine', {}), schedule('old2', { startDate: '2020-01-01T00:00:00Z' })],
      NOW,
    );
    expect(problems.map((p) => [p.schedule, p.path, p.severity])).toEqual([
      ['old', '/startDate', 'error'],
      ['old', '/endDate', 'warning'],
      ['old2', '/startDate', 'error'],
    ]);
  });
});
