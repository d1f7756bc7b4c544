import { type CostReport, type CostTotal, formatUsd } from '@compute/schedule';
import { formatInZone } from '../../utils/format-time';
import type { ListedSchedule } from './list-schedules';

const HEADERS = ['NAME', 'SCHEDULE', 'TIME ZONE', "NEXT RUNS (IN THE SCHEDULE'S ZONE)", 'SIZE', 'MAINTAINERS', 'REVIEW DUE', 'ENABLED', 'RUNS/30D', 'COST/30D'];

/** A plain-text table; cells may span several lines (the expression and its words, several runs). */
export function formatScheduleTable(schedules: readonly ListedSchedule[]): string {
  if (schedules.length === 0) return 'No schedules.\n';
  const rows = schedules.map((s) => [
    [s.name],
    [s.scheduleExpression, withoutZone(s.description, s.timezone)],
    [s.timezone],
    !s.enabled ? ['(disabled)'] : s.nextRuns.length === 0 ? ['(none left)'] : s.nextRuns.map((run) => formatInZone(new Date(run), s.timezone)),
    [s.size],
    [s.maintainers.join(', ')],
    [s.reviewDue],
    [s.enabled ? 'yes' : 'no'],
    [String(s.runsPer30Days)],
    [s.estimatedCostPer30DaysUsd === null ? 'no price' : `${s.estimateIsUpperBound ? '≤ ' : ''}${formatUsd(s.estimatedCostPer30DaysUsd)}`],
  ]);
  const widths = HEADERS.map((header, column) => Math.max(header.length, ...rows.flatMap((row) => row[column].map((line) => line.length))));
  const render = (cells: string[]) => cells.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd();

  const lines = [render(HEADERS), render(widths.map((w) => '-'.repeat(w)))];
  for (const row of rows) {
    const height = Math.max(...row.map((cell) => cell.length));
    for (let i = 0; i < height; i++) lines.push(render(row.map((cell) => cell[i] ?? '')));
  }
  return lines.join('\n') + '\n';
}

/** The zone has its own column; the words need not repeat it. */
function withoutZone(description: string, timezone: string): string {
  const suffix = ` (${timezone})`;
  return description.endsWith(suffix) ? description.slice(0, -suffix.length) : description;
}

/**
 * Totals per environment and per value of the tag named in compute.json, after the table.
 * "≤" marks figures that price a timeout (no expectedDuration): upper bounds.
 */
export function formatCostTotals(cost: CostReport): string {
  if (cost.schedules.length === 0) return '';
  const market = cost.market === 'spot' ? 'Spot' : 'On-Demand';
  const rows = (title: string, totals: CostTotal[]) => {
    const cells = totals.map((t) => [t.key, String(t.schedules), String(t.runsPer30Days), amount(t)]);
    const header = [title, 'SCHEDULES', 'RUNS/30D', 'COST/30D'];
    const widths = header.map((h, column) => Math.max(h.length, ...cells.map((row) => row[column].length)));
    return [header, ...cells].map((row) => row.map((cell, column) => (column === 0 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ').trimEnd());
  };
  const lines = [
    '',
    `Estimated cost of the next 30 days (${market} prices from compute.json pricing; ≤ marks upper bounds: no expectedDuration, so the timeout is priced):`,
    '',
    ...rows('ENVIRONMENT', cost.byEnvironment),
    '',
    ...rows(cost.tagKey.toUpperCase(), cost.byTag),
    '',
    `Total: ${amount(cost.total)} for ${cost.total.runsPer30Days} runs`,
  ];
  return lines.join('\n') + '\n';
}

function amount(total: CostTotal): string {
  const text = `${total.upperBound ? '≤ ' : ''}${formatUsd(total.usdPer30Days)}`;
  return total.unpriced > 0 ? `${text} (+${total.unpriced} unpriced)` : text;
}
