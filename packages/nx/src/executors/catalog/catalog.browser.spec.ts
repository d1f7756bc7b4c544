// The catalog page in a real browser: Debian's chromium driven by playwright-core (never a
// browser download). .ci/run installs chromium with apt when it is missing.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Browser, chromium } from 'playwright-core';
import { executorContext } from '../../testing/executor-context';
import { computeWorkspace, validSchedule } from '../../testing/fixtures';
import { type TempDir, createTempDir } from '../../testing/temp-dir';
import type { CatalogDocument } from './catalog-data';
import { runCatalog } from './executor';
import { testIO } from '../../testing/test-io';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Test artifacts go under the workspace's dist/, which git ignores. */
const ARTIFACTS = join(__dirname, '..', '..', '..', '..', '..', 'dist', 'test-artifacts');

jest.setTimeout(120_000);

describe('catalog page in chromium', () => {
  let ws: TempDir;
  let browser: Browser;
  let doc: CatalogDocument;
  let pageUrl: string;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(`no browser at ${CHROMIUM}: install Debian's chromium (apt-get install -y chromium; .ci/run does) or set CHROMIUM_PATH`);
    }
    const files: Record<string, object> = {
      'schedules/compute.json': { fleet: { timezone: 'Asia/Tokyo' }, tags: { 'management:product': 'platform' } },
    };
    // The done-when fleet: 40 warp schedules at one minute, 2 vCPUs each against maxVcpus 64.
    for (let i = 0; i < 40; i++) {
      files[`schedules/warp_sync_${String(i).padStart(2, '0')}.schedule.json`] = validSchedule({ size: 'warp', scheduleExpression: 'cron(0 4 * * ? *)', timezone: 'UTC', timeout: 1800, expectedDuration: 900 });
    }
    files['schedules/heartbeat.schedule.json'] = validSchedule({ scheduleExpression: 'rate(15 minutes)', timezone: 'UTC', size: 'large', timeout: 300, expectedDuration: 60, tags: { 'management:product': 'search' } });
    files['schedules/weekly_report.schedule.json'] = validSchedule({ scheduleExpression: 'cron(0 9 ? * MON *)', timezone: 'Europe/Berlin' }, { lastReview: '2026-09-01', description: 'Builds the <b>weekly</b> report </script><script>window.injected=1</script>.' });
    files['schedules/paused.schedule.json'] = validSchedule({ enabled: false, flexibleWindowMinutes: 30 });
    ws = createTempDir(computeWorkspace(files));
    const out: string[] = [];
    const result = await runCatalog({}, executorContext(ws.root, 'catalog'), testIO(new Date('2026-12-01T10:00:00Z'), out));
    expect(result).toEqual({ success: true });
    expect(out.join('')).toMatch(/^Wrote dist\/compute-catalog\/index\.html and catalog\.json: 43 schedules, 80 warnings\.\n$/);
    doc = JSON.parse(readFileSync(join(ws.root, 'dist/compute-catalog/catalog.json'), 'utf8')) as CatalogDocument;
    pageUrl = pathToFileURL(join(ws.root, 'dist/compute-catalog/index.html')).href;
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  });

  afterAll(async () => {
    await browser?.close();
    ws?.cleanup();
  });

  async function open() {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(pageUrl);
    return { page, requests, errors };
  }

  const names = (page: import('playwright-core').Page) => page.$$eval('#schedule-table tbody tr', (rows) => rows.map((r) => r.getAttribute('data-name')));

  it('opens from disk with nothing from the network, and lists every schedule', async () => {
    const { page, requests, errors } = await open();
    expect(errors).toEqual([]);
    expect(requests).toEqual([pageUrl]);
    expect(await names(page)).toEqual(doc.schedules.map((s) => s.name));
    expect(doc.schedules).toHaveLength(43);
    // A description is text, never markup.
    expect(await page.evaluate(() => (globalThis as { injected?: number }).injected)).toBeUndefined();
    expect(await page.textContent('tr[data-name="weekly_report"] .purpose')).toBe('Builds the <b>weekly</b> report </script><script>window.injected=1</script>.');
    expect(await page.textContent('tr[data-name="weekly_report"]')).toContain('overdue');
    await page.close();
  });

  it('sorts by a column, both ways, and filters', async () => {
    const { page } = await open();
    await page.click('th[data-key="runs"] button');
    const ascending = await names(page);
    const runs = new Map(doc.schedules.map((s) => [s.name, s.runsPer30Days]));
    expect(ascending[0]).toBe('paused');
    expect(ascending[ascending.length - 1]).toBe('heartbeat');
    expect(ascending.map((n) => runs.get(n ?? '')!)).toEqual([...ascending.map((n) => runs.get(n ?? '')!)].sort((a, b) => a - b));
    expect(await page.getAttribute('th[data-key="runs"]', 'aria-sort')).toBe('ascending');
    await page.click('th[data-key="runs"] button');
    expect((await names(page))[0]).toBe('heartbeat');
    expect(await page.getAttribute('th[data-key="runs"]', 'aria-sort')).toBe('descending');
    await page.click('th[data-key="name"] button');
    expect(await names(page)).toEqual([...doc.schedules.map((s) => s.name)].sort());

    await page.fill('#filter', 'Europe/Berlin weekly');
    expect(await page.$$eval('#schedule-table tbody tr:not([hidden])', (rows) => rows.map((r) => r.getAttribute('data-name')))).toEqual(['weekly_report']);
    expect(await page.textContent('#shown')).toBe('1 of 43');
    await page.close();
  });

  it('has a 7 x 24 heatmap that redraws in the chosen zone, capacity charts with the warning marked, and a screenshot', async () => {
    const { page } = await open();
    expect(await page.$$eval('#heatmap td.cell', (cells) => cells.length)).toBe(168);
    const cell = (day: number, hour: number) => page.textContent(`#heatmap td.cell[data-cell="${day * 24 + hour}"]`);
    // Tuesday 04:00 UTC: the 40 warp schedules and four heartbeats.
    expect(await cell(1, 4)).toBe('44');
    await page.selectOption('#heatmap-zone', 'zone');
    // 04:00 UTC is 13:00 in Tokyo.
    expect(await cell(1, 13)).toBe('44');
    await page.selectOption('#heatmap-view', 'warp:peakVcpus');
    expect(await cell(1, 13)).toBe('80');

    expect(await page.$$eval('figure.capacity', (figures) => figures.map((f) => f.getAttribute('data-environment')))).toEqual(['small', 'large', 'warp', 'test']);
    expect(await page.$$eval('figure.capacity.over-capacity', (figures) => figures.map((f) => f.getAttribute('data-environment')))).toEqual(['warp']);
    expect(await page.$$eval('figure[data-environment="warp"] rect.over', (r) => r.length)).toBe(7);
    expect(await page.$$eval('figure[data-environment="warp"] path.pile-up', (r) => r.length)).toBe(1);
    expect(await page.textContent('#warnings li[data-kind="capacity"]')).toContain('warp needs up to 80 vCPUs at Wed 2026-12-02 04:00 UTC, above its maxVcpus of 64');

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.selectOption('#heatmap-zone', 'utc');
    await page.selectOption('#heatmap-view', 'all:starts');
    const screenshot = join(ARTIFACTS, 'compute-catalog.png');
    await page.screenshot({ path: screenshot, fullPage: true });
    // The first screen, as the README shows it.
    await page.screenshot({ path: join(ARTIFACTS, 'compute-catalog-top.png') });
    expect(readFileSync(screenshot).subarray(1, 4).toString()).toBe('PNG');
    await page.close();
  });
});
