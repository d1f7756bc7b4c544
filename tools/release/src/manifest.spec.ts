import { publishedCollection, publishedManifest, tarballProblems, type Manifest } from './manifest';

const root: Manifest = { name: 'compute-workspace', version: '0.1.0', license: 'MIT', engines: { node: '>=20.9' } };
const siblings = ['@compute/schedule', '@compute/runner', '@compute/infra', '@compute/nx'];

describe('published manifest', () => {
  const source: Manifest = {
    name: '@compute/nx',
    version: '1.2.3',
    private: true,
    type: 'commonjs',
    main: './src/index.ts',
    types: './src/index.ts',
    executors: './executors.json',
    generators: './generators.json',
    scripts: { build: 'tsc -b tsconfig.lib.json', test: 'jest' },
    dependencies: { '@compute/infra': '1.2.3', '@compute/schedule': '0.0.1', zod: '^4.1.0' },
    devDependencies: { 'cron-parser': '^5.4.0' },
    peerDependencies: { nx: '^24.0.0', '@nx/devkit': '^24.0.0' },
    nx: { targets: {} },
  };
  const manifest = publishedManifest(source, { siblings, root, has: (file) => file !== 'schemas' });

  it('points main, types and exports at the compiled files', () => {
    expect(manifest).toMatchObject({
      main: './src/index.js',
      types: './src/index.d.ts',
      exports: { '.': { types: './src/index.d.ts', default: './src/index.js' }, './package.json': './package.json', './executors.json': './executors.json' },
      executors: './executors.json',
      generators: './generators.json',
    });
  });

  it('ships only the built folder and the collections, for everyone to install', () => {
    expect(manifest.files).toEqual(['src', 'executors.json', 'generators.json']);
    for (const key of ['private', 'scripts', 'devDependencies', 'nx']) expect(manifest).not.toHaveProperty(key);
  });

  it('pins the sibling packages to its own version and keeps other ranges and peers', () => {
    expect(manifest.dependencies).toEqual({ '@compute/infra': '1.2.3', '@compute/schedule': '1.2.3', zod: '^4.1.0' });
    expect(manifest.peerDependencies).toEqual({ nx: '^24.0.0', '@nx/devkit': '^24.0.0' });
    expect(manifest).toMatchObject({ license: 'MIT', engines: { node: '>=20.9' } });
  });

  it('exports the JSON Schemas of a package that has them', () => {
    const schedule = publishedManifest({ name: '@compute/schedule', version: '1.0.0' }, { siblings, root, has: (file) => file === 'schemas' });
    expect(schedule.files).toEqual(['src', 'schemas']);
    expect(schedule.exports).toMatchObject({ './schemas/*': './schemas/*' });
  });

  it('exports the modules other packages import directly, and no other', () => {
    const schedule = publishedManifest({ name: '@compute/schedule', version: '1.0.0' }, { siblings, root, has: () => false, modules: ['src/defaults'] });
    expect(schedule.exports).toEqual({
      '.': { types: './src/index.d.ts', default: './src/index.js' },
      './package.json': './package.json',
      './src/defaults': { types: './src/defaults.d.ts', default: './src/defaults.js' },
    });
  });
});

describe('published collections', () => {
  it('point each implementation at its compiled .js, keeping schemas and export names', () => {
    expect(
      publishedCollection({
        executors: { run: { implementation: './src/executors/run/executor', schema: './src/executors/run/schema.json', description: 'Run' } },
        generators: { init: { factory: './src/generators/init/generator.ts#initGenerator', schema: './src/generators/init/schema.json' } },
      }),
    ).toEqual({
      executors: { run: { implementation: './src/executors/run/executor.js', schema: './src/executors/run/schema.json', description: 'Run' } },
      generators: { init: { factory: './src/generators/init/generator.js#initGenerator', schema: './src/generators/init/schema.json' } },
    });
  });
});

describe('tarball check', () => {
  const good = ['package.json', 'src/index.js', 'src/index.d.ts', 'src/executors/run/schema.json', 'src/generators/init/files/init/warp.sh'];

  it('accepts compiled code, declarations, schemas and templates', () => {
    expect(tarballProblems('@compute/nx', good)).toEqual([]);
  });

  it('names TypeScript sources, specs, test helpers, build state and a missing entry point', () => {
    expect(
      tarballProblems('@compute/nx', ['package.json', 'src/index.ts', 'src/a.spec.js', 'src/testing/fixtures.js', 'src/spec-helpers.js', 'tsconfig.lib.tsbuildinfo']),
    ).toEqual([
      '@compute/nx: src/index.ts is TypeScript source',
      '@compute/nx: src/a.spec.js is a test file',
      '@compute/nx: src/testing/fixtures.js is a test file',
      '@compute/nx: src/spec-helpers.js is a test file',
      '@compute/nx: tsconfig.lib.tsbuildinfo is build state',
      '@compute/nx: src/index.js is missing (was it built?)',
      '@compute/nx: src/index.d.ts is missing',
    ]);
  });
});
