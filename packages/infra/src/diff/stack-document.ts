import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Catalog } from '@compute/schedule';
import { synthesize } from '../synth';
import type { TerraformDocument } from './terraform-diff';

export interface StackDocumentOptions {
  catalog: Catalog;
  /** Reads a file by its path from the workspace root (init data): the disk, or a git tree. */
  readFile: (workspacePath: string) => string;
  /** Where deploy writes the stack from, so backend paths match a real deploy (default dist/compute). */
  outputPath?: string;
}

/**
 * The Terraform JSON that `compute:deploy` would write for a catalog, through the very
 * same synthesis. The seam to an in-memory synthesis: for now cdktf writes into a
 * private temporary folder that is read back and removed.
 */
export function stackDocument(options: StackDocumentOptions): TerraformDocument {
  const dir = mkdtempSync(join(tmpdir(), 'compute-diff-'));
  try {
    const result = synthesize({ catalog: options.catalog, workspaceRoot: dir, outdir: join(dir, 'out'), outputPath: options.outputPath ?? 'dist/compute', readFile: options.readFile });
    return JSON.parse(readFileSync(join(dir, 'out', result.stackFile), 'utf8')) as TerraformDocument;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
