/** Renders argv the way a POSIX shell would accept it, for display only (nothing is run through a shell). */
export function shellWords(argv: readonly string[]): string {
  return argv.map(quote).join(' ');
}

function quote(word: string): string {
  if (word.length > 0 && /^[A-Za-z0-9_@%+=:,./-]+$/.test(word)) return word;
  return `'${word.replace(/'/g, `'\\''`)}'`;
}
