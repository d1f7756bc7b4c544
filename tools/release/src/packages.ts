import { join } from 'node:path';

/** The repository root, from tools/release/src. */
export const repoRoot = join(__dirname, '..', '..', '..');

/**
 * The published packages, dependencies first (the publish order): one version
 * for all four, since @compute/nx pins the other three exactly.
 */
export const PUBLISHED: readonly PublishedPackage[] = [
  // The plugin's graph inference imports the defaults and the path helpers alone (the index loads zod).
  { name: '@compute/schedule', dir: 'packages/schedule', modules: ['src/defaults', 'src/paths'] },
  { name: '@compute/runner', dir: 'packages/runner' },
  // Deploy imports terraform's half alone (the index loads cdktf).
  { name: '@compute/infra', dir: 'packages/infra', modules: ['src/deploy'] },
  // The init generator's default init data is this repository's own (one copy, deployed here).
  { name: '@compute/nx', dir: 'packages/nx', shared: [{ from: 'schedules/init', to: 'src/generators/init/files/init' }] },
];

export interface PublishedPackage {
  name: string;
  /** The package folder, from the repository root. */
  dir: string;
  /** Folders from elsewhere in the repository that the package carries, from the repository root to the package. */
  shared?: readonly { from: string; to: string }[];
  /** Modules other packages import directly, besides the index (exported as `<name>/<module>`). */
  modules?: readonly string[];
}

/** Where `build` writes the publishable copy of a package (what npm packs). */
export function stagedDir(pkg: { dir: string }): string {
  return join(repoRoot, 'dist', pkg.dir);
}
