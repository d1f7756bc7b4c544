import { posix } from 'node:path';
import { locatePackage } from '../plugins/code-location';

/**
 * Where @compute/schedule (and its JSON Schemas) lives, from the workspace root:
 * its sources when it is a workspace package (this repository), otherwise the
 * installed copy in node_modules.
 */
export function schedulePackageRoot(workspaceRoot: string): string {
  const location = locatePackage('@compute/schedule', __dirname, workspaceRoot);
  return location?.kind === 'workspace' ? location.root : 'node_modules/@compute/schedule';
}

/** The `$schema` value for a file in `fromDir` (from the workspace root). */
export function schemaReference(workspaceRoot: string, fromDir: string, schemaFile: 'schedule.schema.json' | 'compute.schema.json' | 'roster.schema.json'): string {
  const target = posix.join(schedulePackageRoot(workspaceRoot), 'schemas', schemaFile);
  const from = fromDir === '' ? '.' : fromDir;
  return posix.relative(from, target);
}
