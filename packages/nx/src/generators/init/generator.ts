import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import {
  type GeneratorCallback,
  type NxJsonConfiguration,
  type Tree,
  addProjectConfiguration,
  formatFiles,
  getProjects,
  joinPathFragments,
  logger,
  normalizePath,
  readNxJson,
  updateNxJson,
  writeJson,
} from '@nx/devkit';
import { CONFIG_FILE_NAME, computeConfigSchema } from '@compute/schedule';
import { normalizeOptions as normalizePluginOptions } from '../../plugins/targets';
import { schemaReference } from '../../utils/schedule-package';
import { UsageError } from '../../utils/usage-error';
import type { InitGeneratorSchema } from './schema';

export const PLUGIN_NAME = '@compute/nx';
const ROSTER_FILE = 'maintainers.json';
/** The default init data, the same files as this repository's schedules/init (a spec checks). */
const INIT_DATA_DIR = join(__dirname, 'files');

/** compute.json keys written explicitly; environments and sizes keep their documented defaults. */
const CONFIG_KEYS = ['region', 'namePrefix', 'image', 'network', 'alerts', 'roster', 'review', 'state', 'logs', 'tags'] as const;

/**
 * Sets up Compute (what `nx add @compute/nx` runs). Every step only adds what is
 * missing, so a second run changes nothing and existing files are never rewritten.
 */
export async function initGenerator(tree: Tree, schema: InitGeneratorSchema): Promise<GeneratorCallback> {
  const directory = normalizeDirectory(schema.directory ?? 'schedules');
  const name = (schema.name ?? 'compute').trim();

  ensureProject(tree, name, directory);
  const configPath = joinPathFragments(directory, CONFIG_FILE_NAME);
  if (!tree.exists(configPath)) writeJson(tree, configPath, defaultConfig(tree, directory));
  const rosterPath = joinPathFragments(directory, ROSTER_FILE);
  const maintainers = toList(schema.maintainers);
  if (!tree.exists(rosterPath)) {
    const members = maintainers.map((username) => ({ username, emails: [] as string[] }));
    writeJson(tree, rosterPath, { $schema: schemaReference(tree.root, directory, 'roster.schema.json'), members });
  } else {
    addMissingMaintainers(tree, rosterPath, maintainers);
  }
  for (const file of listFiles(INIT_DATA_DIR)) {
    const target = joinPathFragments(directory, file);
    if (!tree.exists(target)) tree.write(target, readFileSync(join(INIT_DATA_DIR, file)));
  }
  ensurePluginRegistered(tree, joinPathFragments(directory, CONFIG_FILE_NAME));
  ensureAnalyticsChosen(tree);

  if (!schema.skipFormat) await formatFiles(tree);
  return () => {
    logger.info(
      [
        `Compute is set up in ${directory} (project "${name}").`,
        `  1. Put the people who may maintain schedules in ${rosterPath}.`,
        `  2. Create a schedule: nx g schedule <name>`,
        `  3. Check everything: nx run ${name}:test`,
      ].join('\n'),
    );
  };
}

export default initGenerator;

/**
 * `nx add @compute/nx` runs init without options, so `init --maintainers` afterwards
 * must still reach the roster: it appends the usernames it lacks and leaves every
 * existing member (and the file, when nothing is missing) as it is.
 */
function addMissingMaintainers(tree: Tree, rosterPath: string, maintainers: string[]): void {
  if (maintainers.length === 0) return;
  let roster: { members?: Array<{ username?: unknown }> };
  try {
    roster = JSON.parse(tree.read(rosterPath, 'utf-8') ?? '') as typeof roster;
  } catch {
    throw new UsageError(`${rosterPath} is not valid JSON, so --maintainers cannot be added to it; fix or remove the file and run init again`);
  }
  if (!Array.isArray(roster.members)) return;
  const known = new Set(roster.members.map((m) => m.username));
  const missing = maintainers.filter((username) => !known.has(username));
  if (missing.length === 0) return;
  roster.members.push(...missing.map((username) => ({ username, emails: [] as string[] })));
  writeJson(tree, rosterPath, roster);
}

/**
 * The first interactive nx command asks about analytics and rewrites nx.json with
 * the answer, which dirties the tree and makes every project affected. A workspace
 * that has not chosen gets the quiet default; an existing choice is kept.
 */
