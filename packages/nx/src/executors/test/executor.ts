import type { ExecutorContext, PromiseExecutor } from '@nx/devkit';
import { hasErrors } from '@compute/schedule';
import { processIO, readGitIdentity } from '@compute/runner';
import { projectRootOf } from '../shared/executor-io';
import { jsonDocument } from '../../utils/json-document';
import { writeOutputFile } from '../../utils/output-file';
import { checkComputeProject, type TestIO } from './check-project';
import { formatTextReport, toJsonReport } from './report';
import type { TestExecutorSchema } from './schema';

/** The gate behind `nx run compute:test` and `nx affected -t test`. */
export async function runTest(options: TestExecutorSchema, context: ExecutorContext, io: TestIO): Promise<{ success: boolean }> {
  const report = await checkComputeProject(
    { workspaceRoot: context.root, projectRoot: projectRootOf(context), strict: options.strict === true },
    io,
  );
  const text = formatTextReport(report);
  if (options.outputFile) {
    // The CI log still shows the problems; the file is the document for scripts.
    const written = writeOutputFile(context.root, options.outputFile, options.format === 'json' ? jsonDocument(toJsonReport(report)) : text);
    io.stdout.write(`${text}Wrote the ${options.format === 'json' ? 'JSON ' : ''}report to ${written}\n`);
  } else {
    io.stdout.write(options.format === 'json' ? jsonDocument(toJsonReport(report)) : text);
  }
  return { success: !hasErrors(report.problems) };
}

const testExecutor: PromiseExecutor<TestExecutorSchema> = (options, context) =>
  runTest(options, context, { ...processIO(), gitIdentity: () => readGitIdentity(context.root) });

export default testExecutor;
