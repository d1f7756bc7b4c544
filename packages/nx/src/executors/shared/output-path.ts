import { resolve } from 'node:path';
import { pathInside } from '@compute/schedule/src/paths';

/** Where synth writes the stack and deploy finds it, from the workspace root. */
export const DEFAULT_OUTPUT_PATH = 'dist/compute';

/** `path` relative to the workspace root with forward slashes, or undefined when it is outside (or is) the workspace. */
export function workspacePath(workspaceRoot: string, path: string): string | undefined {
  return pathInside(workspaceRoot, resolve(workspaceRoot, path));
}
