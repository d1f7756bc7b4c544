/**
 * The record with its keys in sorted order (code-unit order, as Array.prototype.sort), so what is
 * written from it (JSON, Terraform, an environment) is the same whatever order it was built in.
 */
export function sortedRecord<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  return Object.fromEntries(Object.keys(record).sort().map((key) => [key, record[key]]));
}
