import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** A real directory for tests that need files on disk; removed by cleanup(). */
export interface TempDir {
  root: string;
  write(path: string, content: string | object): void;
  read(path: string): string;
  remove(path: string): void;
  cleanup(): void;
}

export function createTempDir(files: Record<string, string | object> = {}): TempDir {
  const root = mkdtempSync(join(tmpdir(), 'compute-nx-'));
  const dir: TempDir = {
    root,
    write(path, content) {
      mkdirSync(dirname(join(root, path)), { recursive: true });
      writeFileSync(join(root, path), typeof content === 'string' ? content : JSON.stringify(content, null, 2) + '\n');
    },
    read: (path) => readFileSync(join(root, path), 'utf8'),
    remove: (path) => rmSync(join(root, path), { recursive: true, force: true }),
    cleanup: () => rmSync(root, { recursive: true, force: true }),
  };
  for (const [path, content] of Object.entries(files)) dir.write(path, content);
  return dir;
}
