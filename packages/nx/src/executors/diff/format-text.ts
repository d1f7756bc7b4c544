import type { FieldChange } from '@compute/schedule';
import type { AttributeChange, Permission } from '@compute/infra';
import { formatInZone, formatUtc } from '../../utils/format-time';
import type { DiffReport } from './compute-diff';

/** How many items of a long list the terminal output shows. */
const SHOWN = 20;

/** The report for a terminal: what runs when, then what AWS resources and permissions change. */
export function formatText(report: DiffReport): string {
  const lines: string[] = [`Compared with ${report.base} (${report.baseCommit.slice(0, 12)}); runs counted after ${formatUtc(new Date(report.runsAfter))}`, ''];
  lines.push(summaryLine(report), '');

  if (report.added.length > 0) {
    lines.push(`Added schedules (${report.added.length})`);
    for (const s of report.added) {
      lines.push(`  + ${s.name}  ${s.scheduleExpression ?? '(invalid)'}${s.timezone ? `  ${s.timezone}` : ''}${s.enabled === false ? '  (disabled)' : ''}`);
      if (s.nextRuns.length > 0) lines.push(`      next runs: ${runs(s.nextRuns, s.timezone)}`);
      for (const w of s.warnings) lines.push(`      warning: ${w.message}`);
    }
    lines.push('');
  }
  if (report.removed.length > 0) {
    lines.push(`Removed schedules (${report.removed.length})`);
    for (const s of report.removed) {
      lines.push(`  - ${s.name}  ${s.scheduleExpression ?? '(invalid)'}${s.timezone ? `  ${s.timezone}` : ''}`);
      if (s.nextRuns.length > 0) lines.push(`      runs that stop: ${runs(s.nextRuns, s.timezone)}`);
    }
    lines.push('');
  }
  if (report.changed.length > 0) {
    lines.push(`Changed schedules (${report.changed.length})`);
    for (const s of report.changed) {
      lines.push(`  ~ ${s.name}${s.renamedFrom ? ` (renamed from ${s.renamedFrom})` : ''}`);
      for (const f of s.fields) lines.push(`      ${fieldLine(f)}`);
      if (s.nextRuns) {
        lines.push(`      runs before: ${runs(s.nextRuns.before, s.nextRuns.timezoneBefore ?? s.timezone) || '(none)'}`);
        lines.push(`      runs after:  ${runs(s.nextRuns.after, s.timezone) || '(none)'}`);
      }
      for (const w of s.warnings) lines.push(`      warning: ${w.message}`);
    }
    lines.push('');
  }
  if (report.config.length > 0) {
    lines.push(`compute.json (${report.config.length} change${report.config.length === 1 ? '' : 's'})`);
    for (const f of report.config) lines.push(`  ${fieldLine(f)}`);
    lines.push('');
  }

  const infra = report.infrastructure;
  const total = infra.added.length + infra.removed.length + infra.changed.length;
  lines.push(`Infrastructure: ${infra.added.length} to add, ${infra.changed.length} to change, ${infra.removed.length} to remove`);
  if (infra.skipped) lines.push(`  (${infra.skipped})`);
  if (total > 0) {
    const items = [
      ...infra.added.map((a) => `  + ${a}`),
      ...infra.changed.map((c) => `  ~ ${c.address}: ${c.attributes.map(attributeSummary).join(', ')}`),
      ...infra.removed.map((a) => `  - ${a}`),
    ];
    lines.push(...items.slice(0, SHOWN));
    if (items.length > SHOWN) lines.push(`  ... and ${items.length - SHOWN} more (--format json lists all)`);
  }
  const { granted, revoked } = infra.permissions;
  if (granted.length + revoked.length > 0) {
    lines.push('', `Permissions: ${granted.length} granted, ${revoked.length} revoked`);
    const items = [...granted.map((p) => `  + ${permission(p)}  (${p.address})`), ...revoked.map((p) => `  - ${permission(p)}  (${p.address})`)];
    lines.push(...items.slice(0, SHOWN));
    if (items.length > SHOWN) lines.push(`  ... and ${items.length - SHOWN} more (--format json lists all)`);
  }

  if (report.problems.length > 0) {
    lines.push('', `Problems (${report.problems.length}); run the test target to check the working tree`);
    for (const p of report.problems) lines.push(`  ${p.side === 'base' ? 'base' : 'working tree'}: ${p.severity} ${p.file}${p.path ? ` ${p.path}` : ''}: ${p.message}`);
  }
  return `${lines.join('\n').trimEnd()}\n`;
}

export function summaryLine(report: DiffReport): string {
  const n = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;
  const infra = report.infrastructure;
  if (report.added.length + report.removed.length + report.changed.length + report.config.length === 0 && infra.added.length + infra.removed.length + infra.changed.length === 0) {
    return 'No change to schedules or infrastructure.';
  }
  const warnings = [...report.added, ...report.changed].reduce((sum, s) => sum + s.warnings.length, 0);
  return (
    `Schedules: ${report.added.length} added, ${report.removed.length} removed, ${report.changed.length} changed` +
    `${warnings > 0 ? `; ${n(warnings, 'warning')}` : ''}. ` +
    `Infrastructure: ${infra.added.length} to add, ${infra.changed.length} to change, ${infra.removed.length} to remove; ` +
    `${n(infra.permissions.granted.length, 'permission')} granted, ${infra.permissions.revoked.length} revoked.`
  );
}

/** "2026-12-02 04:00 UTC+01:00 (03:00 UTC)", or only UTC when the zone is UTC. */
export function runInZone(iso: string, timezone: string | undefined): string {
  const date = new Date(iso);
  if (!timezone || timezone === 'UTC') return formatUtc(date);
  return `${formatInZone(date, timezone)} (${formatUtc(date).slice(11)})`;
}

function runs(list: string[], timezone: string | undefined): string {
  return list.map((r) => runInZone(r, timezone)).join(', ');
}

export function value(v: unknown): string {
  return v === undefined ? '(absent)' : JSON.stringify(v);
}

function fieldLine(f: FieldChange): string {
  return `${f.path}: ${value(f.before)} -> ${value(f.after)}`;
}

export function attributeSummary(a: AttributeChange): string {
  if (a.granted || a.revoked) return `${a.path} (${a.granted?.length ?? 0} granted, ${a.revoked?.length ?? 0} revoked)`;
  return a.path;
}

export function permission(p: Permission): string {
  return `${p.effect === 'Allow' ? '' : `${p.effect} `}${p.action} on ${p.resource}${p.condition ? ` if ${p.condition}` : ''}`;
}
