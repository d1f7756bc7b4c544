import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { copyWorkspace } from '../../e2e/src/workspace';

export { repoRoot } from '../../e2e/src/workspace';

const EXPRESSIONS = [
  'cron(0 3 * * ? *)',
  'cron(15 */2 ? * MON-FRI *)',
  'cron(0 9 ? * 2#1 *)',
  'cron(30 1 L * ? *)',
  'cron(0 12 15W * ? *)',
  'rate(15 minutes)',
  'rate(6 hours)',
  'cron(0 0 1 JAN,JUL ? *)',
];
const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Adelaide'];
const SIZES = ['small', 'large', 'warp'];

/** The text of the i-th generated schedule: valid, and varied like a real catalog. */
export function scheduleText(i: number): string {
  return JSON.stringify(
    {
      $schema: '../packages/schedule/schemas/schedule.schema.json',
      scheduleExpression: EXPRESSIONS[i % EXPRESSIONS.length],
      timezone: ZONES[i % ZONES.length],
      command: ['node', 'jobs/run.js', `--job=${i}`],
      size: SIZES[i % SIZES.length],
      awsRole: `compute-job-${i % 7}`,
      attempts: 1 + (i % 3),
      timeout: 600 + i,
      parallel: i % 10 === 0 ? 4 : 1,
      environment: { JOB_INDEX: String(i), LOG_LEVEL: 'info' },
      secrets: i % 4 === 0 ? ['API_TOKEN'] : [],
      tags: { team: `team-${i % 5}` },
      meta: {
        description: `Generated benchmark schedule number ${i}, realistic in shape and size.`,
        maintainers: ['ana'],
        lastReview: '2026-11-20',
        requiredBy: ['the benchmark'],
      },
    },
    null,
    2,
  );
}

export const scheduleName = (i: number) => `job_${String(i).padStart(4, '0')}`;

/** Replaces a workspace's schedules with n generated ones. */
export function writeSchedules(workspace: string, n: number): void {
  const dir = join(workspace, 'schedules');
  for (const file of readdirSync(dir)) if (file.endsWith('.schedule.json')) rmSync(join(dir, file));
  for (let i = 0; i < n; i++) writeFileSync(join(dir, `${scheduleName(i)}.schedule.json`), scheduleText(i));
}

/** A copy of this workspace in a temp dir with n generated schedules and linked node_modules. */
export function createBenchWorkspace(n: number): string {
  const root = mkdtempSync(join(tmpdir(), `compute-bench-${n}-`));
  copyWorkspace(root);
  mkdirSync(join(root, 'schedules'), { recursive: true });
  writeSchedules(root, n);
  return root;
}
