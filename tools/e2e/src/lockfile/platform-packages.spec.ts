import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { platformPackageProblems, type Lockfile } from './platform-packages';

const repoRoot = join(__dirname, '..', '..', '..', '..');
const readLock = (): Lockfile => JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as Lockfile;

describe('package-lock.json platform packages', () => {
  it('carries every platform binary of nx and @swc/core, so `npm ci` works on every platform', () => {
    const lock = readLock();
    expect(platformPackageProblems(lock)).toEqual([]);
    // The check looks at real entries: nx publishes binaries for macOS, Windows and Linux.
    const nx = lock.packages['node_modules/nx'];
    expect(Object.keys(nx.optionalDependencies ?? {})).toEqual(
      expect.arrayContaining(['@nx/nx-darwin-arm64', '@nx/nx-darwin-x64', '@nx/nx-win32-x64-msvc', '@nx/nx-linux-x64-gnu']),
    );
    expect(lock.packages['node_modules/@nx/nx-darwin-arm64']).toMatchObject({ version: nx.version, optional: true, os: ['darwin'], cpu: ['arm64'] });
    expect(lock.packages['node_modules/@swc/core-linux-x64-musl']).toMatchObject({ optional: true, libc: ['musl'] });
  });

  it('names every missing platform entry after a bump, with the fix', () => {
    const lock = readLock();
    const nx = lock.packages['node_modules/nx'];
    // What npm writes when the registry lacks the new version's platform packages.
    delete lock.packages['node_modules/@nx/nx-darwin-arm64'];
    delete lock.packages['node_modules/@nx/nx-win32-x64-msvc'];
    const problems = platformPackageProblems(lock);
    expect(problems).toHaveLength(2);
    expect(problems[0]).toContain(`nx@${nx.version} -> @nx/nx-darwin-arm64@${nx.version}`);
    expect(problems[0]).toContain('npm view @nx/nx-darwin-arm64 versions');
    expect(problems[1]).toContain('@nx/nx-win32-x64-msvc');
  });

  it('reports a platform entry left at the old version, not optional, or without os/cpu/libc', () => {
    const lock = readLock();
    const entry = lock.packages['node_modules/@swc/core-linux-x64-gnu'];
    entry.version = '0.0.1';
    delete entry.optional;
    delete entry.libc;
    delete lock.packages['node_modules/@swc/core-darwin-x64'].cpu;
    expect(platformPackageProblems(lock)).toEqual([
      expect.stringContaining('@swc/core-darwin-x64@'),
      expect.stringMatching(/core-linux-x64-gnu.*locked at 0\.0\.1/),
      expect.stringMatching(/core-linux-x64-gnu.*"optional": true/),
      expect.stringMatching(/core-linux-x64-gnu.*"libc"/),
    ]);
  });

  it('keeps passing when ordinary dependencies are added or nested', () => {
    const lock = readLock();
    lock.packages['node_modules/jsonc-parser'] = { version: '3.3.1' };
    lock.packages['node_modules/playwright-core'] = { version: '1.57.0' };
    lock.packages['packages/nx/node_modules/@aws-sdk/client-sts'] = { version: '3.1138.0', optionalDependencies: {} };
    // A nested copy of a package with its platform package resolved next to it.
    lock.packages['packages/x/node_modules/esbuild'] = { version: '1.0.0', optionalDependencies: { '@esbuild/linux-x64': '1.0.0' } };
    lock.packages['packages/x/node_modules/@esbuild/linux-x64'] = { version: '1.0.0', optional: true, os: ['linux'], cpu: ['x64'] };
    expect(platformPackageProblems(lock)).toEqual([]);
  });

  it('reports a package whose optional dependency is missing, whatever the package', () => {
    const lock: Lockfile = { packages: { '': {}, 'node_modules/esbuild': { version: '1.0.0', optionalDependencies: { '@esbuild/darwin-arm64': '1.0.0' } } } };
    expect(platformPackageProblems(lock, [])).toEqual([expect.stringContaining('esbuild@1.0.0 -> @esbuild/darwin-arm64@1.0.0')]);
  });
});
