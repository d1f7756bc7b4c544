/**
 * One command to publish Compute: builds the four packages (the cached Nx `build`
 * targets), checks every tarball, and runs `npm publish` for each staged copy in
 * dependency order, to whatever registry npm is configured for (`.npmrc`,
 * `npm_config_registry`, `@compute:registry`).
 *
 *   npm run release -- version 0.2.0 [--dry-run]   one version for all four packages
 *   npm run release -- publish [--dry-run] [--tag next] [--access public]
 *
 * Why a script and not `nx release`: nx release takes its version actions and
 * `nx-release-publish` targets from @nx/js, which the registry we install from only
 * has up to 23.x (mixing it with nx 24 pulls a second nx). Four packages at one
 * fixed version need little more than this file.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PUBLISHED, repoRoot, stagedDir } from './packages';
import { type Manifest, tarballProblems } from './manifest';

type Run = (command: string, args: string[], options?: { cwd?: string; capture?: boolean }) => string;

const run: Run = (command, args, options = {}) => {
  const result = spawnSync(command, args, {
    cwd: options.cwd ?? repoRoot,
    encoding: 'utf8',
    stdio: options.capture ? ['ignore', 'pipe', 'inherit'] : 'inherit',
    env: { ...process.env, NX_DAEMON: process.env.NX_DAEMON ?? 'false' },
  });
  if (result.error) throw result.error;
  if (result.status !== 0) throw new ReleaseError(`${command} ${args.join(' ')} failed (exit ${result.status})`);
  return result.stdout ?? '';
};

export class ReleaseError extends Error {}

/** Sets `version` on the four packages and on every workspace dependency on them. */
export function setVersion(version: string, dryRun: boolean, log: (line: string) => void = console.log): string[] {
  if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version)) throw new ReleaseError(`"${version}" is not a version like 1.2.3 or 1.3.0-rc.1`);
  const names = new Set<string>(PUBLISHED.map((p) => p.name));
  const workspaceManifests = workspaceDirs().map((dir) => join(repoRoot, dir, 'package.json'));
  const changed: string[] = [];
  for (const path of workspaceManifests) {
    const manifest = JSON.parse(readFileSync(path, 'utf8')) as Manifest;
    let touched = false;
    if (names.has(manifest.name) && manifest.version !== version) {
      manifest.version = version;
      touched = true;
    }
    for (const field of ['dependencies', 'devDependencies', 'peerDependencies'] as const) {
      for (const name of Object.keys(manifest[field] ?? {})) {
        if (names.has(name) && manifest[field]![name] !== version) {
          manifest[field]![name] = version;
          touched = true;
        }
      }
    }
    if (!touched) continue;
    changed.push(path);
    log(`${dryRun ? 'would set' : 'set'} ${version} in ${path.slice(repoRoot.length + 1)}`);
    if (!dryRun) writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
  }
  if (!dryRun && changed.length > 0) run('npm', ['install', '--package-lock-only', '--no-audit', '--no-fund']);
  return changed;
}

/** Builds, checks and publishes the four packages, dependencies first. */
export function publish(options: { dryRun: boolean; tag?: string; access?: string }, exec: Run = run, log: (line: string) => void = console.log): void {
  exec('npx', ['nx', 'run-many', '-t', 'build', '-p', PUBLISHED.map((p) => p.name).join(','), '--outputStyle=static']);
  const versions = new Set(PUBLISHED.map((p) => (JSON.parse(readFileSync(join(stagedDir(p), 'package.json'), 'utf8')) as Manifest).version));
  if (versions.size !== 1) throw new ReleaseError(`the packages have different versions (${[...versions].join(', ')}): run \`npm run release -- version <x>\``);
  const problems = PUBLISHED.flatMap((p) => tarballProblems(p.name, packedFiles(p, exec)));
  if (problems.length > 0) throw new ReleaseError(`refusing to publish:\n  ${problems.join('\n  ')}`);
  for (const pkg of PUBLISHED) {
    log(`${options.dryRun ? 'dry run: ' : ''}npm publish ${pkg.name}@${[...versions][0]}`);
    exec('npm', ['publish', stagedDir(pkg), ...(options.dryRun ? ['--dry-run'] : []), ...(options.tag ? ['--tag', options.tag] : []), ...(options.access ? ['--access', options.access] : [])]);
  }
}

/** The files npm would put in the tarball (`npm pack --dry-run --json`). */
export function packedFiles(pkg: { name: string; dir: string }, exec: Run = run): string[] {
  const output = exec('npm', ['pack', '--dry-run', '--json', '--ignore-scripts', stagedDir(pkg)], { capture: true });
  const [packed] = JSON.parse(output) as Array<{ files: Array<{ path: string }> }>;
  return packed.files.map((file) => file.path).sort();
}

function workspaceDirs(): string[] {
  const root = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as Manifest & { workspaces?: string[] };
  const dirs = ['.'];
  for (const pattern of root.workspaces ?? []) {
    const base = pattern.replace(/\/\*$/, '');
    for (const entry of readdirSync(join(repoRoot, base), { withFileTypes: true })) {
      if (entry.isDirectory() && existsSync(join(repoRoot, base, entry.name, 'package.json'))) dirs.push(`${base}/${entry.name}`);
    }
  }
  return dirs;
}

function main(argv: string[]): void {
  const [command, ...rest] = argv;
  const dryRun = rest.includes('--dry-run');
  const option = (name: string) => (rest.includes(name) ? rest[rest.indexOf(name) + 1] : undefined);
  if (command === 'version' && rest[0] && !rest[0].startsWith('--')) return void setVersion(rest[0], dryRun);
  if (command === 'publish') return publish({ dryRun, tag: option('--tag'), access: option('--access') });
  throw new ReleaseError('usage: npm run release -- version <x.y.z> [--dry-run] | publish [--dry-run] [--tag <tag>] [--access public]');
}

if (require.main === module) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    console.error(error instanceof ReleaseError ? `release: ${error.message}` : error);
    process.exitCode = 1;
  }
}
