/**
 * A JSON document for stdout, where nx prints its own lines before and after a
 * task's output. Pretty-printed, and its first and last lines are always just
 * "{" and "}" (or "[" and "]"), even when it is empty, so a script can cut it out:
 *
 *   npx nx run compute:list --format json | sed -n '/^[{[]$/,/^[]}]$/p'
 */
export function jsonDocument(value: object): string {
  const text = JSON.stringify(value, null, 2);
  if (text === '[]') return '[\n]\n';
  if (text === '{}') return '{\n}\n';
  return `${text}\n`;
}
