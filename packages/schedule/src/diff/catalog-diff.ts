import { buildCatalog, type CatalogResult, type CatalogSources } from '../catalog/build-catalog';
import { scheduleRunWindow, type Schedule } from '../catalog/catalog';
import { daylightSavingRuns, nextRuns, runsPerDay, type DaylightSavingRun, type ScheduleExpression } from '../expression';
import { parseJson } from '../json';
import { scheduleNameFromFile } from '../names';
import type { Problem } from '../problems';
import type { ScheduleFile } from '../schema/schedule-file';
import { diffJson, isRecord, jsonEqual, stableJson, type FieldChange } from './json-diff';
import { findPileUps, type PileUp } from '../fleet';

/** One side of a comparison: the compute project's files at a git ref, or in the working tree. */
export interface DiffSide {
  /** False when the project did not exist on this side: everything on the other side is new. */
  exists: boolean;
  result: CatalogResult;
  /** Each schedule file's JSON by schedule name, valid or not, when it parsed. */
  documents: Map<string, unknown>;
  /** compute.json's JSON, when present and parsed. */
  configDocument?: unknown;
}

/** Validates one side's files (as compute:test does) and keeps their JSON for field diffs. */
export function readDiffSide(sources: CatalogSources, exists = true): DiffSide {
  const documents = new Map<string, unknown>();
  for (const source of sources.schedules) {
    const name = scheduleNameFromFile(source.path);
    if (name === undefined || !('text' in source)) continue;
    const json = parseJson(source.text);
    if (json.ok) documents.set(name, json.value);
  }
  const config = sources.config && 'text' in sources.config ? parseJson(sources.config.text) : undefined;
  return { exists, result: buildCatalog(sources), documents, ...(config?.ok ? { configDocument: config.value } : {}) };
}

export type DiffWarningKind = 'daylight-saving' | 'frequency' | 'shared-start';

export interface DiffWarning {
  kind: DiffWarningKind;
  message: string;
}

export interface AddedSchedule {
  name: string;
  file: string;
  scheduleExpression?: string;
  timezone?: string;
  enabled?: boolean;
  /** Next runs, ISO 8601 UTC; empty when disabled, invalid or finished. */
  nextRuns: string[];
  warnings: DiffWarning[];
}

export interface RemovedSchedule {
  name: string;
  file: string;
  scheduleExpression?: string;
  timezone?: string;
  /** The runs that will no longer happen, ISO 8601 UTC. */
  nextRuns: string[];
}

export interface ChangedSchedule {
  name: string;
  file: string;
  /** The old name, when the file was renamed (its content otherwise unchanged, or changed as `fields` say). */
  renamedFrom?: string;
  fields: FieldChange[];
  /** The time zone runs are shown in (the new one). */
  timezone?: string;
  /** Present when the expression, time zone, start or end date, or enabled changed. */
  nextRuns?: { before: string[]; after: string[]; timezoneBefore?: string };
  warnings: DiffWarning[];
}

export interface SideProblem extends Problem {
  side: 'base' | 'head';
}

export interface CatalogDiff {
  added: AddedSchedule[];
  removed: RemovedSchedule[];
  changed: ChangedSchedule[];
  /** Changes to compute.json (environments, sizes, network, ...). */
  config: FieldChange[];
  /** What is wrong on either side, as compute:test would say it. */
  problems: SideProblem[];
}

export interface DiffOptions {
  /** Runs are counted after this instant (the start of the current minute). */
  now: Date;
  /** How many next runs to show (default 5). */
  runs?: number;
  /** A frequency change by more than this factor, either way, deserves a warning (default 10). */
  frequencyFactor?: number;
}

/** The fields that decide when a schedule runs. */
const TIMING_FIELDS = ['scheduleExpression', 'timezone', 'startDate', 'endDate', 'enabled'];
const YEAR_MS = 366 * 86_400_000;

/**
 * What a change to a compute project does to its schedules: which are added, removed,
 * renamed or changed (every field, by JSON pointer), when they run before and after, and
 * what an author would want to be warned about. Pure: both sides are given, and `now`.
 */
