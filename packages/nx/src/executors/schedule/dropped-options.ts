import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { OptionSpec } from './command-args';

/** The task the executor runs, as `nx run` names it. */
export interface TaskName {
  project: string;
  target: string;
  configuration?: string;
}

export interface DroppedOptions {
  /** Each dropped option with its value, as written. */
  dropped: string[][];
  /** What nx did pass on: the tokens after `--`. */
  kept: string[];
}

/**
 * Options of this executor that Nx threw away. When `--` is followed by anything,
 * `nx run` hands the executor only what comes after it and silently drops every
 * option written between the target and `--`. Dropping `--dry-run` that way turns
 * a dry run into a real submission, so the executor looks at the command line
 * that started it (`argv`, the nx process's) and names what never arrived.
 * Undefined when nothing was dropped or the command line is not an `nx run` of this task.
 */
export function droppedOptions(argv: readonly string[], task: TaskName, spec: OptionSpec): DroppedOptions | undefined {
  const names = [`${task.project}:${task.target}`, ...(task.configuration ? [`${task.project}:${task.target}:${task.configuration}`] : [])];
  const start = argv.findIndex((token) => names.includes(token));
  if (start === -1) return undefined;
  const separator = argv.indexOf('--', start + 1);
  // A trailing "--" with nothing after it drops nothing.
  if (separator === -1 || separator === argv.length - 1) return undefined;

  const kept = argv.slice(separator + 1);
  const after = new Set(kept.map((token) => optionOf(token, spec)?.name).filter((name) => name !== undefined));
  const dropped: string[][] = [];
  for (let i = start + 1; i < separator; i++) {
    const option = optionOf(argv[i], spec);
    if (!option || after.has(option.name)) continue;
    const next = argv[i + 1];
    const takesValue = !option.inline && !option.flag && i + 1 < separator && next !== undefined && !next.startsWith('--');
    dropped.push(takesValue ? [argv[i], next] : [argv[i]]);
    if (takesValue) i++;
  }
  return dropped.length > 0 ? { dropped, kept } : undefined;
}

/** The message for dropped options, with the command that would keep them. */
export function droppedOptionsMessage(task: TaskName, { dropped, kept }: DroppedOptions): string {
  const flags = dropped.map((group) => group[0].replace(/=.*$/, ''));
  const target = [task.project, task.target, ...(task.configuration ? [task.configuration] : [])].join(':');
  const fixed = ['nx', 'run', target, '--', ...kept, ...dropped.flat()].map(quote).join(' ');
  const them = flags.length === 1 ? 'it' : 'them';
  return (
    `${flags.join(', ')} ${flags.length === 1 ? 'was' : 'were'} written before "--", and nx run drops every option written there when arguments follow "--"; ` +
    `nothing was run. Put ${them} after the arguments instead:\n  ${fixed}`
  );
}

/**
 * The command line of the process that started this one (the nx CLI), or
 * undefined where it cannot be read; only Linux and macOS are asked.
 */
export function readParentArgv(ppid: number = process.ppid, platform: NodeJS.Platform = process.platform): string[] | undefined {
  try {
    if (platform === 'linux') {
      const raw = readFileSync(`/proc/${ppid}/cmdline`, 'utf8');
      return raw.split('\0').filter((token, i, all) => token !== '' || i < all.length - 1);
    }
    if (platform === 'darwin') {
      // ps joins the arguments with spaces; good enough to find options and "--".
      const ps = spawnSync('ps', ['-ww', '-o', 'args=', '-p', String(ppid)], { encoding: 'utf8', timeout: 2000 });
      return ps.status === 0 ? ps.stdout.trim().split(/\s+/) : undefined;
    }
  } catch {
    // No way to tell: nothing is reported rather than guessed.
  }
  return undefined;
}

function optionOf(token: string, spec: OptionSpec): { name: string; flag: boolean; inline: boolean } | undefined {
  if (!token.startsWith('--') || token.length === 2) return undefined;
  const body = token.slice(2);
  const eq = body.indexOf('=');
  const raw = eq === -1 ? body : body.slice(0, eq);
  const name = raw.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
  if (spec.names.has(name)) return { name, flag: spec.flags.has(name), inline: eq !== -1 };
  const negated = name.startsWith('no') ? name.charAt(2).toLowerCase() + name.slice(3) : '';
  if (negated && spec.flags.has(negated)) return { name: negated, flag: true, inline: eq !== -1 };
  return undefined;
}

function quote(word: string): string {
  if (word.length > 0 && /^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
