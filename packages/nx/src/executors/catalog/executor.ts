import { join } from 'node:path';
import type { ExecutorContext, PromiseExecutor } from '@nx/devkit';
import { formatProblems, isValidTimeZone, loadCatalog } from '@compute/schedule';
import { processIO, type ComputeIO } from '@compute/runner';
import { projectRootOf } from '../shared/executor-io';
import { jsonDocument } from '../../utils/json-document';
import { writeOutputFile } from '../../utils/output-file';
import { UsageError } from '../../utils/usage-error';
import { buildCatalogDocument } from './catalog-data';
import { renderCatalogPage } from './render-page';
import type { CatalogExecutorSchema } from './schema';

export const DEFAULT_OUTPUT_PATH = 'dist/compute-catalog';

/** `nx run compute:catalog`: the catalog page and its data, from the files and the current minute. */
export async function runCatalog(options: CatalogExecutorSchema, context: ExecutorContext, io: ComputeIO): Promise<{ success: boolean }> {
  if (options.timezone !== undefined && !isValidTimeZone(options.timezone)) {
    throw new UsageError(`--timezone "${options.timezone}" is not an IANA time zone name (for example UTC, Europe/Berlin, America/New_York)`);
  }
  const { catalog, problems, checked } = loadCatalog(context.root, projectRootOf(context));
  if (!catalog) {
    io.stdout.write(formatProblems(problems, checked) + '\n');
    return { success: false };
  }
  const doc = buildCatalogDocument(catalog, io.now(), { timezone: options.timezone, next: Math.max(1, Math.floor(options.next ?? 3)) });
  const folder = options.outputPath || DEFAULT_OUTPUT_PATH;
  const page = writeOutputFile(context.root, join(folder, 'index.html'), renderCatalogPage(doc));
  writeOutputFile(context.root, join(folder, 'catalog.json'), jsonDocument(doc));
  const left = new Set(problems.filter((p) => p.severity === 'error' && p.schedule !== undefined).map((p) => p.file)).size;
  io.stdout.write(
    `Wrote ${page} and catalog.json: ${doc.schedules.length} schedule${doc.schedules.length === 1 ? '' : 's'}, ${doc.warnings.length} warning${doc.warnings.length === 1 ? '' : 's'}.\n` +
      (left > 0 ? `${left} schedule file${left === 1 ? ' has' : 's have'} errors and ${left === 1 ? 'is' : 'are'} left out; run the test target to see why.\n` : ''),
  );
  return { success: true };
}

const catalogExecutor: PromiseExecutor<CatalogExecutorSchema> = (options, context) =>
  runCatalog(options, context, processIO());

export default catalogExecutor;