export function diffCatalogs(base: DiffSide, head: DiffSide, options: DiffOptions): CatalogDiff {
  const now = new Date(Math.floor(options.now.getTime() / 60_000) * 60_000);
  const count = options.runs ?? 5;
  const ctx: Context = {
    now,
    count,
    factor: options.frequencyFactor ?? 10,
    basePileUps: pileUpsOf(base, now),
    headPileUps: pileUpsOf(head, now),
  };
  const baseValid = valid(base);
  const headValid = valid(head);
  const baseFiles = files(base);
  const headFiles = files(head);

  const addedNames = [...headFiles.keys()].filter((n) => !baseFiles.has(n)).sort();
  const removedNames = new Set([...baseFiles.keys()].filter((n) => !headFiles.has(n)));
  const renames = detectRenames(addedNames, [...removedNames].sort(), base, head);

  const added: AddedSchedule[] = [];
  const changed: ChangedSchedule[] = [];
  for (const name of addedNames) {
    const from = renames.get(name);
    if (from !== undefined) {
      removedNames.delete(from);
      changed.push(changedSchedule(from, name, base, head, ctx));
      continue;
    }
    const schedule = headValid.get(name);
    const d = definitionOf(head, name);
    added.push({
      name,
      file: headFiles.get(name)!,
      ...(typeof d.scheduleExpression === 'string' ? { scheduleExpression: d.scheduleExpression } : {}),
      ...(schedule ? { timezone: schedule.definition.timezone, enabled: schedule.definition.enabled } : {}),
      nextRuns: runsOf(schedule, ctx),
      warnings: schedule ? warningsFor(undefined, schedule, ctx) : [],
    });
  }
  for (const name of [...headFiles.keys()].filter((n) => baseFiles.has(n)).sort()) {
    const change = changedSchedule(name, name, base, head, ctx);
    if (change.fields.length > 0) changed.push(change);
  }
  changed.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

  const removed: RemovedSchedule[] = [...removedNames].sort().map((name) => {
    const schedule = baseValid.get(name);
    const d = definitionOf(base, name);
    return {
      name,
      file: baseFiles.get(name)!,
      ...(typeof d.scheduleExpression === 'string' ? { scheduleExpression: d.scheduleExpression } : {}),
      ...(schedule ? { timezone: schedule.definition.timezone } : {}),
      nextRuns: runsOf(schedule, ctx),
    };
  });

  return {
    added,
    removed,
    changed,
    config: configChanges(base, head),
    problems: [
      ...base.result.problems.map((p) => ({ side: 'base' as const, ...p })),
      ...head.result.problems.map((p) => ({ side: 'head' as const, ...p })),
    ],
  };
}

interface Context {
  now: Date;
  count: number;
  factor: number;
  basePileUps: (schedule: Schedule) => PileUp | undefined;
  headPileUps: (schedule: Schedule) => PileUp | undefined;
}

function changedSchedule(from: string, name: string, base: DiffSide, head: DiffSide, ctx: Context): ChangedSchedule {
  const before = valid(base).get(from);
  const after = valid(head).get(name);
  // Validated definitions (defaults filled in) when both sides are valid, so writing a
  // default out is no change; the files' JSON otherwise.
  const fields = before && after ? diffJson(asWritten(before.definition), asWritten(after.definition)) : diffJson(rawOf(base, from), rawOf(head, name));
  const timing = fields.some((f) => TIMING_FIELDS.includes(f.path.split('/')[1]));
  const change: ChangedSchedule = {
    name,
    file: files(head).get(name)!,
    ...(from !== name ? { renamedFrom: from } : {}),
    fields,
    ...(after ? { timezone: after.definition.timezone } : {}),
    warnings: [],
  };
  if (timing) {
    const zoneBefore = before?.definition.timezone;
    change.nextRuns = {
      before: runsOf(before, ctx),
      after: runsOf(after, ctx),
      ...(zoneBefore !== undefined && zoneBefore !== after?.definition.timezone ? { timezoneBefore: zoneBefore } : {}),
    };
    if (after) change.warnings = warningsFor(before, after, ctx);
  }
  return change;
}

