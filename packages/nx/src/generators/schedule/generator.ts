import { type Tree, formatFiles, getProjects, joinPathFragments, logger, readNxJson, writeJson } from '@nx/devkit';
import {
  CONFIG_FILE_NAME,
  DEFAULT_NAME_PREFIX,
  SCHEDULE_FILE_SUFFIX,
  type Problem,
  type RosterConfig,
  type Schedule,
  type ScheduleFileInput,
  buildCatalog,
  checkSchedulingDates,
  checkMaintainers,
  describeScheduleExpression,
  scheduleNextRuns,
  parseRosterFile,
  scheduleNameProblem,
  todayUtc,
} from '@compute/schedule';
import { type ComputePluginOptions, PLUGIN_NAME, normalizeOptions as normalizePluginOptions } from '../../plugins/targets';
import { formatInZone, formatUtc } from '../../utils/format-time';
import { schemaReference } from '../../utils/schedule-package';
import { rawOptionValues } from '../../utils/raw-option-values';
import { splitCommand } from '../../utils/split-command';
import { withSchemaDefaults } from '../../utils/schema-defaults';
import { UsageError } from '../../utils/usage-error';
import type { ScheduleGeneratorSchema } from './schema';
import schemaJson from './schema.json';

/** The options whose value, when not given, is their schema.json default. */
const DEFAULTED = ['timezone', 'size', 'attempts', 'timeout', 'parallel', 'enabled'] as const;

export interface ScheduleGeneratorIO {
  now: Date;
  log: (message: string) => void;
  /** The command line as typed (process.argv), to recover values Nx's parser mangled. */
  argv?: readonly string[];
  /** Set when someone is there to answer: the options not given are asked for, one at a time. */
  prompt?: SchedulePrompt;
}

/** A person at a terminal. */
export interface SchedulePrompt {
  /** Asks one question; resolves with the answer as typed. */
  ask: (message: string) => Promise<string>;
  /** Says why the last answer cannot be taken, before the question is asked again. */
  reject: (problems: readonly string[]) => void;
}

interface NormalizedSchedule {
  name: string;
  projectName: string;
  projectRoot: string;
  /** The new file, from the workspace root. */
  file: string;
  /** Whether that file exists already. */
  exists: boolean;
  definition: ScheduleFileInput & { $schema: string };
}

/** Something wrong with the options, named by the option to change (or the file to fix first). */
interface OptionProblem {
  option: string;
  message: string;
}

const RUNS_SHOWN = 5;

/**
 * What an interactive run asks for when the option is not given, in this order.
 * Nx's own x-prompt asks every question before the generator runs, so a wrong
 * answer would only be reported after the last one; asked here, each answer gets
 * the checks of the final run as soon as it is given.
 */
export const QUESTIONS: readonly { key: keyof ScheduleGeneratorSchema; message: string }[] = [
  { key: 'name', message: 'Schedule name (lowercase letters, digits and _, e.g. nightly_report)' },
  { key: 'command', message: 'Command to run (split like a shell, e.g. node jobs/report.js --since yesterday)' },
  { key: 'scheduleExpression', message: 'Schedule expression (e.g. cron(0 3 * * ? *), rate(15 minutes), at(2027-01-01T09:00:00))' },
  { key: 'maintainers', message: 'Maintainers (usernames, separated by commas)' },
  { key: 'description', message: 'What does the job do, and why does it exist?' },
  { key: 'expectedDuration', message: 'How long does a run usually take, in seconds? (optional: press Enter to skip; estimates then use the timeout)' },
];

/**
 * `nx g schedule <name>`: writes one schedule file, but only after the same
 * domain checks `compute:test` runs have passed; on any problem nothing is
 * written and every problem is reported at once, named by its option.
 */
export async function scheduleGeneratorInternal(tree: Tree, schema: ScheduleGeneratorSchema, io: ScheduleGeneratorIO): Promise<void> {
  // A name given for a file that exists ends the run before any question is asked.
  if (schema.name !== undefined) refuseExisting(check(tree, schema, io).options);
  const answered = io.prompt ? await askMissing(tree, schema, io, io.prompt) : schema;
  const { options, problems, schedule } = check(tree, answered, io);
  refuseExisting(options);
  if (problems.length > 0 || !schedule) throw invalid(options.file, problems);
  writeJson(tree, options.file, options.definition);
  if (!answered.skipFormat) await formatFiles(tree);
  io.log(summary(tree, options, schedule, io.now));
}

