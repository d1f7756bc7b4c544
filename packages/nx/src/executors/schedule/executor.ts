import type { ExecutorContext, PromiseExecutor } from '@nx/devkit';
import { loadCatalog, type Catalog, type Schedule } from '@compute/schedule';
import {
  isRunnerError,
  resolveQueue,
  runLocally,
  RunnerError,
  submitToBatch,
  type BatchClient,
  type ComputeIO,
  processIO,
  type SignalSource,
  shellWords,
  type SpawnFunction,
} from '@compute/runner';
import { projectRootOf } from '../shared/executor-io';
import { commandLineWords, jobArguments, kebabCase, nxRunCommand, optionTokens, readCommandLine, type CommandLine } from './command-line';
import type { ScheduleExecutorSchema } from './schema';
import { selectSchedule } from './select-schedule';
import { targetSettings } from './target-settings';

/** The port, and the runner's own stand-ins (processes, AWS, signals, timers), injectable for tests. */
export interface ScheduleExecutorDeps {
  io: ComputeIO;
  spawn?: SpawnFunction;
  batchClient?: BatchClient;
  signals?: SignalSource;
  sleep?: (ms: number) => Promise<void>;
  killGraceMs?: number;
}

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
  const commandLine = readCommandLine(options.__unparsed__ ?? []);
  const args = jobArguments(options.args, commandLine);
  assertSubmissionMeant(options, mode, context, commandLine);
  assertOptionsFitMode(options, mode, context, commandLine);
  const projectRoot = projectRootOf(context);
  const selection = selectSchedule(loadCatalog(context.root, projectRoot), name, projectRoot);
  if (!selection.ok) {
    deps.io.stderr.write(`${selection.report}\n`);
    return { success: false };
  }
  const { catalog, schedule } = selection;
  assertEnvironmentFits(catalog, schedule, options.environment, context, commandLine);

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
    io: deps.io,
    spawn: deps.spawn,
    signals: deps.signals,
    killGraceMs: deps.killGraceMs,
  });
  return { success: result.success };
}

/**
 * Nx drops every option written before a "--" that has more after it, and hands
 * over only what follows: `:batch --dry-run -- --only a` arrives as `--only a`,
 * exactly like `:batch --only a`. So a submission takes the command's arguments
 * from the command line only when it also says --dry-run or --no-dry-run there
 * (where Nx kept it), and a dry run can never turn into a real submission.
 */
function assertSubmissionMeant(options: ScheduleExecutorSchema, mode: 'local' | 'batch', context: ExecutorContext, commandLine: CommandLine): void {
  if (mode !== 'batch' || options.dryRun === true || commandLine.options.dryRun === false) return;
  const words = commandLineWords(commandLine);
  if (words.length === 0) return;
  const command = (dryRun: string) => nxRunCommand(taskOf(context), commandLine.options, words, [dryRun]);
  throw new RunnerError(
    `nothing was submitted: arguments for the command (${shellWords(words)}) came without --dry-run or --no-dry-run. ` +
      `nx run drops the options written before a "--" that has arguments after it, so a --dry-run written there never arrives. Say which you mean:\n` +
      `  ${command('--dry-run')}\n  ${command('--no-dry-run')}`,
  );
}

/** Options of the other mode would be silently ignored; say so instead. */
function assertOptionsFitMode(options: ScheduleExecutorSchema, mode: 'local' | 'batch', context: ExecutorContext, commandLine: CommandLine): void {
  const foreign = (mode === 'batch' ? LOCAL_ONLY : BATCH_ONLY).filter((name) => options[name] !== undefined && options[name] !== false);
  if (foreign.length === 0) return;
  const flags = foreign.map((name) => `--${kebabCase(name)}`);
  const verb = foreign.length === 1 ? 'applies' : 'apply';
  const target = `${context.projectName ?? '<project>'}:${context.targetName ?? '<target>'}`;
  const hint = commandHint(context, commandLine, foreign);
  // Written on the command line: the same command line on the batch target; otherwise the options themselves.
  const batchRun = hint ? nxRunCommand(`${target}:batch`, commandLine.options, commandLineWords(commandLine)) : `nx run ${target}:batch ${flags.join(' ')}`;
  const message =
    mode === 'batch'
      ? `${flags.join(', ')} ${verb} only to local runs; drop ${foreign.length === 1 ? 'it' : 'them'} or run nx run ${target}`
      : `${flags.join(', ')} ${verb} only to AWS Batch submissions: ${batchRun}`;
  throw new RunnerError(hint ? `${message}\n${indent(hint)}` : message);
}

/** The queue must exist and fit the schedule; checked before the runner does, to add the hint. */
function assertEnvironmentFits(catalog: Catalog, schedule: Schedule, environment: string | undefined, context: ExecutorContext, commandLine: CommandLine): void {
  try {
    resolveQueue(catalog, schedule, environment);
  } catch (error) {
    const hint = isRunnerError(error) ? commandHint(context, commandLine, ['environment']) : undefined;
    throw hint ? new RunnerError(`${(error as Error).message}\n${indent(hint)}`) : error;
  }
}

/**
 * When options written on the command line are refused, how to give them to the
 * schedule's command instead: a job may well take an argument named like one of ours.
 * Undefined when none of `names` was written on the command line (it came from the target).
 */
function commandHint(context: ExecutorContext, commandLine: CommandLine, names: readonly string[]): string | undefined {
  const moved = Object.fromEntries(Object.entries(commandLine.options).filter(([name]) => names.includes(name)));
  const count = Object.keys(moved).length;
  if (count === 0) return undefined;
  const kept = Object.fromEntries(Object.entries(commandLine.options).filter(([name]) => !names.includes(name)));
  const movedTokens = Object.entries(moved).flatMap(([name, value]) => optionTokens(name, value));
  const command = nxRunCommand(taskOf(context), kept, [...commandLineWords(commandLine), ...movedTokens]);
  return `To give ${shellWords(movedTokens)} to the schedule's command instead, put ${count === 1 ? 'it' : 'them'} in --args:\n  ${command}`;
}

/** The task as `nx run` names it. */
function taskOf(context: ExecutorContext): string {
  return [context.projectName ?? '<project>', context.targetName ?? '<target>', ...(context.configurationName ? [context.configurationName] : [])].join(':');
}

function indent(text: string): string {
  return text.replace(/^/gm, '  ');
}

const scheduleExecutor: PromiseExecutor<ScheduleExecutorSchema> = (options, context) =>
  runScheduleExecutor(options, context, { io: processIO() });

export default scheduleExecutor;
