import type { ScheduleSubject } from '../catalog/catalog';
import type { Problem } from '../problems';

/**
 * Start and end dates against the clock. EventBridge Scheduler rejects a StartDate in
 * the past (more than about five minutes) whenever a schedule is created or updated,
 * so a start that has passed would break the next deploy; an end that has passed
 * leaves a schedule that never runs again.
 */
export function checkSchedulingDates(schedules: readonly ScheduleSubject[], now: Date): Problem[] {
  const problems: Problem[] = [];
  const passed = (instant: string | undefined): instant is string => instant !== undefined && Date.parse(instant) <= now.getTime();
  for (const s of schedules) {
    const { startDate, endDate } = s.definition;
    const base = { file: s.file, schedule: s.name };
    if (passed(startDate)) {
      problems.push({
        ...base,
        path: '/startDate',
        severity: 'error',
        message: `startDate ${startDate} has passed; EventBridge Scheduler rejects a start in the past: remove it or move it to the future`,
      });
    }
    if (passed(endDate)) {
      problems.push({
        ...base,
        path: '/endDate',
        severity: 'warning',
        message: `endDate ${endDate} has passed, so the schedule will never run again; delete it or move endDate`,
      });
    }
  }
  return problems;
}