function refuseExisting(options: NormalizedSchedule): void {
  if (options.exists) throw new UsageError(`${options.file} already exists; edit it, or choose another name (nothing was written)`);
}

export default async function scheduleGenerator(tree: Tree, schema: ScheduleGeneratorSchema): Promise<void> {
  await scheduleGeneratorInternal(tree, schema, {
    now: new Date(),
    log: (message) => logger.info(message),
    prompt: isInteractive() ? terminalPrompt : undefined,
  });
}

/** Nx's own rule for prompting: `nx g` without --no-interactive, on a terminal, outside CI. */
function isInteractive(): boolean {
  return process.env.NX_INTERACTIVE === 'true' && !!process.stdout.isTTY && process.env.CI !== 'true';
}

/** The prompt Nx's x-prompt uses, so these questions look like every other generator's. */
const terminalPrompt: SchedulePrompt = {
  ask: async (message) => {
    const { textPrompt } = await import('nx/src/utils/prompt-helpers');
    return textPrompt({ message });
  },
  reject: (problems) => logger.warn(problems.join('\n')),
};

/**
 * Asks for each missing option until its answer passes: an answer is checked
 * together with everything given so far, and only the problems of its own option
 * send the question back (the final check still reports everything).
 */
async function askMissing(tree: Tree, given: ScheduleGeneratorSchema, io: ScheduleGeneratorIO, prompt: SchedulePrompt): Promise<ScheduleGeneratorSchema> {
  let answered = given;
  for (const { key, message } of QUESTIONS) {
    if (answered[key] !== undefined) continue;
    for (;;) {
      const candidate = { ...answered, [key]: await prompt.ask(message) };
      const result = check(tree, candidate, io);
      const option = `--${key}`;
      const problems = result.problems.filter((p) => p.option === option).map((p) => `${p.option}: ${p.message}`);
      if (key === 'name' && result.options.exists) problems.push(`${option}: ${result.options.file} already exists; edit it, or choose another name`);
      if (problems.length === 0) {
        answered = candidate;
        break;
      }
      prompt.reject(problems);
    }
  }
  return answered;
}

/** Every problem of the options, each reported once, and the schedule they make when there is none. */
function check(tree: Tree, schema: ScheduleGeneratorSchema, io: ScheduleGeneratorIO): { options: NormalizedSchedule; problems: OptionProblem[]; schedule?: Schedule } {
  const { options, problems } = normalizeOptions(tree, schema, io.now, io.argv ?? process.argv);
  // An option whose syntax is already wrong is reported once, not again by the schema.
  const reported = new Set(problems.map((p) => p.option));
  // requiredBy defaults to the maintainers, so without them it is not a problem of its own.
  if (reported.has('--maintainers') && schema.requiredBy === undefined) reported.add('--requiredBy');
  const validated = validate(tree, options, reported.has('--name'), io.now);
  return { options, problems: [...problems, ...validated.problems.filter((p) => !reported.has(p.option))], schedule: validated.schedule };
}

/** The file to write, and the problems found in the options themselves (syntax, name). */
function normalizeOptions(tree: Tree, given: ScheduleGeneratorSchema, now: Date, argv: readonly string[]): { options: NormalizedSchedule; problems: OptionProblem[] } {
  const name = (given.name ?? '').trim();
  const project = resolveComputeProject(tree, given.project);
  const file = joinPathFragments(project.root, `${name || '<name>'}${SCHEDULE_FILE_SUFFIX}`);

  const problems: OptionProblem[] = [];
  const schema = withTypedValues(withSchemaDefaults(schemaJson, given, DEFAULTED), problems, argv);
  problems.unshift(...missingOptions(schema));
  const nameProblem = name === '' ? undefined : scheduleNameProblem(name);
  if (nameProblem) problems.push({ option: '--name', message: nameProblem.replace(' (rename the file)', '') });
  const command = toCommand(schema.command, problems);
  const maintainers = toList(schema.maintainers, /[\s,]+/);
  const environment = toPairs(schema.environment, '--environment', 'NAME=value', problems);
  const tags = toPairs(schema.tags, '--tags', 'key=value', problems);

  const expectedDuration = toExpectedDuration(schema.expectedDuration, problems);
  const requiredBy = toList(schema.requiredBy, null);
  const definition: NormalizedSchedule['definition'] = {
    $schema: schemaReference(tree.root, project.root, 'schedule.schema.json'),
    enabled: schema.enabled,
    scheduleExpression: (schema.scheduleExpression ?? '').trim(),
    timezone: schema.timezone,
    ...(schema.flexibleWindowMinutes !== undefined ? { flexibleWindowMinutes: schema.flexibleWindowMinutes } : {}),
    ...(schema.startDate ? { startDate: schema.startDate } : {}),
    ...(schema.endDate ? { endDate: schema.endDate } : {}),
    command,
    ...(schema.image ? { image: schema.image } : {}),
    size: schema.size,
    awsRole: schema.awsRole ?? defaultAwsRole(tree, project.root, name),
    attempts: schema.attempts,
    timeout: schema.timeout,
    ...(expectedDuration !== undefined ? { expectedDuration } : {}),
    parallel: schema.parallel,
    environment,
    secrets: toList(schema.secrets, /[\s,]+/),
    tags,
    meta: {
      description: (schema.description ?? '').trim(),
      maintainers,
      lastReview: schema.lastReview ?? todayUtc(now),
      requiredBy: requiredBy.length > 0 ? requiredBy : maintainers,
    },
  };
  return { options: { name, projectName: project.name, projectRoot: project.root, file, exists: name !== '' && tree.exists(file), definition }, problems };
}

