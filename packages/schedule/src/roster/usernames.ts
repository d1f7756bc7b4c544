import type { RosterMember } from './types';

/** Drops repeats (compared case-insensitively, as the maintainers rule compares) and keeps the first spelling. */
export function uniqueUsernames(usernames: Iterable<string>): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const username of usernames) {
    const key = username.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(username);
  }
  return out;
}

/** Remote sources know usernames only. */
export function membersOf(usernames: readonly string[]): RosterMember[] {
  return usernames.map((username) => ({ username, emails: [] }));
}

/**
 * Removes a configured suffix, as the reference system removed "atfluid" from GitLab usernames.
 * Case-insensitive like the usernames themselves; a username that is only the suffix stays whole.
 */
export function stripSuffix(username: string, suffix: string | undefined): string {
  if (!suffix || username.length <= suffix.length) return username;
  return username.toLowerCase().endsWith(suffix.toLowerCase()) ? username.slice(0, -suffix.length) : username;
}
