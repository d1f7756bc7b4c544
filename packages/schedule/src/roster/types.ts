import type { Problem } from '../problems';
import type { RosterFile } from '../schema/roster-file';

/** One person on the roster. Remote sources only know usernames, so their `emails` are empty. */
export type RosterMember = RosterFile['members'][number];

export type RosterResult =
  | {
      ok: true;
      /** Usernames that may maintain schedules, deduplicated, in the order the source listed them. */
      usernames: string[];
      members: RosterMember[];
      /** Human label of where the roster came from, for messages ("schedules/maintainers.json"). */
      source: string;
    }
  | {
      ok: false;
      /** One line naming what failed and how to fix it; never contains a token. */
      message: string;
      /** File from the workspace root the failure belongs to (the roster file or compute.json). */
      file?: string;
      /** JSON pointer inside `file`. */
      path?: string;
      /** The same failure as problems ready for the report: one per defect, so a broken roster file shows every mistake at once. */
      problems: Problem[];
    };

export interface LoadRosterOptions {
  /** Absolute directory of the compute project. */
  projectDir: string;
  /** The compute project from the workspace root, for messages ("schedules"). */
  projectRoot: string;
  env: NodeJS.ProcessEnv;
  /** Injectable for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  /** Per request, including reading the body. */
  timeoutMs?: number;
}

export const DEFAULT_ROSTER_TIMEOUT_MS = 30_000;
