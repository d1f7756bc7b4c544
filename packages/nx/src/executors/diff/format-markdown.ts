import type { FieldChange } from '@compute/schedule';
import type { AddressedPermission } from '@compute/infra';
import { formatUtc } from '../../utils/format-time';
import type { DiffReport } from './compute-diff';
import { runInZone, summaryLine, value } from './format-text';

/** Lists longer than this go into a collapsed <details> block. */
const OPEN_LIMIT = 10;

/** The report as a pull-request comment: tables, long lists collapsed. */
export function formatMarkdown(report: DiffReport): string {
  const out: string[] = [];
  out.push('### Compute: what this change does', '');
  out.push(`Compared with \`${report.base}\` (\`${report.baseCommit.slice(0, 12)}\`), runs counted after ${formatUtc(new Date(report.runsAfter))}.`, '');
  out.push(summaryLine(report), '');

  const warnings = [...report.added, ...report.changed].flatMap((s) => s.warnings.map((w) => `- **${s.name}**: ${escape(w.message)}`));
  if (warnings.length > 0) out.push('#### Warnings', '', ...warnings, '');

  if (report.added.length > 0) {
    out.push(`#### Added schedules (${report.added.length})`, '');
    out.push('| schedule | expression | time zone | next runs |', '|---|---|---|---|');
    for (const s of report.added) {
      out.push(`| \`${s.name}\` | ${code(s.scheduleExpression ?? '(invalid)')}${s.enabled === false ? ' (disabled)' : ''} | ${s.timezone ?? ''} | ${runList(s.nextRuns, s.timezone)} |`);
    }
    out.push('');
  }
  if (report.removed.length > 0) {
    out.push(`#### Removed schedules (${report.removed.length})`, '');
    out.push('| schedule | expression | time zone | runs that stop |', '|---|---|---|---|');
    for (const s of report.removed) out.push(`| \`${s.name}\` | ${code(s.scheduleExpression ?? '(invalid)')} | ${s.timezone ?? ''} | ${runList(s.nextRuns, s.timezone)} |`);
    out.push('');
  }
  if (report.changed.length > 0) {
    out.push(`#### Changed schedules (${report.changed.length})`, '');
    for (const s of report.changed) {
      out.push(`**\`${s.name}\`**${s.renamedFrom ? ` (renamed from \`${s.renamedFrom}\`)` : ''}`, '');
      if (s.fields.length > 0) out.push(...fieldTable(s.fields), '');
      if (s.nextRuns) {
        out.push('| runs before | runs after |', '|---|---|');
        const rows = Math.max(s.nextRuns.before.length, s.nextRuns.after.length, 1);
        for (let i = 0; i < rows; i++) {
          const before = s.nextRuns.before[i];
          const after = s.nextRuns.after[i];
          out.push(`| ${before ? runInZone(before, s.nextRuns.timezoneBefore ?? s.timezone) : i === 0 ? '(none)' : ''} | ${after ? runInZone(after, s.timezone) : i === 0 ? '(none)' : ''} |`);
        }
        out.push('');
      }
    }
  }
  if (report.config.length > 0) out.push(`#### compute.json (${report.config.length})`, '', ...fieldTable(report.config), '');

  const infra = report.infrastructure;
  out.push('#### Infrastructure', '');
  out.push(`${infra.added.length} to add, ${infra.changed.length} to change, ${infra.removed.length} to remove.${infra.skipped ? ` (${escape(infra.skipped)})` : ''}`, '');
  const { granted, revoked } = infra.permissions;
  if (granted.length + revoked.length > 0) {
    const rows = ['| | action | resource | in |', '|---|---|---|---|', ...granted.map((p) => permissionRow('granted', p)), ...revoked.map((p) => permissionRow('revoked', p))];
    out.push(...collapsible(`Permissions: ${granted.length} granted, ${revoked.length} revoked`, rows, granted.length + revoked.length));
  }
  if (infra.added.length > 0) out.push(...collapsible(`Resources to add (${infra.added.length})`, infra.added.map((a) => `- \`${a}\``), infra.added.length));
  if (infra.changed.length > 0) {
    const items = infra.changed.map((c) => `- \`${c.address}\`: ${c.attributes.map((a) => `\`${a.path}\``).join(', ')}`);
    out.push(...collapsible(`Resources to change (${infra.changed.length})`, items, infra.changed.length));
  }
  if (infra.removed.length > 0) out.push(...collapsible(`Resources to remove (${infra.removed.length})`, infra.removed.map((a) => `- \`${a}\``), infra.removed.length));

  if (report.problems.length > 0) {
    out.push(`#### Problems (${report.problems.length})`, '');
    for (const p of report.problems) out.push(`- ${p.side === 'base' ? 'base' : 'this change'}: ${p.severity} in \`${p.file}\`${p.path ? ` at \`${p.path}\`` : ''}: ${escape(p.message)}`);
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

function fieldTable(fields: FieldChange[]): string[] {
  return ['| field | before | after |', '|---|---|---|', ...fields.map((f) => `| \`${f.path}\` | ${f.before === undefined ? '(absent)' : code(value(f.before))} | ${f.after === undefined ? '(absent)' : code(value(f.after))} |`)];
}

function permissionRow(kind: 'granted' | 'revoked', p: AddressedPermission): string {
  const action = `${p.effect === 'Allow' ? '' : `${p.effect} `}${p.action}`;
  return `| ${kind} | ${code(action)} | ${code(p.resource)}${p.condition ? ` if ${code(p.condition)}` : ''} | \`${p.address}\` |`;
}

/** Open when short; a collapsed <details> block when long, so the comment stays readable. */
function collapsible(title: string, body: string[], count: number): string[] {
  if (count <= OPEN_LIMIT) return [`**${title}**`, '', ...body, ''];
  return ['<details>', `<summary>${title}</summary>`, '', ...body, '', '</details>', ''];
}

function runList(runs: string[], timezone: string | undefined): string {
  return runs.length === 0 ? '(none)' : runs.map((r) => runInZone(r, timezone)).join('<br>');
}

/** An inline code span that survives table cells: pipes escaped, backticks fenced by longer runs. */
function code(text: string): string {
  const safe = text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
  const fence = safe.includes('`') ? '``' : '`';
  return `${fence}${fence.length > 1 ? ' ' : ''}${safe}${fence.length > 1 ? ' ' : ''}${fence}`;
}

function escape(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/</g, '&lt;');
}
