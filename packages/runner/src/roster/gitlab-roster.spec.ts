import type { RosterConfig, RosterResult } from '@compute/schedule';
import { closedPortUrl, loopbackServers, type RecordedRequest } from '../testing/loopback-server';
import { loadRoster } from './load-roster';

const TOKEN = 'glpat-test-secret-value';
const { serve, closeAll } = loopbackServers();

afterEach(closeAll);

function gitlab(url: string, extra: Partial<Extract<RosterConfig, { source: 'gitlab' }>> = {}): RosterConfig {
  return { source: 'gitlab', url: `${url}/api/graphql`, project: 'group/repo', tokenEnv: 'GITLAB_TOKEN', ...extra };
}

function load(roster: RosterConfig, env: NodeJS.ProcessEnv = { GITLAB_TOKEN: TOKEN }, timeoutMs?: number): Promise<RosterResult> {
  return loadRoster(roster, { projectDir: '/nonexistent', projectRoot: 'schedules', env, timeoutMs });
}

function variables(request: RecordedRequest): { path: string; cursor: string | null } {
  return JSON.parse(request.body).variables;
}

function page(usernames: (string | null)[], endCursor: string | null, hasNextPage: boolean) {
  return {
    status: 200,
    body: { data: { project: { projectMembers: { pageInfo: { hasNextPage, endCursor }, nodes: usernames.map((u) => ({ user: u === null ? null : { username: u } })) } } } },
  };
}

