import { type RosterConfig, type RosterResult, membersOf, stripSuffix, uniqueUsernames, rosterFailure } from '@compute/schedule';
import { describeStatus, hostOf, scrub, sendRequest, type HttpContext } from './http';

export type GitLabRosterConfig = Extract<RosterConfig, { source: 'gitlab' }>;

export const GITLAB_MEMBERS_QUERY = `query ComputeRoster($path: ID!, $cursor: String) {
  project(fullPath: $path) {
    projectMembers(first: 100, after: $cursor) {
      pageInfo { hasNextPage endCursor }
      nodes { user { username } }
    }
  }
}`;

/** 100 members a page: far beyond any real project, and it stops a server that never ends its pages. */
const MAX_PAGES = 1000;

/** Members of a GitLab project (direct and inherited) through the GraphQL API, every page. */
export async function fetchGitLabRoster(roster: GitLabRosterConfig, token: string, ctx: HttpContext, configFile: string): Promise<RosterResult> {
  const fail = (message: string, pointer = '/roster') => rosterFailure(message, configFile, pointer);
  const host = hostOf(roster.url);
  const usernames: string[] = [];
  let cursor: string | null = null;

  for (let page = 1; page <= MAX_PAGES; page++) {
    const reply = await sendRequest(ctx, roster.url, {
      method: 'POST',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ query: GITLAB_MEMBERS_QUERY, variables: { path: roster.project, cursor } }),
    });
    if (!reply.ok) return fail(reply.message, '/roster/url');

    if (reply.status === 401) {
      return fail(`GitLab rejected the token in ${roster.tokenEnv} (${describeStatus(reply, token)}): it is invalid, expired or revoked; create a token with the read_api scope and export it as ${roster.tokenEnv}`, '/roster/tokenEnv');
    }
    if (reply.status === 403) {
      return fail(`GitLab refused the token in ${roster.tokenEnv} (${describeStatus(reply, token)}): it needs the read_api scope; create one that has it and export it as ${roster.tokenEnv}`, '/roster/tokenEnv');
    }
    if (reply.status < 200 || reply.status >= 300) {
      return fail(`GitLab GraphQL at ${host} answered ${describeStatus(reply, token)} while listing members of project "${roster.project}"`);
    }
    if (reply.body === undefined || reply.body === null || typeof reply.body !== 'object') {
      return fail(`GitLab GraphQL at ${host} answered HTTP ${reply.status} without a JSON document: check roster.url points at the GraphQL endpoint (…/api/graphql)`, '/roster/url');
    }

    const body = reply.body as { data?: unknown; errors?: unknown };
    const errors = graphqlErrors(body.errors, token);
    if (errors.length > 0) {
      return fail(`GitLab GraphQL refused the members query for project "${roster.project}": ${errors.join('; ')}`);
    }
    const project = (body.data as { project?: unknown } | null | undefined)?.project;
    if (project === null || project === undefined) {
      return fail(`GitLab project "${roster.project}" was not found, or the token in ${roster.tokenEnv} cannot see it: check roster.project (the full path, such as group/repo) and that the token's user is a member`, '/roster/project');
    }
    const connection = (project as { projectMembers?: unknown }).projectMembers as
      | { pageInfo?: { hasNextPage?: unknown; endCursor?: unknown }; nodes?: unknown }
      | null
      | undefined;
    if (!connection || !Array.isArray(connection.nodes)) {
      return fail(`GitLab GraphQL at ${host} answered without projectMembers for project "${roster.project}": is roster.url a GitLab GraphQL endpoint?`, '/roster/url');
    }
    for (const node of connection.nodes) {
      // Members invited by e-mail who never signed up have no user; they cannot maintain anything.
      const username = (node as { user?: { username?: unknown } | null } | null)?.user?.username;
      if (typeof username === 'string' && username !== '') usernames.push(stripSuffix(username, roster.usernameSuffix));
    }

    if (connection.pageInfo?.hasNextPage !== true) {
      const unique = uniqueUsernames(usernames);
      return { ok: true, usernames: unique, members: membersOf(unique), source: `GitLab project ${roster.project} members` };
    }
    const next = connection.pageInfo.endCursor;
    if (typeof next !== 'string' || next === '' || next === cursor) {
      return fail(`GitLab GraphQL at ${host} said more members follow page ${page} but gave no new cursor; cannot list every member of "${roster.project}"`);
    }
    cursor = next;
  }
  return fail(`GitLab GraphQL at ${host} kept returning pages after ${MAX_PAGES} pages of members of "${roster.project}"; stopped`);
}

function graphqlErrors(errors: unknown, token: string): string[] {
  if (!Array.isArray(errors)) return [];
  return errors.map((e) => {
    const message = (e as { message?: unknown } | null)?.message;
    return scrub(typeof message === 'string' ? message : JSON.stringify(e), token).replace(/\s+/g, ' ').trim();
  });
}
