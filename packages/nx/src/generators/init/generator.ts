import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import {
  type GeneratorCallback,
  type NxJsonConfiguration,
  type Tree,
  OverwriteStrategy,
  addProjectConfiguration,
  formatFiles,
  generateFiles,
  getProjects,
  joinPathFragments,
  logger,
  normalizePath,
  readNxJson,
  updateNxJson,
  writeJson,
} from '@nx/devkit';
import { readTargetDefaultsForTarget } from 'nx/src/devkit-internals';
import { CONFIG_FILE_NAME, DEFAULT_ROSTER_PATH, computeConfigSchema } from '@compute/schedule';
import { PLUGIN_NAME, normalizeOptions as normalizePluginOptions } from '../../plugins/targets';
import { schemaReference } from '../../utils/schedule-package';
import { withSchemaDefaults } from '../../utils/schema-defaults';
import { UsageError } from '../../utils/usage-error';
import type { InitGeneratorSchema } from './schema';
import schemaJson from './schema.json';

export { PLUGIN_NAME };

/**
 * The default init data. It is written once, as this repository's own compute project
 * (schedules/init, what init makes and what this workspace deploys); the published
 * package carries a copy next to this file, put there by tools/release when it stages.
 */
export const INIT_DATA_DIR = [join(__dirname, 'files', 'init'), join(__dirname, '..', '..', '..', '..', '..', 'schedules', 'init')].find((dir) => existsSync(dir)) ?? join(__dirname, 'files', 'init');

/** compute.json keys written explicitly; environments and sizes keep their documented defaults. */
const CONFIG_KEYS = ['region', 'namePrefix', 'image', 'network', 'alerts', 'roster', 'review', 'state', 'logs', 'tags'] as const;

/**
 * Sets up Compute (what `nx add @compute/nx` runs). Every step only adds what is
 * missing, so a second run changes nothing and existing files are never rewritten.
 */
export async function initGenerator(tree: Tree, given: InitGeneratorSchema): Promise<GeneratorCallback> {
  const schema = withSchemaDefaults(schemaJson, given, ['directory', 'name', 'skipFormat']);
  const directory = normalizeDirectory(schema.directory);
  const name = schema.name.trim();

  ensureProject(tree, name, directory);
  const configPath = joinPathFragments(directory, CONFIG_FILE_NAME);
  if (!tree.exists(configPath)) writeJson(tree, configPath, defaultConfig(tree, directory));
  const rosterPath = joinPathFragments(directory, DEFAULT_ROSTER_PATH);
  const maintainers = toList(schema.maintainers);
  if (!tree.exists(rosterPath)) {
    const members = maintainers.map((username) => ({ username, emails: [] as string[] }));
    writeJson(tree, rosterPath, { $schema: schemaReference(tree.root, directory, 'roster.schema.json'), members });
  } else {
    addMissingMaintainers(tree, rosterPath, maintainers);
  }
  const kept = writeInitData(tree, joinPathFragments(directory, 'init'));
  ensurePluginRegistered(tree, joinPathFragments(directory, CONFIG_FILE_NAME));
  ensureAnalyticsChosen(tree);

  if (!schema.skipFormat) await formatFiles(tree);
  return () => {
    if (kept.length > 0) {
      logger.info([`Kept your own version of ${kept.length === 1 ? 'this init data file' : 'these init data files'} (the default was not written over it):`, ...kept.map((file) => `  ${file}`)].join('\n'));
    }
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
 * Copies the default init data into the project, keeping every file that exists:
 * a user's edited script is never overwritten. Returns the kept files that differ
 * from the default, so the user learns that the new default was not applied to them.
 */
function writeInitData(tree: Tree, target: string): string[] {
  const kept = readdirSync(INIT_DATA_DIR, { recursive: true, encoding: 'utf8' })
    .filter((file) => statSync(join(INIT_DATA_DIR, file)).isFile())
    .filter((file) => {
      const existing = tree.read(joinPathFragments(target, normalizePath(file)));
      return existing !== null && !existing.equals(readFileSync(join(INIT_DATA_DIR, file)));
    })
    .map((file) => joinPathFragments(target, normalizePath(file)))
    .sort();
  generateFiles(tree, INIT_DATA_DIR, target, {}, { overwriteStrategy: OverwriteStrategy.KeepExisting });
  return kept;
}

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
  // The defaults Nx would apply to the gate (its own resolution: executor key, name, globs).
  const defaults = nxJson.targetDefaults ?? {};
  const keepInputs = !(`${PLUGIN_NAME}:test` in defaults) && readTargetDefaultsForTarget(options.testTargetName, defaults, `${PLUGIN_NAME}:test`)?.inputs !== undefined;
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

function toList(value: string | string[] | undefined): string[] {
  const parts = value === undefined ? [] : Array.isArray(value) ? value : [value];
  return parts.flatMap((p) => String(p).split(/[\s,]+/)).filter((s) => s.length > 0);
}
