import type { ScheduleSubject } from '../catalog/catalog';
import type { Problem } from '../problems';

/**
 * Every schedule needs at least one maintainer who still has access, so someone
 * can answer for it (an error otherwise); each listed maintainer who has left is a
 * warning. Usernames are compared case-insensitively, as GitLab and GitHub do.
 */
export function checkMaintainers(schedules: readonly ScheduleSubject[], roster: Iterable<string>, rosterName: string): Problem[] {
  const active = new Set([...roster].map((u) => u.toLowerCase()));
  const problems: Problem[] = [];
  for (const s of schedules) {
    const maintainers = s.definition.meta.maintainers ?? [];
    // No readable maintainers is a schema problem, reported with the file's other problems.
    if (maintainers.length === 0) continue;
    if (maintainers.some((m) => active.has(m.toLowerCase()))) {
      // Someone can still answer for it, but a departed name misleads whoever is paged: warn, one per name.
      maintainers.forEach((m, index) => {
        if (active.has(m.toLowerCase())) return;
        problems.push({
          file: s.file,
          schedule: s.name,
          path: `/meta/maintainers/${index}`,
          severity: 'warning',
          message: `"${m}" is not in ${rosterName}: remove them, or replace them with someone who has access`,
        });
      });
      continue;
    }
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
