import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { executorContext } from '../../testing/executor-context';
import { computeWorkspace, validSchedule } from '../../testing/fixtures';
import { type TempDir, createTempDir } from '../../testing/temp-dir';
import type { DiffReport } from './compute-diff';
import { defaultBase, runDiff } from './executor';
import { testIO } from '../../testing/test-io';

const NOW = new Date('2026-12-01T10:00:30Z');

describe('diff executor', () => {
  let ws: TempDir;
  let out: string[];
  let err: string[];

  const git = (...args: string[]) => {
    const result = spawnSync('git', args, {
      cwd: ws.root,
      encoding: 'utf8',
      env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' },
    });
    if (result.status !== 0) throw new Error(result.stderr);
    return result.stdout.trim();
  };
  const io = () => testIO(NOW, out, err);
  const json = async (options: object = {}) => {
    const result = await runDiff({ base: 'HEAD', format: 'json', next: 2, ...options }, executorContext(ws.root, 'diff'), io());
    expect(err.join('')).toBe('');
    expect(result).toEqual({ success: true });
    return JSON.parse(out.join('')) as DiffReport;
  };

  beforeEach(() => {
    out = [];
    err = [];
    ws = createTempDir(
      computeWorkspace({
        'schedules/nightly.schedule.json': validSchedule(),
        'schedules/gone.schedule.json': validSchedule({ scheduleExpression: 'cron(0 4 * * ? *)' }),
      }),
    );
    git('init', '-q', '-b', 'main');
    git('add', '-A');
    git('commit', '-q', '-m', 'base');
  });
  afterEach(() => ws.cleanup());

  it('reports no change when the working tree equals the base, without synthesizing', async () => {
    const report = await json();
    expect(report).toMatchObject({ base: 'HEAD', added: [], removed: [], changed: [], config: [], problems: [], infrastructure: { added: [], removed: [], changed: [] } });
    expect(report.baseCommit).toBe(git('rev-parse', 'HEAD'));
  });

  it('reads the base from git, not the disk: add, remove and change, with next runs and the infrastructure addresses', async () => {
    ws.write('schedules/nightly.schedule.json', validSchedule({ scheduleExpression: 'cron(0 5 * * ? *)' }));
    ws.write('schedules/fresh.schedule.json', validSchedule({ scheduleExpression: 'rate(1 hour)', timezone: 'UTC' }));
    ws.remove('schedules/gone.schedule.json');
    const report = await json();
    expect(report.added).toEqual([expect.objectContaining({ name: 'fresh', nextRuns: ['2026-12-01T11:00:00.000Z', '2026-12-01T12:00:00.000Z'] })]);
    expect(report.removed).toEqual([expect.objectContaining({ name: 'gone', nextRuns: ['2026-12-02T03:00:00.000Z', '2026-12-03T03:00:00.000Z'] })]);
    expect(report.changed).toEqual([
      expect.objectContaining({
        name: 'nightly',
        fields: [{ path: '/scheduleExpression', before: 'cron(0 3 * * ? *)', after: 'cron(0 5 * * ? *)' }],
        nextRuns: { before: ['2026-12-02T02:00:00.000Z', '2026-12-03T02:00:00.000Z'], after: ['2026-12-02T04:00:00.000Z', '2026-12-03T04:00:00.000Z'] },
      }),
    ]);
    expect(report.infrastructure.added).toEqual(['aws_batch_job_definition.fresh', 'aws_scheduler_schedule.fresh']);
    expect(report.infrastructure.removed).toEqual(['aws_batch_job_definition.gone', 'aws_scheduler_schedule.gone']);
    expect(report.infrastructure.changed.map((c) => c.address)).toEqual(expect.arrayContaining(['aws_scheduler_schedule.nightly']));
    expect(report.infrastructure.changed.find((c) => c.address === 'aws_scheduler_schedule.nightly')?.attributes).toEqual([
      { path: '/schedule_expression', before: 'cron(0 3 * * ? *)', after: 'cron(0 5 * * ? *)' },
    ]);
  });

  it('treats a base without the project as empty: every schedule and resource is added', async () => {
    git('rm', '-q', '-r', 'schedules');
    git('commit', '-q', '-m', 'empty');
    const before = git('rev-parse', 'HEAD');
    git('checkout', '-q', 'main~1', '--', 'schedules');
    const report = await json({ base: before });
    expect(report.added.map((a) => a.name)).toEqual(['gone', 'nightly']);
    expect(report.infrastructure.removed).toEqual([]);
    expect(report.infrastructure.added).toEqual(expect.arrayContaining(['aws_batch_job_queue.small', 'aws_iam_role.execution']));
  });

  it('says which side has problems and still diffs the rest', async () => {
    ws.write('schedules/nightly.schedule.json', validSchedule({ attempts: 0 }));
    ws.write('schedules/fresh.schedule.json', validSchedule());
    const report = await json();
    expect(report.problems).toEqual([expect.objectContaining({ side: 'head', file: 'schedules/nightly.schedule.json', path: '/attempts', severity: 'error' })]);
    expect(report.changed[0].fields).toEqual([{ path: '/attempts', before: 1, after: 0 }]);
    expect(report.infrastructure.added).toEqual(['aws_batch_job_definition.fresh', 'aws_scheduler_schedule.fresh']);
    expect(report.infrastructure.skipped).toMatch(/schedules with errors are left out/);
  });

  it('works in a workspace below the repository root, reading init data from the base', async () => {
    const sub = createTempDir({});
    try {
      for (const [path, content] of Object.entries(computeWorkspace({ 'schedules/nightly.schedule.json': validSchedule() }))) sub.write(`apps/ws/${path}`, content);
      const run = (...args: string[]) => spawnSync('git', args, { cwd: sub.root, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } });
      run('init', '-q', '-b', 'main');
      run('add', '-A');
      run('commit', '-q', '-m', 'base');
      sub.write('apps/ws/schedules/init/ecs-agent.sh', '#!/bin/sh\necho changed\n');
      const result = await runDiff({ base: 'main', format: 'json' }, executorContext(join(sub.root, 'apps/ws'), 'diff'), io());
      expect(err.join('')).toBe('');
      expect(result).toEqual({ success: true });
      const report = JSON.parse(out.join('')) as DiffReport;
      expect(report.added).toEqual([]);
      // The init data changed, so the launch templates of the environments using it change.
      expect(report.infrastructure.changed.map((c) => c.address)).toEqual(expect.arrayContaining(['aws_launch_template.small']));
    } finally {
      sub.cleanup();
    }
  });

  it('fails with a clear message when the base cannot be read', async () => {
    const result = await runDiff({ base: 'no-such-branch' }, executorContext(ws.root, 'diff'), io());
    expect(result).toEqual({ success: false });
    expect(err.join('')).toMatch(/^diff: the base "no-such-branch" is not a commit in this repository\. Pass an existing ref with --base/);
    expect(out).toEqual([]);
  });

  it('fails with a clear message outside a git repository', async () => {
    ws.remove('.git');
    const result = await runDiff({ base: 'main' }, executorContext(ws.root, 'diff'), io());
    expect(result).toEqual({ success: false });
    expect(err.join('')).toMatch(/^diff: cannot read the base from git: .*not a git repository/);
  });

  it('refuses an --at without a zone', async () => {
    expect(await runDiff({ at: '2027-01-01T00:00' }, executorContext(ws.root, 'diff'), io())).toEqual({ success: false });
    expect(err.join('')).toContain('--at "2027-01-01T00:00" must be an ISO 8601 instant with a zone');
  });

  it('prints text and markdown reports', async () => {
    ws.write('schedules/nightly.schedule.json', validSchedule({ scheduleExpression: 'cron(0 5 * * ? *)', secrets: ['REPORT_TOKEN'] }));
    await runDiff({ base: 'main', next: 1 }, executorContext(ws.root, 'diff'), io());
    const text = out.join('');
    expect(text).toContain('Compared with main (');
    expect(text).toContain('  ~ nightly\n      /scheduleExpression: "cron(0 3 * * ? *)" -> "cron(0 5 * * ? *)"\n      /secrets: [] -> ["REPORT_TOKEN"]');
    expect(text).toContain('      runs before: 2026-12-02 03:00 UTC+01:00 (02:00 UTC)\n      runs after:  2026-12-02 05:00 UTC+01:00 (04:00 UTC)');
    expect(text).toMatch(/Permissions: 1 granted, 0 revoked\n {2}\+ ssm:GetParameters on arn:\$\{data\.aws_partition\.current\.partition\}:ssm:.*:parameter\/compute\/REPORT_TOKEN {2}\(aws_iam_role_policy\.execution\)/);

    out = [];
    await runDiff({ base: 'main', format: 'markdown', next: 1 }, executorContext(ws.root, 'diff'), io());
    const markdown = out.join('');
    expect(markdown).toContain('| `/scheduleExpression` | `"cron(0 3 * * ? *)"` | `"cron(0 5 * * ? *)"` |');
    expect(markdown).toContain('| runs before | runs after |\n|---|---|\n| 2026-12-02 03:00 UTC+01:00 (02:00 UTC) | 2026-12-02 05:00 UTC+01:00 (04:00 UTC) |');
    expect(markdown).toMatch(/\| granted \| `ssm:GetParameters` \| `arn:.*REPORT_TOKEN` \| `aws_iam_role_policy.execution` \|/);
  });

  it('writes the report to --outputFile and prints a summary', async () => {
    ws.write('schedules/fresh.schedule.json', validSchedule());
    expect(await runDiff({ base: 'main', format: 'markdown', outputFile: 'dist/diff.md' }, executorContext(ws.root, 'diff'), io())).toEqual({ success: true });
    expect(out.join('')).toMatch(/^Schedules: 1 added, 0 removed, 0 changed.*\nWrote the markdown report to dist\/diff\.md\n$/);
    expect(ws.read('dist/diff.md')).toContain('#### Added schedules (1)');
  });

  it('defaults the base as nx affected does', () => {
    const context = (nxJson: object) => executorContext(ws.root, 'diff', { nxJsonConfiguration: nxJson });
    expect(defaultBase(context({}), {})).toBe('main');
    expect(defaultBase(context({ defaultBase: 'develop' }), {})).toBe('develop');
    expect(defaultBase(context({ affected: { defaultBase: 'trunk' } }), {})).toBe('trunk');
    expect(defaultBase(context({ defaultBase: 'develop' }), { NX_BASE: 'origin/main' })).toBe('origin/main');
  });
});
