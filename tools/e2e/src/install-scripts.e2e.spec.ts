import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './workspace';

/**
 * npm blocks dependencies' install scripts unless package.json's allowScripts
 * covers them, and warns about each one it has no decision for. The workspace
 * decides for every package the lockfile says has one (see the README, "Install scripts").
 */
describe('install scripts', () => {
  it('has an allowScripts decision for every locked package with an install script', () => {
    const lock = JSON.parse(readFileSync(join(repoRoot, 'package-lock.json'), 'utf8')) as { packages: Record<string, { hasInstallScript?: boolean }> };
    const allow = (JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { allowScripts?: Record<string, boolean> }).allowScripts ?? {};
    const withScripts = Object.entries(lock.packages)
      .filter(([, entry]) => entry.hasInstallScript)
      .map(([path]) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length));
    expect(withScripts.length).toBeGreaterThan(0);
    const undecided = withScripts.filter((name) => !Object.keys(allow).some((key) => key === name || key.startsWith(`${name}@`)));
    expect(undecided).toEqual([]);
  });
});
