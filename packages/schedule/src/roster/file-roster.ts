import { parseJson } from '../json';
import { rosterFileSchema } from '../schema/roster-file';
import { problemsFromZod } from '../schema/zod-problems';
import { rosterFailure } from './failure';
import type { RosterResult } from './types';
import { uniqueUsernames } from './usernames';

/** Validates the text of a roster file; `file` is its path from the workspace root. Pure. */
export function parseRosterFile(text: string, file: string): RosterResult {
  const json = parseJson(text);
  if (!json.ok) return rosterFailure(`roster file ${json.message}`, file);
  const parsed = rosterFileSchema.safeParse(json.value);
  if (!parsed.success) {
    return { ok: false, problems: problemsFromZod(parsed.error, file) };
  }
  const members = parsed.data.members;
  return { ok: true, usernames: uniqueUsernames(members.map((m) => m.username)), members, source: file };
}
