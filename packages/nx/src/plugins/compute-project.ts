import { readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';

// The defaults module alone: the package index would load zod into graph inference.
import { CONFIG_FILE_NAME, DEFAULT_MAINTAINER_ENV, DEFAULT_NAME_PREFIX, DEFAULT_ROSTER_PATH, SCHEDULE_FILE_SUFFIX } from '@compute/schedule/src/defaults';
import { posixPath } from '@compute/schedule/src/paths';

export { CONFIG_FILE_NAME, SCHEDULE_FILE_SUFFIX };

/**
 * What target inference needs to know about a compute project, read leniently:
 * graph construction must survive any broken file (compute:test reports it), so
 * nothing here validates, and unreadable or malformed files fall back to defaults.
 */
export interface ComputeProjectFacts {
  /** Project root from the workspace root ("." for a root project). */
  root: string;
  /** Name of the project, from project.json or package.json. */
  projectName: string;
  /** Set only when package.json alone declares the project (see pluginProjectName). */
  nameFromPackageJson?: string;
  /** `<name>` of every `<name>.schedule.json` directly in the root, sorted. */
  scheduleNames: string[];
  roster: { kind: 'file'; path: string } | { kind: 'remote'; source: string };
  /** The variable naming the current maintainer (compute.json review.maintainerEnv). */
  maintainerEnv: string;
  /** Init data files from compute.json; undefined when it relies on the default environments. */
  initData?: string[];
  /** compute.json's namePrefix, which names the Terraform stack (its folder under stacks/). */
  namePrefix: string;
}


/** Whether a folder holding compute.json is an Nx project (it has project.json or package.json). */
export function projectFileOf(workspaceRoot: string, root: string): 'project.json' | 'package.json' | undefined {
  const siblings = safeReaddir(join(workspaceRoot, root));
  if (siblings.includes('project.json')) return 'project.json';
  if (siblings.includes('package.json')) return 'package.json';
  return undefined;
}

export function readComputeProject(workspaceRoot: string, root: string): ComputeProjectFacts {
  const dir = join(workspaceRoot, root);
  const entries = safeReaddir(dir);
  const scheduleNames = entries
    .filter((name) => name.endsWith(SCHEDULE_FILE_SUFFIX) && name.length > SCHEDULE_FILE_SUFFIX.length)
    .map((name) => name.slice(0, -SCHEDULE_FILE_SUFFIX.length))
    .sort();

  const project = entries.includes('project.json') ? asObject(readJsonLeniently(join(dir, 'project.json'))) : undefined;
  const pkg = !project && entries.includes('package.json') ? asObject(readJsonLeniently(join(dir, 'package.json'))) : undefined;
  const pkgName = pkg ? (asString(asObject(pkg.nx)?.name) ?? asString(pkg.name)) : undefined;
  const projectName = asString(project?.name) ?? pkgName ?? (basename(join(workspaceRoot, root)) || 'compute');

  const config = asObject(readJsonLeniently(join(dir, CONFIG_FILE_NAME))) ?? {};
  return {
    root,
    projectName,
    nameFromPackageJson: pkgName,
    scheduleNames,
    roster: rosterOf(config.roster),
    maintainerEnv: asString(asObject(config.review)?.maintainerEnv) || DEFAULT_MAINTAINER_ENV,
    initData: initDataOf(config.environments),
    namePrefix: asString(config.namePrefix) ?? DEFAULT_NAME_PREFIX,
  };
}

function rosterOf(value: unknown): ComputeProjectFacts['roster'] {
  const roster = asObject(value);
  const source = asString(roster?.source) ?? 'file';
  if (source !== 'file') return { kind: 'remote', source };
  return { kind: 'file', path: asString(roster?.path) || DEFAULT_ROSTER_PATH };
}

function initDataOf(value: unknown): string[] | undefined {
  const environments = asObject(value);
  if (!environments) return undefined;
  const paths = new Set<string>();
  for (const env of Object.values(environments)) {
    const list = asObject(env)?.initData;
    if (!Array.isArray(list)) continue;
    for (const path of list) if (typeof path === 'string' && path.length > 0) paths.add(posixPath(path));
  }
  return [...paths].sort();
}

function safeReaddir(dir: string): string[] {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

function readJsonLeniently(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8').replace(/^\uFEFF/, ''));
  } catch {
    return undefined;
  }
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

function asString(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}
