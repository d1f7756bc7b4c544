import { formatInZone } from '../../utils/format-time';
import type { ListedSchedule } from './list-schedules';

const HEADERS = ['NAME', 'SCHEDULE', 'TIME ZONE', 'NEXT RUNS (LOCAL TIME)', 'SIZE', 'MAINTAINERS', 'REVIEW DUE', 'ENABLED'];

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
