import { validSchedule } from '../../testing/fixtures';
import { testExecutorHarness } from '../../testing/test-executor-harness';
import { runTest } from './executor';
import type { JsonReport } from './report';

describe('test executor', () => {
  const h = testExecutorHarness();

  async function runJson(options: { strict?: boolean } = {}): Promise<{ success: boolean; report: JsonReport }> {
    const { success } = await h.run({ format: 'json', ...options });
    expect(h.out).toHaveLength(1);
    return { success, report: JSON.parse(h.out[0]) as JsonReport };
  }

  it('passes a sound catalog and says whose roster and which maintainer it used', async () => {
    h.ws.write('schedules/nightly.schedule.json', validSchedule());
    h.io.env = { COMPUTE_MAINTAINER: 'ana' };
    const result = await h.run();
    expect(result).toEqual({ success: true });
    expect(h.out.join('')).toBe(
      [
        'Roster: schedules/maintainers.json (2 people)',
        'Current maintainer: ana (from environment variable COMPUTE_MAINTAINER); their stale reviews are errors',
        '',
        '1 schedule checked: 0 errors, 0 warnings',
        '',
      ].join('\n'),
    );
    expect(h.io.gitIdentity).not.toHaveBeenCalled();
  });

  it('fails on bad schedules, reporting every problem of every file grouped by file', async () => {
    h.ws.write('schedules/nightly.schedule.json', validSchedule());
    h.ws.write('schedules/broken.schedule.json', '{ "command": [ oops');
    h.ws.write('schedules/wrong.schedule.json', validSchedule({ scheduleExpression: 'cron(0 3 * * * *)', size: 'huge', surprise: 1 }));

    const result = await h.run();
    expect(result.success).toBe(false);
    const text = h.out.join('');
    const lines = text.split('\n');
    expect(lines).toContain('schedules/broken.schedule.json');
    expect(lines).toContain('schedules/wrong.schedule.json');
    expect(text).toMatch(/schedules\/broken\.schedule\.json\n {2}error {3}\/: is not valid JSON/);
    expect(text).toContain('error   /scheduleExpression: ');
    expect(text).toContain('error   /size: size "huge" is not defined in compute.json');
    expect(text).toContain('error   /surprise: unknown field "surprise"');
    expect(lines[lines.length - 2]).toBe('3 schedules checked: 4 errors, 0 warnings');
  });

  it('warns when 40 warp schedules start in one minute: over capacity and piled up, never an error, even with --strict', async () => {
    for (let i = 0; i < 40; i++) {
      h.ws.write(`schedules/sync_${String(i).padStart(2, '0')}.schedule.json`, validSchedule({ size: 'warp', scheduleExpression: 'cron(0 4 * * ? *)', timezone: 'UTC', timeout: 1800 }));
    }
    const { success, report } = await runJson({ strict: true });
    expect(success).toBe(true);
    expect(report.errors).toBe(0);
    const capacity = report.problems.filter((p) => p.path === '/size');
    expect(capacity).toHaveLength(40);
    expect(capacity[0]).toMatchObject({ file: 'schedules/sync_00.schedule.json', schedule: 'sync_00', severity: 'warning' });
    expect(capacity[0].message).toMatch(/^environment "warp" needs up to 80 vCPUs at 2026-11-29 04:00 UTC, above its maxVcpus of 64/);
    const pileUps = report.problems.filter((p) => p.path === '/scheduleExpression');
    expect(pileUps).toHaveLength(40);
    expect(pileUps[0].message).toMatch(/^40 schedules of environment "warp" start in the same minute/);
  });

  it('fails on those warnings when compute.json sets fleet.warningsAsErrors', async () => {
    h.ws.write('schedules/compute.json', { fleet: { warningsAsErrors: true, pileUpThreshold: 2 } });
    h.ws.write('schedules/a.schedule.json', validSchedule());
    h.ws.write('schedules/b.schedule.json', validSchedule());
    const { success, report } = await runJson();
    expect(success).toBe(false);
    expect(report.problems.map((p) => [p.schedule, p.path, p.severity])).toEqual([
      ['a', '/scheduleExpression', 'error'],
      ['b', '/scheduleExpression', 'error'],
    ]);
  });

  it('prints one JSON document with paths from the workspace root', async () => {
    h.ws.write('schedules/nightly.schedule.json', validSchedule());
    h.ws.write('schedules/wrong.schedule.json', validSchedule({ size: 'huge' }));
    h.ws.write('schedules/compute.json', { alerts: { emails: ['not-an-email'] } });

    const { success, report } = await runJson();
    expect(success).toBe(false);
    expect(report).toEqual({
      checked: 2,
      errors: 1,
      warnings: 0,
      problems: [{ file: 'schedules/compute.json', line: 4, column: 7, schedule: null, path: '/alerts/emails/0', severity: 'error', message: expect.stringContaining('e-mail') }],
    });
  });

  it('writes the JSON report to --outputFile and keeps the text report on stdout for the CI log', async () => {
    h.ws.write('schedules/wrong.schedule.json', validSchedule({ size: 'huge' }));
    const { success } = await h.run({ format: 'json', outputFile: 'dist/compute/test-report.json' });
    expect(success).toBe(false);
    const report = JSON.parse(h.ws.read('dist/compute/test-report.json')) as JsonReport;
    expect(report).toMatchObject({ checked: 1, errors: 1, problems: [{ file: 'schedules/wrong.schedule.json', path: '/size' }] });
    const text = h.out.join('');
    expect(text).toContain('error   /size: size "huge" is not defined in compute.json');
    // The text report gives file:line:column of the field, which terminals turn into a link.
    expect(text).toMatch(/error {3}\/size: .* \(schedules\/wrong\.schedule\.json:9:3\)\n/);
    expect(text.endsWith('1 schedule checked: 1 error, 0 warnings\nWrote the JSON report to dist/compute/test-report.json\n')).toBe(true);
  });

  it('warns about files meant as schedules that nothing reads: a misspelt name or a subfolder', async () => {
    h.ws.write('schedules/nightly.schedule.json', validSchedule());
    h.ws.write('schedules/nightly_report.json', validSchedule());
    h.ws.write('schedules/nightly2.schedule.jsn', validSchedule());
    h.ws.write('schedules/team/sub_job.schedule.json', validSchedule());
    const { success, report } = await runJson();
    expect(success).toBe(true);
    expect(report.problems.map((p) => [p.file, p.severity])).toEqual([
      ['schedules/nightly_report.json', 'warning'],
      ['schedules/nightly2.schedule.jsn', 'warning'],
      ['schedules/team/sub_job.schedule.json', 'warning'],
    ]);
    expect(report.problems[2].message).toContain('is in a subfolder, so it is not checked, listed or deployed');
  });

  it('reports the size error of a schedule when compute.json is fine', async () => {
    h.ws.write('schedules/wrong.schedule.json', validSchedule({ size: 'huge' }));
    const { report } = await runJson();
    expect(report.problems).toEqual([
      { file: 'schedules/wrong.schedule.json', line: 9, column: 3, schedule: 'wrong', path: '/size', severity: 'error', message: expect.stringContaining('size "huge" is not defined') },
    ]);
  });

  it('checks maintainers against the roster', async () => {
    h.ws.write('schedules/orphan.schedule.json', validSchedule({}, { maintainers: ['zoe', 'yan'] }));
    const { success, report } = await runJson();
    expect(success).toBe(false);
    expect(report.problems).toEqual([
      {
        file: 'schedules/orphan.schedule.json',
        line: 19,
        column: 5,
        schedule: 'orphan',
        path: '/meta/maintainers',
        severity: 'error',
        message: 'none of "zoe", "yan" is in schedules/maintainers.json: add a maintainer who still has access',
      },
    ]);
  });

  describe('review freshness', () => {
    beforeEach(() => {
      h.ws.write('schedules/stale_ana.schedule.json', validSchedule({}, { lastReview: '2026-09-01' }));
      h.ws.write('schedules/stale_ben.schedule.json', validSchedule({}, { maintainers: ['ben'], lastReview: '2026-09-01' }));
    });
    const severities = (report: JsonReport) => Object.fromEntries(report.problems.map((p) => [p.schedule, p.severity]));

    it("is an error for the current maintainer's schedules and a warning for the others", async () => {
      h.io.env = { COMPUTE_MAINTAINER: 'ana' };
      const { success, report } = await runJson();
      expect(success).toBe(false);
      expect(severities(report)).toEqual({ stale_ana: 'error', stale_ben: 'warning' });
      expect(report.problems[0].message).toContain('review was due by 2026-10-01');
    });

    it('only warns when nobody is identified, so the gate passes', async () => {
      const { success, report } = await runJson();
      expect(success).toBe(true);
      expect(severities(report)).toEqual({ stale_ana: 'warning', stale_ben: 'warning' });
    });

    it('makes every stale review an error with --strict', async () => {
      const { success, report } = await runJson({ strict: true });
      expect(success).toBe(false);
      expect(severities(report)).toEqual({ stale_ana: 'error', stale_ben: 'error' });
    });

    it("falls back to git's e-mail as listed in the roster file", async () => {
      h.io.gitIdentity = jest.fn(() => ({ name: 'Ben B.', email: 'BEN@example.com' }));
      const { report } = await runJson();
      expect(severities(report)).toEqual({ stale_ana: 'warning', stale_ben: 'error' });
    });

    it('reads the maintainer from the variable compute.json names', async () => {
      h.ws.write('schedules/compute.json', { review: { maintainerEnv: 'WHO_AM_I' } });
      h.io.env = { WHO_AM_I: 'ben', COMPUTE_MAINTAINER: 'ana' };
      const { report } = await runJson();
      expect(severities(report)).toEqual({ stale_ana: 'warning', stale_ben: 'error' });
    });

    it('judges freshness by the day in UTC', async () => {
      h.ws.write('schedules/stale_ana.schedule.json', validSchedule({}, { lastReview: '2026-10-28' }));
      h.io.env = { COMPUTE_MAINTAINER: 'ana' };
      h.io.now = () => new Date('2026-11-28T23:59:59Z');
      expect(severities((await runJson()).report).stale_ana).toBeUndefined();
      h.out.length = 0;
      h.io.now = () => new Date('2026-11-29T00:00:00Z');
      expect(severities((await runJson()).report).stale_ana).toBe('error');
    });
  });

  it('also checks maintainers and review of a schedule that has other errors', async () => {
    h.ws.write('schedules/messy.schedule.json', validSchedule({ size: 'huge' }, { maintainers: ['zoe'], lastReview: '2026-01-01' }));
    h.io.env = { COMPUTE_MAINTAINER: 'zoe' };
    const { report } = await runJson();
    expect(report.problems.map((p) => `${p.severity} ${p.path}`)).toEqual(['error /meta/lastReview', 'error /meta/maintainers', 'error /size']);
  });

  describe('start and end dates', () => {
    it('fails on a start date that has passed, which EventBridge Scheduler would reject at deploy', async () => {
      h.ws.write('schedules/late.schedule.json', validSchedule({ startDate: '2026-11-28T11:59:00Z' }));
      h.ws.write('schedules/soon.schedule.json', validSchedule({ startDate: '2026-11-28T12:01:00Z' }));
      const { success, report } = await runJson();
      expect(success).toBe(false);
      expect(report.problems).toEqual([
        {
          file: 'schedules/late.schedule.json',
          line: 17,
          column: 3,
          schedule: 'late',
          path: '/startDate',
          severity: 'error',
          message: 'startDate 2026-11-28T11:59:00Z has passed; EventBridge Scheduler rejects a start in the past: remove it or move it to the future',
        },
      ]);
    });

    it('warns about an end date that has passed, and the gate passes', async () => {
      h.ws.write('schedules/over.schedule.json', validSchedule({ endDate: '2026-11-01T00:00:00Z' }));
      const { success, report } = await runJson();
      expect(success).toBe(true);
      expect(report.problems).toEqual([
        {
          file: 'schedules/over.schedule.json',
          line: 17,
          column: 3,
          schedule: 'over',
          path: '/endDate',
          severity: 'warning',
          message: 'endDate 2026-11-01T00:00:00Z has passed, so the schedule will never run again; delete it or move endDate',
        },
      ]);
    });
  });

  describe('roster failures are one clear problem, not a crash', () => {
    beforeEach(() => h.ws.write('schedules/nightly.schedule.json', validSchedule()));

    it('names the missing token variable', async () => {
      h.ws.write('schedules/compute.json', { roster: { source: 'gitlab', project: 'acme/app', tokenEnv: 'ACME_GITLAB_TOKEN' } });
      const { success, report } = await runJson();
      expect(success).toBe(false);
      expect(report.problems).toHaveLength(1);
      expect(report.problems[0]).toMatchObject({ file: 'schedules/compute.json', severity: 'error', message: expect.stringContaining('ACME_GITLAB_TOKEN is not set') });
    });

    it('names the HTTP status and never prints the token', async () => {
      h.ws.write('schedules/compute.json', { roster: { source: 'github', repository: 'acme/app' } });
      h.io.env = { GITHUB_TOKEN: 'ghp_secret_value' };
      h.io.fetch = jest.fn(async () => new Response('{"message":"Bad credentials"}', { status: 401, headers: { 'content-type': 'application/json' } }));
      const { success, report } = await runJson();
      expect(success).toBe(false);
      expect(report.problems).toHaveLength(1);
      expect(report.problems[0].message).toMatch(/401/);
      expect(h.out.join('')).not.toContain('ghp_secret_value');
    });

    it('reports a missing roster file', async () => {
      h.ws.remove('schedules/maintainers.json');
      const { success, report } = await runJson();
      expect(success).toBe(false);
      expect(report.problems[0].message).toContain('maintainers.json');
    });
  });

  it('stops at an unusable compute.json with a problem naming it', async () => {
    h.ws.write('schedules/nightly.schedule.json', validSchedule());
    h.ws.write('schedules/compute.json', '{ "region": ');
    const { success, report } = await runJson();
    expect(success).toBe(false);
    expect(report).toMatchObject({ checked: 1, errors: 1, problems: [{ file: 'schedules/compute.json', path: '', message: expect.stringMatching(/^is not valid JSON/) }] });
  });

  it('refuses to run outside a project target', async () => {
    await expect(runTest({}, { ...h.context(), projectName: undefined }, h.io)).rejects.toThrow(/compute project target/);
  });
});
