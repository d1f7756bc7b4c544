import type { RosterResult } from './types';

export type RosterFailure = Extract<RosterResult, { ok: false }>;

/** A roster failure with a single cause, located in `file` at `path`. */
export function rosterFailure(message: string, file: string, path = ''): RosterFailure {
  return { ok: false, problems: [{ file, path, severity: 'error', message }] };
}

/** Workspace-relative path of a file inside the compute project, forward slashes. */
export function projectFile(projectRoot: string, name: string): string {
  const root = projectRoot.replace(/\\/g, '/').replace(/\/+$/, '');
  const joined = root === '' || root === '.' ? name : `${root}/${name}`;
  return normalizeSegments(joined.replace(/\\/g, '/'));
}

function normalizeSegments(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..' && out.length > 0 && out[out.length - 1] !== '..') out.pop();
    else out.push(part);
  }
  return out.join('/');
}
