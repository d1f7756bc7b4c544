import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseJson } from '../json';
import { rosterFileSchema } from '../schema/roster-file';
import { problemsFromZod } from '../schema/zod-problems';
import { projectFile, rosterFailure } from './failure';
import type { RosterResult } from './types';
import { uniqueUsernames } from './usernames';

const EXAMPLE = '{"members": [{"username": "ana", "name": "Ana", "emails": ["ana@example.com"]}]}';

/** Validates the text of a roster file; `file` is its path from the workspace root. Pure. */
export function parseRosterFile(text: string, file: string): RosterResult {
  const json = parseJson(text);
  if (!json.ok) return rosterFailure(`roster file ${json.message}`, file);
  const parsed = rosterFileSchema.safeParse(json.value);
  if (!parsed.success) {
    const problems = problemsFromZod(parsed.error, file);
    const summary = problems.map((p) => `${p.path || '/'} ${p.message}`).join('; ');
    return {
      ok: false,
      message: `roster file ${file} is invalid: ${summary}`,
      file,
      path: problems[0]?.path ?? '',
      problems,
    };
  }
  const members = parsed.data.members;
  return { ok: true, usernames: uniqueUsernames(members.map((m) => m.username)), members, source: file };
}

/** Reads the roster file named by compute.json (relative to the compute project). */
export function loadFileRoster(rosterPath: string, projectDir: string, projectRoot: string, configFile: string): RosterResult {
  const file = projectFile(projectRoot, rosterPath);
  let text: string;
  try {
    text = readFileSync(resolve(projectDir, rosterPath), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      return rosterFailure(
        `roster file ${file} does not exist: create it listing who may maintain schedules, for example ${EXAMPLE}, or point roster.path in ${configFile} at your roster`,
        file,
      );
    }
    if (code === 'EISDIR') return rosterFailure(`roster file ${file} is a directory, not a JSON file: fix roster.path in ${configFile}`, file);
    return rosterFailure(`roster file ${file} cannot be read (${code ?? String(error)})`, file);
  }
  return parseRosterFile(text, file);
}
