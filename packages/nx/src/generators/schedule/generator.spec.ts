import { type Tree, addProjectConfiguration, readJson, updateNxJson, readNxJson } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { buildCatalog } from '@compute/schedule';
import { computeTree, validSchedule } from '../../testing/fixtures';
import { UsageError } from '../../utils/usage-error';
import { scheduleGeneratorInternal } from './generator';
import type { ScheduleGeneratorSchema } from './schema';

const NOW = new Date('2026-11-28T12:00:00Z');

describe('schedule generator', () => {
  let tree: Tree;
  let logged: string[];

  beforeEach(() => {
    tree = computeTree({ namePrefix: 'acme' });
    logged = [];
  });

  const required: ScheduleGeneratorSchema = {
    name: 'weekly_report',
    command: 'node jobs/report.js --since "last week"',
    scheduleExpression: 'cron(0 7 ? * MON *)',
    maintainers: 'ana, ben',
    description: 'Mails the weekly usage report to the platform team.',
  };
  const generate = (schema: Partial<ScheduleGeneratorSchema> = {}) =>
    scheduleGeneratorInternal(tree, { ...required, ...schema }, { now: NOW, log: (m) => logged.push(m) });
  const written = (name = 'weekly_report') => readJson(tree, `schedules/${name}.schedule.json`);

  /** Everything written so far, to prove a failed run wrote nothing. */
  const snapshot = () => tree.listChanges().map((c) => `${c.type} ${c.path} ${c.content?.toString() ?? ''}`);

  it('writes a schedule with the documented defaults that passes the catalog checks', async () => {
    await generate();
    // The fields not given here (enabled, size, attempts, timeout, parallel, environment,
    // secrets, tags) take the fixture's values, which are the documented defaults.
    expect(written()).toEqual({
      $schema: '../node_modules/@compute/schedule/schemas/schedule.schema.json',
      ...validSchedule(
        {
          scheduleExpression: 'cron(0 7 ? * MON *)',
          timezone: 'UTC',
          command: ['node', 'jobs/report.js', '--since', 'last week'],
          awsRole: 'acme-weekly-report',
        },
        {
          description: 'Mails the weekly usage report to the platform team.',
          maintainers: ['ana', 'ben'],
          lastReview: '2026-11-28',
          requiredBy: ['ana', 'ben'],
        },
      ),
    });
    const result = buildCatalog({
      projectRoot: 'schedules',
      config: { path: 'schedules/compute.json', text: tree.read('schedules/compute.json', 'utf-8') as string },
      schedules: [{ path: 'schedules/weekly_report.schedule.json', text: tree.read('schedules/weekly_report.schedule.json', 'utf-8') as string }],
    });
    expect(result.problems).toEqual([]);
  });

  it('prints the expression in words and the next five runs in its zone and in UTC', async () => {
    const nxJson = readNxJson(tree) ?? {};
    updateNxJson(tree, { ...nxJson, plugins: [{ plugin: '@compute/nx', options: { scheduleTargetPrefix: 'run_' } }] });
    await generate({ timezone: 'Europe/Berlin' });
    expect(logged).toHaveLength(1);
    const lines = logged[0].split('\n');
    expect(lines[0]).toMatch(/^Schedule "weekly_report" runs at 07:00 .*Monday.*\(Europe\/Berlin\)\.$/);
    expect(lines.slice(1)).toEqual([
      'Next 5 runs (Europe/Berlin | UTC):',
      '  2026-11-30 07:00 UTC+01:00  |  2026-11-30 06:00 UTC',
      '  2026-12-07 07:00 UTC+01:00  |  2026-12-07 06:00 UTC',
      '  2026-12-14 07:00 UTC+01:00  |  2026-12-14 06:00 UTC',
      '  2026-12-21 07:00 UTC+01:00  |  2026-12-21 06:00 UTC',
      '  2026-12-28 07:00 UTC+01:00  |  2026-12-28 06:00 UTC',
      'Run it locally: nx run compute:run_weekly_report',
    ]);
  });

  it('prints UTC runs once when the schedule is in UTC', async () => {
    await generate({ scheduleExpression: 'rate(6 hours)' });
    expect(logged[0].split('\n').slice(1, 3)).toEqual(['Next 5 runs (UTC):', '  2026-11-28 18:00 UTC']);
  });

  it('takes every schedule field as an option', async () => {
    await generate({
      timezone: 'America/New_York',
      size: 'large',
      awsRole: 'jobs-role',
      attempts: 3,
      timeout: 600,
      expectedDuration: '300',
      parallel: 4,
      enabled: false,
      image: 'ghcr.io/acme/jobs:1.0.0',
      flexibleWindowMinutes: 15,
      startDate: '2027-01-01T00:00:00Z',
      endDate: '2027-12-31T00:00:00Z',
      environment: ['LOG_LEVEL=info', 'URL=https://example.com/?a=b'],
      secrets: 'API_TOKEN, DB_PASSWORD',
      tags: 'team=platform',
      requiredBy: ['finance: monthly close', 'ops'],
      lastReview: '2026-11-01',
    });
    expect(written()).toMatchObject({
      enabled: false,
      timezone: 'America/New_York',
      flexibleWindowMinutes: 15,
      startDate: '2027-01-01T00:00:00Z',
      endDate: '2027-12-31T00:00:00Z',
      image: 'ghcr.io/acme/jobs:1.0.0',
      size: 'large',
      awsRole: 'jobs-role',
      attempts: 3,
      timeout: 600,
      expectedDuration: 300,
      parallel: 4,
      environment: { LOG_LEVEL: 'info', URL: 'https://example.com/?a=b' },
      secrets: ['API_TOKEN', 'DB_PASSWORD'],
      tags: { team: 'platform' },
      meta: { requiredBy: ['finance: monthly close', 'ops'], lastReview: '2026-11-01' },
    });
    expect(logged[0]).toContain('It is disabled');
  });

  it('leaves expectedDuration out when the prompt is skipped, and names it when it is wrong', async () => {
    await generate({ expectedDuration: '' });
    expect(written()).not.toHaveProperty('expectedDuration');
  });

  it.each<[string, string | string[], string[]]>([
    ['one shell-like string', `sh -c 'echo "a b" && exit 0'`, ['sh', '-c', 'echo "a b" && exit 0']],
    ['repeated options, verbatim', ['node', '-e', 'console.log(1, 2)'], ['node', '-e', 'console.log(1, 2)']],
    ['one repeated option, split', ['python3 job.py --dry-run'], ['python3', 'job.py', '--dry-run']],
  ])('accepts the command as %s', async (_label, command, expected) => {
    await generate({ command });
    expect(written().command).toEqual(expected);
  });

  it('writes nothing and names every problem by its option', async () => {
    const before = snapshot();
    const error = await generate({
      name: 'Weekly-Report',
      scheduleExpression: 'cron(0 7 * * MON *)',
      size: 'huge',
      environment: 'NO_EQUALS_SIGN',
      description: 'too short',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UsageError);
    const lines = (error as Error).message.split('\n');
    expect(lines[0]).toBe('Cannot create schedules/Weekly-Report.schedule.json: 5 problems (nothing was written)');
    expect(lines.slice(1).map((line) => line.trim().split(':')[0]).sort()).toEqual(['--description', '--environment', '--name', '--scheduleExpression', '--size']);
    expect(lines).toContain('  --size: size "huge" is not defined in compute.json (known sizes: small, large, warp)');
    expect((error as Error).stack).toBe('');
    expect(snapshot()).toEqual(before);
  });

  it('reports a broken quote in the command once', async () => {
    await expect(generate({ command: 'node "job.js' })).rejects.toThrow(/^Cannot create schedules\/weekly_report\.schedule\.json: a problem \(nothing was written\)\n {2}--command: unterminated double quote/);
  });

  it('refuses to overwrite an existing schedule', async () => {
    tree.write('schedules/weekly_report.schedule.json', '{"mine": true}');
    await expect(generate()).rejects.toThrow('schedules/weekly_report.schedule.json already exists; edit it, or choose another name (nothing was written)');
    expect(tree.read('schedules/weekly_report.schedule.json', 'utf-8')).toBe('{"mine": true}');
  });

  it('refuses to write next to a compute.json that has problems', async () => {
    tree.write('schedules/compute.json', '{"region": "mars"}');
    await expect(generate()).rejects.toThrow(/schedules\/compute\.json \/region: must be an AWS region .*\(fix schedules\/compute\.json first\)/);
    expect(tree.exists('schedules/weekly_report.schedule.json')).toBe(false);
  });

  describe('project', () => {
    it('uses the only compute project when none is named "compute"', async () => {
      tree = createTreeWithEmptyWorkspace({ formatter: 'none' });
      addProjectConfiguration(tree, 'ops', { root: 'ops/jobs' });
      tree.write('ops/jobs/compute.json', '{}');
      addProjectConfiguration(tree, 'web', { root: 'apps/web' });
      await generate();
      expect(tree.exists('ops/jobs/weekly_report.schedule.json')).toBe(true);
      expect(readJson(tree, 'ops/jobs/weekly_report.schedule.json').$schema).toBe('../../node_modules/@compute/schedule/schemas/schedule.schema.json');
    });

    it('asks for --project when several compute projects exist', async () => {
      addProjectConfiguration(tree, 'ops', { root: 'ops' });
      tree.write('ops/compute.json', '{}');
      await generate({ project: 'ops' });
      expect(tree.exists('ops/weekly_report.schedule.json')).toBe(true);

      tree.delete('schedules/compute.json');
      addProjectConfiguration(tree, 'more', { root: 'more' });
      tree.write('more/compute.json', '{}');
      await expect(generate({ name: 'other' })).rejects.toThrow('several compute projects exist (more, ops); choose one with --project');
    });

    it('explains what is missing', async () => {
      await expect(generate({ project: 'nope' })).rejects.toThrow('project "nope" does not exist (compute projects: compute)');
      addProjectConfiguration(tree, 'web', { root: 'apps/web' });
      await expect(generate({ project: 'web' })).rejects.toThrow('project "web" has no compute.json, so it is not a compute project (compute projects: compute)');
      tree.delete('schedules/compute.json');
      await expect(generate()).rejects.toThrow('no compute project found (a project with compute.json); run nx g @compute/nx:init first');
    });
  });
});
