/** IAM's wildcard matching: `*` any run of characters, `?` any one character. */
export function wildcardMatch(pattern: string, value: string, options: { ignoreCase?: boolean } = {}): boolean {
  const source = pattern
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\/-]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, options.ignoreCase ? 'is' : 's').test(value);
}

/**
 * Resource ARN matching as IAM does it: partition, service, region and account are matched
 * segment by segment; the resource part (everything after the fifth colon) as one string, so a
 * trailing `*` also matches what follows a colon (`job-definition/compute-*` matches `compute-a:3`).
 */
export function arnMatch(pattern: string, arn: string): boolean {
  if (pattern === '*') return true;
  const p = splitArn(pattern);
  const a = splitArn(arn);
  if (!p || !a) return false;
  for (let i = 0; i < 5; i++) if (!wildcardMatch(p[i], a[i])) return false;
  return wildcardMatch(p[5], a[5]);
}

/** arn:partition:service:region:account:resource, the resource part kept whole. */
export function splitArn(arn: string): [string, string, string, string, string, string] | undefined {
  const parts = arn.split(':');
  if (parts.length < 6) return undefined;
  return [parts[0], parts[1], parts[2], parts[3], parts[4], parts.slice(5).join(':')];
}
