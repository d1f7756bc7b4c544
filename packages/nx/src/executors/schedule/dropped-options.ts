import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { shellWords } from '@compute/runner';
import { scanTokens, type OptionSpec } from './command-args';

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
  // Options repeated after "--" did arrive; those after a second "--" are the command's, so they do not count.
  const after = new Set(scanTokens(kept, spec).options.map((option) => option.name));
  const dropped = scanTokens(argv.slice(start + 1, separator), spec)
    .options.filter((option) => !after.has(option.name))
    .map((option) => option.tokens);
  return dropped.length > 0 ? { dropped, kept } : undefined;
}

/** The message for dropped options, with the command that would keep them. */
export function droppedOptionsMessage(task: TaskName, { dropped, kept }: DroppedOptions): string {
  const flags = dropped.map((group) => group[0].replace(/=.*$/, ''));
  const target = [task.project, task.target, ...(task.configuration ? [task.configuration] : [])].join(':');
  // Before a second "--" in what was kept: after it they would be the command's arguments.
  const inner = kept.indexOf('--');
  const arguments_ = inner === -1 ? [...kept, ...dropped.flat()] : [...kept.slice(0, inner), ...dropped.flat(), ...kept.slice(inner)];
  const fixed = shellWords(['nx', 'run', target, '--', ...arguments_]);
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
