/**
 * A JSON document for stdout, where nx prints its own lines before and after a
 * task's output. Pretty-printed, and its first and last lines are always just
 * "{" and "}" (or "[" and "]"), even when it is empty, so a script can cut it out:
 *
 *   npx nx run compute:list --format json | sed -n '/^[{[]$/,/^[]}]$/p'
 *
 * When Nx streams a task's output it splits it into lines at U+0085, U+2028 and
 * U+2029 too (nx's running-tasks/output-prefix), which JSON.stringify leaves raw
 * inside strings: they are escaped, so a description containing one survives.
 * What no document can survive is the line break Nx adds where a 64 KiB read of
 * the task's output ends; see writeOutputFile for the way around it.
 */
export function jsonDocument(value: object): string {
  const text = JSON.stringify(value, null, 2).replace(/[\u0085\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (text === '[]') return '[\n]\n';
  if (text === '{}') return '{\n}\n';
  return `${text}\n`;
}
