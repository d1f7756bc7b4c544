import type { Catalog } from '../catalog/catalog';
import type { ComputeConfigInput } from '../schema/compute-config';
import type { ScheduleFileInput } from '../schema/schedule-file';
import { catalogOf, validScheduleInput } from '@compute/schedule/testing';
import { checkFleet, costReport, environmentPrice, startsBetween, weekHeatmap, findPileUps, offsetMinuteFor, runCost, runsInNext30Days, simulateLoad } from './index';

/** A catalog of valid schedules, each changed by its overrides. */
function fleetCatalog(overrides: Record<string, Partial<ScheduleFileInput>>, config: ComputeConfigInput = {}): Catalog {
  return catalogOf(Object.fromEntries(Object.entries(overrides).map(([name, changes]) => [name, validScheduleInput(changes)])), config);
}

/** n schedules named prefix_00.. with the same overrides. */
function many(n: number, prefix: string, overrides: Partial<ScheduleFileInput>): Record<string, Partial<ScheduleFileInput>> {
  return Object.fromEntries(Array.from({ length: n }, (_, i) => [`${prefix}_${String(i).padStart(2, '0')}`, overrides]));
}

const minuteOf = (load: ReturnType<typeof simulateLoad>, iso: string) => (Date.parse(iso) - Date.parse(load.from)) / 60_000;
const envLoad = (load: ReturnType<typeof simulateLoad>, name: string) => load.environments.find((e) => e.environment === name)!;

