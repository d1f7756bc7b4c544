import { shellWords } from '@compute/runner';
import { splitCommand } from '../../utils/split-command';

export interface OptionSpec {
  /** camelCase names of the options this executor reads from the command line. */
  names: ReadonlySet<string>;
  /** Those that are flags: they take no separate value. */
  flags: ReadonlySet<string>;
}

/** One executor option as written on the command line. */
export interface WrittenOption {
  /** camelCase name; `--no-wait` is wait. */
  name: string;
  /** The tokens that set it: the option, and its value when written separately. */
  tokens: string[];
  /** Where its first token is in the scanned tokens. */
  at: number;
}

export interface ScannedTokens {
  /** Executor options, in order, up to an inner "--". */
  options: WrittenOption[];
  /** Everything else: the arguments of the schedule's command. */
  command: string[];
}

/**
 * Splits command-line tokens the way Nx reads them into executor options: a
 * token is one of this executor's options (with its value) or the command's.
 * Everything after a `--` among them is the command's, verbatim: the way to pass
 * an argument that looks like an executor option.
 */
export function scanTokens(tokens: readonly string[], spec: OptionSpec): ScannedTokens {
  const options: WrittenOption[] = [];
  const command: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === '--') {
      command.push(...tokens.slice(i + 1));
      break;
    }
    const option = optionOf(token, spec);
    if (!option) {
      command.push(token);
      continue;
    }
    const next = tokens[i + 1];
    // Nx's parser takes the next token as the value unless it looks like an option; a flag takes only true or false.
    const takesNext = !option.inline && next !== undefined && (option.flag ? next === 'true' || next === 'false' : !looksLikeOption(next));
    options.push({ name: option.name, tokens: takesNext ? [token, next] : [token], at: i });
    if (takesNext) i++;
  }
  return { options, command };
}

/** The arguments meant for the schedule's command among the overrides Nx hands the executor (`__unparsed__`). */
export function commandArguments(unparsed: readonly string[], spec: OptionSpec): string[] {
  return scanTokens(unparsed, spec).command;
}

/** Configured `args` (array, or a string split like a shell would) followed by the command-line ones. */
export function allArguments(configured: readonly string[] | string | undefined, fromCommandLine: readonly string[]): string[] {
  const base = configured === undefined ? [] : typeof configured === 'string' ? splitCommand(configured) : [...configured];
  return [...base, ...fromCommandLine];
}

/**
 * How to hand options that were written on the command line to the schedule's
 * command instead of this executor: the same `nx run` with them after a second
 * `--`, where nothing is read as an executor option. Undefined when none of
 * `names` was written on the command line (it came from the target).
 */
export function passToCommandHint(task: string, unparsed: readonly string[], spec: OptionSpec, names: readonly string[]): string | undefined {
  const moved = scanTokens(unparsed, spec).options.filter((option) => names.includes(option.name));
  if (moved.length === 0) return undefined;
  const movedAt = new Set(moved.flatMap((option) => option.tokens.map((_, offset) => option.at + offset)));
  const inner = unparsed.indexOf('--');
  const before = (inner === -1 ? unparsed : unparsed.slice(0, inner)).filter((_, i) => !movedAt.has(i));
  const after = inner === -1 ? [] : unparsed.slice(inner + 1);
  const written = moved.flatMap((option) => option.tokens);
  const them = moved.length === 1 ? 'it' : 'them';
  return (
    `To give ${shellWords(written)} to the schedule's command instead, write ${them} after a second "--":\n` +
    `  ${shellWords(['nx', 'run', task, '--', ...before, '--', ...written, ...after])}`
  );
}

/**
 * The executor option a token names: `--dry-run`, `--dryRun` and `--dry-run=x`
 * are dryRun, `--no-wait` is the flag wait. Undefined for anything else;
 * single-dash tokens are never this executor's.
 */
export function optionOf(token: string, spec: OptionSpec): { name: string; flag: boolean; inline: boolean } | undefined {
  if (!token.startsWith('--') || token.length === 2) return undefined;
  const body = token.slice(2);
  const eq = body.indexOf('=');
  const inline = eq !== -1;
  const name = camelCase(inline ? body.slice(0, eq) : body);
  if (spec.names.has(name)) return { name, flag: spec.flags.has(name), inline };
  const negated = name.startsWith('no') ? name.charAt(2).toLowerCase() + name.slice(3) : '';
  if (negated && spec.flags.has(negated)) return { name: negated, flag: true, inline };
  return undefined;
}

function camelCase(name: string): string {
  return name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

/** Option-like for Nx's parser: a dash, unless it is a negative number. */
function looksLikeOption(token: string): boolean {
  return token.startsWith('-') && !/^-\d/.test(token);
}
