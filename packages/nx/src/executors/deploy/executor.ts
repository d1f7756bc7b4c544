import { isAbsolute, join, posix, relative, resolve, sep } from 'node:path';
import type { ExecutorContext, PromiseExecutor } from '@nx/devkit';
import { checkSchedulingDates, formatProblems, hasErrors, loadCatalog, sortProblems, type ComputeConfig } from '@compute/schedule';
// Only this executor's module imports cdktf: other targets never load it.
import { runTerraform, synthesize, SynthesisError, type SynthesisResult } from '@compute/infra';
import { projectRootOf } from '../shared/executor-io';
import { replaceFolder, replaceProblem } from './output-folder';
import type { DeployExecutorSchema } from './schema';
import { formatSummary } from './summary';

/** What deploy takes from the outside world, injectable for tests. */
export interface DeployIO {
  /** The clock start and end dates are checked against. */
  now: () => Date;
  /** terraform's environment, PATH included. */
  env: NodeJS.ProcessEnv;
  /** Whether someone can answer terraform apply's confirmation prompt. */
  interactive: boolean;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

type Outcome = { success: boolean };

/**
 * `nx run compute:deploy`: validate the catalog, synthesize its stack into outputPath,
 * then optionally terraform plan or apply it. An invalid catalog is reported in full and
 * nothing is written; the previous output stays until a new one is complete.
 */
export async function runDeploy(options: DeployExecutorSchema, context: ExecutorContext, io: DeployIO): Promise<Outcome> {
  const fail = (message: string): Outcome => {
    io.stderr(`${message}\n`);
    return { success: false };
  };
  if (options.plan && options.apply) return fail('deploy: choose --plan or --apply, not both (apply shows the plan before it asks).');

  const workspaceRoot = context.root;
  const outputPath = workspacePath(workspaceRoot, options.outputPath ?? 'dist/compute');
  if (outputPath === undefined) {
    return fail(`deploy: outputPath "${options.outputPath}" must be a folder inside the workspace, e.g. dist/compute, so the stack's relative paths hold on every machine.`);
  }
  const projectRoot = projectRootOf(context);

  const loaded = loadCatalog(workspaceRoot, projectRoot);
  // A start date that has passed would be rejected by EventBridge Scheduler at apply time: caught here, before synthesis.
  const problems = loaded.catalog ? sortProblems([...loaded.problems, ...checkSchedulingDates(loaded.catalog.schedules, io.now())]) : loaded.problems;
  if (!loaded.catalog || hasErrors(problems)) {
    io.stderr(`${formatProblems(problems, loaded.checked)}\n`);
    return fail(`Nothing was deployed and ${outputPath} was left as it was: fix the problems above and run deploy again.`);
  }
  if (problems.length > 0) io.stdout(`${formatProblems(problems, loaded.checked)}\n\n`);

  const stateProblem = localStateProblem(loaded.catalog.config, projectRoot, outputPath);
  if (stateProblem) return fail(stateProblem);
  const outdir = join(workspaceRoot, outputPath);
  const folderProblem = replaceProblem(outdir, workspaceRoot);
  if (folderProblem) return fail(`deploy: will not replace ${outputPath}: ${folderProblem}.`);

  let result: SynthesisResult;
  try {
    const catalog = loaded.catalog;
    result = replaceFolder(outdir, (temp) => synthesize({ catalog, workspaceRoot, outdir: temp, outputPath }));
  } catch (error) {
    if (error instanceof SynthesisError) {
      io.stderr(`${formatProblems(error.problems, loaded.checked)}\n`);
      return fail(`Nothing was deployed and ${outputPath} was left as it was: fix the problems above and run deploy again.`);
    }
    // File system errors name absolute paths; the output stays the same on every machine.
    const reason = withoutRoot(error instanceof Error ? error.message : String(error), workspaceRoot);
    const syscall = (error as NodeJS.ErrnoException | undefined)?.syscall;
    return fail(syscall ? `deploy: could not write ${outputPath}: ${reason}` : `deploy: could not synthesize the stack: ${reason}`);
  }
  io.stdout(formatSummary(result, posix.join(outputPath, result.stackFile)));

  const action = options.apply ? 'apply' : options.plan ? 'plan' : undefined;
  if (!action) return { success: true };
  const stackDir = join(outdir, posix.dirname(result.stackFile));
  io.stdout(`\nRunning terraform ${action} in ${posix.join(outputPath, posix.dirname(result.stackFile))}\n`);
  const run = await runTerraform({ stackDir, action, autoApprove: options.autoApprove === true, env: io.env, interactive: io.interactive });
  return run.success ? { success: true } : fail(`deploy: ${run.message}`);
}

/** `path` relative to the workspace root with forward slashes, or undefined when it is outside (or is) the workspace. */
export function workspacePath(workspaceRoot: string, path: string): string | undefined {
  const absolute = resolve(workspaceRoot, path);
  const rel = relative(workspaceRoot, absolute);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return undefined;
  return rel.split('\\').join('/');
}

/** `text` with the workspace root left out of every path in it. */
function withoutRoot(text: string, workspaceRoot: string): string {
  return text.split(`${workspaceRoot}${sep}`).join('').split(workspaceRoot).join('.');
}

/** Deploy replaces the output folder, so a local state file must live elsewhere. */
function localStateProblem(config: ComputeConfig, projectRoot: string, outputPath: string): string | undefined {
  if (config.state.backend !== 'local') return undefined;
  const state = posix.normalize(posix.join(projectRoot, config.state.path));
  const inside = posix.relative(outputPath, state);
  if (inside.startsWith('..') || posix.isAbsolute(inside)) return undefined;
  return `deploy: the local state file ${state} (state.path in compute.json) is inside ${outputPath}, which every deploy replaces; keep it outside, e.g. "terraform.tfstate" next to compute.json.`;
}

const deployExecutor: PromiseExecutor<DeployExecutorSchema> = (options, context) =>
  runDeploy(options, context, {
    now: () => new Date(),
    env: process.env,
    interactive: Boolean(process.stdin.isTTY),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });

export default deployExecutor;
