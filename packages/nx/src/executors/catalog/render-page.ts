import { HEATMAP_DAYS, type CostTotal, type WeekHeatmap, formatUsd } from '@compute/schedule';
import { formatInZone } from '../../utils/format-time';
import { CHART_STEP_MINUTES, type CatalogDocument, type CatalogEntry, type CatalogEnvironment } from './catalog-data';

/**
 * The catalog page: one self-contained HTML file (inline CSS, SVG and a small script; nothing
 * from the network), so it works opened from disk, attached to a ticket or served as is.
 * Everything the files say is escaped: descriptions and names are user input.
 */
export function renderCatalogPage(doc: CatalogDocument): string {
  const market = doc.market === 'spot' ? 'Spot' : 'On-Demand';
  const views = heatmapViews(doc);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Compute catalog</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>Compute catalog</h1>
<p class="summary">${doc.schedules.length} schedule${doc.schedules.length === 1 ? '' : 's'} in ${doc.environments.length} environments &middot; next 7 days from ${esc(utcText(doc.from))} &middot; estimated ${esc(totalText(doc.costs.total))} per 30 days at ${market} prices</p>
</header>
<main>
${renderWarnings(doc)}
<section id="capacity">
<h2>Capacity over the next 7 days</h2>
<p class="note">vCPUs in use when every run starts on time, against each environment's <code>maxVcpus</code> (red line). Dashed: the same with flexible windows spread evenly (possible, not promised). Shaded: over capacity, jobs queue. Triangles: pile-ups.</p>
<div class="charts">${doc.environments.map((env) => renderCapacityChart(env, doc)).join('\n')}</div>
</section>
<section id="week">
<h2>Week heatmap</h2>
<p class="controls">
<label>Time zone <select id="heatmap-zone"><option value="utc">UTC</option>${doc.timezone === 'UTC' ? '' : `<option value="zone">${esc(doc.timezone)}</option>`}</select></label>
<label>Show <select id="heatmap-view">${views.map((v) => `<option value="${esc(v.id)}">${esc(v.label)}</option>`).join('')}</select></label>
</p>
${renderHeatmap(doc.heatmaps.utc, views[0])}
</section>
<section id="schedules">
<h2>Schedules</h2>
<p class="controls"><label>Filter <input id="filter" type="search" placeholder="name, maintainer, environment, words..." autocomplete="off"></label> <span id="shown">${doc.schedules.length} of ${doc.schedules.length}</span></p>
${renderTable(doc)}
</section>
<section id="costs">
<h2>Estimated cost per 30 days</h2>
<p class="note">A run costs its expected duration x the instance hour price x the share of the instance its size takes. &le; marks upper bounds: schedules without <code>expectedDuration</code> are priced on their timeout.</p>
<div class="totals">${renderTotals('Environment', doc.costs.byEnvironment)}${renderTotals(doc.tagKey, doc.costs.byTag)}</div>
</section>
</main>
<script type="application/json" id="heatmap-data">${jsonForScript({ utc: doc.heatmaps.utc, zone: doc.heatmaps.zone })}</script>
<script>${SCRIPT}</script>
</body>
</html>
`;
}

interface HeatmapView {
  id: string;
  label: string;
  environment?: string;
  metric: 'starts' | 'peakVcpus';
}

function heatmapViews(doc: CatalogDocument): HeatmapView[] {
  const views: HeatmapView[] = [{ id: 'all:starts', label: 'starts, all environments', metric: 'starts' }];
  for (const env of doc.environments) {
    views.push({ id: `${env.name}:starts`, label: `starts in ${env.name}`, environment: env.name, metric: 'starts' });
    views.push({ id: `${env.name}:peakVcpus`, label: `peak vCPUs in ${env.name}`, environment: env.name, metric: 'peakVcpus' });
  }
  return views;
}

/** The first view in UTC; the script redraws the same 168 cells for the others. */
function renderHeatmap(map: WeekHeatmap, view: HeatmapView): string {
  const grid = view.environment ? map.environments.find((e) => e.environment === view.environment)![view.metric] : map.starts;
  const max = Math.max(1, ...grid);
  const hours = Array.from({ length: 24 }, (_, h) => `<th scope="col">${String(h).padStart(2, '0')}</th>`).join('');
  const rows = HEATMAP_DAYS.map((day, d) => {
    const cells = Array.from({ length: 24 }, (_, h) => {
      const value = grid[d * 24 + h];
      return `<td class="cell" data-cell="${d * 24 + h}" style="${cellStyle(value, max)}" title="${day} ${String(h).padStart(2, '0')}:00 UTC: ${value}">${value || ''}</td>`;
    }).join('');
    return `<tr><th scope="row">${day}</th>${cells}</tr>`;
  }).join('\n');
  return `<table id="heatmap" class="heatmap"><thead><tr><th></th>${hours}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

function cellStyle(value: number, max: number): string {
  if (!value) return '';
  const strength = 0.15 + 0.85 * (value / max);
  return `background:rgba(37,99,235,${strength.toFixed(3)});color:${strength > 0.55 ? '#fff' : '#0f172a'}`;
}

function renderWarnings(doc: CatalogDocument): string {
  const over = doc.environments.filter((env) => env.peakVcpus > env.maxVcpus);
  if (over.length === 0 && doc.pileUps.length === 0) {
    return `<section id="warnings" class="ok"><h2>Warnings</h2><p>Every environment fits its <code>maxVcpus</code> and no start minute is crowded.</p></section>`;
  }
  const items = [
    ...over.map((env) => {
      const names = doc.warnings.filter((w) => w.path === '/size' && w.message.startsWith(`environment "${env.name}"`)).map((w) => w.schedule ?? '');
      return `<li class="warning" data-kind="capacity" data-environment="${esc(env.name)}"><strong>${esc(env.name)}</strong> needs up to ${env.peakVcpus} vCPUs at ${esc(utcText(env.peakAt))}, above its maxVcpus of ${env.maxVcpus}: jobs queue for ${hoursText(env.minutesOverCapacity)} of the week. ${names.length} schedule${names.length === 1 ? '' : 's'} run then: ${esc(shortList(names))}.</li>`;
    }),
    ...doc.pileUps.map(
      (p) =>
        `<li class="warning" data-kind="pile-up" data-environment="${esc(p.environment)}"><strong>${esc(p.environment)}</strong>: ${p.schedules.length} schedules start in the same minute, ${esc(utcText(p.at))}: ${esc(shortList(p.schedules))}. Move some to another minute or give them a flexible window.</li>`,
    ),
  ];
  return `<section id="warnings"><h2>Warnings</h2><ul>${items.join('\n')}</ul><p class="note">The same warnings, per schedule file, come from <code>nx run compute:test</code>.</p></section>`;
}

const CHART = { width: 720, height: 170, left: 44, right: 8, top: 10, bottom: 24 };

function renderCapacityChart(env: CatalogEnvironment, doc: CatalogDocument): string {
  const { width, height, left, right, top, bottom } = CHART;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const n = env.vcpus.length;
  const yMax = niceCeiling(Math.max(env.maxVcpus, ...env.vcpus) * 1.1);
  const x = (i: number) => left + (i / n) * plotW;
  const y = (v: number) => top + plotH - (v / yMax) * plotH;
  const points = (values: number[]) => values.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)} ${x(i + 1).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  const from = Date.parse(doc.from);
  const stepsPerDay = (24 * 60) / CHART_STEP_MINUTES;

  const over: string[] = [];
  for (let i = 0; i < n; i++) {
    if (env.vcpus[i] <= env.maxVcpus) continue;
    let j = i;
    while (j + 1 < n && env.vcpus[j + 1] > env.maxVcpus) j++;
    over.push(`<rect class="over" x="${x(i).toFixed(1)}" y="${top}" width="${Math.max(1.5, x(j + 1) - x(i)).toFixed(1)}" height="${plotH}"><title>over capacity from ${esc(utcText(new Date(from + i * CHART_STEP_MINUTES * 60_000).toISOString()))}</title></rect>`);
    i = j;
  }
  const days: string[] = [];
  for (let d = 0; d <= 7; d++) {
    const at = from + d * 86_400_000;
    const gx = x(d * stepsPerDay).toFixed(1);
    days.push(`<line class="grid" x1="${gx}" x2="${gx}" y1="${top}" y2="${top + plotH}"/>`);
    if (d < 7) days.push(`<text class="axis" x="${(x(d * stepsPerDay) + 3).toFixed(1)}" y="${height - 8}">${new Date(at).toUTCString().slice(0, 3)} ${new Date(at).toISOString().slice(11, 16)}</text>`);
  }
  const pileUps = doc.pileUps
    .filter((p) => p.environment === env.name)
    .map((p) => {
      const px = x((Date.parse(p.at) - from) / 60_000 / CHART_STEP_MINUTES);
      return `<path class="pile-up" d="M${(px - 5).toFixed(1)},${top + plotH} L${(px + 5).toFixed(1)},${top + plotH} L${px.toFixed(1)},${top + plotH - 9} Z"><title>${p.schedules.length} schedules start at ${esc(utcText(p.at))}</title></path>`;
    });
  const spreadDiffers = env.spreadVcpus.some((v, i) => Math.abs(v - env.vcpus[i]) > 1e-6);
  const overCapacity = env.peakVcpus > env.maxVcpus;
  return `<figure class="capacity${overCapacity ? ' over-capacity' : ''}" data-environment="${esc(env.name)}">
<figcaption><strong>${esc(env.name)}</strong>: peak ${env.peakVcpus} of ${env.maxVcpus} vCPUs${overCapacity ? ` &mdash; <span class="bad">over capacity ${hoursText(env.minutesOverCapacity)}</span>` : ''} &middot; ${env.schedules} schedule${env.schedules === 1 ? '' : 's'}</figcaption>
<svg viewBox="0 0 ${width} ${height}" role="img" aria-label="vCPU demand of ${esc(env.name)} over the next 7 days">
${days.join('')}
${over.join('')}
<text class="axis" x="${left - 4}" y="${(y(yMax) + 4).toFixed(1)}" text-anchor="end">${yMax}</text>
<text class="axis" x="${left - 4}" y="${(y(0) + 4).toFixed(1)}" text-anchor="end">0</text>
${spreadDiffers ? `<polyline class="spread" points="${points(env.spreadVcpus)}"/>` : ''}
<polyline class="load" points="${points(env.vcpus)}"/>
<line class="limit" x1="${left}" x2="${left + plotW}" y1="${y(env.maxVcpus).toFixed(1)}" y2="${y(env.maxVcpus).toFixed(1)}"><title>maxVcpus ${env.maxVcpus}</title></line>
<text class="axis limit-label" x="${left - 4}" y="${(y(env.maxVcpus) + 4).toFixed(1)}" text-anchor="end">${env.maxVcpus}</text>
${pileUps.join('')}
</svg>
</figure>`;
}

