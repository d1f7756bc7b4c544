import { isAbsolute, relative, resolve } from 'node:path';

/** Where synth writes the stack and deploy finds it, from the workspace root. */
export const DEFAULT_OUTPUT_PATH = 'dist/compute';

/** `path` relative to the workspace root with forward slashes, or undefined when it is outside (or is) the workspace. */
export function workspacePath(workspaceRoot: string, path: string): string | undefined {
  const absolute = resolve(workspaceRoot, path);
  const rel = relative(workspaceRoot, absolute);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel.split('\\').join('/');
}
