/**
 * The second half of each package's `build` target (after `tsc -b tsconfig.lib.json`
 * compiled src/ into dist/packages/<name>/src): copies the files the compiled code
 * reads at run time and writes the published manifests. Run from the package folder.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { PUBLISHED, repoRoot, stagedDir } from './packages';
import { type Manifest, publishedCollection, publishedManifest } from './manifest';

export function stagePackage(packageDir: string): string {
  const dir = relative(repoRoot, packageDir).split('\\').join('/');
  const pkg = PUBLISHED.find((p) => p.dir === dir);
  if (!pkg) throw new Error(`${dir} is not one of the published packages (${PUBLISHED.map((p) => p.dir).join(', ')})`);
  const out = stagedDir(pkg);
  const source = readJson<Manifest>(join(packageDir, 'package.json'));
  const root = readJson<Manifest>(join(repoRoot, 'package.json'));

  // tsc never deletes: drop what a removed or renamed source left behind, so it cannot ship.
  pruneStale(join(packageDir, 'src'), join(out, 'src'));
  // JSON schemas and generator templates next to the compiled code that reads them.
  copyAssets(join(packageDir, 'src'), join(out, 'src'));
  if (existsSync(join(packageDir, 'schemas'))) cpSync(join(packageDir, 'schemas'), join(out, 'schemas'), { recursive: true });
  for (const { from, to } of pkg.shared ?? []) {
    rmSync(join(out, to), { recursive: true, force: true });
    cpSync(join(repoRoot, from), join(out, to), { recursive: true });
  }
  for (const file of ['executors.json', 'generators.json']) {
    if (existsSync(join(packageDir, file))) writeJson(join(out, file), publishedCollection(readJson(join(packageDir, file))));
  }
  const manifest = publishedManifest(source, {
    siblings: PUBLISHED.map((p) => p.name),
    root,
    has: (file) => existsSync(join(packageDir, file)),
    modules: pkg.modules,
  });
  writeJson(join(out, 'package.json'), manifest);
  return out;
}

/** Every non-TypeScript file of src/ except tests: *.json schemas and files/ templates. */
function copyAssets(from: string, to: string): void {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    if (entry.isDirectory()) {
      if (!['testing', 'test-support', '__tests__'].includes(entry.name)) copyAssets(source, join(to, entry.name));
    } else if (!/\.ts$/.test(entry.name)) {
      mkdirSync(to, { recursive: true });
      cpSync(source, join(to, entry.name));
    }
  }
}

/** Removes each output whose source (`x.ts` for `x.js`/`x.d.ts`, the same name for assets) is gone. */
export function pruneStale(sourceDir: string, outDir: string): void {
  if (!existsSync(outDir)) return;
  for (const entry of readdirSync(outDir, { withFileTypes: true })) {
    const output = join(outDir, entry.name);
    if (entry.isDirectory()) {
      if (existsSync(join(sourceDir, entry.name))) pruneStale(join(sourceDir, entry.name), output);
      else rmSync(output, { recursive: true, force: true });
      continue;
    }
    const source = entry.name.replace(/\.d\.ts$|\.js$/, '.ts');
    if (!existsSync(join(sourceDir, source))) rmSync(output, { force: true });
  }
}

function readJson<T>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

function writeJson(path: string, value: unknown): void {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

if (require.main === module) {
  console.log(`staged ${relative(repoRoot, stagePackage(process.cwd()))}`);
}
