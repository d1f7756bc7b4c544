import { dirname, join } from 'node:path';
import {
  type CreateNodes,
  type CreateNodesContext,
  type CreateNodesResult,
  type CreateNodesResultArray,
  createNodesFromFiles,
  detectPackageManager,
} from '@nx/devkit';
import { PluginCache, calculateHashesForCreateNodes, hashObject, workspaceDataDirectory } from '@nx/devkit/internal';
import { type CodeLocation, codeInputs, locatePackage, locatePackageDir, sourceGlobs } from './code-location';
import { CONFIG_FILE_NAME, projectFileOf, readComputeProject } from './compute-project';
import { type ComputePluginOptions, type ComputeTargets, buildComputeTargets, normalizeOptions } from './targets';

export type { ComputePluginOptions } from './targets';

/** Bump when the shape of the inferred targets changes without a version bump. */
export const CACHE_VERSION = '1';

/**
 * One compute project per compute.json (next to a project.json or package.json).
 * The config file, not the schedule files, anchors inference: a project with no
 * schedule yet still gets test, list and deploy, and every `<name>.schedule.json`
 * in the folder becomes `schedule_<name>` from the folder listing alone, so a
 * broken schedule file still gets its target (and compute:test reports it).
 */
const computeConfigGlob = `**/${CONFIG_FILE_NAME}`;

/**
 * The createNodes tuple for the plugin package in `pluginPackageDir`, whose
 * sources (or version, when installed) key the inference cache. Tests point it
 * at a stand-in package to prove an edit to the plugin is never served stale.
 */
export function createComputeNodes(pluginPackageDir: string): CreateNodes<ComputePluginOptions> {
  return [
    computeConfigGlob,
    (configFiles, rawOptions, context) => inferComputeProjects(pluginPackageDir, configFiles, rawOptions, context),
  ];
}

export const createNodes: CreateNodes<ComputePluginOptions> = createComputeNodes(join(__dirname, '..', '..'));

/** @deprecated since Nx 23; kept so Nx 21-22 load the same batched function. */
export const createNodesV2 = createNodes;

async function inferComputeProjects(
  pluginPackageDir: string,
  configFiles: readonly string[],
  rawOptions: ComputePluginOptions | undefined,
  context: CreateNodesContext,
): Promise<CreateNodesResultArray> {
  const options = normalizeOptions(rawOptions);
  const plugin = locatePackageDir(pluginPackageDir, context.workspaceRoot);
  const domain = locatePackage('@compute/schedule', pluginPackageDir, context.workspaceRoot);
  const infra = locatePackage('@compute/infra', pluginPackageDir, context.workspaceRoot);
  const inputs = codeInputs(domain ? [plugin, domain] : [plugin]);
  const synthInputs = codeInputs([plugin, ...(domain ? [domain] : []), ...(infra ? [infra] : [])]);
  const exec = EXEC[detectPackageManager(context.workspaceRoot)] ?? 'npx';

  // Everything the targets are computed from besides the project's files. The
  // plugin's identity (and below, its sources) is part of the key: editing the
  // plugin must never serve targets inferred by its previous code.
  const cacheKey = { options, cacheVersion: CACHE_VERSION, plugin: identity(plugin), domain: domain && identity(domain), infra: infra && identity(infra), exec };
  const cache = new PluginCache<CachedProject>(join(workspaceDataDirectory, `compute-nx-${hashObject(cacheKey)}.hash`));

  const files = configFiles.filter((file) => projectFileOf(context.workspaceRoot, dirname(file)) !== undefined);
  const roots = files.map((file) => dirname(file));
  const pluginGlobs = sourceGlobs(plugin);
  const hashes = await calculateHashesForCreateNodes(roots, cacheKey, context, roots.map(() => pluginGlobs));

  try {
    return await createNodesFromFiles(
      async (_file, _options, ctx, idx): Promise<CreateNodesResult> => {
        const root = roots[idx];
        const key = `${root}:${hashes[idx]}`;
        let entry = cache.get(key);
        if (!entry) {
          const facts = readComputeProject(ctx.workspaceRoot, root);
          entry = { ...buildComputeTargets(facts, options, { codeInputs: inputs, synthCodeInputs: synthInputs, exec }), name: facts.nameFromPackageJson };
          cache.set(key, entry);
        }
        return {
          projects: {
            [root]: {
              root,
              // A package.json-only project outside the package manager's workspaces has
              // no name from Nx itself; naming it here keeps the graph valid.
              ...(entry.name ? { name: entry.name } : {}),
              targets: entry.targets,
              metadata: entry.metadata,
            },
          },
        };
      },
      files,
      options,
      context,
    );
  } finally {
    cache.writeToDisk();
  }
}

/** How each package manager runs a local binary (getPackageManagerCommand would spawn yarn to learn its version). */
const EXEC: Record<string, string> = { npm: 'npx', yarn: 'yarn', pnpm: 'pnpm exec', bun: 'bunx' };

type CachedProject = ComputeTargets & { name?: string };

function identity(location: CodeLocation): string {
  if (location.kind === 'workspace') return `${location.packageName}@${location.root}`;
  if (location.kind === 'installed') return `${location.packageName}@${location.version}`;
  return `${location.packageName}@${location.version} linked ${location.fingerprint}`;
}
