import { mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { validSchedule } from '../../testing/fixtures';
import { testExecutorHarness } from '../../testing/test-executor-harness';
import type { JsonReport } from './report';

describe('test executor: every problem of a broken file in one run', () => {
  const h = testExecutorHarness({ env: { COMPUTE_MAINTAINER: 'zed' } });

  const report = async () => {
    const { success } = await h.run({ format: 'json' });
    return { success, problems: (JSON.parse(h.out.join('')) as JsonReport).problems.map((p) => `${p.severity} ${p.path} ${p.message}`) };
  };

  it('checks maintainers and the review even when other meta fields are wrong', async () => {
    // description too short and requiredBy empty: the meta block as a whole is invalid.
    h.ws.write('schedules/broken.schedule.json', validSchedule({ timeout: 5 }, { description: 'short', requiredBy: [], maintainers: ['nobody'], lastReview: '2020-01-01' }));
    const { success, problems } = await report();
    expect(success).toBe(false);
    expect(problems).toEqual([
      'error /meta/description must be at least 25 characters: say what the job does and why',
      'warning /meta/lastReview last reviewed on 2020-01-01, review was due by 2020-02-01: check the schedule still does what it should, then set meta.lastReview to today',
      'error /meta/maintainers none of "nobody" is in schedules/maintainers.json: add a maintainer who still has access',
      'error /meta/requiredBy needs at least one entry: who depends on this schedule',
      'error /timeout must be at least 60 seconds (the AWS Batch minimum)',
    ]);
  });

  it('checks what it can read and skips what it cannot', async () => {
    // No usable review date: only the maintainers are checked against the roster.
    h.ws.write('schedules/broken.schedule.json', validSchedule({}, { maintainers: ['nobody'], lastReview: 'last week' }));
    const { problems } = await report();
    expect(problems).toEqual([
      'error /meta/lastReview must be a date written YYYY-MM-DD',
      'error /meta/maintainers none of "nobody" is in schedules/maintainers.json: add a maintainer who still has access',
    ]);
  });

  it('names the field meant by a misspelt one', async () => {
    const file = validSchedule();
    const { timezone, ...rest } = file;
    h.ws.write('schedules/typo.schedule.json', { ...rest, timeZone: timezone, colour: 'blue' });
    const { problems } = await report();
    expect(problems).toEqual([
      'error /colour unknown field "colour": remove it or fix its spelling',
      'error /timeZone unknown field "timeZone": did you mean "timezone"?',
    ]);
  });

  it('checks start and end dates of a file with other errors too', async () => {
    h.ws.write('schedules/broken.schedule.json', validSchedule({ attempts: 0, startDate: '2026-01-01T00:00:00Z' }));
    const { problems } = await report();
    expect(problems).toEqual([
      'error /attempts must be at least 1',
      'error /startDate startDate 2026-01-01T00:00:00Z has passed; EventBridge Scheduler rejects a start in the past: remove it or move it to the future',
    ]);
  });
});

describe('test executor: files that cannot be read', () => {
  const h = testExecutorHarness({ files: { 'schedules/nightly.schedule.json': validSchedule() } });

  it('names a directory or a broken link among the schedule files and checks the others', async () => {
    mkdirSync(join(h.ws.root, 'schedules/oops.schedule.json'));
    symlinkSync('moved-away.json', join(h.ws.root, 'schedules/dangling.schedule.json'));
    h.ws.write('schedules/orphan.schedule.json', validSchedule({}, { maintainers: ['zoe'] }));
    expect(await h.run()).toEqual({ success: false });
    const text = h.out.join('');
    expect(text).toContain('schedules/dangling.schedule.json\n  error   /: cannot be read: it points to nothing (ENOENT: a broken link?); fix or remove the link');
    expect(text).toContain('schedules/oops.schedule.json\n  error   /: cannot be read: it is a directory, not a file; remove or rename it');
    expect(text).toContain('schedules/orphan.schedule.json\n  error   /meta/maintainers: none of "zoe"');
    expect(text).toContain('4 schedules checked: 3 errors, 0 warnings');
    expect(text).not.toContain(h.ws.root);
  });

  it('names a compute.json that is a directory', async () => {
    h.ws.remove('schedules/compute.json');
    mkdirSync(join(h.ws.root, 'schedules/compute.json'));
    expect(await h.run()).toEqual({ success: false });
    expect(h.out.join('')).toContain('schedules/compute.json\n  error   /: cannot be read: it is a directory, not a file; remove or rename it');
  });
});
