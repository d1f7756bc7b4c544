import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { executorContext } from '../../testing/executor-context';
import { computeWorkspace, validSchedule } from '../../testing/fixtures';
import { type TempDir, createTempDir } from '../../testing/temp-dir';
import type { CatalogDocument } from './catalog-data';
import { runCatalog } from './executor';
import { testIO } from '../../testing/test-io';

describe('catalog executor', () => {
  let ws: TempDir;
  let out: string[];
  let now: Date;
  beforeEach(() => {
    ws = createTempDir(computeWorkspace({ 'schedules/nightly.schedule.json': validSchedule({ expectedDuration: 600 }) }));
    out = [];
    now = new Date('2026-12-01T10:00:05Z');
  });
  afterEach(() => ws.cleanup());
  const run = (options = {}) => runCatalog(options, executorContext(ws.root, 'catalog'), testIO(now, out));
  const read = (path: string) => readFileSync(join(ws.root, path), 'utf8');

  it('writes the page and its data, the same bytes anywhere within the minute', async () => {
    expect(await run({ outputPath: 'out/page', timezone: 'America/New_York' })).toEqual({ success: true });
    const page = read('out/page/index.html');
    const doc = JSON.parse(read('out/page/catalog.json')) as CatalogDocument;
    expect(doc).toMatchObject({ from: '2026-12-01T10:00:00.000Z', timezone: 'America/New_York', market: 'onDemand', tagKey: 'management:product' });
    expect(doc.schedules.map((s) => [s.name, s.nextRuns.length, s.runsPer30Days])).toEqual([['nightly', 3, 30]]);
    expect(doc.heatmaps.zone.timezone).toBe('America/New_York');
    expect(page).not.toMatch(/https?:\/\/|<link|src=/);
    now = new Date('2026-12-01T10:00:55Z');
    await run({ outputPath: 'out/page', timezone: 'America/New_York' });
    expect(read('out/page/index.html')).toBe(page);
    expect(out[0]).toBe('Wrote out/page/index.html and catalog.json: 1 schedule, 0 warnings.\n');
  });

  it('names a wrong --timezone, and prints the problems of an unusable compute.json', async () => {
    await expect(run({ timezone: 'Mars/Olympus' })).rejects.toThrow('--timezone "Mars/Olympus" is not an IANA time zone name');
    ws.write('schedules/compute.json', '{ "region": "mars" }');
    expect(await run()).toEqual({ success: false });
    expect(out.join('')).toContain('error   /region: must be an AWS region such as us-east-1');
  });
});