describe('load against capacity', () => {
  const now = new Date('2026-12-01T12:00:30Z');

  it('N schedules of one size at one minute peak at N x vCPUs, then and only then', () => {
    const catalog = fleetCatalog(many(40, 'warp', { size: 'warp', scheduleExpression: 'cron(0 3 * * ? *)', timezone: 'UTC', timeout: 600, expectedDuration: 300 }));
    const load = simulateLoad(catalog, now);
    const warp = envLoad(load, 'warp');
    expect(load.from).toBe('2026-12-01T12:00:00.000Z');
    expect(warp.maxVcpus).toBe(64);
    expect(warp.peak.vcpus).toBe(80);
    expect(warp.peak.at).toBe('2026-12-02T03:00:00.000Z');
    expect(warp.peak.schedules).toHaveLength(40);
    // Five minutes of 80 vCPUs on each of 7 mornings; nothing in between.
    expect(warp.vcpus[minuteOf(load, '2026-12-02T03:04:00Z')]).toBe(80);
    expect(warp.vcpus[minuteOf(load, '2026-12-02T03:05:00Z')]).toBe(0);
    expect(warp.vcpus[minuteOf(load, '2026-12-02T02:59:00Z')]).toBe(0);
    expect(warp.minutesOverCapacity).toBe(7 * 5);
    expect(envLoad(load, 'small').peak.vcpus).toBe(0);
    expect(load.upperBound).toBe(false);
  });

  it('the done-when case warns about warp on every schedule involved, as warnings', () => {
    const catalog = fleetCatalog(many(40, 'warp', { size: 'warp', scheduleExpression: 'cron(15 6 * * ? *)', timezone: 'Europe/Berlin' }));
    const { problems } = checkFleet(catalog, now);
    const capacity = problems.filter((p) => p.path === '/size');
    expect(capacity).toHaveLength(40);
    expect(capacity[0]).toMatchObject({ file: 'schedules/warp_00.schedule.json', schedule: 'warp_00', severity: 'warning' });
    expect(capacity[0].message).toContain('environment "warp" needs up to 80 vCPUs at 2026-12-02 05:15 UTC (Wed 06:15 Europe/Berlin), above its maxVcpus of 64');
    expect(capacity[0].message).toContain('upper bound');
    expect(capacity[0].message).toContain('This schedule holds 2 of them, with warp_01, warp_02, warp_03, warp_04, warp_05 and 34 more');
    const pileUps = problems.filter((p) => p.path === '/scheduleExpression');
    expect(pileUps).toHaveLength(40);
    expect(pileUps[0].message).toMatch(/^40 schedules of environment "warp" start in the same minute, 2026-12-02 05:15 UTC/);
    expect(pileUps[0].message).toContain(`start this one at minute ${offsetMinuteFor('warp_00')} of the hour`);
  });

  it('fleet.warningsAsErrors makes them errors', () => {
    const catalog = fleetCatalog(many(40, 'warp', { size: 'warp' }), { fleet: { warningsAsErrors: true } });
    const { problems } = checkFleet(catalog, now);
    expect(problems.length).toBeGreaterThan(0);
    expect(new Set(problems.map((p) => p.severity))).toEqual(new Set(['error']));
  });

  it('stays quiet when the fleet fits and nothing piles up', () => {
    const catalog = fleetCatalog(many(9, 'job', { size: 'warp' }));
    expect(checkFleet(catalog, now).problems).toEqual([]);
  });

  it('counts array shards and disabled schedules not at all', () => {
    const catalog = fleetCatalog({
      sharded: { size: 'large', parallel: 8, scheduleExpression: 'cron(0 3 * * ? *)', timezone: 'UTC', expectedDuration: 60 },
      off: { size: 'large', enabled: false, scheduleExpression: 'cron(0 3 * * ? *)', timezone: 'UTC' },
    });
    const large = envLoad(simulateLoad(catalog, now), 'large');
    expect(large.peak.vcpus).toBe(16);
    expect(large.peak.schedules).toEqual([{ name: 'sharded', vcpus: 16 }]);
    expect(large.schedules).toEqual(['sharded']);
  });

  it('overlaps across midnight and follows the zone across a DST change', () => {
    // Europe/Berlin moves to UTC+2 on 2027-03-28. The Berlin job runs 01:00-03:00 local.
    const catalog = fleetCatalog({
      berlin: { scheduleExpression: 'cron(0 1 * * ? *)', timezone: 'Europe/Berlin', timeout: 7200, expectedDuration: 7200 },
      utc: { scheduleExpression: 'cron(0 1 * * ? *)', timezone: 'UTC', timeout: 3600, expectedDuration: 3600 },
    });
    const load = simulateLoad(catalog, new Date('2027-03-26T12:00:00Z'));
    const small = envLoad(load, 'small');
    const at = (iso: string) => small.vcpus[minuteOf(load, iso)];
    // Before the change Berlin's 01:00 is 00:00 UTC: the two overlap from 01:00 to 02:00 UTC.
    expect(at('2027-03-27T00:30:00Z')).toBe(1);
    expect(at('2027-03-27T01:30:00Z')).toBe(2);
    // After it Berlin's 01:00 is 23:00 UTC the day before: the run crosses midnight and ends as the UTC job starts.
    expect(at('2027-03-28T23:30:00Z')).toBe(1);
    expect(at('2027-03-29T00:59:00Z')).toBe(1);
    expect(at('2027-03-29T01:00:00Z')).toBe(1);
    expect(at('2027-03-29T02:00:00Z')).toBe(0);
    expect(small.peak).toMatchObject({ vcpus: 2, at: '2027-03-27T01:00:00.000Z' });
  });

  it('counts runs that started before the week and are still running', () => {
    const catalog = fleetCatalog({ long: { scheduleExpression: 'cron(50 11 * * ? *)', timezone: 'UTC', timeout: 3600, expectedDuration: 1800 } });
    const load = simulateLoad(catalog, now);
    const small = envLoad(load, 'small');
    expect(small.vcpus[0]).toBe(1);
    expect(small.vcpus[minuteOf(load, '2026-12-01T12:20:00Z')]).toBe(0);
  });

  it('treats a flexible window as a possible spread: warnings use on-time starts', () => {
    const catalog = fleetCatalog(many(40, 'flex', { size: 'warp', scheduleExpression: 'cron(0 3 * * ? *)', timezone: 'UTC', flexibleWindowMinutes: 59, timeout: 60, expectedDuration: 60 }));
    const { load, problems, pileUps } = checkFleet(catalog, now);
    const warp = envLoad(load, 'warp');
    expect(warp.peak.vcpus).toBe(80);
    // Spread evenly over 60 possible start minutes, 40 one-minute runs of 2 vCPUs need 80/60 at a time.
    expect(warp.spreadPeakVcpus).toBeCloseTo(80 / 60, 2);
    expect(warp.spreadVcpus[minuteOf(load, '2026-12-02T03:30:00Z')]).toBeCloseTo(80 / 60, 6);
    expect(warp.spreadVcpus[minuteOf(load, '2026-12-02T04:00:00Z')]).toBeCloseTo(0, 6);
    expect(problems.some((p) => p.path === '/size' && p.message.includes('the peak would be 1.33 vCPUs, but it does not promise to'))).toBe(true);
    // The scheduler already spreads flexible starts, so they are no pile-up.
    expect(pileUps).toEqual([]);
  });

  it('spreads a flexible run whose window began before the week', () => {
    const catalog = fleetCatalog({ flex: { scheduleExpression: 'cron(50 11 * * ? *)', timezone: 'UTC', flexibleWindowMinutes: 19, timeout: 600, expectedDuration: 600 } });
    const load = simulateLoad(catalog, now);
    const small = envLoad(load, 'small');
    // Starts 11:50..12:09 (20 minutes), 10 minutes long: at 12:00 the starts 11:51..12:00 (10 of 20) are running.
    expect(small.spreadVcpus[0]).toBeCloseTo(10 / 20, 6);
  });
});