/**
 * The options a schedule cannot do without. They are checked here rather than
 * by Nx's schema, which stops at the first one missing (with --no-interactive,
 * or in CI), so every missing option is named in one run with an example.
 */
const REQUIRED: { key: keyof ScheduleGeneratorSchema; option: string; hint: string }[] = [
  { key: 'name', option: '--name', hint: 'the schedule and file name, e.g. nx g schedule nightly_report' },
  { key: 'command', option: '--command', hint: 'the command to run, e.g. --command "node jobs/report.js --since yesterday"' },
  { key: 'scheduleExpression', option: '--scheduleExpression', hint: 'when it runs, e.g. --scheduleExpression "cron(0 3 * * ? *)" or --scheduleExpression "rate(15 minutes)"' },
  { key: 'maintainers', option: '--maintainers', hint: 'usernames from the roster, e.g. --maintainers ana,ben' },
  { key: 'description', option: '--description', hint: 'what the job does and why, at least 25 characters' },
];

function missingOptions(schema: ScheduleGeneratorSchema): OptionProblem[] {
  return REQUIRED.filter(({ key }) => toList(schema[key] as string | string[] | undefined, null).length === 0).map(({ option, hint }) => ({
    option,
    message: `is required: ${hint}`,
  }));
}

/** The project holding compute.json: the one asked for, else "compute", else the only one. */
function resolveComputeProject(tree: Tree, requested: string | undefined): { name: string; root: string } {
  const projects = getProjects(tree);
  const isCompute = (root: string) => tree.exists(joinPathFragments(root, CONFIG_FILE_NAME));
  const computeProjects = [...projects]
    .filter(([, p]) => isCompute(p.root))
    .map(([name, p]) => ({ name, root: p.root }))
    .sort((a, b) => a.name.localeCompare(b.name));
  const known = computeProjects.map((p) => p.name).join(', ') || 'none; run nx g @compute/nx:init to create one';
  if (requested) {
    const project = projects.get(requested);
    if (!project) throw new UsageError(`project "${requested}" does not exist (compute projects: ${known})`);
    if (!isCompute(project.root)) throw new UsageError(`project "${requested}" has no ${CONFIG_FILE_NAME}, so it is not a compute project (compute projects: ${known})`);
    return { name: requested, root: project.root };
  }
  const preferred = computeProjects.find((p) => p.name === 'compute') ?? (computeProjects.length === 1 ? computeProjects[0] : undefined);
  if (!preferred) {
    throw new UsageError(
      computeProjects.length === 0
        ? `no compute project found (a project with ${CONFIG_FILE_NAME}); run nx g @compute/nx:init first`
        : `several compute projects exist (${known}); choose one with --project`,
    );
  }
  return preferred;
}

/**
 * Runs the catalog checks on the config and the new file alone. An invalid name
 * is already reported, so the file is checked under a stand-in name to still
 * report every other problem in the same run.
 */
