import { formatProblems, hasErrors, type Catalog, type CatalogResult, type Problem, type Schedule } from '@compute/schedule';

export type Selection = { ok: true; catalog: Catalog; schedule: Schedule } | { ok: false; report: string };

/**
 * The schedule to run, or a report of why it cannot run. Only problems of this
 * schedule (and of compute.json when it is unusable) block it: another team's
 * broken file must not stop yours.
 */
export function selectSchedule(result: CatalogResult, name: string, projectRoot: string): Selection {
  const own = result.problems.filter((p) => p.schedule === name);
  if (!result.catalog) {
    const blocking = [...result.problems.filter((p) => p.schedule === undefined), ...own];
    return { ok: false, report: `${problemsByFile(blocking)}\nschedule ${name} cannot run until compute.json is fixed` };
  }
  const schedule = result.catalog.schedules.find((s) => s.name === name);
  if (schedule) return { ok: true, catalog: result.catalog, schedule };
  if (hasErrors(own)) {
    return { ok: false, report: `${problemsByFile(own)}\nschedule ${name} has errors: fix them and run again` };
  }
  const dir = projectRoot === '' || projectRoot === '.' ? '' : `${projectRoot}/`;
  const known = result.catalog.schedules.map((s) => s.name);
  return {
    ok: false,
    report: `no schedule named "${name}": expected ${dir}${name}.schedule.json. ${known.length ? `Known schedules: ${known.join(', ')}` : 'The project has no valid schedules'}`,
  };
}

/**
 * The problems grouped by file, without the "N schedules checked" summary of the
 * test target: only one schedule is at stake here, and when compute.json is
 * unusable none was checked, so the count would only confuse.
 */
function problemsByFile(problems: readonly Problem[]): string {
  const lines = formatProblems(problems, 0).split('\n');
  return lines.slice(0, -1).join('\n').replace(/\n+$/, '');
}
