import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, sep } from 'node:path';

/** The repository this test runs from. */
export const repoRoot = join(__dirname, '..', '..', '..');
/** nx's own CLI entry, read from its package.json so a moved file cannot break the tests. */
const nxPackage = require.resolve('nx/package.json', { paths: [repoRoot] });
export const nxBin = join(dirname(nxPackage), (require(nxPackage) as { bin: { nx: string } }).bin.nx);

/** Never copied: installed or generated state that a clean clone does not have. */
const SKIP = new Set(['node_modules', '.nx', 'dist', '.git', 'coverage']);

export interface CommandResult {
  status: number;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, for messages that may go to either. */
  output: string;
}

export interface RunOptions {
  env?: NodeJS.ProcessEnv;
  input?: string;
  timeoutMs?: number;
}

export interface TempWorkspace {
  root: string;
  nx(args: string[], options?: RunOptions): CommandResult;
  run(command: string, args: string[], options?: RunOptions): CommandResult;
  git(args: string[]): CommandResult;
  write(path: string, text: string): void;
  read(path: string): string;
  exists(path: string): boolean;
  cleanup(): void;
}

/** Environment of every command: deterministic, offline, no daemon, no colours. */
export function baseEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NX_DAEMON: 'false',
    NX_NO_CLOUD: 'true',
    NX_TUI: 'false',
    FORCE_COLOR: '0',
    NO_COLOR: '1',
    CI: 'true',
    GIT_AUTHOR_NAME: 'Compute E2E',
    GIT_AUTHOR_EMAIL: 'e2e@example.com',
    GIT_COMMITTER_NAME: 'Compute E2E',
    GIT_COMMITTER_EMAIL: 'e2e@example.com',
    ...extra,
  };
}

/**
 * Copies this workspace into `destination` as a clean clone has it (none of SKIP),
 * then links node_modules from the repository: installing would take minutes.
 */
export function copyWorkspace(destination: string): void {
  cpSync(repoRoot, destination, {
    recursive: true,
    filter: (source) => {
      const rel = relative(repoRoot, source);
      return rel === '' || !rel.split(sep).some((part) => SKIP.has(part));
    },
  });
  symlinkSync(join(repoRoot, 'node_modules'), join(destination, 'node_modules'), 'dir');
}

/**
 * A copy of this workspace (see copyWorkspace) in a temporary directory, committed
 * to a fresh git repository. Drives the real nx CLI the way a user does.
 */
export function createTempWorkspace(): TempWorkspace {
  const root = mkdtempSync(join(tmpdir(), 'compute-e2e-'));
  copyWorkspace(root);

  const run = (command: string, args: string[], options: RunOptions = {}): CommandResult => {
    const spawnOptions: SpawnSyncOptions = {
      cwd: root,
      env: baseEnv(options.env),
      input: options.input ?? '',
      encoding: 'utf8',
      timeout: options.timeoutMs ?? 150_000,
      maxBuffer: 64 * 1024 * 1024,
    };
    const result = spawnSync(command, args, spawnOptions);
    if (result.error) throw result.error;
    const stdout = String(result.stdout ?? '');
    const stderr = String(result.stderr ?? '');
    return { status: result.status ?? 1, stdout, stderr, output: stdout + stderr };
  };
  const git = (args: string[]) => {
    const result = run('git', args);
    if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed:\n${result.output}`);
    return result;
  };

  git(['init', '-q', '-b', 'main']);
  git(['add', '-A']);
  git(['commit', '-q', '-m', 'initial']);

  return {
    root,
    run,
    git,
    nx: (args, options) => run(process.execPath, [nxBin, ...args], options),
    write: (path, text) => {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), text);
    },
    read: (path) => readFileSync(join(root, path), 'utf8'),
    exists: (path) => existsSync(join(root, path)),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
}
