import type { ComputeConfig } from '../schema/compute-config';
import type { RosterMember } from './types';

export interface GitIdentity {
  name?: string;
  email?: string;
}

export interface CurrentMaintainer {
  /** Whose stale reviews are errors; undefined when nobody could be identified. */
  username?: string;
  /** How the username was found, or why none was, for the report. */
  via: string;
}

export interface ResolveMaintainerOptions {
  env: NodeJS.ProcessEnv;
  gitIdentity?: GitIdentity;
  /** Roster file members carry e-mails; remote rosters do not. */
  rosterMembers?: readonly RosterMember[];
}

/**
 * Who is running the gate: the variable compute.json names wins, then git's identity mapped through
 * review.gitIdentities (e-mail before name), then a roster member listing git's e-mail. Pure.
 */
export function resolveCurrentMaintainer(review: ComputeConfig['review'], options: ResolveMaintainerOptions): CurrentMaintainer {
  const fromEnv = options.env[review.maintainerEnv]?.trim();
  if (fromEnv) return { username: fromEnv, via: `environment variable ${review.maintainerEnv}` };

  const email = options.gitIdentity?.email?.trim() || undefined;
  const name = options.gitIdentity?.name?.trim() || undefined;
  const identities = Object.entries(review.gitIdentities);

  // E-mail addresses are compared case-insensitively; names exactly, as git stores them.
  const byEmail = email ? identities.find(([key]) => key.trim().toLowerCase() === email.toLowerCase()) : undefined;
  if (byEmail && byEmail[1].trim()) return { username: byEmail[1].trim(), via: 'git user.email mapped by review.gitIdentities' };
  const byName = name ? identities.find(([key]) => key.trim() === name) : undefined;
  if (byName && byName[1].trim()) return { username: byName[1].trim(), via: 'git user.name mapped by review.gitIdentities' };

  if (email) {
    const member = options.rosterMembers?.find((m) => m.emails.some((e) => e.toLowerCase() === email.toLowerCase()));
    if (member) return { username: member.username, via: 'git user.email listed in the roster file' };
  }

  return {
    via: `nobody identified: ${review.maintainerEnv} is not set and git's user.email/user.name match no review.gitIdentities entry${options.rosterMembers ? ' or roster e-mail' : ''}`,
  };
}