const COLUMNS: { key: string; label: string; type: 'text' | 'number' }[] = [
  { key: 'name', label: 'Name', type: 'text' },
  { key: 'when', label: 'When', type: 'text' },
  { key: 'zone', label: 'Time zone', type: 'text' },
  { key: 'next', label: 'Next runs', type: 'number' },
  { key: 'size', label: 'Size', type: 'text' },
  { key: 'maintainers', label: 'Maintainers', type: 'text' },
  { key: 'review', label: 'Review due', type: 'text' },
  { key: 'enabled', label: 'Enabled', type: 'text' },
  { key: 'runs', label: 'Runs / 30 d', type: 'number' },
  { key: 'cost', label: 'Cost / 30 d', type: 'number' },
];

function renderTable(doc: CatalogDocument): string {
  const head = COLUMNS.map((c) => `<th scope="col" data-key="${c.key}" data-type="${c.type}" aria-sort="${c.key === 'name' ? 'ascending' : 'none'}"><button type="button">${c.label}</button></th>`).join('');
  const rows = doc.schedules.map((s) => renderRow(s)).join('\n');
  return `<table id="schedule-table"><thead><tr>${head}</tr></thead><tbody>\n${rows}\n</tbody></table>`;
}

function renderRow(s: CatalogEntry): string {
  const next = s.nextRuns.length > 0 ? s.nextRuns.map((run) => `<div class="run">${esc(formatInZone(new Date(run), s.timezone))}</div>`).join('') : `<span class="muted">${s.enabled ? 'none left' : 'disabled'}</span>`;
  const cost = s.estimatedCostPer30DaysUsd === null ? '<span class="muted">no price</span>' : `${s.estimateIsUpperBound ? '&le; ' : ''}${esc(formatUsd(s.estimatedCostPer30DaysUsd))}`;
  const shards = s.parallel > 1 ? ` &times; ${s.parallel}` : '';
  const cells = [
    `<td data-sort="${esc(s.name)}"><strong>${esc(s.name)}</strong><div class="purpose">${esc(s.purpose)}</div></td>`,
    `<td data-sort="${esc(s.scheduleExpression)}"><code>${esc(s.scheduleExpression)}</code><div>${esc(s.description)}</div></td>`,
    `<td data-sort="${esc(s.timezone)}">${esc(s.timezone)}</td>`,
    `<td data-sort="${s.nextRuns.length > 0 ? Date.parse(s.nextRuns[0]) : Number.MAX_SAFE_INTEGER}">${next}</td>`,
    `<td data-sort="${esc(s.environment)} ${esc(s.size)}">${esc(s.size)}${shards}<div class="muted">${s.vcpus} vCPU, ${s.memoryMiB} MiB in ${esc(s.environment)}</div></td>`,
    `<td data-sort="${esc(s.maintainers.join(', '))}">${esc(s.maintainers.join(', '))}</td>`,
    `<td data-sort="${esc(s.reviewDue)}"${s.reviewOverdue ? ' class="overdue"' : ''}>${esc(s.reviewDue)}${s.reviewOverdue ? ' <span class="badge">overdue</span>' : ''}</td>`,
    `<td data-sort="${s.enabled ? 'yes' : 'no'}">${s.enabled ? 'yes' : '<span class="badge off">no</span>'}</td>`,
    `<td data-sort="${s.runsPer30Days}" class="num">${s.runsPer30Days}</td>`,
    `<td data-sort="${s.estimatedCostPer30DaysUsd ?? -1}" class="num">${cost}</td>`,
  ];
  return `<tr data-name="${esc(s.name)}" data-environment="${esc(s.environment)}">${cells.join('')}</tr>`;
}

