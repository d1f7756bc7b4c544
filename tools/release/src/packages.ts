import { join } from 'node:path';

/** The repository root, from tools/release/src. */
export const repoRoot = join(__dirname, '..', '..', '..');

/**
 * The published packages, dependencies first (the publish order): one version
 * for all four, since @compute/nx pins the other three exactly.
 */
export const PUBLISHED = [
  { name: '@compute/schedule', dir: 'packages/schedule' },
  { name: '@compute/runner', dir: 'packages/runner' },
  { name: '@compute/infra', dir: 'packages/infra' },
  { name: '@compute/nx', dir: 'packages/nx' },
] as const;

export type PublishedPackage = (typeof PUBLISHED)[number];

/** Where `build` writes the publishable copy of a package (what npm packs). */
export function stagedDir(pkg: { dir: string }): string {
  return join(repoRoot, 'dist', pkg.dir);
}
