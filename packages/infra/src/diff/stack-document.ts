import type { Catalog } from '@compute/schedule';
import { synthesizeDocument } from '../synth';
import type { TerraformDocument } from './terraform-diff';

export interface StackDocumentOptions {
  catalog: Catalog;
  /** Reads a file by its path from the workspace root (init data): the disk, or a git tree. */
  readFile: (workspacePath: string) => string;
  /** Where deploy writes the stack from, so backend paths match a real deploy (default dist/compute). */
  outputPath?: string;
}

/** The Terraform JSON that `compute:deploy` would write for a catalog, built in memory by the very same synthesis. */
export function stackDocument(options: StackDocumentOptions): TerraformDocument {
  return synthesizeDocument(options) as TerraformDocument;
}
