import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { SCHEDULE_FILE_SUFFIX } from '../names';
import { buildCatalog, type CatalogResult } from './build-catalog';
import { CONFIG_FILE_NAME, type SourceFile } from './catalog';

/** Reads a compute project from disk and validates it (the IO edge of buildCatalog). */
export function loadCatalog(workspaceRoot: string, projectRoot: string): CatalogResult {
  const absolute = join(workspaceRoot, projectRoot);
  const rel = (name: string) => (projectRoot === '' || projectRoot === '.' ? name : posix.join(projectRoot.replace(/\\/g, '/'), name));
  const read = (name: string): SourceFile => ({ path: rel(name), text: readFileSync(join(absolute, name), 'utf8') });

  const names = existsSync(absolute) ? readdirSync(absolute).filter((n) => n.endsWith(SCHEDULE_FILE_SUFFIX)).sort() : [];
  return buildCatalog({
    projectRoot,
    config: existsSync(join(absolute, CONFIG_FILE_NAME)) ? read(CONFIG_FILE_NAME) : undefined,
    schedules: names.map(read),
    fileExists: (path) => existsSync(join(absolute, path)),
  });
}
