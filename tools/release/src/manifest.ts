/**
 * The package.json that is published. The manifests in packages/* serve this
 * repository's development: `main` and `types` point at the TypeScript sources,
 * so tests, e2e and `nx run compute:*` need no build, and `private` keeps npm
 * from ever publishing sources. The published manifest points at the compiled
 * files of the staged copy in dist/packages/<name>, which has the same layout
 * (src/**\/*.js next to where src/**\/*.ts was).
 */

export interface Manifest {
  name: string;
  version: string;
  description?: string;
  license?: string;
  private?: boolean;
  type?: string;
  main?: string;
  types?: string;
  exports?: unknown;
  executors?: string;
  generators?: string;
  files?: string[];
  engines?: Record<string, string>;
  scripts?: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  nx?: unknown;
  [key: string]: unknown;
}

export interface PublishContext {
  /** The names of the packages published together (pinned to one another exactly). */
  siblings: readonly string[];
  /** From the root package.json: license and engines every package shares. */
  root: Manifest;
  /** Which of the package's own files exist (executors.json, generators.json, schemas/). */
  has: (relativePath: string) => boolean;
  /** Modules imported directly besides the index, without extension (e.g. src/defaults). */
  modules?: readonly string[];
}

const ENTRY = { js: './src/index.js', types: './src/index.d.ts' };

export function publishedManifest(source: Manifest, context: PublishContext): Manifest {
  const { private: _private, scripts: _scripts, devDependencies: _dev, nx: _nx, main: _main, types: _types, exports: _exports, files: _files, ...kept } = source;
  const extraFiles = ['executors.json', 'generators.json', 'schemas'].filter((file) => context.has(file));
  const exportsMap: Record<string, unknown> = {
    '.': { types: ENTRY.types, default: ENTRY.js },
    './package.json': './package.json',
  };
  for (const file of extraFiles) if (file.endsWith('.json')) exportsMap[`./${file}`] = `./${file}`;
  if (extraFiles.includes('schemas')) exportsMap['./schemas/*'] = './schemas/*';
  for (const module of context.modules ?? []) exportsMap[`./${module}`] = { types: `./${module}.d.ts`, default: `./${module}.js` };

  const { name, version, description, executors, generators, dependencies, ...rest } = kept;
  return dropUndefined({
    name,
    version,
    description,
    license: source.license ?? context.root.license,
    type: source.type ?? 'commonjs',
    main: ENTRY.js,
    types: ENTRY.types,
    exports: exportsMap,
    executors,
    generators,
    // The compiled code (declarations included) and the JSON and templates next to
    // it; never TypeScript sources or specs (the build does not emit them).
    files: ['src', ...extraFiles],
    engines: source.engines ?? context.root.engines,
    ...rest,
    dependencies: dependencies && pinSiblings(dependencies, context.siblings, version),
  });
}

function dropUndefined(manifest: Manifest): Manifest {
  return Object.fromEntries(Object.entries(manifest).filter(([, value]) => value !== undefined)) as Manifest;
}

/** Siblings are published together at one version: depend on exactly that one. */
function pinSiblings(dependencies: Record<string, string>, siblings: readonly string[], version: string): Record<string, string> {
  return Object.fromEntries(Object.entries(dependencies).map(([name, range]) => [name, siblings.includes(name) ? version : range]));
}

/** Executors and generators of the published copy: the compiled `.js` of each implementation. */
export function publishedCollection(collection: Record<string, Record<string, Record<string, string>>>): typeof collection {
  const out: typeof collection = {};
  for (const [kind, entries] of Object.entries(collection)) {
    out[kind] = {};
    for (const [name, entry] of Object.entries(entries)) {
      const copy = { ...entry };
      for (const key of ['implementation', 'factory', 'batchImplementation'] as const) {
        if (typeof copy[key] === 'string') copy[key] = toJs(copy[key]);
      }
      out[kind][name] = copy;
    }
  }
  return out;
}

function toJs(path: string): string {
  const [file, exportName] = path.split('#');
  const js = file.replace(/\.ts$/, '').replace(/(\.js)?$/, '.js');
  return exportName ? `${js}#${exportName}` : js;
}

/**
 * What must never be in a published tarball: TypeScript sources (declarations
 * are fine), specs, test helpers, build state. Returns one line per bad file.
 */
export function tarballProblems(packageName: string, files: readonly string[]): string[] {
  const problems: string[] = [];
  for (const file of files) {
    if (/\.[cm]?ts$/.test(file) && !/\.d\.[cm]?ts$/.test(file)) problems.push(`${packageName}: ${file} is TypeScript source`);
    if (/\.(spec|test)\.|(^|\/)(__tests__|testing|test-support)\//.test(file) || /spec-helpers\./.test(file)) problems.push(`${packageName}: ${file} is a test file`);
    if (/\.tsbuildinfo$/.test(file)) problems.push(`${packageName}: ${file} is build state`);
  }
  if (!files.includes('src/index.js')) problems.push(`${packageName}: src/index.js is missing (was it built?)`);
  if (!files.includes('src/index.d.ts')) problems.push(`${packageName}: src/index.d.ts is missing`);
  return problems;
}
