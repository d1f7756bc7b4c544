import type { ExecutorContext, PromiseExecutor } from '@nx/devkit';
import { formatProblems, loadCatalog } from '@compute/schedule';
import { processIO, type ComputeIO } from '@compute/runner';
import { projectRootOf, testCommandOf } from '../shared/executor-io';
import { jsonDocument } from '../../utils/json-document';
import { writeOutputFile } from '../../utils/output-file';
import { formatCostTotals, formatScheduleTable } from './format-table';
import { listSchedules, unlistedFiles } from './list-schedules';
import type { ListExecutorSchema } from './schema';

/** `nx run compute:list`: every valid schedule with its next runs. */
export async function runList(options: ListExecutorSchema, context: ExecutorContext, io: ComputeIO): Promise<{ success: boolean }> {
  const count = Math.max(1, Math.floor(options.next ?? 1));
  const { catalog, problems, checked } = loadCatalog(context.root, projectRootOf(context));
  if (!catalog) {
    // Without a usable compute.json no schedule can be resolved; say why instead of listing nothing.
    // A script reading --format json must not mistake the report for the document.
    const report = formatProblems(problems, checked) + '\n';
    // --format json reports it on stderr, keeping stdout for the document.
    (options.format === 'json' ? io.stderr : io.stdout).write(report);
    return { success: false };
  }
  const { schedules, cost } = listSchedules(catalog, io.now(), count);
  let text: string;
  if (options.format === 'json') {
    text = jsonDocument(schedules);
  } else {
    text = formatScheduleTable(schedules) + formatCostTotals(cost);
    const skipped = unlistedFiles(problems);
    if (skipped.length > 0) {
      text += `\n${skipped.length} schedule file${skipped.length === 1 ? ' has' : 's have'} errors and ${skipped.length === 1 ? 'is' : 'are'} not listed (${skipped.join(', ')}); run ${testCommandOf(context)} to see why.\n`;
    }
  }
  if (options.outputFile) {
    const written = writeOutputFile(context.root, options.outputFile, text);
    io.stdout.write(`Wrote ${schedules.length} schedule${schedules.length === 1 ? '' : 's'} (${options.format === 'json' ? 'JSON' : 'table'}) to ${written}\n`);
  } else {
    io.stdout.write(text);
  }
  return { success: true };
}

const listExecutor: PromiseExecutor<ListExecutorSchema> = (options, context) =>
  runList(options, context, processIO());

export default listExecutor;
