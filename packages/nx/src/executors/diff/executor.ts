import type { ExecutorContext, PromiseExecutor } from '@nx/devkit';
import { projectRootOf } from '../shared/executor-io';
import { jsonDocument } from '../../utils/json-document';
import { writeOutputFile } from '../../utils/output-file';
import { computeDiff } from './compute-diff';
import { formatMarkdown } from './format-markdown';
import { formatText, summaryLine } from './format-text';
import { BaseError, systemGit, type Git } from './git-tree';
import type { DiffExecutorSchema } from './schema';

/** What diff takes from the outside world, injectable for tests. */
export interface DiffIO {
  now: () => Date;
  env: NodeJS.ProcessEnv;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** git in the workspace root; defaults to the git on PATH. */
  git?: Git;
}

/**
 * `nx run compute:diff`: what the working tree changes compared with a git ref. A report,
 * not a gate: it succeeds whatever changed, and fails only when it cannot compare.
 */
export async function runDiff(options: DiffExecutorSchema, context: ExecutorContext, io: DiffIO): Promise<{ success: boolean }> {
  const fail = (message: string) => {
    io.stderr(`${message}\n`);
    return { success: false };
  };
  const format = options.format ?? 'text';
  if (!['text', 'markdown', 'json'].includes(format)) return fail(`diff: --format must be text, markdown or json, not "${format}"`);
  const now = options.at === undefined ? io.now() : new Date(options.at);
  if (options.at !== undefined && (!/(Z|[+-]\d\d:?\d\d)$/i.test(options.at) || Number.isNaN(now.getTime()))) {
    return fail(`diff: --at "${options.at}" must be an ISO 8601 instant with a zone, e.g. 2027-01-01T00:00:00Z`);
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
    if (error instanceof BaseError) return fail(error.message);
    throw error;
  }
  const text = format === 'json' ? jsonDocument(report) : format === 'markdown' ? formatMarkdown(report) : formatText(report);
  if (options.outputFile) {
    // The way for CI to post the comment or read the document: Nx's streamed output can break long text.
    const written = writeOutputFile(context.root, options.outputFile, text);
    io.stdout(`${summaryLine(report)}\nWrote the ${format} report to ${written}\n`);
  } else {
    io.stdout(text);
  }
  return { success: true };
}

/** The base nx affected would use: NX_BASE, else defaultBase in nx.json, else main. */
export function defaultBase(context: ExecutorContext, env: NodeJS.ProcessEnv): string {
  const nxJson = context.nxJsonConfiguration as { defaultBase?: string; affected?: { defaultBase?: string } } | undefined;
  return env.NX_BASE?.trim() || nxJson?.defaultBase || nxJson?.affected?.defaultBase || 'main';
}

const diffExecutor: PromiseExecutor<DiffExecutorSchema> = (options, context) =>
  runDiff(options, context, {
    now: () => new Date(),
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });

export default diffExecutor;