function renderTotals(title: string, totals: CostTotal[]): string {
  const rows = totals
    .map((t) => `<tr><td>${esc(t.key)}</td><td class="num">${t.schedules}</td><td class="num">${t.runsPer30Days}</td><td class="num">${esc(totalText(t))}</td></tr>`)
    .join('');
  return `<table class="totals-table"><thead><tr><th>${esc(title)}</th><th>Schedules</th><th>Runs</th><th>Cost</th></tr></thead><tbody>${rows}</tbody></table>`;
}

function totalText(total: CostTotal): string {
  const text = `${total.upperBound ? '≤ ' : ''}${formatUsd(total.usdPer30Days)}`;
  return total.unpriced > 0 ? `${text} (+${total.unpriced} unpriced)` : text;
}

function utcText(iso: string): string {
  return `${new Date(iso).toUTCString().slice(0, 3)} ${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

function hoursText(minutes: number): string {
  return minutes < 60 ? `${minutes} min` : `${Math.round((minutes / 60) * 10) / 10} h`;
}

function shortList(names: readonly string[], shown = 8): string {
  return names.length > shown ? `${names.slice(0, shown).join(', ')} and ${names.length - shown} more` : names.join(', ');
}

/** 1, 2, 5 x 10^n at or above `value`, so axes read well. */
function niceCeiling(value: number): number {
  if (value <= 1) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** JSON inside a script element: "</script>" or "<!--" in a description must not end it. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

const STYLE = `
:root{--fg:#0f172a;--muted:#64748b;--line:#e2e8f0;--accent:#2563eb;--bad:#dc2626;--bg:#fff;--soft:#f8fafc}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,Helvetica,Arial,sans-serif;color:var(--fg);background:var(--bg)}
header{padding:20px 28px 12px;border-bottom:1px solid var(--line);background:var(--soft)}
h1{margin:0 0 4px;font-size:22px}
h2{font-size:17px;margin:26px 0 8px}
main{padding:0 28px 40px}
.summary,.note,.muted{color:var(--muted)}
.note{margin:0 0 10px;font-size:13px}
code{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px}
#warnings ul{margin:0;padding-left:20px}
#warnings li{margin:4px 0}
#warnings li strong{color:var(--bad)}
#warnings.ok p{color:#15803d}
.charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(520px,1fr));gap:12px 20px}
figure.capacity svg{width:100%;height:auto;display:block}
td .run{white-space:nowrap}
figure.capacity{margin:0;border:1px solid var(--line);border-radius:6px;padding:8px 10px}
figure.capacity.over-capacity{border-color:#fca5a5}
figcaption{margin-bottom:4px}
.bad{color:var(--bad);font-weight:600}
svg .grid{stroke:var(--line);stroke-width:1}
svg .axis{font-size:10px;fill:var(--muted)}
svg .load{fill:none;stroke:var(--accent);stroke-width:1.5}
svg .spread{fill:none;stroke:#94a3b8;stroke-width:1.2;stroke-dasharray:4 3}
svg .limit{stroke:var(--bad);stroke-width:1.5;stroke-dasharray:6 3}
svg .limit-label{fill:var(--bad)}
svg .over{fill:rgba(220,38,38,.16)}
svg .pile-up{fill:#f59e0b}
.controls label{margin-right:14px}
select,input[type=search]{font:inherit;padding:3px 6px;border:1px solid #cbd5e1;border-radius:4px}
input[type=search]{width:280px}
table{border-collapse:collapse}
table.heatmap th{font-weight:500;color:var(--muted);font-size:11px;padding:2px 4px}
table.heatmap td.cell{width:30px;height:24px;text-align:center;font-size:11px;border:1px solid #fff;background:#f1f5f9}
#schedule-table{width:100%;margin-top:6px}
#schedule-table th,#schedule-table td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:left;vertical-align:top}
#schedule-table th{position:sticky;top:0;background:var(--soft)}
#schedule-table th button{all:unset;cursor:pointer;font-weight:600}
#schedule-table th[aria-sort=ascending] button::after{content:" \\25B2";font-size:10px}
#schedule-table th[aria-sort=descending] button::after{content:" \\25BC";font-size:10px}
#schedule-table td.num,.totals-table td.num{text-align:right;white-space:nowrap}
.purpose{color:var(--muted);font-size:12px;max-width:360px}
.badge{display:inline-block;padding:0 6px;border-radius:9px;background:#fee2e2;color:var(--bad);font-size:11px;font-weight:600}
.badge.off{background:#e2e8f0;color:var(--muted)}
td.overdue{color:var(--bad)}
.totals{display:flex;flex-wrap:wrap;gap:24px}
.totals-table th,.totals-table td{border-bottom:1px solid var(--line);padding:4px 10px;text-align:left}
`;

/** Sorting, filtering and heatmap views, without a framework; the page reads fine without it. */
const SCRIPT = `
(function () {
  var table = document.getElementById('schedule-table');
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  headers.forEach(function (th, column) {
    th.querySelector('button').addEventListener('click', function () {
      var ascending = th.getAttribute('aria-sort') !== 'ascending';
      var numeric = th.dataset.type === 'number';
      headers.forEach(function (h) { h.setAttribute('aria-sort', 'none'); });
      th.setAttribute('aria-sort', ascending ? 'ascending' : 'descending');
      rows.sort(function (a, b) {
        var x = a.cells[column].dataset.sort, y = b.cells[column].dataset.sort;
        var order = numeric ? Number(x) - Number(y) : x.localeCompare(y);
        if (order === 0) order = a.dataset.name.localeCompare(b.dataset.name);
        return ascending ? order : -order;
      });
      rows.forEach(function (row) { body.appendChild(row); });
    });
  });
  var filter = document.getElementById('filter');
  var shown = document.getElementById('shown');
  filter.addEventListener('input', function () {
    var words = filter.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var count = 0;
    rows.forEach(function (row) {
      var text = row.textContent.toLowerCase();
      var match = words.every(function (w) { return text.indexOf(w) >= 0; });
      row.hidden = !match;
      if (match) count++;
    });
    shown.textContent = count + ' of ' + rows.length;
  });
  var data = JSON.parse(document.getElementById('heatmap-data').textContent);
  var zone = document.getElementById('heatmap-zone');
  var view = document.getElementById('heatmap-view');
  var days = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  function draw() {
    var map = data[zone.value];
    var parts = view.value.split(':');
    var grid = parts[0] === 'all' ? map.starts : map.environments.filter(function (e) { return e.environment === parts[0]; })[0][parts[1]];
    var max = Math.max.apply(null, [1].concat(grid));
    var label = zone.value === 'utc' ? 'UTC' : map.timezone;
    Array.prototype.forEach.call(document.querySelectorAll('#heatmap td.cell'), function (td) {
      var i = Number(td.dataset.cell), value = grid[i];
      var strength = 0.15 + 0.85 * (value / max);
      td.textContent = value ? String(value) : '';
      td.style.background = value ? 'rgba(37,99,235,' + strength.toFixed(3) + ')' : '';
      td.style.color = value && strength > 0.55 ? '#fff' : '';
      td.title = days[Math.floor(i / 24)] + ' ' + String(i % 24).padStart(2, '0') + ':00 ' + label + ': ' + value;
    });
  }
  zone.addEventListener('change', draw);
  view.addEventListener('change', draw);
})();
`;
