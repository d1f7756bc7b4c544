import { splitCommand } from '../../utils/split-command';

export interface OptionSpec {
  /** camelCase option names of this executor. */
  names: ReadonlySet<string>;
  /** Those that are flags: they take no separate value. */
  flags: ReadonlySet<string>;
}

/**
 * The arguments meant for the schedule's command. Nx hands an executor the raw
 * overrides (`__unparsed__`) and also parses them into options, so a token is
 * the command's unless it is one of this executor's options (with its value).
 * Everything after a `--` inside the overrides is the command's, verbatim: the
 * way to pass an argument that looks like an executor option.
 */
export function commandArguments(unparsed: readonly string[], spec: OptionSpec): string[] {
  const out: string[] = [];
  for (let i = 0; i < unparsed.length; i++) {
    const token = unparsed[i];
    if (token === '--') {
      out.push(...unparsed.slice(i + 1));
      break;
    }
    const option = optionName(token);
    if (option === undefined) {
      out.push(token);
      continue;
    }
    const { name, hasValue } = option;
    const negated = name.startsWith('no') && spec.flags.has(lowerFirst(name.slice(2)));
    if (!spec.names.has(name) && !negated) {
      out.push(token);
      continue;
    }
    if (hasValue) continue;
    const next = unparsed[i + 1];
    if (spec.flags.has(name) || negated) {
      if (next === 'true' || next === 'false') i++;
    } else if (next !== undefined) {
      i++;
    }
  }
  return out;
}

/** Configured `args` (array, or a string split like a shell would) followed by the command-line ones. */
export function allArguments(configured: readonly string[] | string | undefined, fromCommandLine: readonly string[]): string[] {
  const base = configured === undefined ? [] : typeof configured === 'string' ? splitCommand(configured) : [...configured];
  return [...base, ...fromCommandLine];
}

/** `--dry-run=x` → dryRun; not an option → undefined. Single-dash tokens are never this executor's. */
function optionName(token: string): { name: string; hasValue: boolean } | undefined {
  if (!token.startsWith('--') || token.length === 2) return undefined;
  const body = token.slice(2);
  const eq = body.indexOf('=');
  const raw = eq === -1 ? body : body.slice(0, eq);
  return { name: raw.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase()), hasValue: eq !== -1 };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
