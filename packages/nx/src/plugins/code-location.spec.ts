import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { type TempDir, createTempDir } from '../testing/temp-dir';
import { codeInputs, locatePackage, locatePackageDir, sourceGlobs } from './code-location';

describe('code location', () => {
  let ws: TempDir;
  let outside: TempDir;
  beforeEach(() => {
    ws = createTempDir({
      'package.json': { name: 'workspace' },
      'packages/nx/package.json': { name: '@compute/nx', version: '1.2.3' },
      'node_modules/@compute/schedule/package.json': { name: '@compute/schedule', version: '2.0.0' },
    });
    outside = createTempDir({ 'package.json': { name: '@compute/linked', version: '0.0.1' }, 'src/index.ts': '' });
  });
  afterEach(() => {
    ws.cleanup();
    outside.cleanup();
  });

  it('tells workspace sources, installed copies and linked folders apart', () => {
    expect(locatePackageDir(join(ws.root, 'packages/nx'), ws.root)).toEqual({ kind: 'workspace', packageName: '@compute/nx', root: 'packages/nx', version: '1.2.3' });
    expect(locatePackageDir(join(ws.root, 'node_modules/@compute/schedule'), ws.root)).toEqual({ kind: 'installed', packageName: '@compute/schedule', version: '2.0.0' });
    expect(locatePackageDir(outside.root, ws.root)).toMatchObject({ kind: 'linked', packageName: '@compute/linked', version: '0.0.1' });
  });

  it('follows node_modules links to where the package really is', () => {
    symlinkSync(join(ws.root, 'packages/nx'), join(ws.root, 'node_modules/@compute/nx'), 'dir');
    expect(locatePackage('@compute/nx', ws.root, ws.root)).toMatchObject({ kind: 'workspace', root: 'packages/nx' });
    expect(locatePackage('@compute/missing', ws.root, ws.root)).toBeUndefined();
  });

  it('turns locations into task inputs and cache globs', () => {
    const locations = [
      locatePackageDir(join(ws.root, 'packages/nx'), ws.root),
      locatePackageDir(join(ws.root, 'node_modules/@compute/schedule'), ws.root),
      locatePackageDir(outside.root, ws.root),
    ];
    expect(codeInputs(locations)).toEqual([
      '{workspaceRoot}/packages/nx/src/**/*',
      '!{workspaceRoot}/packages/nx/src/**/*.spec.ts',
      { externalDependencies: ['@compute/schedule'] },
    ]);
    expect(locations.map(sourceGlobs)).toEqual([['packages/nx/src/**/*', 'packages/nx/package.json'], [], []]);
  });
});
