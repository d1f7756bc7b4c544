import { executorContext } from '../../testing/executor-context';
import { computeWorkspace, validSchedule } from '../../testing/fixtures';
import { type TempDir, createTempDir } from '../../testing/temp-dir';
import type { ExecutorIO } from '../shared/executor-io';
import { runTest } from './executor';
import type { JsonReport } from './report';

const NOW = new Date('2026-11-28T12:00:00Z');

describe('test executor: every problem of a broken file in one run', () => {
  let ws: TempDir;
  let out: string[];
  let io: ExecutorIO;

  beforeEach(() => {
    ws = createTempDir(computeWorkspace());
    out = [];
    io = { now: () => NOW, env: { COMPUTE_MAINTAINER: 'zed' }, gitIdentity: () => ({}), stdout: (text) => out.push(text) };
  });
  afterEach(() => ws.cleanup());

  const report = async () => {
    const { success } = await runTest({ format: 'json' }, executorContext(ws.root, 'test'), io);
    return { success, problems: (JSON.parse(out.join('')) as JsonReport).problems.map((p) => `${p.severity} ${p.path} ${p.message}`) };
  };

  it('checks maintainers and the review even when other meta fields are wrong', async () => {
    // description too short and requiredBy empty: the meta block as a whole is invalid.
    ws.write('schedules/broken.schedule.json', validSchedule({ timeout: 5 }, { description: 'short', requiredBy: [], maintainers: ['nobody'], lastReview: '2020-01-01' }));
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
    ws.write('schedules/broken.schedule.json', validSchedule({}, { maintainers: ['nobody'], lastReview: 'last week' }));
    const { problems } = await report();
    expect(problems).toEqual([
      'error /meta/lastReview must be a date written YYYY-MM-DD',
      'error /meta/maintainers none of "nobody" is in schedules/maintainers.json: add a maintainer who still has access',
    ]);
  });

  it('names the field meant by a misspelt one', async () => {
    const file = validSchedule();
    const { timezone, ...rest } = file;
    ws.write('schedules/typo.schedule.json', { ...rest, timeZone: timezone, colour: 'blue' });
    const { problems } = await report();
    expect(problems).toEqual([
      'error /colour unknown field "colour": remove it or fix its spelling',
      'error /timeZone unknown field "timeZone": did you mean "timezone"?',
    ]);
  });
});
