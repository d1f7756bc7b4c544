import type { ExecutorContext, PromiseExecutor } from '@nx/devkit';
import { processIO, type ComputeIO } from '@compute/runner';
import { projectRootOf } from '../shared/executor-io';
import { fail, type Outcome } from '../shared/outcome';
import { jsonDocument } from '../../utils/json-document';
import { writeOutputFile } from '../../utils/output-file';
import { computeDiff } from './compute-diff';
import { formatMarkdown } from './format-markdown';
import { formatText, summaryLine } from './format-text';
import { BaseError, systemGit, type Git } from './git-tree';
import type { DiffExecutorSchema } from './schema';

/** The port, and git in the workspace root (default the git on PATH). */
export interface DiffIO extends ComputeIO {
  git?: Git;
}

/**
 * `nx run compute:diff`: what the working tree changes compared with a git ref. A report,
 * not a gate: it succeeds whatever changed, and fails only when it cannot compare.
 */
export async function runDiff(options: DiffExecutorSchema, context: ExecutorContext, io: DiffIO): Promise<Outcome> {
  const format = options.format ?? 'text';
  if (!['text', 'markdown', 'json'].includes(format)) return fail(io, `diff: --format must be text, markdown or json, not "${format}"`);
  const now = options.at === undefined ? io.now() : new Date(options.at);
  if (options.at !== undefined && (!/(Z|[+-]\d\d:?\d\d)$/i.test(options.at) || Number.isNaN(now.getTime()))) {
    return fail(io, `diff: --at "${options.at}" must be an ISO 8601 instant with a zone, e.g. 2027-01-01T00:00:00Z`);
  }
  const base = options.base?.trim() || defaultBase(context, io.env);

  let report;
  try {
    report = computeDiff({
      workspaceRoot: context.root,
      projectRoot: projectRootOf(context),
      base,
      git: io.git ?? systemGit(context.root),
      now,
      runs: Math.min(50, Math.max(1, Math.floor(options.next ?? 5))),
    });
  } catch (error) {
    if (error instanceof BaseError) return fail(io, error.message);
    throw error;
  }
  const text = format === 'json' ? jsonDocument(report) : format === 'markdown' ? formatMarkdown(report) : formatText(report);
  if (options.outputFile) {
    // The way for CI to post the comment or read the document: Nx's streamed output can break long text.
    const written = writeOutputFile(context.root, options.outputFile, text);
    io.stdout.write(`${summaryLine(report)}\nWrote the ${format} report to ${written}\n`);
  } else {
    io.stdout.write(text);
  }
  return { success: true };
}

/** The base nx affected would use: NX_BASE, else defaultBase in nx.json, else main. */
export function defaultBase(context: ExecutorContext, env: NodeJS.ProcessEnv): string {
  const nxJson = context.nxJsonConfiguration as { defaultBase?: string; affected?: { defaultBase?: string } } | undefined;
  return env.NX_BASE?.trim() || nxJson?.defaultBase || nxJson?.affected?.defaultBase || 'main';
}

const diffExecutor: PromiseExecutor<DiffExecutorSchema> = (options, context) =>
  runDiff(options, context, processIO());

export default diffExecutor;
