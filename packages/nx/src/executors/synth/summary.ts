import type { SynthesisResult } from '@compute/infra';

/** Names shown before the rest are counted: a catalog of thousands would otherwise print one line of thousands. */
const NAMES_SHOWN = 12;

/** What deploy prints after a synthesis: counts, names, resources by kind and where the stack is. */
export function formatSummary(result: SynthesisResult, stackFile: string, listCommand: string): string {
  const { summary } = result;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const resources = Object.entries(summary.resourcesByType);
  const total = resources.reduce((sum, [, count]) => sum + count, 0);
  const width = Math.max(0, ...resources.map(([type]) => type.length));
  const lines = [
    `Synthesized stack "${result.stackName}": ${plural(summary.schedules.length, 'schedule')}, ${plural(summary.environments.length, 'environment')}, ${plural(summary.queues.length, 'queue')}`,
    `  schedules:    ${namesOf(summary.schedules, listCommand)}`,
    `  environments: ${summary.environments.join(', ') || '(none)'}`,
    `  queues:       ${summary.queues.join(', ') || '(none)'}`,
    `  resources:    ${total}`,
    ...resources.map(([type, count]) => `    ${type.padEnd(width)}  ${count}`),
    `  looked up:    ${Object.entries(summary.dataSourcesByType).map(([type, count]) => `${type} ${count}`).join(', ') || '(nothing)'}`,
    `  state:        ${summary.state}`,
    `Wrote ${stackFile}`,
  ];
  return `${lines.join('\n')}\n`;
}

function namesOf(names: readonly string[], listCommand: string): string {
  if (names.length === 0) return '(none)';
  if (names.length <= NAMES_SHOWN) return names.join(', ');
  return `${names.slice(0, NAMES_SHOWN).join(', ')} and ${names.length - NAMES_SHOWN} more (\`${listCommand}\` lists them all)`;
}