/** The one problem a failed remote roster reports. */
function failure(result: RosterResult) {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result)}`);
  expect(result.problems).toHaveLength(1);
  const [problem] = result.problems;
  expect(problem.message).not.toContain(TOKEN);
  expect(problem.severity).toBe('error');
  return problem;
}

describe('GitLab roster', () => {
  it('follows every page with the previous end cursor and returns the union, suffix stripped', async () => {
    const pages: Record<string, ReturnType<typeof page>> = {
      '': page(['ana', 'benatfluid'], 'c1', true),
      c1: page(['chloeatfluid', null, 'ANAatfluid'], 'c2', true),
      c2: page(['dave', 'atfluid'], 'c2-end', false),
    };
    const server = await serve((req) => pages[variables(req).cursor ?? '']);

    const result = await load(gitlab(server.base, { usernameSuffix: 'atfluid' }));

    expect(result).toEqual({
      ok: true,
      usernames: ['ana', 'ben', 'chloe', 'dave', 'atfluid'],
      members: ['ana', 'ben', 'chloe', 'dave', 'atfluid'].map((username) => ({ username, emails: [] })),
      source: 'GitLab project group/repo members',
    });
    expect(server.requests.map((r) => variables(r).cursor)).toEqual([null, 'c1', 'c2']);
    for (const request of server.requests) {
      expect(request.method).toBe('POST');
      expect(request.url).toBe('/api/graphql');
      expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(request.headers['content-type']).toBe('application/json');
      expect(variables(request).path).toBe('group/repo');
      expect(JSON.parse(request.body).query).toContain('projectMembers(first: 100, after: $cursor)');
    }
  });

  it('keeps usernames whole without a configured suffix', async () => {
    const server = await serve(() => page(['benatfluid'], null, false));
    const result = await load(gitlab(server.base));
    expect(result.ok && result.usernames).toEqual(['benatfluid']);
  });

  it('names the variable and the read_api scope on HTTP 401', async () => {
    const server = await serve(() => ({ status: 401, body: { error: 'invalid_token', error_description: 'Token is expired.' } }));
    const result = failure(await load(gitlab(server.base)));
    expect(result.message).toMatch(/^GitLab rejected the token in GITLAB_TOKEN \(HTTP 401 Unauthorized: Token is expired\.\)/);
    expect(result.message).toContain('read_api');
    expect(result).toMatchObject({ file: 'schedules/compute.json', path: '/roster/tokenEnv' });
  });

  it('names the variable and the read_api scope on HTTP 403', async () => {
    const server = await serve(() => ({ status: 403, body: { error: 'insufficient_scope' } }));
    const result = failure(await load(gitlab(server.base, { tokenEnv: 'CI_ROSTER_TOKEN' }), { CI_ROSTER_TOKEN: TOKEN }));
    expect(result.message).toContain('GitLab refused the token in CI_ROSTER_TOKEN (HTTP 403 Forbidden: insufficient_scope)');
    expect(result.message).toContain('needs the read_api scope');
  });

  it.each([404, 500, 502])('reports HTTP %i with the status', async (status) => {
    const server = await serve(() => ({ status, body: 'oops' }));
    const result = failure(await load(gitlab(server.base)));
    expect(result.message).toMatch(new RegExp(`^GitLab GraphQL at 127\\.0\\.0\\.1:\\d+ answered HTTP ${status} \\w`));
    expect(result.message).toContain('project "group/repo"');
    expect(result.path).toBe('/roster');
  });

  it('stops at the failing page of a paginated listing', async () => {
    const server = await serve((req) => (variables(req).cursor === null ? page(['ana'], 'c1', true) : { status: 500 }));
    const result = failure(await load(gitlab(server.base)));
    expect(result.message).toContain('HTTP 500');
    expect(server.requests).toHaveLength(2);
  });

  it('reports GraphQL errors', async () => {
    const server = await serve(() => ({ status: 200, body: { errors: [{ message: "Field 'projectMembers' doesn't exist" }, { message: 'second' }] } }));
    const result = failure(await load(gitlab(server.base)));
    expect(result.message).toBe(`GitLab GraphQL refused the members query for project "group/repo": Field 'projectMembers' doesn't exist; second`);
  });

  it('explains a null project (missing, or invisible to the token)', async () => {
    const server = await serve(() => ({ status: 200, body: { data: { project: null } } }));
    const result = failure(await load(gitlab(server.base, { project: 'group/missing' })));
    expect(result.message).toContain('GitLab project "group/missing" was not found, or the token in GITLAB_TOKEN cannot see it');
    expect(result.path).toBe('/roster/project');
  });

  it('refuses a page that says more follow without a new cursor', async () => {
    const server = await serve(() => page(['ana'], 'same', true));
    const result = failure(await load(gitlab(server.base)));
    expect(result.message).toContain('gave no new cursor');
    expect(server.requests).toHaveLength(2);
  });

  it('reports a 200 answer that is not JSON', async () => {
    const server = await serve(() => ({ status: 200, body: '<html>sign in</html>' }));
    const result = failure(await load(gitlab(server.base)));
    expect(result.message).toContain('without a JSON document');
    expect(result.path).toBe('/roster/url');
  });

  it('never repeats the token a server echoes back', async () => {
    const server = await serve(() => ({ status: 500, body: { message: `bad header Bearer ${TOKEN}` } }));
    const result = failure(await load(gitlab(server.base)));
    expect(result.message).toContain('bad header Bearer ***');
  });

  it.each([
    [{}, 'environment variable GITLAB_TOKEN is not set'],
    [{ GITLAB_TOKEN: '  ' }, 'environment variable GITLAB_TOKEN is empty'],
  ])('names a missing token variable and where it is configured (%j) without calling the API', async (env, start) => {
    const server = await serve(() => page([], null, false));
    const result = failure(await load(gitlab(server.base), env));
    expect(result.message).toBe(`${start}: the GitLab roster needs a GitLab token with the read_api scope in it (the variable is named by roster.tokenEnv in schedules/compute.json)`);
    expect(result).toMatchObject({ file: 'schedules/compute.json', path: '/roster/tokenEnv' });
    expect(server.requests).toHaveLength(0);
  });

  it('names the host it could not reach', async () => {
    const url = await closedPortUrl();
    const result = failure(await load(gitlab(url)));
    expect(result.message).toBe(`could not reach GitLab at ${new URL(url).host} (ECONNREFUSED): check roster.url and your network`);
    expect(result.path).toBe('/roster/url');
  });

  it('gives up on a server that does not answer in time', async () => {
    const server = await serve(() => 'hang');
    const result = failure(await load(gitlab(server.base), { GITLAB_TOKEN: TOKEN }, 200));
    expect(result.message).toBe(`GitLab at ${new URL(server.base).host} did not answer within 0.2 s: check roster.url and your network, then try again`);
  });

  it('uses an injected fetch and turns its exceptions into messages', async () => {
    const calls: string[] = [];
    const fakeFetch = (async (input: string | URL | Request) => {
      calls.push(String(input));
      throw new Error('boom');
    }) as typeof fetch;
    const result = await loadRoster(gitlab('https://gitlab.example.com'), { projectDir: '/x', projectRoot: '.', env: { GITLAB_TOKEN: TOKEN }, fetch: fakeFetch });
    expect(calls).toEqual(['https://gitlab.example.com/api/graphql']);
    expect(failure(result)).toMatchObject({ message: 'could not reach GitLab at gitlab.example.com (boom): check roster.url and your network', file: 'compute.json' });
  });
});