describe('pile-ups', () => {
  const now = new Date('2026-12-01T12:00:00Z');

  it('finds schedules of one environment starting in the same minute, once per recurring group', () => {
    const catalog = fleetCatalog({
      ...many(3, 'a', { size: 'small', scheduleExpression: 'cron(0 3 * * ? *)', timezone: 'UTC' }),
      ...many(2, 'b', { size: 'large', scheduleExpression: 'cron(0 3 * * ? *)', timezone: 'UTC' }),
      c: { size: 'small', scheduleExpression: 'cron(0 4 * * ? *)', timezone: 'Europe/London' },
    });
    expect(findPileUps(catalog.schedules, { now, threshold: 3 })).toEqual([{ environment: 'small', at: '2026-12-02T03:00:00.000Z', schedules: ['a_00', 'a_01', 'a_02'] }]);
    expect(findPileUps(catalog.schedules, { now, threshold: 2 }).map((p) => [p.environment, p.schedules.length])).toEqual([
      ['small', 3],
      ['large', 2],
    ]);
    expect(findPileUps(catalog.schedules, { now, threshold: 4 })).toEqual([]);
  });

  it('meets schedules written in different zones at the same instant', () => {
    const catalog = fleetCatalog({
      berlin: { scheduleExpression: 'cron(0 4 * * ? *)', timezone: 'Europe/Berlin' },
      london: { scheduleExpression: 'cron(0 3 * * ? *)', timezone: 'Europe/London' },
      utc: { scheduleExpression: 'cron(0 3 * * ? *)', timezone: 'UTC' },
    });
    expect(findPileUps(catalog.schedules, { now, threshold: 3 })).toEqual([{ environment: 'small', at: '2026-12-02T03:00:00.000Z', schedules: ['berlin', 'london', 'utc'] }]);
  });

  it('uses compute.json fleet.pileUpThreshold (default 10)', () => {
    expect(checkFleet(fleetCatalog(many(9, 's', {})), now).pileUps).toEqual([]);
    expect(checkFleet(fleetCatalog(many(10, 's', {})), now).pileUps).toHaveLength(1);
    expect(checkFleet(fleetCatalog(many(3, 's', {}), { fleet: { pileUpThreshold: 3 } }), now).pileUps).toHaveLength(1);
  });

  it('suggests an offset minute that depends on the name only', () => {
    expect(offsetMinuteFor('nightly_report')).toBe(offsetMinuteFor('nightly_report'));
    const minutes = new Set(Array.from({ length: 40 }, (_, i) => offsetMinuteFor(`warp_${i}`)));
    expect(minutes.size).toBeGreaterThan(20);
    for (const m of minutes) expect(m).toBeGreaterThanOrEqual(0), expect(m).toBeLessThan(60);
  });
});

