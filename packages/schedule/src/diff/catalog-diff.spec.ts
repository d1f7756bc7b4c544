import type { ScheduleFileInput } from '../schema/schedule-file';
import { scheduleSource, validScheduleInput } from '@compute/schedule/testing';
import { diffCatalogs, readDiffSide, type DiffSide } from './catalog-diff';

const NOW = new Date('2026-12-01T10:00:00Z');

function side(schedules: Record<string, ScheduleFileInput | string>, config: object = {}): DiffSide {
  return readDiffSide({
    projectRoot: 'schedules',
    config: { path: 'schedules/compute.json', text: JSON.stringify(config) },
    schedules: Object.entries(schedules).map(([name, value]) => scheduleSource(name, value)),
  });
}

const diff = (base: DiffSide, head: DiffSide, runs = 3) => diffCatalogs(base, head, { now: NOW, runs });

describe('diffCatalogs', () => {
  it('reports nothing for equal catalogs, even when a default is written out or $schema changes', () => {
    const base = side({ a: validScheduleInput() });
    const head = side({ a: { ...validScheduleInput(), timezone: 'UTC', $schema: '../x.json' } as ScheduleFileInput });
    expect(diff(base, head)).toEqual({ added: [], removed: [], changed: [], config: [], problems: [] });
  });

  it('lists an added schedule with its next runs in UTC', () => {
    const result = diff(side({}), side({ nightly: validScheduleInput({ scheduleExpression: 'cron(30 4 * * ? *)', timezone: 'Europe/Berlin' }) }));
    expect(result.added).toEqual([
      {
        name: 'nightly',
        file: 'schedules/nightly.schedule.json',
        scheduleExpression: 'cron(30 4 * * ? *)',
        timezone: 'Europe/Berlin',
        enabled: true,
        nextRuns: ['2026-12-02T03:30:00.000Z', '2026-12-03T03:30:00.000Z', '2026-12-04T03:30:00.000Z'],
        warnings: [],
      },
    ]);
  });

  it('lists a removed schedule with the runs that will no longer happen', () => {
    const result = diff(side({ old: validScheduleInput() }), side({}));
    expect(result.removed).toEqual([
      { name: 'old', file: 'schedules/old.schedule.json', scheduleExpression: 'cron(0 3 * * ? *)', timezone: 'UTC', nextRuns: ['2026-12-02T03:00:00.000Z', '2026-12-03T03:00:00.000Z', '2026-12-04T03:00:00.000Z'] },
    ]);
    expect(result.added).toEqual([]);
  });

  it('detects a rename when the content is otherwise equal, and pairs each file once', () => {
    const result = diff(side({ old_name: validScheduleInput(), twin_a: validScheduleInput({ timeout: 700 }) }), side({ new_name: validScheduleInput(), other: validScheduleInput({ timeout: 900 }) }));
    expect(result.changed).toEqual([{ name: 'new_name', file: 'schedules/new_name.schedule.json', renamedFrom: 'old_name', fields: [], timezone: 'UTC', warnings: [] }]);
    expect(result.added.map((a) => a.name)).toEqual(['other']);
    expect(result.removed.map((r) => r.name)).toEqual(['twin_a']);
  });

  it.each<[string, Partial<ScheduleFileInput>, Partial<ScheduleFileInput>, { path: string; before?: unknown; after?: unknown }[]]>([
    ['command argument', { command: ['node', 'a.js'] }, { command: ['node', 'b.js'] }, [{ path: '/command/1', before: 'a.js', after: 'b.js' }]],
    ['command length', { command: ['node', 'a.js'] }, { command: ['node', 'a.js', '--x'] }, [{ path: '/command', before: ['node', 'a.js'], after: ['node', 'a.js', '--x'] }]],
    ['image added', {}, { image: 'ghcr.io/x/y:2' }, [{ path: '/image', after: 'ghcr.io/x/y:2' }]],
    ['size', {}, { size: 'large' }, [{ path: '/size', before: 'small', after: 'large' }]],
    ['awsRole', {}, { awsRole: 'other-role' }, [{ path: '/awsRole', before: 'job-role', after: 'other-role' }]],
    ['attempts', {}, { attempts: 5 }, [{ path: '/attempts', before: 2, after: 5 }]],
    ['timeout', {}, { timeout: 60 }, [{ path: '/timeout', before: 600, after: 60 }]],
    ['parallel', {}, { parallel: 4 }, [{ path: '/parallel', before: 1, after: 4 }]],
    ['flexible window', {}, { flexibleWindowMinutes: 15 }, [{ path: '/flexibleWindowMinutes', after: 15 }]],
    ['environment value', { environment: { A: '1' } }, { environment: { A: '2', B: '3' } }, [{ path: '/environment/A', before: '1', after: '2' }, { path: '/environment/B', after: '3' }]],
    ['secret removed', { secrets: ['A', 'B'] }, { secrets: ['A'] }, [{ path: '/secrets', before: ['A', 'B'], after: ['A'] }]],
    ['tag with a slash', { tags: { 'team/x': 'a' } }, { tags: { 'team/x': 'b' } }, [{ path: '/tags/team~1x', before: 'a', after: 'b' }]],
  ])('reports a changed %s by JSON pointer, without next runs', (_label, before, after, fields) => {
    const result = diff(side({ job: validScheduleInput(before) }), side({ job: validScheduleInput(after) }));
    expect(result.changed).toHaveLength(1);
    expect(result.changed[0].fields).toEqual(fields);
    expect(result.changed[0].nextRuns).toBeUndefined();
  });

  it('reports meta changes', () => {
    const result = diff(side({ job: validScheduleInput() }), side({ job: validScheduleInput({ meta: { ...validScheduleInput().meta, maintainers: ['ben'], lastReview: '2026-11-30' } }) }));
    expect(result.changed[0].fields).toEqual([
      { path: '/meta/maintainers/0', before: 'ana', after: 'ben' },
      { path: '/meta/lastReview', before: '2026-11-20', after: '2026-11-30' },
    ]);
  });

  it('shows next runs before and after a changed expression', () => {
    const result = diff(side({ job: validScheduleInput() }), side({ job: validScheduleInput({ scheduleExpression: 'cron(0 5 ? * MON *)' }) }));
    expect(result.changed[0]).toMatchObject({
      fields: [{ path: '/scheduleExpression', before: 'cron(0 3 * * ? *)', after: 'cron(0 5 ? * MON *)' }],
      nextRuns: {
        before: ['2026-12-02T03:00:00.000Z', '2026-12-03T03:00:00.000Z', '2026-12-04T03:00:00.000Z'],
        after: ['2026-12-07T05:00:00.000Z', '2026-12-14T05:00:00.000Z', '2026-12-21T05:00:00.000Z'],
      },
    });
  });

  it('shows next runs before and after a changed time zone, naming the old zone', () => {
    const result = diff(side({ job: validScheduleInput() }), side({ job: validScheduleInput({ timezone: 'America/New_York' }) }));
    expect(result.changed[0].fields).toEqual([{ path: '/timezone', before: 'UTC', after: 'America/New_York' }]);
    expect(result.changed[0].nextRuns).toEqual({
      before: ['2026-12-02T03:00:00.000Z', '2026-12-03T03:00:00.000Z', '2026-12-04T03:00:00.000Z'],
      after: ['2026-12-02T08:00:00.000Z', '2026-12-03T08:00:00.000Z', '2026-12-04T08:00:00.000Z'],
      timezoneBefore: 'UTC',
    });
  });

  it('shows next runs before and after a start date, an end date and disabling', () => {
    const start = diff(side({ job: validScheduleInput() }), side({ job: validScheduleInput({ startDate: '2027-01-10T00:00:00Z' }) }));
    expect(start.changed[0].nextRuns?.after).toEqual(['2027-01-10T03:00:00.000Z', '2027-01-11T03:00:00.000Z', '2027-01-12T03:00:00.000Z']);
    const end = diff(side({ job: validScheduleInput() }), side({ job: validScheduleInput({ endDate: '2026-12-02T12:00:00Z' }) }));
    expect(end.changed[0].nextRuns?.after).toEqual(['2026-12-02T03:00:00.000Z']);
    const off = diff(side({ job: validScheduleInput() }), side({ job: validScheduleInput({ enabled: false }) }));
    expect(off.changed[0].nextRuns?.after).toEqual([]);
    expect(off.changed[0].fields).toEqual([{ path: '/enabled', before: true, after: false }]);
  });

  it('warns when runs now fall into a daylight-saving gap, but not for gaps the schedule already met', () => {
    // Europe/Berlin skips 02:00-03:00 on 2027-03-28.
    const result = diff(side({ job: validScheduleInput({ timezone: 'Europe/Berlin' }) }), side({ job: validScheduleInput({ scheduleExpression: 'cron(30 2 * * ? *)', timezone: 'Europe/Berlin' }) }));
    expect(result.changed[0].warnings).toEqual([
      { kind: 'daylight-saving', message: '2027-03-28 02:30 (Europe/Berlin) does not exist: daylight saving time skips it, so that run does not happen' },
      { kind: 'daylight-saving', message: '2027-10-31 02:30 (Europe/Berlin) happens twice as daylight saving time ends; the job runs once, at the first' },
    ]);
    const again = diff(side({ job: validScheduleInput({ scheduleExpression: 'cron(30 2 * * ? *)', timezone: 'Europe/Berlin' }) }), side({ job: validScheduleInput({ scheduleExpression: 'cron(30 2 * * ? *)', timezone: 'Europe/Berlin', attempts: 3 }) }));
    expect(again.changed[0].warnings).toEqual([]);
  });

  it('warns about runs of an added schedule that repeat when daylight saving ends, and never for UTC or rates', () => {
    const result = diff(side({}), side({ every_quarter: validScheduleInput({ scheduleExpression: 'cron(0/15 1 ? * SUN *)', timezone: 'America/New_York' }), utc: validScheduleInput({ scheduleExpression: 'cron(30 2 * * ? *)' }), rate: validScheduleInput({ scheduleExpression: 'rate(5 minutes)', timezone: 'Europe/Berlin' }) }));
    const [everyQuarter, rate, utc] = result.added;
    expect(everyQuarter.warnings).toEqual([
      { kind: 'daylight-saving', message: '2027-11-07 01:00, 2027-11-07 01:15, 2027-11-07 01:30 and 1 more (America/New_York) happen twice as daylight saving time ends; the job runs once, at the first' },
    ]);
    expect(rate.warnings).toEqual([]);
    expect(utc.warnings).toEqual([]);
  });

  it('warns when the frequency changes by more than 10x either way', () => {
    const hourly = diff(side({ job: validScheduleInput() }), side({ job: validScheduleInput({ scheduleExpression: 'cron(0 * * * ? *)' }) }));
    expect(hourly.changed[0].warnings).toEqual([{ kind: 'frequency', message: 'runs 24x more often: about 24 runs a day instead of 1 runs a day' }]);
    const weekly = diff(side({ job: validScheduleInput({ scheduleExpression: 'rate(1 hour)' }) }), side({ job: validScheduleInput({ scheduleExpression: 'cron(0 3 ? * MON *)' }) }));
    expect(weekly.changed[0].warnings).toEqual([{ kind: 'frequency', message: 'runs 168x less often: about 1 runs a week instead of 24 runs a day' }]);
    const tenfold = diff(side({ job: validScheduleInput({ scheduleExpression: 'rate(10 minutes)' }) }), side({ job: validScheduleInput({ scheduleExpression: 'rate(1 minute)' }) }));
    expect(tenfold.changed[0].warnings).toEqual([]);
  });

  it('warns when a schedule now starts in a minute shared by many schedules of its environment (fleet.pileUpThreshold)', () => {
    const config = { fleet: { pileUpThreshold: 5 } };
    const crowd = Object.fromEntries(['a', 'b', 'c', 'd'].map((n) => [n, validScheduleInput({ scheduleExpression: 'cron(0 3 * * ? *)' })]));
    const elsewhere = { e: validScheduleInput({ size: 'large' }) };
    const base = side({ ...crowd, ...elsewhere, mover: validScheduleInput({ scheduleExpression: 'cron(17 3 * * ? *)' }) }, config);
    const head = side({ ...crowd, ...elsewhere, mover: validScheduleInput({ scheduleExpression: 'cron(0 3 * * ? *)' }) }, config);
    const result = diff(base, head);
    expect(result.changed[0].warnings).toEqual([
      {
        kind: 'shared-start',
        message: 'starts at 2026-12-02 03:00 UTC together with 4 other schedules of environment "small" (a, b, c, d); they compete for the same Spot capacity: move the minute or set flexibleWindowMinutes',
      },
    ]);
    // Four schedules in the minute are below the threshold of five; a flexible window is already spread.
    const fewer = diff(side({ a: crowd.a, b: crowd.b, c: crowd.c, mover: validScheduleInput({ scheduleExpression: 'cron(17 3 * * ? *)' }) }, config), side({ a: crowd.a, b: crowd.b, c: crowd.c, mover: validScheduleInput() }, config));
    expect(fewer.changed[0].warnings).toEqual([]);
    const flexible = diff(base, side({ ...crowd, ...elsewhere, mover: validScheduleInput({ scheduleExpression: 'cron(0 3 * * ? *)', flexibleWindowMinutes: 15 }) }, config));
    expect(flexible.changed[0].warnings).toEqual([]);
    // An added schedule joining the crowd is warned about too; the default threshold (10) is higher.
    expect(diff(side(crowd, config), side({ ...crowd, newcomer: validScheduleInput() }, config)).added[0].warnings.map((w) => w.kind)).toEqual(['shared-start']);
    expect(diff(side(crowd), side({ ...crowd, newcomer: validScheduleInput() })).added[0].warnings).toEqual([]);
  });

  it('reports compute.json changes by JSON pointer', () => {
    const result = diff(side({}, { region: 'us-east-1' }), side({}, { region: 'eu-west-1', logs: { retentionDays: 30 } }));
    expect(result.config).toEqual([
      { path: '/region', before: 'us-east-1', after: 'eu-west-1' },
      { path: '/logs/retentionDays', before: 90, after: 30 },
    ]);
  });

  it('says which side is invalid and still diffs what can be read', () => {
    const base = side({ job: validScheduleInput(), gone: '{ not json' });
    const head = side({ job: validScheduleInput({ attempts: 99, command: ['node', 'new.js'] }), fresh: validScheduleInput() });
    const result = diff(base, head);
    expect(result.problems.map((p) => `${p.side} ${p.file} ${p.path}`)).toEqual(['base schedules/gone.schedule.json ', 'head schedules/job.schedule.json /attempts']);
    expect(result.changed[0].fields).toEqual([
      { path: '/command/1', before: 'job.js', after: 'new.js' },
      { path: '/attempts', before: 2, after: 99 },
    ]);
    expect(result.removed.map((r) => r.name)).toEqual(['gone']);
    expect(result.added.map((a) => a.name)).toEqual(['fresh']);
  });

  it('treats a base without the project as empty: every schedule is added and compute.json is not a change', () => {
    const base = readDiffSide({ projectRoot: 'schedules', schedules: [] }, false);
    const result = diff(base, side({ a: validScheduleInput() }, { region: 'eu-west-1' }));
    expect(result.added.map((a) => a.name)).toEqual(['a']);
    expect(result.config).toEqual([]);
  });
});
