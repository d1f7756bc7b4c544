export type Severity = 'error' | 'warning';

/** One thing wrong with the catalog, located precisely enough to fix. */
export interface Problem {
  /** Path from the workspace root, with forward slashes. */
  file: string;
  /** The schedule the problem belongs to, when it belongs to one. */
  schedule?: string;
  /** JSON pointer (RFC 6901) to the offending value; "" is the whole document. */
  path: string;
  severity: Severity;
  message: string;
  /** 1-based line and column of the field in the file, when it is written there. */
  line?: number;
  column?: number;
}

export function jsonPointer(path: readonly PropertyKey[]): string {
  return path.map((part) => '/' + String(part).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

export function hasErrors(problems: readonly Problem[]): boolean {
  return problems.some((p) => p.severity === 'error');
}

/** Stable order: by file, then pointer, then message. */
export function sortProblems(problems: readonly Problem[]): Problem[] {
  return [...problems].sort(
    (a, b) =>
      a.file.localeCompare(b.file) || a.path.localeCompare(b.path) || a.message.localeCompare(b.message),
  );
}

/** Human-readable report grouped by file, then one summary line. */
export function formatProblems(problems: readonly Problem[], checked: number): string {
  const lines: string[] = [];
  const byFile = new Map<string, Problem[]>();
  for (const p of sortProblems(problems)) {
    const list = byFile.get(p.file) ?? [];
    list.push(p);
    byFile.set(p.file, list);
  }
  for (const [file, list] of byFile) {
    lines.push(file);
    for (const p of list) {
      // file:line:column, which terminals and editors turn into a link to the field.
      const at = p.line === undefined ? '' : ` (${p.file}:${p.line}:${p.column ?? 1})`;
      lines.push(`  ${p.severity === 'error' ? 'error  ' : 'warning'} ${p.path || '/'}: ${p.message}${at}`);
    }
    lines.push('');
  }
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  lines.push(
    `${checked} schedule${checked === 1 ? '' : 's'} checked: ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}`,
  );
  return lines.join('\n');
}