function runsOf(schedule: Schedule | undefined, ctx: Context): string[] {
  const expression = schedule && expressionOf(schedule);
  if (!schedule || !expression || !schedule.definition.enabled) return [];
  return nextRuns(expression, { ...scheduleRunWindow(schedule, ctx.now), count: ctx.count }).map((d) => d.toISOString());
}

/** Warnings about what the new timing of `after` does that the old one (if any) did not. */
function warningsFor(before: Schedule | undefined, after: Schedule, ctx: Context): DiffWarning[] {
  const warnings: DiffWarning[] = [];
  const expression = expressionOf(after);
  if (!expression || !after.definition.enabled) return warnings;
  const zone = after.definition.timezone;

  const until = new Date(ctx.now.getTime() + YEAR_MS);
  const old = before && expressionOf(before);
  const seen = new Set(old && before.definition.enabled ? daylightSavingRuns(old, before.definition.timezone, ctx.now, until).map(dstKey) : []);
  const fresh = daylightSavingRuns(expression, zone, ctx.now, until).filter((run) => !seen.has(dstKey(run)));
  for (const kind of ['skipped', 'repeated'] as const) {
    const walls = fresh.filter((r) => r.kind === kind).map((r) => r.wall.replace('T', ' '));
    if (walls.length === 0) continue;
    const shown = walls.length > 3 ? `${walls.slice(0, 3).join(', ')} and ${walls.length - 3} more` : walls.join(', ');
    warnings.push({
      kind: 'daylight-saving',
      message:
        kind === 'skipped'
          ? `${shown} (${zone}) ${walls.length === 1 ? 'does' : 'do'} not exist: daylight saving time skips ${walls.length === 1 ? 'it' : 'them'}, so ${walls.length === 1 ? 'that run does' : 'those runs do'} not happen`
          : `${shown} (${zone}) ${walls.length === 1 ? 'happens' : 'happen'} twice as daylight saving time ends; the job runs once, at the first`,
    });
  }

  if (old && before.definition.enabled) {
    const rateBefore = runsPerDay(old, scheduleRunWindow(before, ctx.now));
    const rateAfter = runsPerDay(expression, scheduleRunWindow(after, ctx.now));
    if (rateBefore && rateAfter) {
      const ratio = rateAfter / rateBefore;
      if (ratio > ctx.factor || ratio < 1 / ctx.factor) {
        const more = ratio > 1;
        warnings.push({
          kind: 'frequency',
          message: `runs ${formatFactor(more ? ratio : 1 / ratio)} ${more ? 'more' : 'less'} often: about ${formatRate(rateAfter)} instead of ${formatRate(rateBefore)}`,
        });
      }
    }
  }

  const pileUp = ctx.headPileUps(after);
  if (pileUp) {
    const previous = before ? ctx.basePileUps(before) : undefined;
    if (!previous || previous.schedules.length < pileUp.schedules.length) warnings.push({ kind: 'shared-start', message: pileUpMessage(pileUp, after.name) });
  }
  return warnings;
}

/**
 * The largest start-minute pile-up (compute:test's detector, its threshold from
 * compute.json fleet.pileUpThreshold) a schedule of a side is part of. Found per compute
 * environment, only for the environments asked about: a change touches one or two.
 */
function pileUpsOf(side: DiffSide, now: Date): (schedule: Schedule) => PileUp | undefined {
  const byEnvironment = new Map<string, Map<string, PileUp>>();
  return (schedule) => {
    const catalog = side.result.catalog;
    if (!catalog) return undefined;
    const environment = schedule.environment.name;
    let byName = byEnvironment.get(environment);
    if (!byName) {
      byEnvironment.set(environment, (byName = new Map()));
      const schedules = catalog.schedules.filter((s) => s.environment.name === environment);
      // Largest first: the first pile-up naming a schedule is its worst.
      for (const pileUp of findPileUps(schedules, { now, threshold: catalog.config.fleet.pileUpThreshold })) {
        for (const name of pileUp.schedules) if (!byName.has(name)) byName.set(name, pileUp);
      }
    }
    return byName.get(schedule.name);
  };
}

