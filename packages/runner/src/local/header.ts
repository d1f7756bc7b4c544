import { shellWords } from '../shell-words';

export interface HeaderFacts {
  schedule: string;
  command: readonly string[];
  /** Where the command runs, already written for display (never an absolute host path). */
  cwd: string;
  /** Names of the job's own variables. */
  variables: readonly string[];
  /** Names of host variables passed through, or 'all' with --inherit-env. */
  host: readonly string[] | 'all';
  /** Whose AWS credentials the job gets, in words. */
  awsCredentials?: string;
  /** What else the run sets up as a container would (HOME, TZ, locale), in words. */
  basics?: string;
  timeoutSeconds: number;
  /** Between SIGTERM and SIGKILL when an attempt is stopped. */
  killGraceSeconds: number;
  attempts: number;
  /** Undefined for a plain job. */
  shards?: { size: number; index?: number; concurrency: number };
  container?: { image: string; platform: string; vcpus: number; memoryMiB: number };
}

/** A few lines saying what is about to run. Variable names only: values may be secrets. */
export function formatHeader(facts: HeaderFacts): string {
  const rows: [string, string][] = [];
  rows.push(['command', shellWords(facts.command)]);
  if (facts.container) {
    const c = facts.container;
    rows.push(['image', `${c.image} (${c.platform}, ${c.vcpus} vCPU${c.vcpus === 1 ? '' : 's'}, ${c.memoryMiB} MiB)`]);
  }
  rows.push(['cwd', facts.cwd]);
  const host = facts.host === 'all' ? 'the whole caller environment (--inherit-env)' : facts.host.length ? facts.host.join(' ') : 'none';
  rows.push(['env', `${facts.variables.join(' ')}`]);
  rows.push(['host env', host]);
  if (facts.basics) rows.push(['contract', facts.basics]);
  if (facts.awsCredentials) rows.push(['aws', facts.awsCredentials]);
  rows.push(['timeout', `${facts.timeoutSeconds} s per attempt, then SIGTERM, and SIGKILL ${formatSeconds(facts.killGraceSeconds)} later`]);
  rows.push(['attempts', String(facts.attempts)]);
  if (facts.shards) {
    const s = facts.shards;
    rows.push([
      'shards',
      s.index !== undefined ? `shard ${s.index} of ${s.size} (indexes 0-${s.size - 1})` : `all ${s.size}, ${s.concurrency} at a time`,
    ]);
  }
  const where = facts.container ? 'in a container' : 'locally';
  const width = Math.max(...rows.map(([label]) => label.length));
  return [`compute: running schedule ${facts.schedule} ${where}`, ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`)].join('\n');
}

function formatSeconds(seconds: number): string {
  return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}
