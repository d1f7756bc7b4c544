import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { locateProblems } from '../json-location';
import { SCHEDULE_FILE_SUFFIX } from '../names';
import { posixPath } from '../paths';
import type { Problem } from '../problems';
import { buildCatalog, type CatalogResult, type CatalogSources } from './build-catalog';
import { CONFIG_FILE_NAME, type SourceFile, type UnreadableFile } from './catalog';

/** Reads a compute project from disk and validates it (the IO edge of buildCatalog). */
export function loadCatalog(workspaceRoot: string, projectRoot: string): CatalogResult {
  return buildCatalog(readCatalogSources(workspaceRoot, projectRoot));
}

/** A compute project's files on disk, as buildCatalog takes them. */
export function readCatalogSources(workspaceRoot: string, projectRoot: string): CatalogSources {
  const absolute = join(workspaceRoot, projectRoot);
  // One unreadable file is one problem naming it, never a crash of the whole check.
  const read = (name: string): SourceFile | UnreadableFile => {
    try {
      return { path: posixPath(projectRoot, name), text: readFileSync(join(absolute, name), 'utf8') };
    } catch (error) {
      return { path: posixPath(projectRoot, name), unreadable: unreadableReason(error) };
    }
  };

  // Listed entries, not existsSync: a broken link named compute.json must be reported, not taken for "no config".
  const entries = existsSync(absolute) ? readdirSync(absolute).sort() : [];
  return {
    projectRoot,
    config: entries.includes(CONFIG_FILE_NAME) ? read(CONFIG_FILE_NAME) : undefined,
    schedules: entries.filter((n) => n.endsWith(SCHEDULE_FILE_SUFFIX)).map(read),
    fileExists: (path) => existsSync(join(absolute, path)),
  };
}

/**
 * Adds line and column to problems found after loading (maintainers, reviews), reading
 * each file they name once. A file that cannot be read leaves its problems as they are.
 */
export function locateProblemsInFiles(workspaceRoot: string, problems: readonly Problem[]): Problem[] {
  const texts = new Map<string, string | undefined>();
  return locateProblems(problems, (file) => {
    if (!texts.has(file)) {
      try {
        texts.set(file, readFileSync(join(workspaceRoot, file), 'utf8'));
      } catch {
        texts.set(file, undefined);
      }
    }
    return texts.get(file);
  });
}

/** Why a listed file cannot be read, without the absolute path the error message holds. */
export function unreadableReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EISDIR':
      return 'cannot be read: it is a directory, not a file; remove or rename it';
    case 'ENOENT':
      return 'cannot be read: it points to nothing (ENOENT: a broken link?); fix or remove the link';
    case 'ELOOP':
      return 'cannot be read: it is a link that leads back to itself (ELOOP); fix or remove the link';
    case 'EACCES':
    case 'EPERM':
      return `cannot be read: permission denied (${code}); make it readable`;
    default:
      return `cannot be read (${code ?? 'unknown error'})`;
  }
}