function ensureAnalyticsChosen(tree: Tree): void {
  const nxJson: NxJsonConfiguration = readNxJson(tree) ?? {};
  if (typeof nxJson.analytics === 'boolean') return;
  updateNxJson(tree, { ...nxJson, analytics: false });
}

function normalizeDirectory(directory: string): string {
  const normalized = normalizePath(directory.trim()).replace(/^\.\/+/, '').replace(/\/+$/, '');
  if (normalized === '' || normalized.startsWith('../') || normalized.startsWith('/')) {
    throw new UsageError(`--directory "${directory}" must be a folder inside the workspace, e.g. schedules`);
  }
  return normalized;
}

function ensureProject(tree: Tree, name: string, directory: string): void {
  const projects = getProjects(tree);
  const atDirectory = [...projects].find(([, p]) => p.root === directory);
  if (atDirectory) return;
  if (projects.has(name)) {
    throw new UsageError(`a project named "${name}" already exists in ${projects.get(name)?.root}; choose another --name or --directory`);
  }
  addProjectConfiguration(tree, name, { root: directory, projectType: 'application', tags: ['compute'] });
}

function defaultConfig(tree: Tree, directory: string): Record<string, unknown> {
  const defaults = computeConfigSchema.parse({});
  const config: Record<string, unknown> = { $schema: schemaReference(tree.root, directory, 'compute.schema.json') };
  for (const key of CONFIG_KEYS) config[key] = defaults[key];
  return config;
}

/**
 * Registers the plugin for exactly this compute.json: the plugin's glob matches any
 * compute.json, and an unrelated one elsewhere must not become a compute project.
 */
function ensurePluginRegistered(tree: Tree, configPath: string): void {
  const nxJson: NxJsonConfiguration = readNxJson(tree) ?? {};
  const plugins = nxJson.plugins ?? [];
  const index = plugins.findIndex((p) => (typeof p === 'string' ? p : p.plugin) === PLUGIN_NAME);
  const options = normalizePluginOptions(undefined);
  const keepInputs = targetDefaultsReplaceInputs(nxJson, options.testTargetName);
  let changed = keepInputs;
  if (index === -1) {
    nxJson.plugins = [...plugins, { plugin: PLUGIN_NAME, options, include: [configPath] }];
    changed = true;
  } else {
    const entry = plugins[index];
    // A string entry or one without include already matches every compute.json.
    if (typeof entry !== 'string' && entry.include && !entry.include.includes(configPath)) {
      nxJson.plugins = plugins.map((p, i) => (i === index && typeof p !== 'string' ? { ...p, include: [...(p.include ?? []), configPath] } : p));
      changed = true;
    }
  }
  if (keepInputs) {
    // targetDefaults beat inferred targets, and an executor key beats a target-name key:
    // this empty entry keeps a workspace-wide `test` default from replacing the gate's
    // inputs (today's date, the maintainer variable, the roster) or its `cache` (off for
    // remote rosters, whose answer Nx cannot hash).
    nxJson.targetDefaults = { ...nxJson.targetDefaults, [`${PLUGIN_NAME}:test`]: {} };
  }
  if (changed) updateNxJson(tree, nxJson);
}

/** Whether a targetDefaults entry for the test target sets inputs, without an executor entry shielding ours. */
function targetDefaultsReplaceInputs(nxJson: NxJsonConfiguration, testTargetName: string): boolean {
  const defaults = (nxJson.targetDefaults ?? {}) as Record<string, unknown>;
  if (`${PLUGIN_NAME}:test` in defaults) return false;
  return Object.entries(defaults).some(([key, value]) => {
    if (!matchesTargetKey(key, testTargetName)) return false;
    const entries = Array.isArray(value) ? value : [value];
    return entries.some((entry) => typeof entry === 'object' && entry !== null && 'inputs' in entry);
  });
}

function matchesTargetKey(key: string, target: string): boolean {
  if (key === target) return true;
  if (!/[*?]/.test(key)) return false;
  const pattern = key.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${pattern}$`).test(target);
}

function toList(value: string | string[] | undefined): string[] {
  const parts = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return parts.flatMap((p) => String(p).split(/[\s,]+/)).filter((s) => s.length > 0);
}

function listFiles(dir: string): string[] {
  const files: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.push(relative(dir, path).split(sep).join('/'));
    }
  };
  walk(dir);
  return files.sort();
}