describe('cost', () => {
  const now = new Date('2026-12-01T12:00:00Z');

  it('a daily and an hourly schedule of the same size and duration differ 24x over 30 days', () => {
    const catalog = fleetCatalog({
      daily: { scheduleExpression: 'cron(0 3 * * ? *)', timezone: 'UTC', expectedDuration: 600 },
      hourly: { scheduleExpression: 'cron(0 * * * ? *)', timezone: 'UTC', expectedDuration: 600 },
    });
    const [daily, hourly] = catalog.schedules;
    expect(runsInNext30Days(daily, now)).toBe(30);
    expect(runsInNext30Days(hourly, now)).toBe(720);
    const perRun = runCost(daily, catalog.config.pricing).usdPerRun!;
    expect(runCost(hourly, catalog.config.pricing).usdPerRun).toBe(perRun);
    expect((runsInNext30Days(hourly, now) * perRun) / (runsInNext30Days(daily, now) * perRun)).toBe(24);
  });

  it('counts rate runs without listing them, the same as listing would', () => {
    const catalog = fleetCatalog({
      quarter: { scheduleExpression: 'rate(15 minutes)' },
      daily: { scheduleExpression: 'rate(1 day)' },
      bounded: { scheduleExpression: 'rate(7 minutes)', startDate: '2026-12-03T10:00:30Z', endDate: '2026-12-20T00:00:00Z' },
    });
    for (const schedule of catalog.schedules) {
      const from = Date.parse('2026-12-01T12:00:00Z');
      expect(runsInNext30Days(schedule, now)).toBe(startsBetween(schedule, from, from + 30 * 86_400_000).length);
    }
    expect(runsInNext30Days(catalog.schedules.find((s) => s.name === 'quarter')!, now)).toBe(2880);
  });

  it('prices duration x hourly price x the larger of the vCPU and memory shares, for every shard', () => {
    const config = { pricing: { instanceTypes: { 'c6id.large': { onDemand: 0.12 }, 'c5d.large': { onDemand: 0.12 }, 'c5ad.large': { onDemand: 0.12 } } } };
    const catalog = fleetCatalog(
      {
        warp: { size: 'warp', timeout: 7200, expectedDuration: 1800 },
        half: { size: 'half', timeout: 7200, expectedDuration: 3600, parallel: 3 },
      },
      { ...config, sizes: { warp: { vcpus: 2, memoryMiB: 3584, environment: 'warp' }, half: { vcpus: 1, memoryMiB: 1024, environment: 'warp' } } },
    );
    const [half, warp] = catalog.schedules;
    // The warp size takes the whole 2-vCPU instance: half an hour at $0.12.
    expect(runCost(warp, catalog.config.pricing)).toEqual({ usdPerRun: 0.06, instanceShare: 1, durationSeconds: 1800, upperBound: false });
    // 1 of 2 vCPUs (memory 1/4): half the instance, an hour, three shards.
    expect(runCost(half, catalog.config.pricing).usdPerRun).toBeCloseTo(3 * 0.5 * 0.12, 10);
  });

  it('totals runs and cost per environment and per tag value, the schedule tag before compute.json\'s', () => {
    const catalog = fleetCatalog(
      {
        search: { size: 'large', scheduleExpression: 'cron(0 * * * ? *)', timezone: 'UTC', expectedDuration: 600, tags: { 'management:product': 'search' } },
        report: { size: 'small', scheduleExpression: 'cron(0 3 * * ? *)', timezone: 'UTC' },
        paused: { size: 'small', enabled: false },
      },
      { tags: { 'management:product': 'platform' } },
    );
    const report = costReport(catalog, now);
    expect(report.market).toBe('onDemand');
    expect(report.tagKey).toBe('management:product');
    const search = report.schedules.find((s) => s.name === 'search')!;
    expect(search).toMatchObject({ environment: 'large', tag: 'search', runsPer30Days: 720, upperBound: false });
    // 10 minutes of a whole large instance at the mean of r6gd/r7gd/r8gd.large.
    expect(search.usdPerRun).toBeCloseTo((600 / 3600) * ((0.1152 + 0.1361 + 0.14696) / 3), 10);
    expect(search.usdPer30Days).toBeCloseTo(search.usdPerRun! * 720, 10);
    expect(report.schedules.find((s) => s.name === 'report')).toMatchObject({ tag: 'platform', runsPer30Days: 30, upperBound: true });
    expect(report.schedules.find((s) => s.name === 'paused')).toMatchObject({ runsPer30Days: 0, usdPer30Days: 0, upperBound: false });
    expect(report.byEnvironment.map((t) => [t.key, t.schedules, t.runsPer30Days, t.upperBound])).toEqual([
      ['large', 1, 720, false],
      ['small', 2, 30, true],
    ]);
    expect(report.byTag.map((t) => [t.key, t.schedules])).toEqual([
      ['search', 1],
      ['platform', 2],
    ]);
    expect(report.total.usdPer30Days).toBeCloseTo(report.byEnvironment.reduce((sum, t) => sum + t.usdPer30Days, 0), 10);
  });

  it('uses the timeout when expectedDuration is missing, and says it is an upper bound', () => {
    const catalog = fleetCatalog({ job: { timeout: 600 } });
    expect(runCost(catalog.schedules[0], catalog.config.pricing)).toMatchObject({ durationSeconds: 600, upperBound: true });
  });

  it('ships On-Demand defaults for the default instance types; Spot figures are used where given', () => {
    const catalog = fleetCatalog({}, { pricing: { market: 'spot', instanceTypes: { 'c6id.large': { onDemand: 0.1008, spot: 0.03 }, 'c5d.large': { onDemand: 0.096, spot: 0.03 }, 'c5ad.large': { onDemand: 0.086, spot: 0.03 } } } });
    const { config } = catalog;
    expect(environmentPrice(config.environments.warp, config.pricing)).toEqual({ usdPerHour: 0.03, market: 'spot', unpriced: [] });
    // The small environment has no Spot figures: it falls back to On-Demand and says so.
    const small = environmentPrice(config.environments.small, config.pricing)!;
    expect(small.market).toBe('onDemand');
    expect(small.usdPerHour).toBeCloseTo((0.0576 + 0.068 + 0.07348) / 3, 10);
    expect(environmentPrice({ instanceTypes: ['z9.huge'] }, config.pricing)).toBeUndefined();
  });
});

