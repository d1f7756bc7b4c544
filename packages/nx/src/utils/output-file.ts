import { mkdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { pathInside } from '@compute/schedule/src/paths';
import { UsageError } from './usage-error';

/**
 * Writes a target's document (`--format json` or text) to `--outputFile`, the
 * recipe for scripts: Nx streams a task's stdout through a line splitter that
 * inserts a line break wherever a 64 KiB pipe read ends, which breaks a large
 * JSON document (see the README, "Output for scripts"). A file is never touched
 * by Nx.
 *
 * `outputFile` is relative to the workspace root, as Nx resolves a target's
 * `{options.outputFile}` output, so a cached run restores the same file. Parent
 * folders are created. The document is written to a temporary file next to it
 * and renamed, so a reader never sees half of it. Returns the path to show the
 * user: relative to the workspace root when inside it.
 */
export function writeOutputFile(workspaceRoot: string, outputFile: string, text: string): string {
  if (outputFile.trim() === '') throw new UsageError('--outputFile needs a path, e.g. --outputFile dist/compute/report.json');
  const target = resolve(workspaceRoot, outputFile);
  const shown = displayPath(workspaceRoot, target);
  if (isDirectory(target)) {
    throw new UsageError(`--outputFile ${shown} is a folder; name a file in it, e.g. --outputFile ${joinShown(shown, 'report.json')}`);
  }
  const temporary = `${target}.${process.pid}.tmp`;
  try {
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(temporary, text);
    renameSync(temporary, target);
  } catch (error) {
    try {
      rmSync(temporary, { force: true });
    } catch {
      // Nothing was written there.
    }
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new UsageError(`cannot write --outputFile ${shown} (${reason}); choose a path you can write to, relative to the workspace root`);
  }
  return shown;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function displayPath(workspaceRoot: string, target: string): string {
  return pathInside(workspaceRoot, target) ?? target;
}

function joinShown(folder: string, file: string): string {
  return folder.endsWith('/') ? `${folder}${file}` : `${folder}/${file}`;
}
