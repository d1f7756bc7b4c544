import type { RosterResult } from './types';

export type RosterFailure = Extract<RosterResult, { ok: false }>;

/** A roster failure with a single cause, located in `file` at `path`. */
export function rosterFailure(message: string, file: string, path = ''): RosterFailure {
  return { ok: false, problems: [{ file, path, severity: 'error', message }] };
}
