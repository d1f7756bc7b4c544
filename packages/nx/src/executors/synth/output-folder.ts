import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { posixPath } from '@compute/schedule/src/paths';

/** cdktf writes this at the top of its output; a folder without it is not ours to replace. */
const OUTPUT_MARKER = 'manifest.json';

/** Terraform's working files in a stack folder, worth keeping across syntheses (providers, lock file). */
const TERRAFORM_WORKING_FILES = ['.terraform', '.terraform.lock.hcl'];

/**
 * Why `dir` must not be replaced, or undefined when it may be. Paths in the
 * reason are relative to `root` (the workspace), never absolute.
 */
export function replaceProblem(dir: string, root: string): string | undefined {
  if (!existsSync(dir)) {
    // The folder would be created: every existing folder above it must be a folder.
    let above = dirname(dir);
    while (above !== dirname(above) && !existsSync(above)) above = dirname(above);
    if (existsSync(above) && !statSync(above).isDirectory()) return `${posixPath(relative(root, above))} is a file, not a folder`;
    return undefined;
  }
  if (!statSync(dir).isDirectory()) return 'it is a file, not a folder';
  const entries = readdirSync(dir);
  if (entries.length > 0 && !entries.includes(OUTPUT_MARKER)) {
    return `it is not empty and holds no ${OUTPUT_MARKER}, so it is not an earlier deploy output; choose another outputPath or empty it`;
  }
  return undefined;
}

/**
 * Builds new content for `dir` in a sibling temporary folder and swaps it in only when
 * `build` succeeds, so a failure leaves the previous output exactly as it was. Terraform's
 * working files in the old stack folders move over to the new ones.
 */
export function replaceFolder<T>(dir: string, build: (tempDir: string) => T): T {
  // mkdirSync returns the first folder it had to create: removed again on failure.
  const created = mkdirSync(dirname(dir), { recursive: true });
  const temp = mkdtempSync(join(dirname(dir), `.${basename(dir)}-next-`));
  let result: T;
  try {
    // mkdtemp makes the folder private (0700); the output is an ordinary folder, so give it the mode mkdir would.
    chmodSync(temp, 0o777 & ~process.umask());
    result = build(temp);
  } catch (error) {
    rmSync(created ?? temp, { recursive: true, force: true });
    throw error;
  }
  if (existsSync(dir)) {
    keepTerraformWorkingFiles(dir, temp);
    const old = mkdtempSync(join(dirname(dir), `.${basename(dir)}-old-`));
    renameSync(dir, join(old, 'output'));
    renameSync(temp, dir);
    rmSync(old, { recursive: true, force: true });
  } else {
    renameSync(temp, dir);
  }
  return result;
}

function keepTerraformWorkingFiles(from: string, to: string): void {
  const stacks = join(from, 'stacks');
  if (!existsSync(stacks)) return;
  for (const stack of readdirSync(stacks)) {
    const target = join(to, 'stacks', stack);
    if (!existsSync(target)) continue;
    for (const name of TERRAFORM_WORKING_FILES) {
      if (existsSync(join(stacks, stack, name))) renameSync(join(stacks, stack, name), join(target, name));
    }
  }
}
