import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { diffCatalogs, readCatalogSources, readDiffSide, type CatalogDiff, type CatalogSources, type DiffSide, type SideProblem } from '@compute/schedule';
// Only this module and deploy's import cdktf: graph inference never loads it.
import { diffTerraform, stackDocument, SynthesisError, type InfrastructureDiff, type TerraformDocument } from '@compute/infra';
import { readBaseTree, type Git } from './git-tree';

export interface DiffInput {
  workspaceRoot: string;
  projectRoot: string;
  /** The ref as the user gave it (or as it was defaulted). */
  base: string;
  git: Git;
  /** Runs are counted from this instant. */
  now: Date;
  runs: number;
}

export type InfrastructureReport = InfrastructureDiff & {
  /** Why the infrastructure was not (fully) compared, when it was not. */
  skipped?: string;
};

/** Everything `compute:diff` reports; also its `--format json` document. */
export interface DiffReport extends CatalogDiff {
  base: string;
  baseCommit: string;
  /** Runs were counted after this instant (ISO 8601 UTC). */
  runsAfter: string;
  infrastructure: InfrastructureReport;
}

/** Compares the compute project at `base` (read from git) with the working tree. */
export function computeDiff(input: DiffInput): DiffReport {
  const headSources = readCatalogSources(input.workspaceRoot, input.projectRoot);
  const headTexts = new Map([headSources.config, ...headSources.schedules].flatMap((s) => (s && 'text' in s ? [[s.path, s.text] as const] : [])));
  const fromDisk = (path: string) => {
    try {
      return readFileSync(join(input.workspaceRoot, path), 'utf8');
    } catch {
      return undefined;
    }
  };
  const baseTree = readBaseTree(input.git, input.base, input.projectRoot, (path) => headTexts.get(path) ?? fromDisk(path));
  const base = readDiffSide(baseTree.sources, baseTree.exists);
  const head = readDiffSide(headSources);
  const catalog = diffCatalogs(base, head, { now: input.now, runs: input.runs });

  const readHead = (path: string) => readFileSync(join(input.workspaceRoot, path), 'utf8');
  const problems: SideProblem[] = [...catalog.problems];
  let infrastructure: InfrastructureReport;
  if (sameInputs(baseTree.sources, baseTree.readFile, headSources, readHead, base, head)) {
    infrastructure = emptyInfrastructure();
  } else {
    const before = stack(base, 'base', baseTree.readFile, problems);
    const after = stack(head, 'head', readHead, problems);
    if (before.doc && after.doc) infrastructure = diffTerraform(before.doc, after.doc);
    else infrastructure = { ...emptyInfrastructure(), skipped: [before.skipped, after.skipped].filter(Boolean).join('; ') };
  }
  if (!infrastructure.skipped && (base.result.partial.length > 0 || head.result.partial.length > 0 || hasBrokenSchedules(problems))) {
    infrastructure.skipped = 'schedules with errors are left out of the infrastructure of their side (see problems)';
  }

  return { base: input.base, baseCommit: baseTree.commit, runsAfter: startOfMinute(input.now).toISOString(), ...catalog, problems, infrastructure };
}

function stack(side: DiffSide, name: 'base' | 'head', readFile: (path: string) => string, problems: SideProblem[]): { doc?: TerraformDocument; skipped?: string } {
  // A project that did not exist had no infrastructure.
  if (!side.exists) return { doc: {} };
  const catalog = side.result.catalog;
  if (!catalog) return { skipped: `compute.json at the ${name} is invalid, so its stack cannot be synthesized` };
  try {
    return { doc: stackDocument({ catalog, readFile }) };
  } catch (error) {
    if (!(error instanceof SynthesisError)) throw error;
    problems.push(...error.problems.map((p) => ({ side: name, ...p })));
    return { skipped: `the ${name}'s stack cannot be synthesized (see problems)` };
  }
}

/**
 * Identical files on both sides (schedules, compute.json and init data) synthesize
 * identical stacks: the two syntheses are skipped.
 */
function sameInputs(a: CatalogSources, readA: (p: string) => string, b: CatalogSources, readB: (p: string) => string, sideA: DiffSide, sideB: DiffSide): boolean {
  if (sideA.exists !== sideB.exists) return false;
  const text = (s: CatalogSources['config']) => (s && 'text' in s ? s.text : s ? null : undefined);
  if (text(a.config) !== text(b.config) || a.schedules.length !== b.schedules.length) return false;
  if (a.schedules.some((s, i) => s.path !== b.schedules[i].path || text(s) !== text(b.schedules[i]))) return false;
  const config = sideB.result.catalog?.config;
  if (!config) return false;
  for (const env of Object.values(config.environments)) {
    for (const path of env.initData) {
      const full = a.projectRoot === '' || a.projectRoot === '.' ? path : `${a.projectRoot}/${path}`;
      if (readOrNull(readA, full) !== readOrNull(readB, full)) return false;
    }
  }
  return true;
}

function readOrNull(read: (p: string) => string, path: string): string | null {
  try {
    return read(path);
  } catch {
    return null;
  }
}

function hasBrokenSchedules(problems: SideProblem[]): boolean {
  return problems.some((p) => p.severity === 'error' && p.schedule !== undefined);
}

function emptyInfrastructure(): InfrastructureReport {
  return { added: [], removed: [], changed: [], permissions: { granted: [], revoked: [] } };
}

export function startOfMinute(now: Date): Date {
  return new Date(Math.floor(now.getTime() / 60_000) * 60_000);
}
