import { duplicateKeys, parseJson } from '../json';
import { locateProblems } from '../json-location';
import { scheduleNameFromFile, scheduleNameProblem } from '../names';
import { sortProblems, type Problem } from '../problems';
import { isoDateTime } from '../schema/common';
import { computeConfigSchema, type ComputeConfig } from '../schema/compute-config';
import { scheduleFileSchema, scheduleMetaSchema } from '../schema/schedule-file';
import { problemsFromZod } from '../schema/zod-problems';
import { CONFIG_FILE_NAME, type Catalog, type Schedule, type ScheduleSubject, type SourceFile, type UnreadableFile } from './catalog';

export interface CatalogSources {
  projectRoot: string;
  /** compute.json; when missing every default applies. */
  config?: SourceFile | UnreadableFile;
  schedules: (SourceFile | UnreadableFile)[];
  /** Whether a file exists, path relative to the project root (init data). */
  fileExists?: (projectPath: string) => boolean;
}

export interface CatalogResult {
  /** Undefined only when compute.json itself is unusable. */
  catalog?: Catalog;
  /** Every problem of every file, sorted. */
  problems: Problem[];
  /**
   * The readable parts of schedule files whose JSON parsed but that are not in the
   * catalog, sorted by name, so the policy rules can still check them in the same run.
   */
  partial: ScheduleSubject[];
  /** How many schedule files were looked at. */
  checked: number;
}

/** Validates a compute project's files. Never throws: bad input becomes problems. */
export function buildCatalog(sources: CatalogSources): CatalogResult {
  const problems: Problem[] = [];
  const configFile = sources.config?.path ?? joinPath(sources.projectRoot, CONFIG_FILE_NAME);
  const config = readConfig(sources.config, configFile, problems);
  if (config && sources.fileExists) checkInitData(config, configFile, sources.fileExists, problems);

  const schedules: Schedule[] = [];
  const partial: ScheduleSubject[] = [];
  for (const source of sources.schedules) {
    const read = readSchedule(source, config, problems);
    if (read?.schedule) schedules.push(read.schedule);
    else if (read?.partial) partial.push(read.partial);
  }
  schedules.sort(byName);
  partial.sort(byName);
  // Field problems carry the line and column of the field, for editors and CI annotations.
  const texts = new Map<string, string>();
  for (const source of [...(sources.config ? [sources.config] : []), ...sources.schedules]) if ('text' in source) texts.set(source.path, source.text);

  return {
    catalog: config ? { projectRoot: sources.projectRoot, configFile, config, schedules } : undefined,
    problems: locateProblems(sortProblems(problems), (file) => texts.get(file)),
    partial,
    checked: sources.schedules.length,
  };
}

function readConfig(source: SourceFile | UnreadableFile | undefined, file: string, problems: Problem[]): ComputeConfig | undefined {
  let raw: unknown = {};
  if (source && 'unreadable' in source) {
    problems.push({ file, path: '', severity: 'error', message: source.unreadable });
    return undefined;
  }
  if (source) {
    const json = isBlank(source.text) ? { ok: false as const, message: 'the file is empty: write {} to use every default' } : parseJson(source.text);
    if (!json.ok) {
      problems.push({ file, path: '', severity: 'error', message: json.message });
      return undefined;
    }
    raw = json.value;
    problems.push(...duplicateKeyProblems(source.text, file));
  }
  const parsed = computeConfigSchema.safeParse(raw, { reportInput: true });
  if (!parsed.success) {
    problems.push(...problemsFromZod(parsed.error, file, undefined, { schema: computeConfigSchema, input: raw }));
    return undefined;
  }
  return parsed.data;
}

/** Empty or only whitespace (an editor's new file, a failed redirect): a parser's "end of the file at line 1" would mislead. */
function isBlank(text: string): boolean {
  return text.replace(/^\ufeff/, '').trim() === '';
}

function duplicateKeyProblems(text: string, file: string, schedule?: string): Problem[] {
  return duplicateKeys(text).map((path) => ({
    file,
    schedule,
    path,
    severity: 'error' as const,
    message: 'this field appears more than once and only the last one counts: keep one',
  }));
}

