/**
 * The values of a repeated option exactly as typed on the command line.
 *
 * Nx parses `nx g` arguments with yargs, which reads a value starting with a dash
 * as an option of its own: `--command node --command -e` gives
 * `command: ["node", true]` (and `e: true`), losing "-e". The raw arguments still
 * hold it: `--<name> <value>` takes the next argument unless it is a long option,
 * and `--<name>=<value>` is taken whole. Arguments after a lone "--" are not options.
 */
export function rawOptionValues(argv: readonly string[], name: string): string[] {
  const values: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') break;
    // A next argument that is a long option ("--since") is taken for one, as yargs does: `--name=--since` passes it.
    if (arg === `--${name}` && i + 1 < argv.length && !argv[i + 1].startsWith('--')) values.push(argv[++i]);
    else if (arg.startsWith(`--${name}=`)) values.push(arg.slice(name.length + 3));
  }
  return values;
}
