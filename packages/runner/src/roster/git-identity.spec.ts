import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readGitIdentity } from './git-identity';

describe('readGitIdentity', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'compute-git-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("reads the repository's user.name and user.email", () => {
    execFileSync('git', ['init', '-q'], { cwd: dir });
    execFileSync('git', ['config', 'user.name', 'Ana Platform'], { cwd: dir });
    execFileSync('git', ['config', 'user.email', 'ana@example.com'], { cwd: dir });
    expect(readGitIdentity(dir)).toEqual({ name: 'Ana Platform', email: 'ana@example.com' });
  });

  it('swallows failures (a directory that does not exist)', () => {
    expect(readGitIdentity(join(dir, 'missing'))).toEqual({ name: undefined, email: undefined });
  });
});
