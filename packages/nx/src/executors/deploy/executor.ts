import { existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { ExecutorContext, PromiseExecutor } from '@nx/devkit';
import { checkSchedulingDates, formatProblems, hasErrors, loadCatalog } from '@compute/schedule';
// Imported statically: Nx compiles an executor's TypeScript only while it loads the module.
import { runTerraform, stackName } from '@compute/infra';
import { projectRootOf } from '../shared/executor-io';
import { DEFAULT_OUTPUT_PATH, workspacePath } from '../shared/output-path';
import type { DeployExecutorSchema } from './schema';

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
 * `nx run compute:deploy`: the synth target it depends on has validated the catalog and
 * written the stack (or restored it from the cache); with plan or apply this checks the
 * schedules' start dates against the clock and runs terraform in the stack folder.
 * Without either there is nothing left to do: the command stays the one to remember.
 */
export async function runDeploy(options: DeployExecutorSchema, context: ExecutorContext, io: DeployIO): Promise<Outcome> {
  const fail = (message: string): Outcome => {
    io.stderr(`${message}\n`);
    return { success: false };
  };
  if (options.plan && options.apply) return fail('deploy: choose --plan or --apply, not both (apply shows the plan before it asks).');
  const action = options.apply ? 'apply' : options.plan ? 'plan' : undefined;
  if (!action) return { success: true };

  const workspaceRoot = context.root;
  const outputPath = workspacePath(workspaceRoot, options.outputPath ?? DEFAULT_OUTPUT_PATH);
  if (outputPath === undefined) {
    return fail(`deploy: outputPath "${options.outputPath}" must be a folder inside the workspace, e.g. dist/compute, where the synth target writes the stack.`);
  }

  const loaded = loadCatalog(workspaceRoot, projectRootOf(context));
  if (!loaded.catalog || hasErrors(loaded.problems)) {
    io.stderr(`${formatProblems(loaded.problems, loaded.checked)}\n`);
    return fail(`Nothing was deployed: fix the problems above and run deploy again.`);
  }
  // A start date that has passed is rejected by EventBridge Scheduler at apply time: caught here,
  // against the clock, which the cached synthesis does not read.
  const dates = checkSchedulingDates(loaded.catalog.schedules, io.now());
  if (hasErrors(dates)) {
    io.stderr(`${formatProblems(dates, loaded.checked)}\n`);
    return fail(`Nothing was deployed: fix the problems above and run deploy again.`);
  }
  if (dates.length > 0) io.stdout(`${formatProblems(dates, loaded.checked)}\n\n`);

  const stackFolder = posix.join(outputPath, 'stacks', stackName(loaded.catalog.config));
  const stackDir = join(workspaceRoot, stackFolder);
  if (!existsSync(join(stackDir, 'cdk.tf.json'))) {
    return fail(`deploy: ${stackFolder}/cdk.tf.json does not exist; run deploy through Nx (nx run ${context.projectName}:${context.targetName}:${action}) so the synth target writes it first, to the same outputPath.`);
  }
  io.stdout(`Running terraform ${action} in ${stackFolder}\n`);
  const run = await runTerraform({ stackDir, action, autoApprove: options.autoApprove === true, env: io.env, interactive: io.interactive });
  return run.success ? { success: true } : fail(`deploy: ${run.message}`);
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