describe('rate schedules', () => {
  it('start on whole minutes from the epoch, so they meet each other and cron schedules', () => {
    const catalog = fleetCatalog({
      ...many(2, 'rate', { scheduleExpression: 'rate(15 minutes)' }),
      cron: { scheduleExpression: 'cron(45 12 * * ? *)', timezone: 'UTC' },
    });
    const pileUps = findPileUps(catalog.schedules, { now: new Date('2026-12-01T12:07:13Z'), threshold: 3 });
    expect(pileUps).toEqual([{ environment: 'small', at: '2026-12-01T12:45:00.000Z', schedules: ['cron', 'rate_00', 'rate_01'] }]);
  });
});

describe('week heatmap', () => {
  it('folds the week onto weekday x hour in UTC and in another zone', () => {
    const catalog = fleetCatalog({
      weekday: { size: 'warp', scheduleExpression: 'cron(30 3 ? * MON-FRI *)', timezone: 'UTC', timeout: 7200, expectedDuration: 5400 },
      daily: { scheduleExpression: 'cron(0 22 * * ? *)', timezone: 'UTC' },
    });
    const { load, starts } = checkFleet(catalog, new Date('2026-12-01T12:00:00Z'));
    const utc = weekHeatmap(load, starts, 'UTC');
    expect(utc.starts).toHaveLength(168);
    expect(utc.starts.reduce((a, b) => a + b, 0)).toBe(5 + 7);
    expect(utc.starts[0 * 24 + 3]).toBe(1); // Monday 03:00
    expect(utc.starts[5 * 24 + 3]).toBe(0); // Saturday
    expect(utc.starts[6 * 24 + 22]).toBe(1); // Sunday 22:00
    const warp = utc.environments.find((e) => e.environment === 'warp')!;
    // 03:30 to 05:00 UTC: 2 vCPUs in the 03, 04 hours, nothing at 05.
    expect([warp.peakVcpus[24 + 3], warp.peakVcpus[24 + 4], warp.peakVcpus[24 + 5]]).toEqual([2, 2, 0]);
    // In Tokyo (UTC+9) Sunday 22:00 UTC is Monday 07:00, and 03:30 UTC is 12:30.
    const tokyo = weekHeatmap(load, starts, 'Asia/Tokyo');
    expect(tokyo.starts[0 * 24 + 7]).toBe(1);
    expect(tokyo.starts[0 * 24 + 12]).toBe(1);
    expect(tokyo.starts[6 * 24 + 22]).toBe(0);
  });
});
