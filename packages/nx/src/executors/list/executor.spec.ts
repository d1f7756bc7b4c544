import { executorContext } from '../../testing/executor-context';
import { computeWorkspace, validSchedule } from '../../testing/fixtures';
import { type TempDir, createTempDir } from '../../testing/temp-dir';
import { runList } from './executor';
import type { ListedSchedule } from './list-schedules';
import { testIO } from '../../testing/test-io';

describe('list executor', () => {
  let ws: TempDir;
  let out: string[];
  let now: Date;

  beforeEach(() => {
    ws = createTempDir(
      computeWorkspace({
        'schedules/nightly.schedule.json': validSchedule({ scheduleExpression: 'cron(30 1 * * ? *)', timezone: 'America/New_York' }, { maintainers: ['ana', 'ben'], lastReview: '2026-11-03' }),
        'schedules/heartbeat.schedule.json': validSchedule({ scheduleExpression: 'rate(15 minutes)', timezone: 'UTC', size: 'large' }, { lastReview: '2026-01-31' }),
        'schedules/paused.schedule.json': validSchedule({ enabled: false }),
      }),
    );
    out = [];
    now = new Date('2026-11-28T12:00:10Z');
  });
  afterEach(() => ws.cleanup());

  const context = () => executorContext(ws.root, 'list');
  const io = () => testIO(now, out);

  it('prints a table of every schedule with its next run in its own zone', async () => {
    expect(await runList({}, context(), io())).toEqual({ success: true });
    const lines = out.join('').split('\n');
    expect(lines[0].split(/\s{2,}/)).toEqual(['NAME', 'SCHEDULE', 'TIME ZONE', "NEXT RUNS (IN THE SCHEDULE'S ZONE)", 'SIZE', 'MAINTAINERS', 'REVIEW DUE', 'ENABLED', 'RUNS/30D', 'COST/30D']);
    const row = (name: string) => lines.find((line) => line.startsWith(`${name} `))?.split(/\s{2,}/);
    // 96 runs a day of an hour-long timeout on a whole large instance: an upper bound.
    expect(row('heartbeat')).toEqual(['heartbeat', 'rate(15 minutes)', 'UTC', '2026-11-28 12:15 UTC', 'large', 'ana', '2026-02-28', 'yes', '2880', '≤ $382.33']);
    expect(row('nightly')).toEqual(['nightly', 'cron(30 1 * * ? *)', 'America/New_York', '2026-11-29 01:30 UTC-05:00', 'small', 'ana, ben', '2026-12-03', 'yes', '30', '≤ $1.99']);
    expect(row('paused')).toEqual(['paused', 'cron(0 3 * * ? *)', 'Europe/Berlin', '(disabled)', 'small', 'ana', '2026-12-20', 'no', '0', '$0.00']);
    // The expression's meaning sits under it, without repeating the zone of the next column.
    const words = lines[lines.findIndex((line) => line.startsWith('nightly ')) + 1];
    expect(words.trim()).toMatch(/^at 01:30/);
    expect(words).not.toContain('America/New_York');
  });

  it('totals the estimated cost per environment and per management:product tag after the table', async () => {
    ws.write('schedules/tagged.schedule.json', validSchedule({ size: 'warp', timeout: 3600, expectedDuration: 600, tags: { 'management:product': 'search' } }));
    await runList({}, context(), io());
    const text = out.join('');
    const after = text.slice(text.indexOf('Estimated cost of the next 30 days (On-Demand prices'));
    expect(after.split('\n').map((line) => line.split(/\s{2,}/))).toEqual([
      ['Estimated cost of the next 30 days (On-Demand prices from compute.json pricing; ≤ marks upper bounds: no expectedDuration, so the timeout is priced):'],
      [''],
      ['ENVIRONMENT', 'SCHEDULES', 'RUNS/30D', 'COST/30D'],
      ['large', '1', '2880', '≤ $382.33'],
      ['small', '2', '30', '≤ $1.99'],
      // 30 ten-minute runs of a whole warp instance at the mean of c6id/c5d/c5ad.large.
      ['warp', '1', '30', '$0.47'],
      [''],
      ['MANAGEMENT:PRODUCT', 'SCHEDULES', 'RUNS/30D', 'COST/30D'],
      ['(none)', '3', '2910', '≤ $384.32'],
      ['search', '1', '30', '$0.47'],
      [''],
      ['Total: ≤ $384.79 for 2940 runs'],
      [''],
    ]);
  });

  it('shows --next runs for each schedule', async () => {
    await runList({ next: 3 }, context(), io());
    const lines = out.join('').split('\n');
    const start = lines.findIndex((line) => line.startsWith('nightly '));
    expect(lines.slice(start, start + 3).map((line) => /\d{4}-\d\d-\d\d \d\d:\d\d UTC-05:00/.exec(line)?.[0])).toEqual([
      '2026-11-29 01:30 UTC-05:00',
      '2026-11-30 01:30 UTC-05:00',
      '2026-12-01 01:30 UTC-05:00',
    ]);
  });

  it('prints a JSON array with ISO 8601 UTC runs', async () => {
    await runList({ format: 'json', next: 2 }, context(), io());
    const listed = JSON.parse(out.join('')) as ListedSchedule[];
    expect(listed.map((s) => s.name)).toEqual(['heartbeat', 'nightly', 'paused']);
    expect(listed[1]).toEqual({
      name: 'nightly',
      file: 'schedules/nightly.schedule.json',
      scheduleExpression: 'cron(30 1 * * ? *)',
      description: expect.stringMatching(/^at 01:30 .*\(America\/New_York\)$/),
      timezone: 'America/New_York',
      nextRuns: ['2026-11-29T06:30:00.000Z', '2026-11-30T06:30:00.000Z'],
      size: 'small',
      maintainers: ['ana', 'ben'],
      lastReview: '2026-11-03',
      reviewDue: '2026-12-03',
      enabled: true,
      purpose: 'Builds the nightly usage report for the platform team.',
      environment: 'small',
      runsPer30Days: 30,
      // 30 hour-long runs (the timeout) on a whole r6gd/r7gd/r8gd.medium, at their mean On-Demand price.
      estimatedCostPer30DaysUsd: 1.9908,
      estimateIsUpperBound: true,
    });
    expect(listed[2]).toMatchObject({ name: 'paused', enabled: false, nextRuns: [] });
  });

  it('writes the listing to --outputFile instead of stdout, as JSON or as the table', async () => {
    expect(await runList({ format: 'json', next: 2, outputFile: 'out/list.json' }, context(), io())).toEqual({ success: true });
    expect((JSON.parse(ws.read('out/list.json')) as ListedSchedule[]).map((s) => s.name)).toEqual(['heartbeat', 'nightly', 'paused']);
    expect(out).toEqual(['Wrote 3 schedules (JSON) to out/list.json\n']);
    await runList({ outputFile: 'out/list.txt' }, context(), io());
    expect(ws.read('out/list.txt')).toMatch(/^NAME +SCHEDULE/);
  });

  it('refuses an --outputFile that is a folder, with a message naming the option', async () => {
    ws.write('out/keep.txt', '');
    await expect(runList({ format: 'json', outputFile: 'out' }, context(), io())).rejects.toThrow('--outputFile out is a folder');
  });

  it('gives the same listing anywhere within a minute, so the cached output is right', async () => {
    await runList({ format: 'json' }, context(), io());
    now = new Date('2026-11-28T12:00:59Z');
    await runList({ format: 'json' }, context(), io());
    expect(out[0]).toBe(out[1]);
    expect((JSON.parse(out[0]) as ListedSchedule[])[0].nextRuns).toEqual(['2026-11-28T12:15:00.000Z']);
  });

  it('leaves out schedules with errors and says so', async () => {
    ws.write('schedules/broken.schedule.json', '{');
    ws.write('schedules/wrong.schedule.json', validSchedule({ size: 'huge' }));
    expect(await runList({}, context(), io())).toEqual({ success: true });
    const text = out.join('');
    expect(text).not.toMatch(/^broken /m);
    expect(text).toContain('2 schedule files have errors and are not listed (schedules/broken.schedule.json, schedules/wrong.schedule.json); run npx nx run compute:test to see why.');
  });

  it('names the test target as the plugin configured it', async () => {
    ws.write('schedules/broken.schedule.json', '{');
    const projects = { compute: { root: 'schedules', targets: { check: { executor: '@compute/nx:test' }, list: { executor: '@compute/nx:list' } } } };
    await runList({}, executorContext(ws.root, 'list', { projectsConfigurations: { version: 2, projects } }), io());
    expect(out.join('')).toContain('(schedules/broken.schedule.json); run npx nx run compute:check to see why.');
  });

  it('fails with the problems of an unusable compute.json', async () => {
    ws.write('schedules/compute.json', '[');
    expect(await runList({}, context(), io())).toEqual({ success: false });
    expect(out.join('')).toContain('schedules/compute.json');
  });
});