function validate(tree: Tree, options: NormalizedSchedule, nameReported: boolean, now: Date): { problems: OptionProblem[]; schedule?: Schedule } {
  const configPath = joinPathFragments(options.projectRoot, CONFIG_FILE_NAME);
  const configText = tree.read(configPath, 'utf-8') ?? undefined;
  const file = nameReported ? joinPathFragments(options.projectRoot, `schedule${SCHEDULE_FILE_SUFFIX}`) : options.file;
  const result = buildCatalog({
    projectRoot: options.projectRoot,
    config: configText === undefined ? undefined : { path: configPath, text: configText },
    schedules: [{ path: file, text: JSON.stringify(options.definition) }],
  });
  // A start date in the past would pass the schema but fail compute:test and deploy.
  const problems = [...result.problems, ...checkSchedulingDates(result.catalog?.schedules ?? [], now)];
  if (result.catalog) problems.push(...maintainersOffRoster(tree, result.catalog.config.roster, options, file));
  return {
    problems: problems.filter((p) => p.severity === 'error').map((p) => describeProblem(p, file, configPath)),
    schedule: result.catalog?.schedules[0],
  };
}

/**
 * The maintainer check of the test target, when the roster is a file: a schedule
 * whose maintainers nobody on the roster is would fail the gate right after it
 * was written. A remote roster (GitLab, GitHub) needs a token and the network,
 * and a missing or broken roster file is the test target's to report.
 */
function maintainersOffRoster(tree: Tree, roster: RosterConfig, options: NormalizedSchedule, file: string): Problem[] {
  const maintainers = options.definition.meta.maintainers;
  if (roster.source !== 'file' || maintainers.length === 0) return [];
  const rosterFile = joinPathFragments(options.projectRoot, roster.path);
  const text = tree.read(rosterFile, 'utf-8');
  if (text === null) return [];
  const parsed = parseRosterFile(text, rosterFile);
  if (!parsed.ok) return [];
  return checkMaintainers([{ name: options.name, file, definition: { meta: { maintainers } } }], parsed.usernames, parsed.source);
}

function invalid(file: string, problems: readonly OptionProblem[]): UsageError {
  const count = problems.length === 1 ? 'a problem' : `${problems.length} problems`;
  return new UsageError([`Cannot create ${file}: ${count} (nothing was written)`, ...problems.map((p) => `  ${p.option}: ${p.message}`)].join('\n'));
}

/** Names the option to change rather than the JSON pointer of a file that does not exist yet. */
function describeProblem(problem: Problem, file: string, configPath: string): OptionProblem {
  if (problem.file !== file) return { option: `${problem.file} ${problem.path || '/'}`, message: `${problem.message} (fix ${configPath} first)` };
  const segments = problem.path.split('/').slice(1);
  const field = segments.length === 0 ? 'name' : segments[0] === 'meta' && segments.length > 1 ? segments[1] : segments[0];
  return { option: `--${field}`, message: problem.message };
}

/**
 * The prompt for it is text, so Enter skips it (Nx's number prompt insists on a number):
 * empty means "not given"; anything else must be a whole number of seconds.
 */
function toExpectedDuration(value: number | string | undefined, problems: OptionProblem[]): number | undefined {
  if (value === undefined || (typeof value === 'string' && value.trim() === '')) return undefined;
  const seconds = typeof value === 'number' ? value : Number(value.trim());
  if (!Number.isInteger(seconds)) {
    problems.push({ option: '--expectedDuration', message: `must be a whole number of seconds, e.g. --expectedDuration 300 (got "${value}")` });
    return undefined;
  }
  return seconds;
}

function toCommand(value: string | string[] | undefined, problems: OptionProblem[]): string[] {
  const parts = value === undefined ? [] : Array.isArray(value) ? value : [value];
  try {
    // One string is a command line; several are the arguments themselves.
    return parts.length === 1 ? splitCommand(parts[0]) : [...parts];
  } catch (error) {
    problems.push({ option: '--command', message: (error as Error).message });
    return [];
  }
}

/** The options that take text, once or repeated; Nx's schema leaves their checking to us. */
const TEXT_OPTIONS = ['command', 'maintainers', 'environment', 'secrets', 'tags', 'requiredBy'] as const;
type TextOption = (typeof TEXT_OPTIONS)[number];

/** The options once each holds what its type says. */
type TypedSchema<S extends ScheduleGeneratorSchema> = Omit<S, TextOption | 'expectedDuration'> & { [K in TextOption]?: string | string[] } & { expectedDuration?: number | string };

/**
 * Nx (yargs) reads a value starting with a dash as an option of its own and leaves
 * `true` in its place, and turns numeric values into numbers ("010" into 10). The
 * command line as typed still holds each value, so it is read from there when the
 * count matches; otherwise the option is named with the form that always works.
 */
