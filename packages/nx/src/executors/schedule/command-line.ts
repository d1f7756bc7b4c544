import parse from 'yargs-parser';
import { RunnerError, shellWords } from '@compute/runner';
import { splitCommand } from '../../utils/split-command';
import schema from './schema.json';

/** Which schedule runs and how come from the target only (see targetSettings); on the command line those names are the command's. */
const TARGET_ONLY = new Set(['schedule', 'mode', '__unparsed__']);

const OWN = Object.entries(schema.properties).filter(([name]) => !TARGET_ONLY.has(name));
const FLAGS = new Set(OWN.filter(([, p]) => 'type' in p && p.type === 'boolean').map(([name]) => name));
const VALUED = OWN.map(([name]) => name).filter((name) => !FLAGS.has(name));

/** What the command line Nx handed over (`__unparsed__`) says. */
export interface CommandLine {
  /** This executor's options written there (camelCase names), `args` apart. */
  options: Record<string, unknown>;
  /** Each `--args` value as written. */
  args: string[];
  /** Every other token, in order: arguments of the schedule's command. After an inner "--", all of them verbatim. */
  rest: string[];
}

/**
 * Reads the command line with yargs-parser, the parser Nx reads overrides with
 * (the same major version, so its rules are Nx's rules), told which names are
 * this executor's options. Tokens that are not are kept in order instead of
 * parsed into a map (`unknown-options-as-args`): they are the command's.
 * `--args` takes the next token as its value even when it starts with a dash
 * (`--args "--only a"`, which yargs otherwise reads as an option of its own),
 * unless it is one of this executor's options; `--args="..."` is never ambiguous.
 */
export function readCommandLine(unparsed: readonly string[]): CommandLine {
  const parsed = parse([...unparsed], {
    configuration: { 'unknown-options-as-args': true, 'populate--': true, 'parse-numbers': false, 'parse-positional-numbers': false, 'greedy-arrays': false },
    // Nx accepts each option in camelCase and in kebab-case.
    boolean: [...FLAGS].flatMap((name) => [name, kebabCase(name)]),
    string: VALUED.flatMap((name) => [name, kebabCase(name)]),
    narg: { args: 1 },
  });
  const options: Record<string, unknown> = {};
  for (const name of [...FLAGS, ...VALUED]) if (name !== 'args' && parsed[name] !== undefined) options[name] = parsed[name];
  const args = parsed.args === undefined ? [] : ([] as unknown[]).concat(parsed.args).map(String);
  const rest = [...parsed._, ...(parsed['--'] ?? [])].map(String);
  return { options, args, rest };
}

/**
 * The arguments appended to the schedule's command: `--args` from the command
 * line (each value split like a shell would), else the target's `args` (an array
 * is taken word for word, a string split), then every other command-line token.
 * `--args` on the command line replaces the target's, as Nx merges any option.
 */
export function jobArguments(configured: unknown, commandLine: CommandLine): string[] {
  return commandLine.args.length > 0 ? commandLineWords(commandLine) : [...wordsOf(configured), ...commandLine.rest];
}

/** The command's arguments written on the command line: the `--args` values split, then the other tokens. */
export function commandLineWords(commandLine: CommandLine): string[] {
  return [...commandLine.args.flatMap(split), ...commandLine.rest];
}

function wordsOf(configured: unknown): string[] {
  if (configured === undefined) return [];
  if (Array.isArray(configured)) return configured.map(String);
  if (typeof configured === 'string') return split(configured);
  // `--args` last, or followed by one of this executor's options: yargs reads it as a flag.
  throw new RunnerError(`--args needs the command's arguments as its value, written after "=": --args="--only a"`);
}

function split(args: string): string[] {
  try {
    return splitCommand(args);
  } catch (error) {
    throw new RunnerError(`--args ${(error as Error).message.replace(/ in command:/, ':')}`);
  }
}

/**
 * `nx run <task>` with `options` written out and `words` given to the command
 * through --args, quoted for a shell; `more` is appended as written.
 */
export function nxRunCommand(task: string, options: Record<string, unknown>, words: readonly string[], more: readonly string[] = []): string {
  const tokens = shellWords(['nx', 'run', task, ...Object.entries(options).flatMap(([name, value]) => optionTokens(name, value))]);
  return [tokens, ...(words.length > 0 ? [`--args=${shellWords([shellWords(words)])}`] : []), ...more].join(' ');
}

/** An option as written on the command line: `--dry-run`, `--environment test`, `--no-wait`. */
export function optionTokens(name: string, value: unknown): string[] {
  if (value === true) return [`--${kebabCase(name)}`];
  if (value === false) return [`--no-${kebabCase(name)}`];
  return [`--${kebabCase(name)}`, String(value)];
}

export function kebabCase(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}
