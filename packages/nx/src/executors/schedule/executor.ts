import type { ExecutorContext, PromiseExecutor } from '@nx/devkit';
import { loadCatalog, type Catalog, type Schedule } from '@compute/schedule';
import {
  isRunnerError,
  resolveQueue,
  runLocally,
  RunnerError,
  submitToBatch,
  type BatchClient,
  type RunnerIO,
  type SignalSource,
  shellWords,
  type SpawnFunction,
} from '@compute/runner';
import { projectRootOf } from '../shared/executor-io';
import { allArguments, commandArguments, passToCommandHint, type OptionSpec } from './command-args';
import { droppedOptions, droppedOptionsMessage, readParentArgv } from './dropped-options';
import type { ScheduleExecutorSchema } from './schema';
import schema from './schema.json';
import { selectSchedule } from './select-schedule';
import { targetSettings } from './target-settings';

/** The outside world, injectable for tests. */
export interface ScheduleExecutorDeps {
  env: NodeJS.ProcessEnv;
  io: RunnerIO;
  spawn?: SpawnFunction;
  batchClient?: BatchClient;
  signals?: SignalSource;
  sleep?: (ms: number) => Promise<void>;
  killGraceMs?: number;
  /** The command line of the nx process, to spot options nx dropped; default read from the OS. */
  parentArgv?: () => readonly string[] | undefined;
}

/** Which schedule runs and how come from the target only (see targetSettings); on the command line those names are the command's. */
const TARGET_ONLY = new Set(['schedule', 'mode']);

/** The options read from the command line. */
const OPTIONS: OptionSpec = {
  names: new Set(Object.keys(schema.properties).filter((name) => !TARGET_ONLY.has(name))),
  flags: new Set(Object.entries(schema.properties).filter(([, p]) => 'type' in p && p.type === 'boolean').map(([name]) => name)),
};

const LOCAL_ONLY = ['inheritEnv', 'attempts', 'index', 'concurrency', 'container', 'mountWorkspace', 'assumeRole'] as const;
const BATCH_ONLY = ['allowDuplicates', 'allowDrift', 'dryRun', 'wait', 'pollIntervalSeconds'] as const;

/** `nx run <project>:schedule_<name>[:batch]`: run a schedule here, or submit it to AWS Batch. */
export async function runScheduleExecutor(options: ScheduleExecutorSchema, context: ExecutorContext, deps: ScheduleExecutorDeps): Promise<{ success: boolean }> {
  try {
    return await execute(options, context, deps);
  } catch (error) {
    if (isRunnerError(error)) {
      deps.io.stderr.write(`compute: ${error.message}\n`);
    } else {
      // Never a stack trace unless asked for: the message is what a person can act on.
      const message = error instanceof Error ? error.message : String(error);
      deps.io.stderr.write(`compute: unexpected error: ${message}\n`);
      if (context.isVerbose && error instanceof Error && error.stack) deps.io.stderr.write(`${error.stack}\n`);
    }
    return { success: false };
  }
}

async function execute(options: ScheduleExecutorSchema, context: ExecutorContext, deps: ScheduleExecutorDeps): Promise<{ success: boolean }> {
  const { schedule: name, mode } = targetSettings(options, context);
  const unparsed = options.__unparsed__ ?? options._ ?? [];
  assertNothingDropped(context, deps);
  assertOptionsFitMode(options, mode, context, unparsed);
  const projectRoot = projectRootOf(context);
  const selection = selectSchedule(loadCatalog(context.root, projectRoot), name, projectRoot);
  if (!selection.ok) {
    deps.io.stderr.write(`${selection.report}\n`);
    return { success: false };
  }
  const { catalog, schedule } = selection;
  assertEnvironmentFits(catalog, schedule, options.environment, context, unparsed);
  const args = allArguments(options.args, commandArguments(unparsed, OPTIONS));

  if (mode === 'batch') {
    const result = await submitToBatch({
      catalog,
      schedule,
      args,
      environment: options.environment,
      allowDuplicates: options.allowDuplicates,
      allowDrift: options.allowDrift,
      dryRun: options.dryRun,
      wait: options.wait,
      pollIntervalMs: options.pollIntervalSeconds !== undefined ? options.pollIntervalSeconds * 1000 : undefined,
      client: deps.batchClient,
      io: deps.io,
      sleep: deps.sleep,
      env: deps.env,
    });
    return { success: result.success };
  }

  const result = await runLocally({
    workspaceRoot: context.root,
    catalog,
    schedule,
    args,
    environment: options.environment,
    inheritEnv: options.inheritEnv,
    attempts: options.attempts,
    index: options.index,
    concurrency: options.concurrency,
    container: options.container,
    mountWorkspace: options.mountWorkspace,
    assumeRole: options.assumeRole,
    env: deps.env,
    io: deps.io,
    spawn: deps.spawn,
    signals: deps.signals,
    killGraceMs: deps.killGraceMs,
  });
  return { success: result.success };
}

