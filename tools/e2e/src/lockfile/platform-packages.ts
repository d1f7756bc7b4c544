/**
 * `npm ci` installs exactly what package-lock.json lists. Packages with native
 * binaries (nx, @swc/core) ship them as optional dependencies, one per platform;
 * npm only writes an entry for a platform package the registry served when the
 * lockfile was written. A missing entry makes `npm ci` fail everywhere ("Missing:
 * @nx/nx-darwin-arm64@ from lock file") and leaves that platform without a binary,
 * so this check names every missing or incomplete entry.
 */

export interface LockedPackage {
  version?: string;
  optional?: boolean;
  os?: string[];
  cpu?: string[];
  libc?: string[];
  link?: boolean;
  optionalDependencies?: Record<string, string>;
}

export interface Lockfile {
  lockfileVersion?: number;
  packages: Record<string, LockedPackage>;
}

/** The dependencies whose platform binaries every developer and CI machine needs. */
export const NATIVE_PACKAGES = ['nx', '@swc/core'] as const;

/**
 * Every problem at once, one line each, naming the package, the platform entry
 * and the fix. Empty when the lockfile is complete.
 */
export function platformPackageProblems(lock: Lockfile, nativePackages: readonly string[] = NATIVE_PACKAGES): string[] {
  const problems: string[] = [];
  if (lock.lockfileVersion !== undefined && lock.lockfileVersion < 2) {
    problems.push(`package-lock.json: lockfileVersion ${lock.lockfileVersion} has no "packages" map; regenerate it with npm 7 or later.`);
    return problems;
  }
  for (const [path, locked] of Object.entries(lock.packages).sort(([a], [b]) => a.localeCompare(b))) {
    const name = packageName(path);
    if (name === undefined || locked.link) continue;
    const native = nativePackages.includes(name);
    const optional = Object.entries(locked.optionalDependencies ?? {});
    if (native && optional.length === 0) {
      problems.push(`package-lock.json: ${name}@${locked.version} lists no optional platform packages; regenerate the lockfile with \`npm install\`.`);
    }
    for (const [dependency, range] of optional) {
      const entryPath = resolveEntry(lock, path, dependency);
      const entry = entryPath === undefined ? undefined : lock.packages[entryPath];
      const what = `${name}@${locked.version} -> ${dependency}@${range}`;
      if (entry === undefined) {
        problems.push(
          `package-lock.json: no entry for ${what}, so \`npm ci\` fails and that platform gets no binary. ` +
            `The registry probably lacks ${dependency}@${range}: check \`npm view ${dependency} versions\`, pick a ${name} version it has for every platform, then \`npm install\`.`,
        );
        continue;
      }
      if (!native) continue;
      if (entry.version !== range) problems.push(`package-lock.json: ${what} is locked at ${entry.version}; run \`npm install\` so both move together.`);
      if (entry.optional !== true) problems.push(`package-lock.json: ${what} is not marked "optional": true; every platform would try to install it.`);
      if (!entry.os?.length || !entry.cpu?.length) problems.push(`package-lock.json: ${what} has no "os"/"cpu"; npm could not tell which platform needs it.`);
      if (/-(gnu|musl)$/.test(dependency) && !entry.libc?.length) {
        problems.push(`package-lock.json: ${what} has no "libc"; glibc and musl Linux would both install it.`);
      }
    }
  }
  return problems;
}

/** `node_modules/a/node_modules/@s/b` -> `@s/b`; the root and workspace folders have none. */
function packageName(path: string): string | undefined {
  const index = path.lastIndexOf('node_modules/');
  return index < 0 ? undefined : path.slice(index + 'node_modules/'.length);
}

/** Node's lookup: the nearest node_modules folder from `from` up to the root. */
function resolveEntry(lock: Lockfile, from: string, dependency: string): string | undefined {
  let base = from;
  for (;;) {
    const candidate = `${base ? `${base}/` : ''}node_modules/${dependency}`;
    if (lock.packages[candidate]) return candidate;
    if (base === '') return undefined;
    const parent = base.lastIndexOf('/node_modules/');
    base = parent < 0 ? '' : base.slice(0, parent);
  }
}
