import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SCHEDULE_FILE_SUFFIX } from '../names';
import { posixPath } from '../paths';
import type { Problem } from '../problems';
import { CONFIG_FILE_NAME } from './catalog';

/** Fields only a schedule has; a JSON object with two of them was meant to be one. */
const SCHEDULE_FIELDS = ['scheduleExpression', 'command', 'awsRole', 'meta', 'timeout', 'attempts'];
/** JSON files a compute project owns besides its schedules. */
const OWN_FILES = new Set([CONFIG_FILE_NAME, 'project.json', 'package.json', 'tsconfig.json']);
/** Folders that never hold schedules: generated, installed or version control. */
const SKIPPED_FOLDERS = new Set(['node_modules', 'dist', 'coverage', '.git', '.nx']);

export interface ProjectFile {
  /** From the project root, with forward slashes. */
  path: string;
  /** The text, for JSON files (to see whether it holds a schedule). */
  text?: string;
}

/**
 * Files that look like a schedule but are not read as one, so they would be neither
 * checked, listed nor deployed: a near-miss name (`x.schedule.jsn`, `x.json` holding
 * schedule fields) or a schedule file in a subfolder. Schedules live directly in the
 * project folder: their file name is their name, unique across the project.
 */
export function strayScheduleFiles(files: readonly ProjectFile[], projectRoot: string, ownFiles: readonly string[] = []): Problem[] {
  const own = new Set([...OWN_FILES, ...ownFiles]);
  const problems: Problem[] = [];
  for (const { path, text } of files) {
    const base = path.split('/').pop() ?? path;
    const inSubfolder = path.includes('/');
    if (!inSubfolder && (path.endsWith(SCHEDULE_FILE_SUFFIX) || own.has(path))) continue;
    const nearMissName = /\.schedule\b/i.test(base) && !base.endsWith(SCHEDULE_FILE_SUFFIX);
    const scheduleFile = base.endsWith(SCHEDULE_FILE_SUFFIX);
    const holdsSchedule = /\.json$/i.test(base) && text !== undefined && looksLikeSchedule(text);
    if (!nearMissName && !scheduleFile && !holdsSchedule) continue;
    const name = (scheduleFile ? base.slice(0, -SCHEDULE_FILE_SUFFIX.length) : base.replace(/\.schedule\b.*$/i, '').replace(/\.json$/i, '')) || 'name';
    const where = projectRoot === '' || projectRoot === '.' ? '' : `${projectRoot}/`;
    const fix = posixPath(projectRoot, `${name}${SCHEDULE_FILE_SUFFIX}`);
    problems.push({
      file: posixPath(projectRoot, path),
      path: '',
      severity: 'warning',
      message: inSubfolder
        ? `looks like a schedule but is in a subfolder, so it is not checked, listed or deployed: schedules are read only from ${where || 'the project folder'} (move it to ${fix})`
        : `looks like a schedule but its name does not end in ${SCHEDULE_FILE_SUFFIX}, so it is not checked, listed or deployed: rename it to ${fix}`,
    });
  }
  return problems;
}

function looksLikeSchedule(text: string): boolean {
  try {
    const value = JSON.parse(text.replace(/^\ufeff/, '')) as unknown;
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
    return SCHEDULE_FIELDS.filter((field) => field in value).length >= 2;
  } catch {
    return false;
  }
}

/** Every file of a compute project on disk (JSON files with their text), for strayScheduleFiles. */
export function readProjectFiles(workspaceRoot: string, projectRoot: string): ProjectFile[] {
  const files: ProjectFile[] = [];
  const walk = (relative: string) => {
    let entries;
    try {
      entries = readdirSync(join(workspaceRoot, projectRoot, relative), { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const path = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!SKIPPED_FOLDERS.has(entry.name)) walk(path);
      } else if (entry.isFile()) {
        let text: string | undefined;
        if (/\.json$/i.test(entry.name) && !(relative === '' && entry.name.endsWith(SCHEDULE_FILE_SUFFIX))) {
          try {
            text = readFileSync(join(workspaceRoot, projectRoot, path), 'utf8');
          } catch {
            text = undefined;
          }
        }
        files.push({ path, text });
      }
    }
  };
  walk('');
  return files;
}