function pileUpMessage(pileUp: PileUp, name: string): string {
  const others = pileUp.schedules.filter((n) => n !== name);
  const names = others.length > 5 ? `${others.slice(0, 5).join(', ')} and ${others.length - 5} more` : others.join(', ');
  return `starts at ${pileUp.at.slice(0, 16).replace('T', ' ')} UTC together with ${others.length} other schedules of environment "${pileUp.environment}" (${names}); they compete for the same Spot capacity: move the minute or set flexibleWindowMinutes`;
}

function formatFactor(ratio: number): string {
  return `${ratio >= 100 ? Math.round(ratio) : Math.round(ratio * 10) / 10}x`;
}

function formatRate(perDay: number): string {
  if (perDay >= 1) return `${Math.round(perDay * 10) / 10} runs a day`;
  return `${Math.round(perDay * 7 * 10) / 10} runs a week`;
}

function dstKey(run: DaylightSavingRun): string {
  return `${run.kind} ${run.wall}`;
}


function expressionOf(schedule: Schedule): ScheduleExpression {
  return schedule.definition.scheduleExpression;
}

/**
 * Renames: a file that disappeared and a file that appeared with the same content. Paired
 * in name order, each at most once.
 */
function detectRenames(added: string[], removed: string[], base: DiffSide, head: DiffSide): Map<string, string> {
  const removedByContent = new Map<string, string[]>();
  for (const name of removed) {
    if (!base.documents.has(name)) continue;
    const key = stableJson(rawOf(base, name));
    removedByContent.set(key, [...(removedByContent.get(key) ?? []), name]);
  }
  const renames = new Map<string, string>();
  for (const name of added) {
    if (!head.documents.has(name)) continue;
    const candidates = removedByContent.get(stableJson(rawOf(head, name)));
    const from = candidates?.shift();
    if (from !== undefined) renames.set(name, from);
  }
  return renames;
}

function configChanges(base: DiffSide, head: DiffSide): FieldChange[] {
  if (!base.exists) return [];
  const before = base.result.catalog?.config;
  const after = head.result.catalog?.config;
  if (before && after) return diffJson(withoutSchema(before), withoutSchema(after));
  const raw = (side: DiffSide) => (isRecord(side.configDocument) ? withoutSchema(side.configDocument) : {});
  const b = raw(base);
  const a = raw(head);
  return jsonEqual(b, a) ? [] : diffJson(b, a);
}

/** Every schedule file by name (valid, invalid or unreadable), path from the workspace root. */
function files(side: DiffSide): Map<string, string> {
  const cached = filesCache.get(side);
  if (cached) return cached;
  const map = new Map<string, string>();
  for (const s of side.result.catalog?.schedules ?? []) map.set(s.name, s.file);
  for (const p of side.result.partial) map.set(p.name, p.file);
  for (const p of side.result.problems) {
    if (p.schedule !== undefined && !map.has(p.schedule)) map.set(p.schedule, p.file);
  }
  filesCache.set(side, map);
  return map;
}

function valid(side: DiffSide): Map<string, Schedule> {
  let map = validCache.get(side);
  if (!map) validCache.set(side, (map = new Map((side.result.catalog?.schedules ?? []).map((s) => [s.name, s]))));
  return map;
}

const filesCache = new WeakMap<DiffSide, Map<string, string>>();
const validCache = new WeakMap<DiffSide, Map<string, Schedule>>();

function definitionOf(side: DiffSide, name: string): Record<string, unknown> {
  const schedule = valid(side).get(name);
  if (schedule) return asWritten(schedule.definition);
  const raw = side.documents.get(name);
  return isRecord(raw) ? raw : {};
}

function rawOf(side: DiffSide, name: string): unknown {
  const raw = side.documents.get(name);
  return isRecord(raw) ? withoutSchema(raw) : raw;
}

/** `$schema` is for editors: changing it changes nothing. */
/** A validated definition as a file would state it: the expression as text, no $schema. */
function asWritten(definition: ScheduleFile): Record<string, unknown> {
  return { ...withoutSchema(definition), scheduleExpression: definition.scheduleExpression.source };
}

function withoutSchema(value: object): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = value as Record<string, unknown>;
  return rest;
}
