import { join, posix, sep } from 'node:path';
import type { ExecutorContext, PromiseExecutor } from '@nx/devkit';
import { formatProblems, hasErrors, loadCatalog, type ComputeConfig } from '@compute/schedule';
// Only synth (and deploy's plan/apply) import cdktf: other targets never load it.
import { synthesize, SynthesisError, type SynthesisResult } from '@compute/infra';
import { processIO, type ComputeIO } from '@compute/runner';
import { listCommandOf, projectRootOf } from '../shared/executor-io';
import { fail, type Outcome } from '../shared/outcome';
import { stackOutputPath } from '../shared/stack-output';
import { replaceFolder, replaceProblem } from './output-folder';
import type { SynthExecutorSchema } from './schema';
import { formatSummary } from './summary';

/**
 * `nx run compute:synth`: validate the catalog and synthesize its stack into outputPath.
 * A pure function of the project's files and Compute's code, so Nx caches it: an
 * unchanged catalog restores the folder. The clock is not consulted here (deploy checks
 * start dates before terraform runs). An invalid catalog is reported in full and nothing
 * is written; the previous output stays until a new one is complete.
 */
export async function runSynth(options: SynthExecutorSchema, context: ExecutorContext, io: ComputeIO): Promise<Outcome> {
  const workspaceRoot = context.root;
  const output = stackOutputPath('synth', workspaceRoot, options.outputPath);
  if ('problem' in output) return fail(io, output.problem);
  const outputPath = output.path;
  const projectRoot = projectRootOf(context);

  const loaded = loadCatalog(workspaceRoot, projectRoot);
  const refused = `Nothing was synthesized and ${outputPath} was left as it was: fix the problems above and run deploy again.`;
  if (!loaded.catalog || hasErrors(loaded.problems)) {
    io.stderr.write(`${formatProblems(loaded.problems, loaded.checked)}\n`);
    return fail(io, refused);
  }
  if (loaded.problems.length > 0) io.stdout.write(`${formatProblems(loaded.problems, loaded.checked)}\n\n`);

  const stateProblem = localStateProblem(loaded.catalog.config, projectRoot, outputPath);
  if (stateProblem) return fail(io, stateProblem);
  const outdir = join(workspaceRoot, outputPath);
  const folderProblem = replaceProblem(outdir, workspaceRoot);
  if (folderProblem) return fail(io, `synth: will not replace ${outputPath}: ${folderProblem}.`);

  let result: SynthesisResult;
  try {
    const catalog = loaded.catalog;
    result = replaceFolder(outdir, (temp) => synthesize({ catalog, workspaceRoot, outdir: temp, outputPath }));
  } catch (error) {
    if (error instanceof SynthesisError) {
      io.stderr.write(`${formatProblems(error.problems, loaded.checked)}\n`);
      return fail(io, refused);
    }
    // File system errors name absolute paths; the output stays the same on every machine.
    const reason = withoutRoot(error instanceof Error ? error.message : String(error), workspaceRoot);
    const syscall = (error as NodeJS.ErrnoException | undefined)?.syscall;
    return fail(io, syscall ? `synth: could not write ${outputPath}: ${reason}` : `synth: could not synthesize the stack: ${reason}`);
  }
  io.stdout.write(formatSummary(result, posix.join(outputPath, result.stackFile), listCommandOf(context)));
  return { success: true };
}

/** `text` with the workspace root left out of every path in it. */
function withoutRoot(text: string, workspaceRoot: string): string {
  return text.split(`${workspaceRoot}${sep}`).join('').split(workspaceRoot).join('.');
}

/** Synth replaces the output folder, so a local state file must live elsewhere. */
function localStateProblem(config: ComputeConfig, projectRoot: string, outputPath: string): string | undefined {
  if (config.state.backend !== 'local') return undefined;
  const state = posix.normalize(posix.join(projectRoot, config.state.path));
  const inside = posix.relative(outputPath, state);
  if (inside.startsWith('..') || posix.isAbsolute(inside)) return undefined;
  return `synth: the local state file ${state} (state.path in compute.json) is inside ${outputPath}, which every synthesis replaces; keep it outside, e.g. "terraform.tfstate" next to compute.json.`;
}

const synthExecutor: PromiseExecutor<SynthExecutorSchema> = (options, context) =>
  runSynth(options, context, processIO());

export default synthExecutor;
