import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTempWorkspace, type CommandResult, type TempWorkspace } from './workspace';

/** The committed example of `--format markdown`; COMPUTE_UPDATE_EXAMPLES=1 rewrites it. */
const EXAMPLE = join(__dirname, '..', 'examples', 'diff.md');
/** Runs are counted from a fixed instant, so the report is the same on every run. */
const AT = '2026-12-01T10:00:00Z';

function printedJson<T>(result: CommandResult): T {
  const lines = result.stdout.split('\n');
  const start = lines.indexOf('{');
  const end = lines.indexOf('}', start);
  if (start === -1 || end === -1) throw new Error(`no JSON document in the output:\n${result.output}`);
  return JSON.parse(lines.slice(start, end + 1).join('\n')) as T;
}

describe('nx run compute:diff in a git repository', () => {
  let ws: TempWorkspace;

  beforeAll(() => {
    ws = createTempWorkspace();
    // One schedule's expression changes, one schedule is added, one is deleted.
    const reindex = JSON.parse(ws.read('schedules/search_reindex_shards.schedule.json'));
    ws.write('schedules/search_reindex_shards.schedule.json', JSON.stringify({ ...reindex, scheduleExpression: 'cron(30 2 ? * MON-FRI *)' }, null, 2));
    const heartbeat = JSON.parse(ws.read('schedules/workspace_heartbeat.schedule.json'));
    ws.write(
      'schedules/usage_report.schedule.json',
      JSON.stringify(
        {
          ...heartbeat,
          scheduleExpression: 'cron(0 6 ? * MON *)',
          timezone: 'Europe/Berlin',
          command: ['node', 'schedules/jobs/usage-report.js'],
          environment: {},
          meta: { ...heartbeat.meta, description: 'Sends the weekly usage report to the platform team on Monday mornings.' },
        },
        null,
        2,
      ),
    );
    ws.run('rm', ['schedules/partner_repos_mirror.schedule.json']);
  });
  afterAll(() => ws?.cleanup());

  it('--format json reports exactly the added, removed and changed schedules, next runs and infrastructure addresses', () => {
    const result = ws.nx(['run', 'compute:diff', '--base', 'HEAD', '--format', 'json', '--at', AT]);
    expect(result.status).toBe(0);
    const report = printedJson<any>(result);
    expect(report.base).toBe('HEAD');
    expect(report.baseCommit).toBe(ws.git(['rev-parse', 'HEAD']).stdout.trim());
    expect(report.added).toEqual([
      {
        name: 'usage_report',
        file: 'schedules/usage_report.schedule.json',
        scheduleExpression: 'cron(0 6 ? * MON *)',
        timezone: 'Europe/Berlin',
        enabled: true,
        nextRuns: ['2026-12-07T05:00:00.000Z', '2026-12-14T05:00:00.000Z', '2026-12-21T05:00:00.000Z', '2026-12-28T05:00:00.000Z', '2027-01-04T05:00:00.000Z'],
        warnings: [],
      },
    ]);
    expect(report.removed).toEqual([expect.objectContaining({ name: 'partner_repos_mirror', scheduleExpression: 'cron(30 1 * * ? *)', timezone: 'America/New_York' })]);
    expect(report.changed).toEqual([
      {
        name: 'search_reindex_shards',
        file: 'schedules/search_reindex_shards.schedule.json',
        fields: [{ path: '/scheduleExpression', before: 'cron(0 3 ? * MON-FRI *)', after: 'cron(30 2 ? * MON-FRI *)' }],
        timezone: 'Europe/Berlin',
        nextRuns: {
          before: ['2026-12-02T02:00:00.000Z', '2026-12-03T02:00:00.000Z', '2026-12-04T02:00:00.000Z', '2026-12-07T02:00:00.000Z', '2026-12-08T02:00:00.000Z'],
          after: ['2026-12-02T01:30:00.000Z', '2026-12-03T01:30:00.000Z', '2026-12-04T01:30:00.000Z', '2026-12-07T01:30:00.000Z', '2026-12-08T01:30:00.000Z'],
        },
        // 02:30 in Berlin is skipped once a year, but clocks change on a Sunday: a weekday schedule never meets it.
        warnings: [],
      },
    ]);
    expect(report.infrastructure.added).toEqual(['aws_batch_job_definition.usage_report', 'aws_scheduler_schedule.usage_report']);
    expect(report.infrastructure.removed).toEqual(['aws_batch_job_definition.partner_repos_mirror', 'aws_scheduler_schedule.partner_repos_mirror', 'data.aws_iam_role.compute-partner-mirror']);
    const changed = report.infrastructure.changed.map((c: { address: string }) => c.address);
    expect(changed).toEqual(expect.arrayContaining(['aws_scheduler_schedule.search_reindex_shards', 'aws_iam_role_policy.execution']));
    // The deleted schedule's secret is no longer readable by the execution role.
    expect(report.infrastructure.permissions.revoked).toEqual(
      expect.arrayContaining([expect.objectContaining({ address: 'aws_iam_role_policy.execution', action: 'ssm:GetParameters', resource: expect.stringMatching(/parameter\/compute\/GIT_CLONE_TOKEN$/) })]),
    );
    expect(report.problems).toEqual([]);
  });

  it('--format markdown matches the committed example', () => {
    const result = ws.nx(['run', 'compute:diff', '--base', 'HEAD', '--format', 'markdown', '--at', AT, '--outputFile', 'dist/diff.md']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('Wrote the markdown report to dist/diff.md');
    const commit = ws.git(['rev-parse', 'HEAD']).stdout.trim().slice(0, 12);
    // The base commit's hash changes with every copy of the workspace; the example names it <commit>.
    const markdown = ws.read('dist/diff.md').split(commit).join('<commit>');
    if (process.env.COMPUTE_UPDATE_EXAMPLES === '1') writeFileSync(EXAMPLE, markdown);
    expect(markdown).toBe(readFileSync(EXAMPLE, 'utf8'));
  });

  it('fails with a clear message for a base that does not exist', () => {
    const result = ws.nx(['run', 'compute:diff', '--base', 'origin/nope']);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('diff: the base "origin/nope" is not a commit in this repository');
    expect(result.output).not.toMatch(/\n\s+at .*\(/);
  });
});
