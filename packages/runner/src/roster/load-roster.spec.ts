import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { RosterResult } from '@compute/schedule';
import { loadRoster } from './load-roster';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'compute-roster-'));
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function load(path = 'maintainers.json', projectRoot = 'schedules'): Promise<RosterResult> {
  return loadRoster({ source: 'file', path }, { projectDir: dir, projectRoot, env: {} });
}

function failure(result: RosterResult) {
  if (result.ok) throw new Error(`expected a failure, got ${JSON.stringify(result)}`);
  return result.problems;
}

describe('file roster', () => {
  it('reads members with their e-mails', async () => {
    writeFileSync(join(dir, 'maintainers.json'), '{"members": [{"username": "ana", "emails": ["ana@example.com"]}, {"username": "ben"}]}');
    expect(await load()).toEqual({
      ok: true,
      usernames: ['ana', 'ben'],
      members: [{ username: 'ana', emails: ['ana@example.com'] }, { username: 'ben', emails: [] }],
      source: 'schedules/maintainers.json',
    });
  });

  it('reads a roster in a subfolder and names it from the workspace root', async () => {
    mkdirSync(join(dir, 'people'));
    writeFileSync(join(dir, 'people', 'team.json'), '{"members": [{"username": "ana"}]}');
    const result = await load('people/team.json', 'ops/schedules/');
    expect(result.ok && result.source).toBe('ops/schedules/people/team.json');
  });

  it('accepts the roster shipped in this repository', async () => {
    const result = await loadRoster({ source: 'file', path: 'maintainers.json' }, { projectDir: resolve(__dirname, '../../../../schedules'), projectRoot: 'schedules', env: {} });
    expect(result.ok && result.usernames.length).toBeGreaterThan(0);
  });

  it('says how to create a missing roster file', async () => {
    const [problem, ...more] = failure(await load());
    expect(problem.message).toMatch(/^roster file schedules\/maintainers\.json does not exist: create it listing who may maintain schedules, for example \{"members": /);
    expect(problem.message).toContain('or point roster.path in schedules/compute.json at your roster');
    expect(problem).toMatchObject({ file: 'schedules/maintainers.json', path: '' });
    expect(more).toEqual([]);
  });

  it('says where the JSON is broken', async () => {
    writeFileSync(join(dir, 'maintainers.json'), '{\n  "members": [\n    {"username": "ana",}\n  ]\n}');
    expect(failure(await load())).toEqual([
      { file: 'schedules/maintainers.json', path: '', severity: 'error', message: 'roster file is not valid JSON: expected a string in double quotes but found "}" at line 3, column 24' },
    ]);
  });

  it('reports every schema mistake at once, each with its field', async () => {
    writeFileSync(join(dir, 'maintainers.json'), JSON.stringify({ members: [{ username: 'ana', emails: ['not-an-email'] }, { name: 'Nobody' }], extra: 1 }));
    const problems = failure(await load());
    expect(problems.map((p) => [p.file, p.path])).toEqual(
      expect.arrayContaining([
        ['schedules/maintainers.json', '/members/0/emails/0'],
        ['schedules/maintainers.json', '/members/1/username'],
        ['schedules/maintainers.json', '/extra'],
      ]),
    );
    expect(problems).toHaveLength(3);
    expect(problems.find((p) => p.path === '/members/1/username')?.message).toMatch(/^is required/);
    expect(problems.find((p) => p.path === '/extra')?.message).toContain('unknown field "extra"');
  });

  it('reports a directory where the file should be', async () => {
    mkdirSync(join(dir, 'maintainers.json'));
    expect(failure(await load())[0].message).toBe('roster file schedules/maintainers.json is a directory, not a JSON file: fix roster.path in schedules/compute.json');
  });
});
