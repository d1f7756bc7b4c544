import type { ScheduleSubject } from '../catalog/catalog';
import type { Problem } from '../problems';

/**
 * Every schedule needs at least one maintainer who still has access, so someone
 * can answer for it. Usernames are compared case-insensitively, as GitLab and GitHub do.
 */
export function checkMaintainers(schedules: readonly ScheduleSubject[], roster: Iterable<string>, rosterName: string): Problem[] {
  const active = new Set([...roster].map((u) => u.toLowerCase()));
  const problems: Problem[] = [];
  for (const s of schedules) {
    const maintainers = s.definition.meta.maintainers ?? [];
    // No readable maintainers is a schema problem, reported with the file's other problems.
    if (maintainers.length === 0 || maintainers.some((m) => active.has(m.toLowerCase()))) continue;
    problems.push({
      file: s.file,
      schedule: s.name,
      path: '/meta/maintainers',
      severity: 'error',
      message: `none of ${maintainers.map((m) => `"${m}"`).join(', ')} is in ${rosterName}: add a maintainer who still has access`,
    });
  }
  return problems;
}
