import { createHash } from 'node:crypto';
import { type Dirent, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import type { TargetConfiguration } from '@nx/devkit';
import { pathInside, posixPath } from '@compute/schedule/src/paths';

export type InputDefinition = NonNullable<TargetConfiguration['inputs']>[number];

/**
 * Where a Compute package's code lives as seen from a workspace:
 * - workspace: its sources are workspace files (this repository, a local plugin);
 *   they can be hashed and matched by `nx affected`;
 * - installed: a copy under the workspace's node_modules, known to Nx as an
 *   external (npm) node, identified by its version;
 * - linked: somewhere outside the workspace (npm link, a test workspace whose
 *   node_modules points elsewhere); Nx can track neither its files nor a node.
 */
export type CodeLocation =
  | { kind: 'workspace'; packageName: string; root: string; version: string }
  | { kind: 'installed'; packageName: string; version: string }
  | { kind: 'linked'; packageName: string; version: string; /** Sizes and times of its sources: a linked copy can change without a new version. */ fingerprint: string };

/** Locates a package directory (absolute) relative to the workspace root. */
export function locatePackageDir(packageDir: string, workspaceRoot: string): CodeLocation {
  const real = safeRealpath(packageDir);
  const pkg = readPackageJson(real);
  const packageName = typeof pkg.name === 'string' ? pkg.name : '';
  const version = typeof pkg.version === 'string' ? pkg.version : '0.0.0';
  const root = pathInside(safeRealpath(workspaceRoot), real);
  if (root === undefined) return { kind: 'linked', packageName, version, fingerprint: fingerprintSources(real) };
  if (root.split('/').includes('node_modules')) return { kind: 'installed', packageName, version };
  return { kind: 'workspace', packageName, root, version };
}

/** Locates an installed or linked package by name, resolving from `fromDir`. */
export function locatePackage(packageName: string, fromDir: string, workspaceRoot: string): CodeLocation | undefined {
  try {
    const manifest = require.resolve(`${packageName}/package.json`, { paths: [fromDir, workspaceRoot] });
    return locatePackageDir(dirname(manifest), workspaceRoot);
  } catch {
    return undefined;
  }
}

/** Globs (from the workspace root) whose contents decide what a package computes; none outside the workspace's own files. */
export function sourceGlobs(location: CodeLocation): string[] {
  if (location.kind !== 'workspace') return [];
  return [posixPath(location.root, 'src/**/*'), posixPath(location.root, 'package.json')];
}

/**
 * Task inputs standing for a package's code: its non-test sources when they are in
 * the workspace, so editing them re-runs (and `nx affected` selects) the task; its
 * installed version when it is an npm dependency. A linked package offers nothing
 * Nx can hash (an external dependency Nx does not know would fail the task).
 */
export function codeInputs(locations: readonly CodeLocation[]): InputDefinition[] {
  const inputs: InputDefinition[] = [];
  const installed: string[] = [];
  for (const location of locations) {
    if (location.kind === 'installed' && location.packageName) installed.push(location.packageName);
    if (location.kind !== 'workspace') continue;
    const base = location.root === '' ? '{workspaceRoot}' : `{workspaceRoot}/${location.root}`;
    inputs.push(`${base}/src/**/*`, `!${base}/src/**/*.spec.ts`);
  }
  if (installed.length > 0) inputs.push({ externalDependencies: [...installed].sort() });
  return inputs;
}

/**
 * Cheap change detection for sources Nx cannot hash: every file's path, size and modification time.
 *
 * Why the plugin keys its inference cache itself, and walks files here at all (checked against
 * Nx 24.0.x for issue 12): Nx's inputs (`{workspaceRoot}/...` globs, `externalDependencies`,
 * `{ input, projects }` from another project, `^production`) key task hashes only; they are what
 * codeInputs returns. The createNodes cache (PluginCache) has no inputs: Nx hashes only what the
 * plugin hands calculateHashesForCreateNodes, the project files and extra globs, and its hasher
 * knows workspace files only. So a workspace plugin's sources go there as globs (Nx hashes their
 * contents), an installed plugin is keyed by its version (its npm node is what
 * `externalDependencies` would hash too), and nothing of Nx's can see a linked plugin's edits: its
 * files are outside the workspace and a link's lockfile entry does not change when they do. This
 * walk covers that case alone, which keeps the guarantee that an edited plugin never serves stale
 * targets (the plugin spec edits a linked stand-in). `{ input, projects }` could replace the
 * workspace globs of the task inputs, but only by naming the plugin's project and relying on its
 * named inputs; the globs need neither and hash the same files.
 */
function fingerprintSources(packageDir: string): string {
  const entries: string[] = [];
  const walk = (dir: string) => {
    let names: Dirent[];
    try {
      names = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of names) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') walk(path);
      } else {
        const stat = statSync(path, { throwIfNoEntry: false });
        if (stat) entries.push(`${relative(packageDir, path)}:${stat.size}:${stat.mtimeMs}`);
      }
    }
  };
  walk(join(packageDir, 'src'));
  return createHash('sha256').update(entries.sort().join('\n')).digest('hex').slice(0, 16);
}

function readPackageJson(dir: string): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function safeRealpath(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}