function checkInitData(config: ComputeConfig, file: string, exists: (p: string) => boolean, problems: Problem[]): void {
  for (const [name, env] of Object.entries(config.environments)) {
    env.initData.forEach((path, index) => {
      if (!exists(path)) {
        problems.push({ file, path: `/environments/${name}/initData/${index}`, severity: 'error', message: `init data file "${path}" does not exist in the compute project` });
      }
    });
  }
}

/** A valid schedule, or what can be read of an invalid one whose JSON parsed, or nothing. */
type ReadSchedule = { schedule: Schedule; partial?: undefined } | { schedule?: undefined; partial: ScheduleSubject } | undefined;

function readSchedule(source: SourceFile | UnreadableFile, config: ComputeConfig | undefined, problems: Problem[]): ReadSchedule {
  const file = source.path;
  const name = scheduleNameFromFile(file) ?? file;
  const before = problems.length;
  const nameProblem = scheduleNameProblem(name);
  if (nameProblem) problems.push({ file, schedule: name, path: '', severity: 'error', message: nameProblem });
  if ('unreadable' in source) {
    problems.push({ file, schedule: name, path: '', severity: 'error', message: source.unreadable });
    return undefined;
  }

  const json = isBlank(source.text)
    ? { ok: false as const, message: 'the file is empty: write the schedule in it (nx g schedule writes a complete one) or delete it' }
    : parseJson(source.text);
  if (!json.ok) {
    problems.push({ file, schedule: name, path: '', severity: 'error', message: json.message });
    return undefined;
  }
  problems.push(...duplicateKeyProblems(source.text, file, name));
  const parsed = scheduleFileSchema.safeParse(json.value, { reportInput: true });
  if (!parsed.success) problems.push(...problemsFromZod(parsed.error, file, name, { schema: scheduleFileSchema, input: json.value }));

  // Cross references are checked even when other fields are wrong, so one run shows everything.
  const sizeName = (json.value as { size?: unknown } | null)?.size;
  let size: Schedule['size'] | undefined;
  let environment: Schedule['environment'] | undefined;
  if (config && typeof sizeName === 'string' && sizeName.length > 0) {
    const sizeConfig = Object.hasOwn(config.sizes, sizeName) ? config.sizes[sizeName] : undefined;
    if (!sizeConfig) {
      problems.push({ file, schedule: name, path: '/size', severity: 'error', message: `size "${sizeName}" is not defined in compute.json (known sizes: ${Object.keys(config.sizes).join(', ')})` });
    } else {
      size = { name: sizeName, ...sizeConfig };
      const envConfig = config.environments[sizeConfig.environment];
      if (envConfig) environment = { name: sizeConfig.environment, ...envConfig };
    }
  }
  if (problems.length > before || !parsed.success || !size || !environment) {
    return { partial: { name, file, definition: parsed.success ? parsed.data : readableParts(json.value) } };
  }
  return { schedule: { name, file, definition: parsed.data, size, environment } };
}

/** The fields the policy rules read, each only when it is well-formed on its own. */
function readableParts(value: unknown): ScheduleSubject['definition'] {
  const root = asRecord(value);
  const meta = asRecord(root?.meta);
  const username = scheduleMetaSchema.shape.maintainers.element;
  const maintainers = Array.isArray(meta?.maintainers) ? meta.maintainers.filter((m): m is string => username.safeParse(m).success) : [];
  const lastReview = wellFormed(scheduleMetaSchema.shape.lastReview, meta?.lastReview);
  const startDate = wellFormed(isoDateTime, root?.startDate);
  const endDate = wellFormed(isoDateTime, root?.endDate);
  return {
    ...(startDate !== undefined ? { startDate } : {}),
    ...(endDate !== undefined ? { endDate } : {}),
    meta: { ...(maintainers.length > 0 ? { maintainers } : {}), ...(lastReview !== undefined ? { lastReview } : {}) },
  };
}

function wellFormed(schema: { safeParse: (value: unknown) => { success: boolean } }, value: unknown): string | undefined {
  return typeof value === 'string' && schema.safeParse(value).success ? value : undefined;
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function joinPath(a: string, b: string): string {
  return a === '' || a === '.' ? b : `${a.replace(/\/+$/, '')}/${b}`;
}
