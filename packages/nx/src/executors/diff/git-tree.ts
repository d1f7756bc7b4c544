import { spawnSync } from 'node:child_process';
import { posix } from 'node:path';
import { CONFIG_FILE_NAME, posixPath, SCHEDULE_FILE_SUFFIX, type CatalogSources } from '@compute/schedule';

/** Runs git in the workspace; injectable for tests. */
export type Git = (args: string[], input?: string) => { status: number; stdout: Buffer; stderr: string };

export function systemGit(cwd: string): Git {
  return (args, input) => {
    const result = spawnSync('git', args, { cwd, input, maxBuffer: 1024 * 1024 * 1024 });
    if (result.error) {
      const missing = (result.error as NodeJS.ErrnoException).code === 'ENOENT';
      return { status: 127, stdout: Buffer.alloc(0), stderr: missing ? 'git is not on PATH' : result.error.message };
    }
    return { status: result.status ?? 1, stdout: result.stdout, stderr: result.stderr.toString('utf8').trim() };
  };
}

/** A base that cannot be read; the message says what to do. */
export class BaseError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BaseError';
    this.stack = '';
  }
}

export interface BaseTree {
  /** The commit the ref named, in full. */
  commit: string;
  /** Whether the compute project's compute.json existed at that commit. */
  exists: boolean;
  sources: CatalogSources;
  /** Reads a file of that commit by its path from the workspace root (init data). */
  readFile: (workspacePath: string) => string;
}

/**
 * The compute project as it is at `ref`, read from git's object store: no checkout, no
 * network. The workspace may sit below the repository's root (a prefix).
 *
 * A file git reports unchanged between `ref` and the working tree (`git diff`, which checks
 * content whenever file stats are not conclusive) is taken from `workingTree`, which
 * already holds it: a change to one schedule of a thousand reads one blob, not a thousand.
 */
export function readBaseTree(git: Git, ref: string, projectRoot: string, workingTree: (workspacePath: string) => string | undefined = () => undefined): BaseTree {
  const commit = resolveCommit(git, ref);
  const prefix = run(git, ['rev-parse', '--show-prefix'], 'find the repository root').toString('utf8').trim();
  const inRepo = (workspacePath: string) => posix.join(prefix, workspacePath);
  const projectDir = posixPath(projectRoot);

  // One listing of the project's folder, recursively, with types and sizes: schedule files
  // and compute.json are read in one batch, init data in a second when synthesis asks.
  const dirInRepo = posix.normalize(inRepo(projectDir)) === '.' ? '' : inRepo(projectDir);
  const entries = new Map<string, { type: string; mode: string; id: string; size: number }>();
  const listing = run(git, ['ls-tree', '-r', '-t', '-l', '-z', '--full-tree', commit, '--', dirInRepo === '' ? '.' : `${dirInRepo}/`], `list ${projectDir || '.'} at ${ref}`).toString('utf8');
  for (const record of listing.split('\0')) {
    const tab = record.indexOf('\t');
    if (tab === -1) continue;
    const [mode, type, id, size] = record.slice(0, tab).split(/ +/);
    const path = record.slice(tab + 1);
    const inProject = dirInRepo === '' ? path : path.slice(dirInRepo.length + 1);
    entries.set(inProject, { type, mode, id, size: Number(size) });
  }
  // Paths (from the repository root) whose content differs between the commit and the working tree.
  const differing = new Set(
    run(git, ['diff', '--name-only', '--no-renames', '-z', commit, '--', `:(top)${dirInRepo}`], `compare ${projectDir || '.'} with ${ref}`)
      .toString('utf8')
      .split('\0')
      .filter(Boolean),
  );
  const unchanged = (projectPath: string) => !differing.has(posix.join(dirInRepo, projectPath));
  const isFile = (projectPath: string) => {
    const entry = entries.get(projectPath);
    // A symbolic link's blob is the link's target, not the file's content.
    return entry !== undefined && entry.type === 'blob' && entry.mode !== '120000';
  };
  const rel = (name: string) => (projectDir === '' ? name : `${projectDir}/${name}`);
  // Objects by id: a "<commit>:<path>" name makes git search the folder for every file.
  const blobName = (projectPath: string) => entries.get(projectPath)!.id;
  /** Files by project path, from the working tree when unchanged there, else in one batch from git. */
  const readMany = (paths: string[]): (string | undefined)[] => {
    const texts = paths.map((path) => (unchanged(path) ? workingTree(rel(path)) : undefined));
    const missing = paths.filter((_, index) => texts[index] === undefined);
    const fromGit = catFiles(git, missing.map(blobName));
    let next = 0;
    return texts.map((text) => text ?? fromGit[next++]);
  };

  const topLevel = [...entries.keys()].filter((path) => !path.includes('/')).sort();
  const wanted = topLevel.filter((name) => name === CONFIG_FILE_NAME || name.endsWith(SCHEDULE_FILE_SUFFIX));
  const readable = wanted.filter(isFile);
  const texts = readMany(readable);
  const files = new Map(readable.map((name, index) => [name, texts[index]]));
  const source = (name: string) => {
    const text = files.get(name);
    return text === undefined ? { path: rel(name), unreadable: 'cannot be read at the base: it is not a file there (a link or a folder?)' } : { path: rel(name), text };
  };
  const exists = files.has(CONFIG_FILE_NAME);

  let others: Map<string, string> | undefined;
  const readFile = (workspacePath: string): string => {
    const projectPath = projectDir === '' ? workspacePath : posix.relative(projectDir, workspacePath);
    if (!projectPath.startsWith('..') && isFile(projectPath)) {
      if (!others) {
        // Every other small file of the project at once (init data is a few KiB): one process.
        const small = [...entries.keys()].filter((path) => isFile(path) && !files.has(path) && entries.get(path)!.size <= 1024 * 1024);
        const read = readMany(small);
        others = new Map(small.map((path, index) => [path, read[index] ?? '']));
      }
      const text = others.get(projectPath) ?? readMany([projectPath])[0];
      if (text !== undefined) return text;
    } else if (projectPath.startsWith('..')) {
      const [text] = catFiles(git, [`${commit}:${inRepo(workspacePath)}`]);
      if (text !== undefined) return text;
    }
    throw Object.assign(new Error(`${workspacePath} does not exist at ${ref}`), { code: 'ENOENT' });
  };
  const fileExists = (projectPath: string) => {
    const path = posix.normalize(projectPath);
    return path.startsWith('..') ? catFiles(git, [`${commit}:${inRepo(posix.join(projectDir, path))}`])[0] !== undefined : isFile(path);
  };

  return {
    commit,
    exists,
    sources: {
      projectRoot,
      config: wanted.includes(CONFIG_FILE_NAME) ? source(CONFIG_FILE_NAME) : undefined,
      schedules: wanted.filter((name) => name.endsWith(SCHEDULE_FILE_SUFFIX)).map(source),
      fileExists,
    },
    readFile,
  };
}

