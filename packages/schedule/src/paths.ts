// Workspace-relative paths as Compute writes them everywhere (reports, Nx inputs, Terraform):
// forward slashes on every platform. This module imports node:path only, so the plugin's graph
// inference can import it alone (`@compute/schedule/src/paths`) without the package index.
import { isAbsolute, posix, relative } from 'node:path';

/**
 * Joins path segments with forward slashes, normalized and without a trailing slash, whatever
 * separators they were written with: ("schedules", "jobs\\x.js") gives "schedules/jobs/x.js".
 * "" and "." stand for the workspace root, which is "" itself; a leading ".." stays.
 */
export function posixPath(...segments: string[]): string {
  const joined = posix.join(...segments.map((segment) => segment.replace(/\\/g, '/')));
  const path = joined.length > 1 && joined.endsWith('/') ? joined.slice(0, -1) : joined;
  return path === '.' ? '' : path;
}

/** `target` relative to `root` with forward slashes, or undefined when it is `root` itself or lies outside it. */
export function pathInside(root: string, target: string): string | undefined {
  const rel = relative(root, target);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return posixPath(rel);
}
