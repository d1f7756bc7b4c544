import type { RosterConfig, RosterResult } from '@compute/schedule';
import { closedPortUrl, loopbackServers } from '../testing/loopback-server';
import { githubCollaboratorsUrl } from './github-roster';
import { parseLinkHeader } from './link-header';
import { loadRoster } from './load-roster';

const TOKEN = 'ghp_test_secret_value';
const FIRST = '/repos/acme/widgets/collaborators?per_page=100&affiliation=all';
const { serve, closeAll } = loopbackServers();

afterEach(closeAll);

function github(url: string): RosterConfig {
  return { source: 'github', url, repository: 'acme/widgets', tokenEnv: 'GITHUB_TOKEN' };
}

function load(roster: RosterConfig, env: NodeJS.ProcessEnv = { GITHUB_TOKEN: TOKEN }): Promise<RosterResult> {
  return loadRoster(roster, { projectDir: '/nonexistent', projectRoot: 'schedules', env });
}

function users(...logins: string[]) {
  return logins.map((login, id) => ({ login, id, type: 'User' }));
}

/** The one problem a failed remote roster reports. */
function failure(result: RosterResult) {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result)}`);
  expect(result.problems).toHaveLength(1);
  const [problem] = result.problems;
  expect(problem.message).not.toContain(TOKEN);
  expect(problem).toMatchObject({ file: 'schedules/compute.json', severity: 'error' });
  return problem;
}

describe('GitHub roster', () => {
  it('follows rel="next" links to the last page and returns every login', async () => {
    // GitHub's next links point at /repositories/<id>/..., not at the URL first requested.
    const next = (base: string, n: number) => `${base}/repositories/42/collaborators?per_page=100&affiliation=all&page=${n}`;
    const server = await serve((req, base) => {
      if (req.url === FIRST) return { status: 200, headers: { Link: `<${next(base, 2)}>; rel="next", <${next(base, 3)}>; rel="last"` }, body: users('ana', 'ben') };
      if (req.url.endsWith('page=2')) return { status: 200, headers: { Link: `<${next(base, 1)}>; rel="prev", <${next(base, 3)}>; rel="next", <${next(base, 3)}>; rel="last"` }, body: users('chloe', 'Ana') };
      if (req.url.endsWith('page=3')) return { status: 200, headers: { Link: `<${next(base, 2)}>; rel="prev", <${next(base, 1)}>; rel="first"` }, body: users('dave') };
      return { status: 418 };
    });

    const result = await load(github(server.base));

    expect(result).toEqual({
      ok: true,
      usernames: ['ana', 'ben', 'chloe', 'dave'],
      members: ['ana', 'ben', 'chloe', 'dave'].map((username) => ({ username, emails: [] })),
      source: 'GitHub repository acme/widgets collaborators',
    });
    expect(server.requests.map((r) => r.url)).toEqual([FIRST, next('', 2), next('', 3)]);
    for (const request of server.requests) {
      expect(request.method).toBe('GET');
      expect(request.headers.authorization).toBe(`Bearer ${TOKEN}`);
      expect(request.headers.accept).toBe('application/vnd.github+json');
      expect(request.headers['x-github-api-version']).toBe('2022-11-28');
    }
  });

  it('keeps the path of a GitHub Enterprise Server API URL', async () => {
    const server = await serve(() => ({ status: 200, body: users('ana') }));
    const result = await load(github(`${server.base}/api/v3/`));
    expect(result.ok && result.usernames).toEqual(['ana']);
    expect(server.requests.map((r) => r.url)).toEqual([`/api/v3${FIRST}`]);
  });

  it('names the variable on HTTP 401', async () => {
    const server = await serve(() => ({ status: 401, body: { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest' } }));
    const result = failure(await load(github(server.base)));
    expect(result.message).toBe('GitHub rejected the token in GITHUB_TOKEN (HTTP 401 Unauthorized: Bad credentials): it is invalid or expired; create a new one and export it as GITHUB_TOKEN');
    expect(result.path).toBe('/roster/tokenEnv');
  });

  it('explains the access needed on HTTP 403', async () => {
    const server = await serve(() => ({ status: 403, body: { message: 'Must have push access to view repository collaborators.' } }));
    const result = failure(await load(github(server.base)));
    expect(result.message).toContain('GitHub refused to list collaborators of "acme/widgets" with the token in GITHUB_TOKEN (HTTP 403 Forbidden: Must have push access');
    expect(result.message).toContain('write access');
    expect(result.message).toContain('read:org');
  });

  it('tells an exhausted rate limit apart from a permission problem', async () => {
    const server = await serve(() => ({ status: 403, headers: { 'X-RateLimit-Remaining': '0' }, body: { message: 'API rate limit exceeded' } }));
    const result = failure(await load(github(server.base)));
    expect(result.message).toMatch(/^GitHub's API rate limit for the token in GITHUB_TOKEN is used up \(HTTP 403 Forbidden: API rate limit exceeded\)/);
  });

  it('says a 404 often means the token cannot see the repository', async () => {
    const server = await serve(() => ({ status: 404, body: { message: 'Not Found' } }));
    const result = failure(await load(github(server.base)));
    expect(result.message).toBe('GitHub answered HTTP 404 for repository "acme/widgets": it does not exist or the token in GITHUB_TOKEN cannot see it; check roster.repository and the repositories the token may access');
    expect(result.path).toBe('/roster/repository');
  });

  it('reports other statuses with the status, also on a later page', async () => {
    const server = await serve((req, base) =>
      req.url === FIRST ? { status: 200, headers: { Link: `<${base}/page2>; rel="next"` }, body: users('ana') } : { status: 500, body: { message: 'Server Error' } },
    );
    const result = failure(await load(github(server.base)));
    expect(result.message).toMatch(/^GitHub API at 127\.0\.0\.1:\d+ answered HTTP 500 Internal Server Error: Server Error while listing collaborators of "acme\/widgets"$/);
    expect(server.requests.map((r) => r.url)).toEqual([FIRST, '/page2']);
  });

  it('never sends the token to another server named in a next link', async () => {
    const other = await serve(() => ({ status: 200, body: users('mallory') }));
    const server = await serve(() => ({ status: 200, headers: { Link: `<${other.base}/steal>; rel="next"` }, body: users('ana') }));
    const result = failure(await load(github(server.base)));
    expect(result.message).toContain('refusing to send the token there');
    expect(other.requests).toHaveLength(0);
  });

  it('stops on a next link back to a page already read', async () => {
    const server = await serve((req, base) => ({ status: 200, headers: { Link: `<${base}${FIRST}>; rel="next"` }, body: users('ana') }));
    const result = failure(await load(github(server.base)));
    expect(result.message).toContain('page already read');
    expect(server.requests).toHaveLength(1);
  });

  it('reports an answer that is not a list of collaborators', async () => {
    const server = await serve(() => ({ status: 200, body: { login: 'ana' } }));
    const result = failure(await load(github(server.base)));
    expect(result.message).toContain('without a list of collaborators');
  });

  it('names a missing token variable without calling the API', async () => {
    const server = await serve(() => ({ status: 200, body: [] }));
    const result = failure(await load(github(server.base), {}));
    expect(result.message).toBe('environment variable GITHUB_TOKEN is not set: the GitHub roster needs a GitHub token that can list the repository collaborators in it (the variable is named by roster.tokenEnv in schedules/compute.json)');
    expect(server.requests).toHaveLength(0);
  });

  it('names the host it could not reach', async () => {
    const url = await closedPortUrl();
    const result = failure(await load(github(url)));
    expect(result.message).toBe(`could not reach GitHub at ${new URL(url).host} (ECONNREFUSED): check roster.url and your network`);
  });
});

describe('githubCollaboratorsUrl', () => {
  it('joins the base URL and the repository', () => {
    expect(githubCollaboratorsUrl('https://api.github.com', 'acme/widgets.js')).toBe('https://api.github.com/repos/acme/widgets.js/collaborators?per_page=100&affiliation=all');
    expect(githubCollaboratorsUrl('https://ghe.example.com/api/v3/', 'a/b')).toBe('https://ghe.example.com/api/v3/repos/a/b/collaborators?per_page=100&affiliation=all');
  });
});

describe('parseLinkHeader', () => {
  it('reads every relation of a GitHub Link header', () => {
    expect(parseLinkHeader('<https://x/c?page=2>; rel="next", <https://x/c?page=5>; rel="last"')).toEqual({ next: 'https://x/c?page=2', last: 'https://x/c?page=5' });
  });
  it('accepts unquoted and multi-valued rel and extra parameters', () => {
    expect(parseLinkHeader('<https://x/a>; title="a, b"; rel=next,<https://x/b>;rel="prev first"')).toEqual({ next: 'https://x/a', prev: 'https://x/b', first: 'https://x/b' });
  });
  it('is empty without a header', () => {
    expect(parseLinkHeader(null)).toEqual({});
    expect(parseLinkHeader('')).toEqual({});
  });
});
