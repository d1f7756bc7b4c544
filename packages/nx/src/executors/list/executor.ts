import type { ExecutorContext, PromiseExecutor } from '@nx/devkit';
import { formatProblems, loadCatalog } from '@compute/schedule';
import { type ExecutorIO, projectRootOf } from '../shared/executor-io';
import { formatScheduleTable } from './format-table';
import { listSchedules, unlistedFiles } from './list-schedules';
import type { ListExecutorSchema } from './schema';

/** `nx run compute:list`: every valid schedule with its next runs. */
export async function runList(options: ListExecutorSchema, context: ExecutorContext, io: Pick<ExecutorIO, 'now' | 'stdout'>): Promise<{ success: boolean }> {
  const count = Math.max(1, Math.floor(options.next ?? 1));
  const { catalog, problems, checked } = loadCatalog(context.root, projectRootOf(context));
  if (!catalog) {
    // Without a usable compute.json no schedule can be resolved; say why instead of listing nothing.
    io.stdout(formatProblems(problems, checked) + '\n');
    return { success: false };
  }
  const schedules = listSchedules(catalog, io.now(), count);
  if (options.format === 'json') {
    io.stdout(JSON.stringify(schedules, null, 2) + '\n');
    return { success: true };
  }
  let text = formatScheduleTable(schedules);
  const skipped = unlistedFiles(problems);
  if (skipped.length > 0) {
    text += `\n${skipped.length} schedule file${skipped.length === 1 ? ' has' : 's have'} errors and ${skipped.length === 1 ? 'is' : 'are'} not listed (${skipped.join(', ')}); run the test target to see why.\n`;
  }
  io.stdout(text);
  return { success: true };
}

const listExecutor: PromiseExecutor<ListExecutorSchema> = (options, context) =>
  runList(options, context, { now: () => new Date(), stdout: (text) => process.stdout.write(text) });

export default listExecutor;
