import { CONFIG_FILE_NAME } from '../catalog/catalog';
import type { RosterConfig } from '../schema/compute-config';
import { projectFile, rosterFailure } from './failure';
import { loadFileRoster } from './file-roster';
import { fetchGitHubRoster } from './github-roster';
import { fetchGitLabRoster } from './gitlab-roster';
import { scrub, type HttpContext } from './http';
import { DEFAULT_ROSTER_TIMEOUT_MS, type LoadRosterOptions, type RosterResult } from './types';

/** The list of people who may maintain schedules, from the source compute.json names. Never throws. */
export async function loadRoster(roster: RosterConfig, options: LoadRosterOptions): Promise<RosterResult> {
  const configFile = projectFile(options.projectRoot, CONFIG_FILE_NAME);
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
