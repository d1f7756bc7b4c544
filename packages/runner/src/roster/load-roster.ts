// The roster's IO: the roster file, or the GitLab or GitHub API. Parsing and the rules are the domain's.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { CONFIG_FILE_NAME, type RosterConfig, type RosterResult, parseRosterFile, posixPath, rosterFailure } from '@compute/schedule';
import { fetchGitHubRoster } from './github-roster';
import { fetchGitLabRoster } from './gitlab-roster';
import { scrub, type HttpContext } from './http';

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

const EXAMPLE = '{"members": [{"username": "ana", "name": "Ana", "emails": ["ana@example.com"]}]}';

/** The list of people who may maintain schedules, from the source compute.json names. Never throws. */
export async function loadRoster(roster: RosterConfig, options: LoadRosterOptions): Promise<RosterResult> {
  const configFile = posixPath(options.projectRoot, CONFIG_FILE_NAME);
  let token = '';
  try {
    if (roster.source === 'file') return loadFileRoster(roster.path, options.projectDir, options.projectRoot, configFile);

    const service = roster.source === 'gitlab' ? 'GitLab' : 'GitHub';
    token = options.env[roster.tokenEnv]?.trim() ?? '';
    if (!token) {
      const state = options.env[roster.tokenEnv] === undefined ? 'is not set' : 'is empty';
      const what = roster.source === 'gitlab' ? 'a GitLab token with the read_api scope' : 'a GitHub token that can list the repository collaborators';
      return rosterFailure(
        `environment variable ${roster.tokenEnv} ${state}: the ${service} roster needs ${what} in it (the variable is named by roster.tokenEnv in ${configFile})`,
        configFile,
        '/roster/tokenEnv',
      );
    }
    const ctx: HttpContext = { fetch: options.fetch ?? fetch, timeoutMs: options.timeoutMs ?? DEFAULT_ROSTER_TIMEOUT_MS, service, token };
    return roster.source === 'gitlab'
      ? await fetchGitLabRoster(roster, token, ctx, configFile)
      : await fetchGitHubRoster(roster, token, ctx, configFile);
  } catch (error) {
    // Every expected failure is handled above; this keeps a surprise from becoming a stack trace in the gate.
    const reason = scrub(error instanceof Error ? error.message : String(error), token);
    return rosterFailure(`could not load the ${roster.source} roster: ${reason}`, configFile, '/roster');
  }
}

/** Reads the roster file named by compute.json (relative to the compute project). */
function loadFileRoster(rosterPath: string, projectDir: string, projectRoot: string, configFile: string): RosterResult {
  const file = posixPath(projectRoot, rosterPath);
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
