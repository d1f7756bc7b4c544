import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type Tree, logger, readJson, readNxJson, readProjectConfiguration, updateNxJson } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { buildCatalog, computeConfigSchema, rosterFileSchema } from '@compute/schedule';
import { INIT_DATA_DIR, initGenerator } from './generator';

const REPO_INIT_DATA = join(__dirname, '../../../../../schedules/init');

describe('init generator', () => {
  let tree: Tree;
  beforeEach(() => {
    tree = createTreeWithEmptyWorkspace({ formatter: 'none' });
  });
  const changes = () => tree.listChanges().map((c) => `${c.type} ${c.path} ${c.content?.toString() ?? ''}`);

  it('creates the compute project, its config, roster and init data, and registers the plugin', async () => {
    await initGenerator(tree, { maintainers: ['ana,ben'] });

    expect(readProjectConfiguration(tree, 'compute')).toMatchObject({ root: 'schedules', projectType: 'application', tags: ['compute'] });
    const config = readJson(tree, 'schedules/compute.json');
    expect(config.$schema).toBe('../node_modules/@compute/schedule/schemas/compute.schema.json');
    expect(computeConfigSchema.safeParse(config).success).toBe(true);
    expect(config).toMatchObject({ region: 'us-east-1', namePrefix: 'compute', roster: { source: 'file', path: 'maintainers.json' }, review: { maintainerEnv: 'COMPUTE_MAINTAINER' } });

    const roster = readJson(tree, 'schedules/maintainers.json');
    expect(rosterFileSchema.parse(roster).members.map((m) => m.username)).toEqual(['ana', 'ben']);

    // The default environments' init data is all there, so the catalog has no problem.
    const result = buildCatalog({
      projectRoot: 'schedules',
      config: { path: 'schedules/compute.json', text: tree.read('schedules/compute.json', 'utf-8') as string },
      schedules: [],
      fileExists: (path) => tree.exists(join('schedules', path)),
    });
    expect(result.problems).toEqual([]);

    expect(readNxJson(tree)?.plugins).toEqual([
      {
        plugin: '@compute/nx',
        options: { scheduleTargetPrefix: 'schedule_', testTargetName: 'test', listTargetName: 'list', deployTargetName: 'deploy', diffTargetName: 'diff', synthTargetName: 'synth', catalogTargetName: 'catalog' },
        include: ['schedules/compute.json'],
      },
    ]);
  });

  it('adds a second compute project to the include list of the existing entry', async () => {
    await initGenerator(tree, {});
    await initGenerator(tree, { directory: 'ops/jobs', name: 'jobs' });
    expect(readNxJson(tree)?.plugins).toEqual([expect.objectContaining({ include: ['schedules/compute.json', 'ops/jobs/compute.json'] })]);
  });

  it('changes nothing when run twice', async () => {
    await initGenerator(tree, { maintainers: ['ana'] });
    const first = changes();
    await initGenerator(tree, { maintainers: ['ana'] });
    expect(changes()).toEqual(first);
  });

  it('adds only the missing maintainers to an existing roster (nx add runs init without options)', async () => {
    await initGenerator(tree, {});
    tree.write('schedules/maintainers.json', '{"members": [{"username": "ben", "emails": ["ben@example.com"]}]}');
    await initGenerator(tree, { maintainers: ['ana ben'] });
    expect(readJson(tree, 'schedules/maintainers.json').members).toEqual([
      { username: 'ben', emails: ['ben@example.com'] },
      { username: 'ana', emails: [] },
    ]);
  });

  it('turns nx analytics off unless the workspace already chose', async () => {
    await initGenerator(tree, {});
    expect(readNxJson(tree)?.analytics).toBe(false);
    updateNxJson(tree, { ...readNxJson(tree), analytics: true });
    await initGenerator(tree, {});
    expect(readNxJson(tree)?.analytics).toBe(true);
  });

  it('keeps what exists: config, roster, init data and the plugin entry', async () => {
    await initGenerator(tree, { directory: 'ops/jobs', name: 'jobs' });
    tree.write('ops/jobs/compute.json', '{"region": "eu-west-1"}');
    tree.write('ops/jobs/init/warp.sh', '# customised\n');
    const nxJson = readNxJson(tree) ?? {};
    updateNxJson(tree, { ...nxJson, plugins: ['@compute/nx'] });

    await initGenerator(tree, { directory: 'ops/jobs/', name: 'jobs' });
    expect(tree.read('ops/jobs/compute.json', 'utf-8')).toBe('{"region": "eu-west-1"}');
    expect(tree.read('ops/jobs/init/warp.sh', 'utf-8')).toBe('# customised\n');
    expect(readNxJson(tree)?.plugins).toEqual(['@compute/nx']);
    expect(readProjectConfiguration(tree, 'jobs').root).toBe('ops/jobs');
  });

  it('keeps a workspace-wide test default from replacing the inputs of the gate', async () => {
    const nxJson = readNxJson(tree) ?? {};
    updateNxJson(tree, { ...nxJson, targetDefaults: { test: { cache: true, inputs: ['default', '^production'] } } });
    await initGenerator(tree, {});
    expect(readNxJson(tree)?.targetDefaults).toEqual({
      test: { cache: true, inputs: ['default', '^production'] },
      '@compute/nx:test': {},
    });
  });

  it('leaves targetDefaults alone when they do not touch test inputs', async () => {
    const nxJson = readNxJson(tree) ?? {};
    updateNxJson(tree, { ...nxJson, targetDefaults: { build: { inputs: ['production'] }, test: { cache: true } } });
    await initGenerator(tree, {});
    expect(readNxJson(tree)?.targetDefaults).toEqual({ build: { inputs: ['production'] }, test: { cache: true } });
  });

  it('refuses a folder outside the workspace and a name already taken elsewhere', async () => {
    await expect(initGenerator(tree, { directory: '../elsewhere' })).rejects.toThrow('--directory "../elsewhere" must be a folder inside the workspace');
    await initGenerator(tree, {});
    await expect(initGenerator(tree, { directory: 'other' })).rejects.toThrow('a project named "compute" already exists in schedules; choose another --name or --directory');
  });

  it("writes this repository's own init data, the one copy there is", async () => {
    expect(INIT_DATA_DIR).toBe(REPO_INIT_DATA);
    await initGenerator(tree, {});
    const files = readdirSync(REPO_INIT_DATA, { recursive: true, encoding: 'utf8' }).filter((p) => statSync(join(REPO_INIT_DATA, p)).isFile());
    expect(files.length).toBeGreaterThan(2);
    for (const file of files) {
      expect(tree.read(`schedules/init/${file}`, 'utf8')).toBe(readFileSync(join(REPO_INIT_DATA, file), 'utf8'));
    }
  });

  it('never writes over an edited init data file, and says which were kept', async () => {
    await initGenerator(tree, {});
    tree.write('schedules/init/ecs-agent.sh', '# ours\n');
    tree.delete('schedules/init/warp.sh');
    const info = jest.spyOn(logger, 'info').mockImplementation(() => undefined);
    try {
      const done = await initGenerator(tree, {});
      done();
      expect(tree.read('schedules/init/ecs-agent.sh', 'utf8')).toBe('# ours\n');
      // A deleted default comes back; an unchanged one is not worth a word.
      expect(tree.read('schedules/init/warp.sh', 'utf8')).toBe(readFileSync(join(REPO_INIT_DATA, 'warp.sh'), 'utf8'));
      expect(info.mock.calls[0][0]).toBe('Kept your own version of this init data file (the default was not written over it):\n  schedules/init/ecs-agent.sh');
    } finally {
      info.mockRestore();
    }
  });

  it('takes repeated --maintainers as well as one list', async () => {
    await initGenerator(tree, { maintainers: ['ana', 'ben,cem'] });
    expect(readJson(tree, 'schedules/maintainers.json').members.map((m: { username: string }) => m.username)).toEqual(['ana', 'ben', 'cem']);
  });

  it('shields the gate from any targetDefaults Nx would apply to it: by name or by glob, but not an executor entry of its own', async () => {
    updateNxJson(tree, { ...readNxJson(tree), targetDefaults: { 't*': { inputs: ['default'] } } });
    await initGenerator(tree, {});
    expect(readNxJson(tree)?.targetDefaults).toEqual({ 't*': { inputs: ['default'] }, '@compute/nx:test': {} });

    const other = createTreeWithEmptyWorkspace({ formatter: 'none' });
    updateNxJson(other, { ...readNxJson(other), targetDefaults: { '@compute/nx:test': { inputs: ['mine'] }, test: { inputs: ['default'] } } });
    await initGenerator(other, {});
    expect(readNxJson(other)?.targetDefaults).toEqual({ '@compute/nx:test': { inputs: ['mine'] }, test: { inputs: ['default'] } });
  });
});