/** Refuses to run without options nx dropped: a lost --dry-run would submit a real job. */
function assertNothingDropped(context: ExecutorContext, deps: ScheduleExecutorDeps): void {
  if (!context.projectName || !context.targetName) return;
  const argv = (deps.parentArgv ?? readParentArgv)();
  if (!argv) return;
  const task = { project: context.projectName, target: context.targetName, configuration: context.configurationName };
  const dropped = droppedOptions(argv, task, OPTIONS);
  if (dropped) throw new RunnerError(droppedOptionsMessage(task, dropped));
}

/** Options of the other mode would be silently ignored; say so instead. */
function assertOptionsFitMode(options: ScheduleExecutorSchema, mode: 'local' | 'batch', context: ExecutorContext, unparsed: readonly string[]): void {
  const foreign = (mode === 'batch' ? LOCAL_ONLY : BATCH_ONLY).filter((name) => options[name] !== undefined && options[name] !== false);
  if (foreign.length === 0) return;
  const flags = foreign.map((name) => `--${name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`).join(', ');
  const verb = foreign.length === 1 ? 'applies' : 'apply';
  const target = `${context.projectName ?? '<project>'}:${context.targetName ?? '<target>'}`;
  const hint = commandHint(context, unparsed, foreign);
  // Written on the command line: the same arguments on the batch target; otherwise the options themselves.
  const batchRun = hint ? shellWords(['nx', 'run', `${target}:batch`, '--', ...unparsed]) : `nx run ${target}:batch ${flags.split(', ').join(' ')}`;
  const message =
    mode === 'batch'
      ? `${flags} ${verb} only to local runs; drop ${foreign.length === 1 ? 'it' : 'them'} or run nx run ${target}`
      : `${flags} ${verb} only to AWS Batch submissions: ${batchRun}`;
  throw new RunnerError(hint ? `${message}\n${indent(hint)}` : message);
}

/** The queue must exist and fit the schedule; checked before the runner does, to add the hint. */
function assertEnvironmentFits(catalog: Catalog, schedule: Schedule, environment: string | undefined, context: ExecutorContext, unparsed: readonly string[]): void {
  try {
    resolveQueue(catalog, schedule, environment);
  } catch (error) {
    const hint = isRunnerError(error) ? commandHint(context, unparsed, ['environment']) : undefined;
    throw hint ? new RunnerError(`${(error as Error).message}\n${indent(hint)}`) : error;
  }
}

/**
 * When options written on the command line are refused, how to give them to the
 * schedule's command instead: a job may well take an argument named like one of ours.
 */
function commandHint(context: ExecutorContext, unparsed: readonly string[], names: readonly string[]): string | undefined {
  const task = [context.projectName ?? '<project>', context.targetName ?? '<target>', ...(context.configurationName ? [context.configurationName] : [])].join(':');
  return passToCommandHint(task, unparsed, OPTIONS, names);
}

function indent(text: string): string {
  return text.replace(/^/gm, '  ');
}

const scheduleExecutor: PromiseExecutor<ScheduleExecutorSchema> = (options, context) =>
  runScheduleExecutor(options, context, { env: process.env, io: { stdout: process.stdout, stderr: process.stderr } });

export default scheduleExecutor;
