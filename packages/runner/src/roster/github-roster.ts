import { type RosterConfig, type RosterResult, membersOf, uniqueUsernames, rosterFailure } from '@compute/schedule';
import { describeStatus, hostOf, sendRequest, type HttpContext } from './http';
import { parseLinkHeader } from './link-header';

export type GitHubRosterConfig = Extract<RosterConfig, { source: 'github' }>;

const MAX_PAGES = 1000;

/** The first page of collaborators; `url` may carry a path prefix (GitHub Enterprise Server's /api/v3). */
export function githubCollaboratorsUrl(baseUrl: string, repository: string): string {
  const [owner, repo] = repository.split('/');
  return `${baseUrl.replace(/\/+$/, '')}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/collaborators?per_page=100&affiliation=all`;
}

/** Collaborators of a GitHub repository (outside, direct and through the organization) through the REST API, every page. */
export async function fetchGitHubRoster(roster: GitHubRosterConfig, token: string, ctx: HttpContext, configFile: string): Promise<RosterResult> {
  const fail = (message: string, pointer = '/roster') => rosterFailure(message, configFile, pointer);
  const host = hostOf(roster.url);
  const origin = new URL(roster.url).origin;
  const logins: string[] = [];
  const visited = new Set<string>();
  let url = new URL(githubCollaboratorsUrl(roster.url, roster.repository)).href;

  for (let page = 1; page <= MAX_PAGES; page++) {
    visited.add(url);
    const reply = await sendRequest(ctx, url, {
      method: 'GET',
      headers: { Authorization: `Bearer ${token}`, Accept: 'application/vnd.github+json', 'X-GitHub-Api-Version': '2022-11-28' },
    });
    if (!reply.ok) return fail(reply.message, '/roster/url');

    const status = describeStatus(reply, token);
    if (reply.status === 401) {
      return fail(`GitHub rejected the token in ${roster.tokenEnv} (${status}): it is invalid or expired; create a new one and export it as ${roster.tokenEnv}`, '/roster/tokenEnv');
    }
    if (reply.status === 403 && reply.headers.get('x-ratelimit-remaining') === '0') {
      return fail(`GitHub's API rate limit for the token in ${roster.tokenEnv} is used up (${status}): wait for it to reset and run again`, '/roster/tokenEnv');
    }
    if (reply.status === 403) {
      return fail(`GitHub refused to list collaborators of "${roster.repository}" with the token in ${roster.tokenEnv} (${status}): the token's user needs write access to the repository, and the token the repo and read:org scopes (classic) or read access to the repository's Metadata (fine-grained)`, '/roster/tokenEnv');
    }
    if (reply.status === 404) {
      return fail(`GitHub answered HTTP 404 for repository "${roster.repository}": it does not exist or the token in ${roster.tokenEnv} cannot see it; check roster.repository and the repositories the token may access`, '/roster/repository');
    }
    if (reply.status < 200 || reply.status >= 300) {
      return fail(`GitHub API at ${host} answered ${status} while listing collaborators of "${roster.repository}"`);
    }
    if (!Array.isArray(reply.body)) {
      return fail(`GitHub API at ${host} answered HTTP ${reply.status} without a list of collaborators: check roster.url points at the REST API (https://api.github.com, or https://HOST/api/v3)`, '/roster/url');
    }
    for (const user of reply.body) {
      const login = (user as { login?: unknown } | null)?.login;
      if (typeof login === 'string' && login !== '') logins.push(login);
    }

    const next = parseLinkHeader(reply.headers.get('link')).next;
    if (next === undefined) {
      const unique = uniqueUsernames(logins);
      return { ok: true, usernames: unique, members: membersOf(unique), source: `GitHub repository ${roster.repository} collaborators` };
    }
    let nextUrl: URL;
    try {
      nextUrl = new URL(next, url);
    } catch {
      return fail(`GitHub API at ${host} sent a next-page link that is not a URL; cannot list every collaborator of "${roster.repository}"`);
    }
    // The token goes with every request, so it must never follow a link to another server.
    if (nextUrl.origin !== origin) {
      return fail(`GitHub API at ${host} sent a next-page link to another server (${nextUrl.host}); refusing to send the token there`);
    }
    if (visited.has(nextUrl.href)) {
      return fail(`GitHub API at ${host} sent a next-page link to a page already read; cannot list every collaborator of "${roster.repository}"`);
    }
    url = nextUrl.href;
  }
  return fail(`GitHub API at ${host} kept returning pages after ${MAX_PAGES} pages of collaborators of "${roster.repository}"; stopped`);
}
