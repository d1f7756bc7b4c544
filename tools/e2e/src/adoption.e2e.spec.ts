/**
 * Adoption, as a user outside this repository does it: the four packages are
 * built and published to a real registry (Verdaccio), and a fresh workspace with
 * nothing but nx and @nx/devkit runs the README's "Using Compute in another Nx
 * workspace" commands, read from the README itself so the two cannot drift.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type LocalRegistry, startVerdaccio } from './registry/verdaccio';
import { baseEnv, repoRoot } from './workspace';

/** The placeholder registry of the README, replaced by the local one. */
const README_REGISTRY = 'https://npm.example.com/';
const PUBLISHED = ['@compute/schedule', '@compute/runner', '@compute/infra', '@compute/nx'];

interface Step {
  command: string;
  seconds: number;
  status: number;
  output: string;
  stdout: string;
}

/** The commands of the README's adoption section, one per line. */
export function readmeAdoptionCommands(readme: string): string[] {
  const section = readme.split(/^## /m).find((part) => part.startsWith('Using Compute in another Nx workspace'));
  const block = section && /```bash\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error('README.md: no ```bash block under "## Using Compute in another Nx workspace"');
  return block[1].split('\n').map((line) => line.trim()).filter((line) => line !== '' && !line.startsWith('#'));
}

describe('adopting Compute from a registry', () => {
  let registry: LocalRegistry | undefined;
  let workspace: string;
  const steps: Step[] = [];
  const step = (prefix: string): Step => {
    const found = steps.find((s) => s.command.startsWith(prefix) && s.command.slice(prefix.length).trim() === '');
    if (!found) throw new Error(`the README has no step "${prefix}" (steps: ${steps.map((s) => s.command).join(' | ')})`);
    return found;
  };

  beforeAll(async () => {
    registry = await startVerdaccio();
    workspace = mkdtempSync(join(tmpdir(), 'compute-adopt-'));
    // Publish exactly as a release does, with npm pointed at the local registry.
    const publishStarted = Date.now();
    const publish = spawnSync('npm', ['run', 'release', '--', 'publish'], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: baseEnv({ NPM_CONFIG_USERCONFIG: registry.npmrc }),
      timeout: 15 * 60_000,
    });
    console.info(`publish (build, check, npm publish x4): ${((Date.now() - publishStarted) / 1000).toFixed(1)} s`);
    if (publish.status !== 0) throw new Error(`release publish failed:\n${publish.stdout}\n${publish.stderr}`);

    // Everything but @compute/* comes from the registry (and cache) npm already uses.
    const env = baseEnv({ npm_config_update_notifier: 'false', npm_config_audit: 'false', npm_config_fund: 'false' });
    for (const command of readmeAdoptionCommands(readFileSync(join(repoRoot, 'README.md'), 'utf8'))) {
      const started = Date.now();
      const result = spawnSync('bash', ['-c', command.split(README_REGISTRY).join(registry.url)], {
        cwd: workspace,
        encoding: 'utf8',
        env,
        timeout: 10 * 60_000,
      });
      steps.push({ command, seconds: (Date.now() - started) / 1000, status: result.status ?? -1, stdout: result.stdout, output: `${result.stdout}\n${result.stderr}` });
      if (result.status !== 0) break;
    }
    console.info(steps.map((s) => `${s.seconds.toFixed(1).padStart(6)} s  ${s.command}`).join('\n'));
  }, 40 * 60_000);

  afterAll(async () => {
    await registry?.stop();
    if (workspace) rmSync(workspace, { recursive: true, force: true });
  });

  it('runs every README command successfully, in order', () => {
    const failed = steps.find((s) => s.status !== 0);
    expect(failed ? `${failed.command} (exit ${failed.status})\n${failed.output}` : 'all passed').toBe('all passed');
    expect(steps.map((s) => s.command)).toEqual(readmeAdoptionCommands(readFileSync(join(repoRoot, 'README.md'), 'utf8')));
  });

  it('installs @compute/* from the local registry into a workspace without TypeScript, swc, ts-node or jest', () => {
    const manifest = JSON.parse(readFileSync(join(workspace, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> };
    expect(Object.keys(manifest.devDependencies).sort()).toEqual(['@compute/nx', '@nx/devkit', 'nx']);
    // Only the local registry has @compute/*: the installed version is the one just published.
    const installed = JSON.parse(readFileSync(join(workspace, 'node_modules', '@compute', 'nx', 'package.json'), 'utf8')) as { version: string };
    expect(installed.version).toBe((JSON.parse(readFileSync(join(repoRoot, 'packages', 'nx', 'package.json'), 'utf8')) as { version: string }).version);
    for (const absent of ['typescript', '@swc/core', '@swc-node/register', 'ts-node', 'jest']) {
      expect(existsSync(join(workspace, 'node_modules', absent))).toBe(false);
    }
  });

  it('installs only compiled code: no TypeScript source except declarations, no specs', () => {
    for (const name of PUBLISHED) {
      const files = listFiles(join(workspace, 'node_modules', name));
      expect(files).toContain('src/index.js');
      expect(files).toContain('src/index.d.ts');
      expect(files.filter((f) => /\.ts$/.test(f) && !/\.d\.ts$/.test(f))).toEqual([]);
      expect(files.filter((f) => /\.spec\.|(^|\/)(testing|test-support)\//.test(f))).toEqual([]);
    }
  });

  it('sets Compute up: project, config, roster with the maintainer, plugin and analytics in nx.json', () => {
    const nxJson = JSON.parse(readFileSync(join(workspace, 'nx.json'), 'utf8')) as { analytics?: boolean; plugins?: Array<{ plugin: string }> };
    expect(nxJson.analytics).toBe(false);
    expect(nxJson.plugins?.map((p) => p.plugin)).toEqual(['@compute/nx']);
    expect(existsSync(join(workspace, 'schedules', 'compute.json'))).toBe(true);
    const roster = JSON.parse(readFileSync(join(workspace, 'schedules', 'maintainers.json'), 'utf8')) as { members: Array<{ username: string }> };
    expect(roster.members.map((m) => m.username)).toEqual(['ana']);
    expect(existsSync(join(workspace, 'schedules', 'nightly_report.schedule.json'))).toBe(true);
  });

  it('validates the schedules as text and as JSON', () => {
    expect(step('npx nx run compute:test').output).toContain('1 schedule checked: 0 errors, 0 warnings');
    // Nx prints its banner around the document: keep the lines from the first "{" to the last "}".
    const lines = step('npx nx run compute:test --format json').stdout.split('\n');
    const document = lines.slice(lines.indexOf('{'), lines.lastIndexOf('}') + 1).join('\n');
    expect(JSON.parse(document)).toEqual({ checked: 1, errors: 0, warnings: 0, problems: [] });
  });

  it('lists the schedule and runs it locally', () => {
    expect(step('npx nx run compute:list').output).toContain('nightly_report');
    expect(step('npx nx run compute:schedule_nightly_report').output).toContain('nightly report');
  });

  it('synthesizes the Terraform stack', () => {
    expect(existsSync(join(workspace, 'dist', 'compute'))).toBe(true);
    expect(listFiles(join(workspace, 'dist', 'compute')).some((f) => f.endsWith('.tf.json'))).toBe(true);
  });

  it('infers the targets with descriptions', () => {
    const out = step('npx nx show project compute --json').stdout;
    const project = JSON.parse(out.slice(out.indexOf('{'))) as { targets: Record<string, { executor?: string; metadata?: { description?: string } }> };
    expect(Object.keys(project.targets)).toEqual(expect.arrayContaining(['test', 'list', 'deploy', 'schedule_nightly_report']));
    expect(project.targets.schedule_nightly_report.executor).toBe('@compute/nx:schedule');
    expect(project.targets.deploy.metadata?.description).toBeTruthy();
  });
});

function listFiles(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name), `${prefix}${entry.name}/`) : [`${prefix}${entry.name}`],
  );
}