function withTypedValues<S extends ScheduleGeneratorSchema>(schema: S, problems: OptionProblem[], argv: readonly string[]): TypedSchema<S> {
  const result = { ...schema } as TypedSchema<S>;
  for (const key of TEXT_OPTIONS) {
    const value = schema[key] as unknown;
    if (value === undefined) continue;
    const list = Array.isArray(value) ? (value as unknown[]) : [value];
    if (list.every((v) => typeof v === 'string')) continue;
    // A value yargs took for a flag, or turned into a number.
    const raw = rawOptionValues(argv, key);
    if (raw.length === list.length && list.every((v, i) => typeof v !== 'string' || v === raw[i])) {
      result[key] = Array.isArray(value) ? raw : raw[0];
    } else if (list.every((v) => typeof v === 'string' || typeof v === 'number')) {
      result[key] = Array.isArray(value) ? list.map(String) : String(value as number);
    } else {
      problems.push({ option: `--${key}`, message: `needs a value; write one that starts with a dash as --${key}="-e"` });
      result[key] = undefined;
    }
  }
  if (typeof schema.expectedDuration === 'boolean') {
    problems.push({ option: '--expectedDuration', message: 'needs a number of seconds, e.g. --expectedDuration 600' });
    result.expectedDuration = undefined;
  }
  return result;
}

/** Values from repeated options or one separated string; `null` keeps each string whole. */
function toList(value: string | string[] | undefined, separator: RegExp | null): string[] {
  const parts = value === undefined ? [] : Array.isArray(value) ? value : [value];
  const items = separator ? parts.flatMap((p) => String(p).split(separator)) : parts.map((p) => String(p));
  return items.map((s) => s.trim()).filter((s) => s.length > 0);
}

function toPairs(value: string | string[] | undefined, option: string, form: string, problems: OptionProblem[]): Record<string, string> {
  const pairs: Record<string, string> = {};
  for (const entry of toList(value, null)) {
    const at = entry.indexOf('=');
    if (at <= 0) {
      problems.push({ option, message: `"${entry}" must be written ${form}` });
      continue;
    }
    const key = entry.slice(0, at).trim();
    if (Object.hasOwn(pairs, key)) problems.push({ option, message: `"${key}" is given more than once` });
    pairs[key] = entry.slice(at + 1);
  }
  return pairs;
}

/** `<namePrefix>-<name>`, the convention of Compute's AWS names (see awsNames). */
function defaultAwsRole(tree: Tree, projectRoot: string, name: string): string {
  let prefix = DEFAULT_NAME_PREFIX;
  try {
    const config = JSON.parse(tree.read(joinPathFragments(projectRoot, CONFIG_FILE_NAME), 'utf-8') ?? '{}') as { namePrefix?: unknown };
    if (typeof config.namePrefix === 'string' && config.namePrefix !== '') prefix = config.namePrefix;
  } catch {
    // compute.json problems are reported by the validation that follows.
  }
  return `${prefix}-${name.replace(/_/g, '-')}`;
}

function summary(tree: Tree, options: NormalizedSchedule, schedule: Schedule, now: Date): string {
  const d = schedule.definition;
  const timezone = d.timezone;
  const runs = scheduleNextRuns(schedule, now, RUNS_SHOWN);
  const lines = [`Schedule "${options.name}" runs ${describeScheduleExpression(d.scheduleExpression, timezone)}.`];
  if (runs.length === 0) {
    lines.push('It has no runs left after now.');
  } else {
    const heading = `Next ${runs.length === 1 ? 'run' : `${runs.length} runs`}`;
    if (timezone === 'UTC') {
      lines.push(`${heading} (UTC):`, ...runs.map((run) => `  ${formatUtc(run)}`));
    } else {
      lines.push(`${heading} (${timezone} | UTC):`, ...runs.map((run) => `  ${formatInZone(run, timezone)}  |  ${formatUtc(run)}`));
    }
  }
  if (!d.enabled) lines.push('It is disabled: it is deployed, but in the DISABLED state.');
  lines.push(`Run it locally: nx run ${options.projectName}:${scheduleTargetPrefix(tree)}${options.name}`);
  return lines.join('\n');
}

function scheduleTargetPrefix(tree: Tree): string {
  const entry = readNxJson(tree)?.plugins?.find((p) => (typeof p === 'string' ? p : p.plugin) === PLUGIN_NAME);
  return normalizePluginOptions(entry && typeof entry !== 'string' ? (entry.options as ComputePluginOptions | undefined) : undefined).scheduleTargetPrefix;
}
