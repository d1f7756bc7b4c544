import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import type { CreateNodesContext, CreateNodesResultArray, TargetConfiguration } from '@nx/devkit';
import { resetWorkspaceContext } from '@nx/devkit/internal';
import { computeWorkspace, validSchedule } from '../testing/fixtures';
import { type TempDir, createTempDir } from '../testing/temp-dir';
import { type ComputePluginOptions, createComputeNodes, createNodes, createNodesV2 } from './plugin';
import { CURRENT_MINUTE_UTC_RUNTIME, GIT_IDENTITY_RUNTIMES, TODAY_UTC_RUNTIME } from './targets';

// The plugin cache lives where each test says; hashing runs in-process, not in a daemon.
jest.mock('@nx/devkit/internal', () => ({
  ...jest.requireActual('@nx/devkit/internal'),
  get workspaceDataDirectory() {
    return process.env.COMPUTE_NX_TEST_CACHE_DIR;
  },
}));
process.env.NX_DAEMON = 'false';

describe('createNodes', () => {
  let ws: TempDir;
  let context: CreateNodesContext;

  beforeEach(() => {
    ws = createTempDir(computeWorkspace());
    process.env.COMPUTE_NX_TEST_CACHE_DIR = join(ws.root, '.nx', 'workspace-data');
    context = { nxJsonConfiguration: {}, workspaceRoot: ws.root };
  });
  afterEach(() => {
    resetWorkspaceContext();
    ws.cleanup();
  });

  // Each nx command is a new process with a fresh view of the files.
  async function infer(files: string[], options: ComputePluginOptions = {}, nodes = createNodes): Promise<CreateNodesResultArray> {
    resetWorkspaceContext();
    return nodes[1](files, options, context);
  }

  function targetsOf(result: CreateNodesResultArray, root = 'schedules'): Record<string, TargetConfiguration> {
    return result.find(([, r]) => r.projects?.[root])?.[1].projects?.[root]?.targets ?? {};
  }

  it('is registered on compute.json files and exported under both names', () => {
    expect(createNodes[0]).toBe('**/compute.json');
    expect(createNodesV2).toBe(createNodes);
  });

  it('reads the shared defaults without loading zod, cdktf, the AWS SDK or the domain package index', () => {
    const script = `
      require(${JSON.stringify(require.resolve('@swc-node/register'))});
      require(${JSON.stringify(join(__dirname, 'plugin.ts'))});
      const heavy = /[\\/]node_modules[\\/](zod|cdktf|@cdktf|@aws-sdk)[\\/]|[\\/]schedule[\\/]src[\\/]index\.ts$/;
      process.stdout.write(JSON.stringify(Object.keys(require.cache).filter((path) => heavy.test(path))));
    `;
    const result = spawnSync(process.execPath, ['-e', script], { cwd: join(__dirname, '..', '..'), encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual([]);
  });

  it('infers one target per schedule file plus test, list, synth, deploy and diff', async () => {
    ws.write('schedules/nightly_report.schedule.json', validSchedule());
    ws.write('schedules/heartbeat.schedule.json', validSchedule());
    ws.write('schedules/jobs/nested.schedule.json', validSchedule());
    ws.write('schedules/README.md', '# not a schedule\n');

    const result = await infer(['schedules/compute.json']);

    expect(result).toHaveLength(1);
    expect(result[0][0]).toBe('schedules/compute.json');
    const project = result[0][1].projects?.schedules;
    expect(project?.root).toBe('schedules');
    expect(Object.keys(project?.targets ?? {})).toEqual(['schedule_heartbeat', 'schedule_nightly_report', 'test', 'list', 'catalog', 'synth', 'deploy', 'diff']);
    expect(project?.metadata?.targetGroups).toEqual({
      Compute: ['test', 'list', 'catalog', 'synth', 'deploy', 'diff'],
      Schedules: ['schedule_heartbeat', 'schedule_nightly_report'],
    });
    expect(project?.targets?.schedule_nightly_report).toEqual({
      executor: '@compute/nx:schedule',
      options: { schedule: 'nightly_report' },
      configurations: { batch: { mode: 'batch' } },
      cache: false,
      metadata: {
        technologies: ['compute'],
        description: 'Run schedule "nightly_report" locally; the batch configuration submits it to AWS Batch',
        help: { command: 'npx nx run compute:schedule_nightly_report --help', example: { options: { args: '--since yesterday' } } },
      },
    });
  });

  it('makes test cacheable on the files, the day, the maintainer and git identity', async () => {
    const targets = targetsOf(await infer(['schedules/compute.json']));
    expect(targets.test.executor).toBe('@compute/nx:test');
    expect(targets.test.cache).toBe(true);
    // The plugin of this test run lives outside the temporary workspace: no file or npm input can stand for it.
    expect(targets.test.inputs).toEqual([
      '{projectRoot}/*.json',
      '{projectRoot}/init/**/*',
      '{projectRoot}/maintainers.json',
      { runtime: TODAY_UTC_RUNTIME },
      { env: 'COMPUTE_MAINTAINER' },
      ...GIT_IDENTITY_RUNTIMES.map((runtime) => ({ runtime })),
    ]);
    expect(targets.list).toMatchObject({ executor: '@compute/nx:list', cache: true });
    expect(targets.list.inputs).toEqual(['{projectRoot}/*.json', '{projectRoot}/init/**/*', { runtime: CURRENT_MINUTE_UTC_RUNTIME }]);
    // Synthesis is cached on the project's files; only the stack's files are outputs, so a
    // restore never touches Terraform's working files next to them.
    expect(targets.synth).toMatchObject({ executor: '@compute/nx:synth', cache: true, options: { outputPath: 'dist/compute' } });
    expect(targets.synth.inputs).toEqual(['{projectRoot}/*.json', '{projectRoot}/init/**/*']);
    expect(targets.synth.outputs).toEqual(['{options.outputPath}/manifest.json', '{options.outputPath}/stacks/compute/cdk.tf.json']);
    expect(targets.deploy).toMatchObject({
      executor: '@compute/nx:deploy',
      dependsOn: [{ target: 'synth', params: 'forward' }],
      cache: false,
      configurations: { plan: { plan: true }, apply: { apply: true } },
    });
  });

  it('gives a project with no schedule yet its test, list and deploy targets', async () => {
    const result = await infer(['schedules/compute.json']);
    expect(Object.keys(targetsOf(result))).toEqual(['test', 'list', 'catalog', 'synth', 'deploy', 'diff']);
    expect(result[0][1].projects?.schedules?.metadata?.targetGroups).toEqual({ Compute: ['test', 'list', 'catalog', 'synth', 'deploy', 'diff'] });
  });

  it('still infers the target of a broken schedule file, and never throws', async () => {
    ws.write('schedules/broken.schedule.json', '{ "command": [ oops');
    ws.write('schedules/wrong_fields.schedule.json', { size: 42, surprise: true });
    ws.write('schedules/Bad Name.schedule.json', validSchedule());
    ws.write('schedules/compute.json', '{ not json either');

    const targets = targetsOf(await infer(['schedules/compute.json']));
    expect(Object.keys(targets)).toEqual(['schedule_Bad Name', 'schedule_broken', 'schedule_wrong_fields', 'test', 'list', 'catalog', 'synth', 'deploy', 'diff']);
    // An unreadable compute.json means the defaults: file roster maintainers.json, COMPUTE_MAINTAINER.
    expect(targets.test.inputs).toContainEqual({ env: 'COMPUTE_MAINTAINER' });
    expect(targets.test.inputs).toContain('{projectRoot}/maintainers.json');
  });

  it('ignores compute.json files outside Nx projects', async () => {
    ws.write('docs/example/compute.json', {});
    expect(await infer(['docs/example/compute.json'])).toEqual([]);
  });

  it('names a package.json-only compute project from its package.json', async () => {
    ws.write('ops/package.json', { name: '@acme/ops-jobs' });
    ws.write('ops/compute.json', {});
    const result = await infer(['ops/compute.json']);
    expect(result[0][1].projects?.ops?.name).toBe('@acme/ops-jobs');
    expect(result[0][1].projects?.ops?.targets?.test.metadata?.help?.command).toBe('npx nx run @acme/ops-jobs:test --help');
  });

  it('honours the target names from the plugin options', async () => {
    ws.write('schedules/nightly.schedule.json', validSchedule());
    const targets = targetsOf(
      await infer(['schedules/compute.json'], { scheduleTargetPrefix: 'run-', testTargetName: 'validate', listTargetName: 'schedules', synthTargetName: 'build-stack', deployTargetName: 'ship', diffTargetName: 'review', catalogTargetName: 'page' }),
    );
    expect(Object.keys(targets)).toEqual(['run-nightly', 'validate', 'schedules', 'page', 'build-stack', 'ship', 'review']);
    expect(targets.ship.dependsOn).toEqual([{ target: 'build-stack', params: 'forward' }]);
  });

  it('does not cache the gate when the roster is remote, and hashes the configured maintainer variable', async () => {
    ws.write('schedules/compute.json', { roster: { source: 'gitlab', project: 'acme/app' }, review: { maintainerEnv: 'TEAM_MEMBER' } });
    const { test } = targetsOf(await infer(['schedules/compute.json']));
    expect(test.cache).toBe(false);
    expect(test.inputs).toContainEqual({ env: 'TEAM_MEMBER' });
    expect(test.inputs).not.toContain('{projectRoot}/maintainers.json');
  });

  it('uses the roster path and the init data compute.json names as inputs', async () => {
    ws.write('schedules/compute.json', {
      roster: { source: 'file', path: '../team/people.json' },
      environments: { small: { initData: ['boot/a.sh', 'boot/b.boothook'] }, large: { initData: ['boot/a.sh'] } },
    });
    const { test } = targetsOf(await infer(['schedules/compute.json']));
    expect(test.inputs?.slice(0, 4)).toEqual(['{projectRoot}/*.json', '{projectRoot}/boot/a.sh', '{projectRoot}/boot/b.boothook', '{workspaceRoot}/team/people.json']);
  });

  it('infers every compute project of the workspace in one batch', async () => {
    ws.write('ops/project.json', { name: 'ops' });
    ws.write('ops/compute.json', {});
    ws.write('ops/cleanup.schedule.json', validSchedule());
    const result = await infer(['schedules/compute.json', 'ops/compute.json']);
    expect(result.map(([file]) => file)).toEqual(['schedules/compute.json', 'ops/compute.json']);
    expect(Object.keys(targetsOf(result, 'ops'))).toEqual(['schedule_cleanup', 'test', 'list', 'catalog', 'synth', 'deploy', 'diff']);
  });

  describe('cache', () => {
    const cacheDir = () => process.env.COMPUTE_NX_TEST_CACHE_DIR as string;

    /** Rewrites every cached test description, so a cache hit is visible in the result. */
    function tamperWithCache(): void {
      for (const name of readdirSync(cacheDir()).filter((n) => n.startsWith('compute-nx-'))) {
        const file = join(cacheDir(), name);
        const cache = JSON.parse(readFileSync(file, 'utf8'));
        for (const entry of Object.values<{ targets: Record<string, TargetConfiguration> }>(cache.entries)) {
          entry.targets.test.metadata = { ...entry.targets.test.metadata, description: 'served from the cache' };
        }
        writeFileSync(file, JSON.stringify(cache));
      }
    }

    function fakePlugin(dir: string): void {
      ws.write(`${dir}/package.json`, { name: '@compute/nx', version: '0.1.0' });
      ws.write(`${dir}/src/plugins/plugin.ts`, 'export const version = 1;\n');
    }

    it('serves cached targets while nothing changes, and re-infers when a schedule file is added', async () => {
      await infer(['schedules/compute.json']);
      tamperWithCache();
      expect(targetsOf(await infer(['schedules/compute.json'])).test.metadata?.description).toBe('served from the cache');

      ws.write('schedules/added.schedule.json', validSchedule());
      const targets = targetsOf(await infer(['schedules/compute.json']));
      expect(Object.keys(targets)).toContain('schedule_added');
      expect(targets.test.metadata?.description).not.toBe('served from the cache');
    });

    it('never serves targets inferred by a previous version of a workspace plugin', async () => {
      fakePlugin('tools/compute-plugin');
      const nodes = createComputeNodes(join(ws.root, 'tools/compute-plugin'));
      await infer(['schedules/compute.json'], {}, nodes);
      tamperWithCache();
      expect(targetsOf(await infer(['schedules/compute.json'], {}, nodes)).test.metadata?.description).toBe('served from the cache');

      ws.write('tools/compute-plugin/src/plugins/plugin.ts', 'export const version = 2;\n');
      expect(targetsOf(await infer(['schedules/compute.json'], {}, nodes)).test.metadata?.description).toMatch(/^Check every schedule/);
    });

    it('uses the sources of a workspace plugin as task inputs of test and list', async () => {
      fakePlugin('tools/compute-plugin');
      const targets = targetsOf(await infer(['schedules/compute.json'], {}, createComputeNodes(join(ws.root, 'tools/compute-plugin'))));
      for (const target of [targets.test, targets.list]) {
        expect(target.inputs).toEqual(expect.arrayContaining(['{workspaceRoot}/tools/compute-plugin/src/**/*', '!{workspaceRoot}/tools/compute-plugin/src/**/*.spec.ts']));
      }
    });

    it('never serves targets inferred by a previous state of a linked plugin outside the workspace', async () => {
      const outside = createTempDir({ 'package.json': { name: '@compute/nx', version: '0.1.0' }, 'src/index.ts': 'export {};\n' });
      try {
        const nodes = createComputeNodes(outside.root);
        await infer(['schedules/compute.json'], {}, nodes);
        tamperWithCache();
        expect(targetsOf(await infer(['schedules/compute.json'], {}, nodes)).test.metadata?.description).toBe('served from the cache');

        outside.write('src/index.ts', 'export const changed = true;\n');
        expect(targetsOf(await infer(['schedules/compute.json'], {}, nodes)).test.metadata?.description).toMatch(/^Check every schedule/);
      } finally {
        outside.cleanup();
      }
    });

    it('keeps one cache file per set of options', async () => {
      await infer(['schedules/compute.json'], {});
      await infer(['schedules/compute.json'], { testTargetName: 'validate' });
      expect(readdirSync(cacheDir()).filter((name) => name.startsWith('compute-nx-'))).toHaveLength(2);
    });
  });
});
