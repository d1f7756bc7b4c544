import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseRosterFile } from './file-roster';
import { loadRoster } from './load-roster';
import type { RosterResult } from './types';

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
  return result;
}

describe('file roster', () => {
  it('reads members with their e-mails', async () => {
    writeFileSync(
      join(dir, 'maintainers.json'),
      JSON.stringify({ members: [{ username: 'ana', name: 'Ana', emails: ['ana@example.com'] }, { username: 'ben' }, { username: 'Ana', emails: [] }] }),
    );
    expect(await load()).toEqual({
      ok: true,
      usernames: ['ana', 'ben'],
      members: [
        { username: 'ana', name: 'Ana', emails: ['ana@example.com'] },
        { username: 'ben', emails: [] },
        { username: 'Ana', emails: [] },
      ],
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
    const result = failure(await load());
    expect(result.message).toMatch(/^roster file schedules\/maintainers\.json does not exist: create it listing who may maintain schedules, for example \{"members": /);
    expect(result.message).toContain('or point roster.path in schedules/compute.json at your roster');
    expect(result).toMatchObject({ file: 'schedules/maintainers.json', path: '' });
    expect(result.problems).toHaveLength(1);
  });

  it('says where the JSON is broken', async () => {
    writeFileSync(join(dir, 'maintainers.json'), '{\n  "members": [\n    {"username": "ana",}\n  ]\n}');
    const result = failure(await load());
    expect(result.message).toMatch(/^roster file is not valid JSON: .* at line 3, column \d+$/);
    expect(result.file).toBe('schedules/maintainers.json');
  });

  it('reports every schema mistake at once, each with its field', async () => {
    writeFileSync(join(dir, 'maintainers.json'), JSON.stringify({ members: [{ username: 'ana', emails: ['not-an-email'] }, { name: 'Nobody' }], extra: 1 }));
    const result = failure(await load());
    expect(result.problems.map((p) => [p.file, p.path])).toEqual(
      expect.arrayContaining([
        ['schedules/maintainers.json', '/members/0/emails/0'],
        ['schedules/maintainers.json', '/members/1/username'],
        ['schedules/maintainers.json', '/extra'],
      ]),
    );
    expect(result.problems).toHaveLength(3);
    expect(result.message).toMatch(/^roster file schedules\/maintainers\.json is invalid: /);
    expect(result.message).toContain('/members/1/username is required');
    expect(result.message).toContain('/extra unknown field "extra"');
  });

  it('reports a directory where the file should be', async () => {
    mkdirSync(join(dir, 'maintainers.json'));
    expect(failure(await load()).message).toBe('roster file schedules/maintainers.json is a directory, not a JSON file: fix roster.path in schedules/compute.json');
  });
});

describe('parseRosterFile', () => {
  it('needs a members list', () => {
    const result = parseRosterFile('{}', 'roster.json');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual([{ file: 'roster.json', schedule: undefined, path: '/members', severity: 'error', message: 'is required (array)' }]);
  });
});
