import { existsSync } from 'node:fs';
import { join, posix } from 'node:path';
import type { ExecutorContext, PromiseExecutor } from '@nx/devkit';
import { checkSchedulingDates, formatProblems, hasErrors, loadCatalog } from '@compute/schedule';
import { processIO, type ComputeIO } from '@compute/runner';
// Terraform's half alone: a deploy whose stack came from the synth target's cache never loads cdktf.
import { runTerraform, stackName } from '@compute/infra/src/deploy';
import { projectRootOf } from '../shared/executor-io';
import { fail, type Outcome } from '../shared/outcome';
import { stackOutputPath } from '../shared/stack-output';
import type { DeployExecutorSchema } from './schema';

/** The port (its clock checks start dates; its environment is terraform's), and whether someone can answer terraform apply's prompt. */
export interface DeployIO extends ComputeIO {
  interactive: boolean;
}

/**
 * `nx run compute:deploy`: the synth target it depends on has validated the catalog and
 * written the stack (or restored it from the cache); with plan or apply this checks the
 * schedules' start dates against the clock and runs terraform in the stack folder.
 * Without either there is nothing left to do: the command stays the one to remember.
 */
export async function runDeploy(options: DeployExecutorSchema, context: ExecutorContext, io: DeployIO): Promise<Outcome> {
  if (options.plan && options.apply) return fail(io, 'deploy: choose --plan or --apply, not both (apply shows the plan before it asks).');
  const action = options.apply ? 'apply' : options.plan ? 'plan' : undefined;
  if (!action) return { success: true };

  const workspaceRoot = context.root;
  const output = stackOutputPath('deploy', workspaceRoot, options.outputPath);
  if ('problem' in output) return fail(io, output.problem);
  const outputPath = output.path;

  const loaded = loadCatalog(workspaceRoot, projectRootOf(context));
  if (!loaded.catalog || hasErrors(loaded.problems)) {
    io.stderr.write(`${formatProblems(loaded.problems, loaded.checked)}\n`);
    return fail(io, `Nothing was deployed: fix the problems above and run deploy again.`);
  }
  // A start date that has passed is rejected by EventBridge Scheduler at apply time: caught here,
  // against the clock, which the cached synthesis does not read.
  const dates = checkSchedulingDates(loaded.catalog.schedules, io.now());
  if (hasErrors(dates)) {
    io.stderr.write(`${formatProblems(dates, loaded.checked)}\n`);
    return fail(io, `Nothing was deployed: fix the problems above and run deploy again.`);
  }
  if (dates.length > 0) io.stdout.write(`${formatProblems(dates, loaded.checked)}\n\n`);

  const stackFolder = posix.join(outputPath, 'stacks', stackName(loaded.catalog.config));
  const stackDir = join(workspaceRoot, stackFolder);
  if (!existsSync(join(stackDir, 'cdk.tf.json'))) {
    return fail(io, `deploy: ${stackFolder}/cdk.tf.json does not exist; run deploy through Nx (nx run ${context.projectName}:${context.targetName}:${action}) so the synth target writes it first, to the same outputPath.`);
  }
  io.stdout.write(`Running terraform ${action} in ${stackFolder}\n`);
  const run = await runTerraform({ stackDir, action, autoApprove: options.autoApprove === true, env: io.env, interactive: io.interactive });
  return run.success ? { success: true } : fail(io, `deploy: ${run.message}`);
}

const deployExecutor: PromiseExecutor<DeployExecutorSchema> = (options, context) =>
  runDeploy(options, context, { ...processIO(), interactive: Boolean(process.stdin.isTTY) });

export default deployExecutor;
