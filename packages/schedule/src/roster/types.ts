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
      /**
       * What failed and how to fix it, one problem per defect (a broken roster file shows every
       * mistake at once), each naming its file (the roster file or compute.json) and field.
       * Never contains a token.
       */
      problems: Problem[];
    };
