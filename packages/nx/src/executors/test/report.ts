import { formatProblems } from '@compute/schedule';
import type { CheckReport } from './check-project';

/** The document `--format json` prints: stable keys, paths from the workspace root. */
export interface JsonReport {
  checked: number;
  errors: number;
  warnings: number;
  /** line and column (1-based) of the field in the file; null when the problem is about the whole file. */
  problems: { file: string; line: number | null; column: number | null; schedule: string | null; path: string; severity: 'error' | 'warning'; message: string }[];
}

export function toJsonReport(report: CheckReport): JsonReport {
  const errors = report.problems.filter((p) => p.severity === 'error').length;
  return {
    checked: report.checked,
    errors,
    warnings: report.problems.length - errors,
    problems: report.problems.map((p) => ({
      file: p.file,
      line: p.line ?? null,
      column: p.column ?? null,
      schedule: p.schedule ?? null,
      path: p.path,
      severity: p.severity,
      message: p.message,
    })),
  };
}

/** Context first (whose roster, who is asking), then problems grouped by file, then the summary. */
export function formatTextReport(report: CheckReport): string {
  const lines: string[] = [];
  if (report.roster) {
    lines.push(`Roster: ${report.roster.source} (${report.roster.size} ${report.roster.size === 1 ? 'person' : 'people'})`);
  }
  if (report.currentMaintainer) {
    const who = report.currentMaintainer.username;
    lines.push(who ? `Current maintainer: ${who} (from ${report.currentMaintainer.via}); their stale reviews are errors` : `Current maintainer: ${report.currentMaintainer.via}; stale reviews are warnings`);
  }
  if (lines.length > 0) lines.push('');
  lines.push(formatProblems(report.problems, report.checked));
  return lines.join('\n') + '\n';
}
