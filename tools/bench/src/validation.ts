import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkMaintainers, checkReviews, loadCatalog, parseRosterFile, todayUtc } from '@compute/schedule';

/** What compute:test does with a roster file: load and validate, then the maintainer and review rules. */
export function validate(workspace: string): number {
  const { catalog, problems } = loadCatalog(workspace, 'schedules');
  const roster = parseRosterFile(readFileSync(join(workspace, 'schedules', 'maintainers.json'), 'utf8'), 'schedules/maintainers.json');
  const usernames = roster.ok ? roster.usernames : [];
  const all = [
    ...problems,
    ...checkMaintainers(catalog!.schedules, usernames, 'schedules/maintainers.json'),
    ...checkReviews(catalog!.schedules, { today: todayUtc(), intervalMonths: catalog!.config.review.intervalMonths }),
  ];
  return all.length;
}

/** The floor: read and parse the same files. */
export function readAndParse(workspace: string): number {
  const dir = join(workspace, 'schedules');
  let n = 0;
  for (const file of readdirSync(dir)) {
    if (file.endsWith('.json')) {
      JSON.parse(readFileSync(join(dir, file), 'utf8'));
      n++;
    }
  }
  return n;
}