function resolveCommit(git: Git, ref: string): string {
  if (ref.startsWith('-')) throw new BaseError(`diff: --base "${ref}" is not a git ref`);
  const result = git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  if (result.status === 0) return result.stdout.toString('utf8').trim();
  const inside = git(['rev-parse', '--is-inside-work-tree']);
  if (inside.status !== 0) {
    throw new BaseError(`diff: cannot read the base from git: ${inside.stderr || 'this workspace is not a git repository'}. compute:diff compares the working tree with a commit, so it needs the repository.`);
  }
  throw new BaseError(
    `diff: the base "${ref}" is not a commit in this repository. Pass an existing ref with --base (a branch, tag or commit), or fetch it first; in CI, fetch enough history (for example git fetch origin ${ref.replace(/^origin\//, '')}, or actions/checkout with fetch-depth: 0).`,
  );
}

function run(git: Git, args: string[], what: string): Buffer {
  const result = git(args);
  if (result.status !== 0) throw new BaseError(`diff: could not ${what}: ${result.stderr || `git ${args[0]} failed`}`);
  return result.stdout;
}

/**
 * Blob contents for "<commit>:<path>" names in one `git cat-file --batch`, so a thousand
 * files cost one process. A name that is missing or not a file gives undefined.
 */
function catFiles(git: Git, names: string[]): (string | undefined)[] {
  if (names.length === 0) return [];
  const out = git(['cat-file', '--batch'], names.join('\n') + '\n');
  if (out.status !== 0) throw new BaseError(`diff: could not read files from git: ${out.stderr}`);
  const buffer = out.stdout;
  const texts: (string | undefined)[] = [];
  let offset = 0;
  for (let i = 0; i < names.length; i++) {
    const end = buffer.indexOf(0x0a, offset);
    const header = buffer.toString('utf8', offset, end).split(' ');
    offset = end + 1;
    if (header[1] === 'missing' || header.length < 3) {
      texts.push(undefined);
      continue;
    }
    const size = Number(header[2]);
    texts.push(header[1] === 'blob' ? buffer.toString('utf8', offset, offset + size) : undefined);
    offset += size + 1;
  }
  return texts;
}
