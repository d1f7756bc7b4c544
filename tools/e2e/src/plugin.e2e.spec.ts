import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { createTempWorkspace, type CommandResult, type TempWorkspace } from './workspace';

/** The one JSON document a target printed between nx's own lines. */
function printedJson<T>(result: CommandResult): T {
  const lines = result.stdout.split('\n');
  const start = lines.findIndex((line) => line === '{' || line === '[');
  const end = lines.findIndex((line, i) => i > start && line === (lines[start] === '{' ? '}' : ']'));
  if (start === -1 || end === -1) throw new Error(`no JSON document in the output:\n${result.output}`);
  return JSON.parse(lines.slice(start, end + 1).join('\n')) as T;
}

interface TestReport {
  checked: number;
  errors: number;
  warnings: number;
  problems: { file: string; schedule: string | null; path: string; severity: string; message: string }[];
}

/** Nobody is the current maintainer, whatever the machine's git or shell says: stale reviews only warn. */
const NEUTRAL = { COMPUTE_MAINTAINER: undefined, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' };

const EXAMPLE_TARGETS = ['schedule_partner_repos_mirror', 'schedule_search_reindex_shards', 'schedule_workspace_heartbeat'];

describe('the @compute/nx plugin through the real nx CLI', () => {
  let ws: TempWorkspace;

  beforeAll(() => {
    ws = createTempWorkspace();
  });
  afterAll(() => ws?.cleanup());

  const showCompute = () => {
    const result = ws.nx(['show', 'project', 'compute', '--json']);
    expect(result.status).toBe(0);
    return JSON.parse(result.stdout) as { root: string; targets: Record<string, any>; metadata: Record<string, any> };
  };
  const test = (args: string[] = []) => ws.nx(['run', 'compute:test', ...args], { env: NEUTRAL });

  it('infers schedule_<name>, test, list and deploy for the compute project', () => {
    const project = showCompute();
    expect(project.root).toBe('schedules');
    expect(Object.keys(project.targets)).toEqual(expect.arrayContaining([...EXAMPLE_TARGETS, 'test', 'list', 'deploy']));
    expect(project.targets.schedule_workspace_heartbeat).toMatchObject({
      executor: '@compute/nx:schedule',
      options: { schedule: 'workspace_heartbeat' },
      configurations: { batch: { mode: 'batch' } },
      cache: false,
      metadata: { description: expect.stringContaining('workspace_heartbeat') },
    });
    expect(project.targets.test).toMatchObject({ executor: '@compute/nx:test', cache: true });
    expect(project.targets.list).toMatchObject({ executor: '@compute/nx:list', cache: true });
    expect(project.targets.deploy).toMatchObject({ executor: '@compute/nx:deploy', cache: false });
    expect(project.metadata.targetGroups.Schedules).toEqual(EXAMPLE_TARGETS);
  });

  it('passes compute:test on the committed schedules, in text and in JSON', () => {
    const text = test();
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/^3 schedules checked: 0 errors, \d+ warnings?$/m);

    const json = test(['--format', 'json']);
    expect(json.status).toBe(0);
    expect(printedJson<TestReport>(json)).toMatchObject({ checked: 3, errors: 0 });
  });

  describe('with broken schedule files', () => {
    beforeAll(() => {
      ws.write('schedules/broken.schedule.json', '{ "command": [ oops');
      ws.write('schedules/wrong_fields.schedule.json', JSON.stringify({ ...JSON.parse(ws.read('schedules/workspace_heartbeat.schedule.json')), size: 'huge', scheduleExpression: 'cron(0 3 * * * *)' }));
    });
    afterAll(() => {
      rmSync(join(ws.root, 'schedules/broken.schedule.json'));
      rmSync(join(ws.root, 'schedules/wrong_fields.schedule.json'));
    });

    it('keeps every other nx command working, and the broken file still gets its target', () => {
      const projects = ws.nx(['show', 'projects']);
      expect(projects.status).toBe(0);
      expect(projects.stdout.split('\n')).toContain('compute');
      expect(Object.keys(showCompute().targets)).toEqual(expect.arrayContaining(['schedule_broken', 'schedule_wrong_fields', 'test']));
    });

    it('fails compute:test with every problem named by its file', () => {
      const result = test();
      expect(result.status).not.toBe(0);
      expect(result.stdout).toMatch(/^schedules\/broken\.schedule\.json\n {2}error {3}\/: is not valid JSON/m);
      expect(result.stdout).toMatch(/^schedules\/wrong_fields\.schedule\.json$/m);
      expect(result.stdout).toContain('error   /size: size "huge" is not defined in compute.json');
      expect(result.stdout).toContain('error   /scheduleExpression: ');
      expect(result.stdout).toMatch(/^5 schedules checked: 3 errors/m);
      expect(result.output).not.toContain(ws.root);
    });

    it('fails compute:test --format json with one entry per problem', () => {
      const result = test(['--format', 'json']);
      expect(result.status).not.toBe(0);
      const report = printedJson<TestReport>(result);
      expect(report).toMatchObject({ checked: 5, errors: 3 });
      expect(report.problems.filter((p) => p.severity === 'error').map((p) => [p.file, p.schedule, p.path])).toEqual([
        ['schedules/broken.schedule.json', 'broken', ''],
        ['schedules/wrong_fields.schedule.json', 'wrong_fields', '/scheduleExpression'],
        ['schedules/wrong_fields.schedule.json', 'wrong_fields', '/size'],
      ]);
    });
  });

  describe('nx g schedule', () => {
    const args = [
      'g',
      'schedule',
      'demo_job',
      '--command',
      `node -e "console.log('demo')"`,
      '--expression',
      'cron(15 6 ? * MON-FRI *)',
      '--timezone',
      'Europe/Berlin',
      '--maintainers',
      'ana',
      '--maintainers',
      'ben',
      '--description',
      'Prints a line on weekday mornings to show the generator works.',
      '--no-interactive',
    ];

    it('previews with --dry-run and writes nothing', () => {
      const result = ws.nx([...args, '--dry-run']);
      expect(result.status).toBe(0);
      expect(result.output).toContain('CREATE schedules/demo_job.schedule.json');
      expect(result.output).toContain('runs at 06:15');
      expect(result.output).toMatch(/Next 5 runs \(Europe\/Berlin \| UTC\):\n(  \d{4}-\d\d-\d\d 06:15 UTC\+0[12]:00  \|  \d{4}-\d\d-\d\d 0[45]:15 UTC\n){5}/);
      expect(result.output).toContain('NOTE: The "dryRun" flag means no changes were made.');
      expect(ws.exists('schedules/demo_job.schedule.json')).toBe(false);
    });

    it('refuses an invalid schedule, saying why, and writes nothing', () => {
      const result = ws.nx(['g', 'schedule', 'bad_job', '--command', 'true', '--expression', 'cron(99 * * * ? *)', '--size', 'huge', '--maintainers', 'ana', '--description', 'A schedule that must never be written to disk.', '--no-interactive']);
      expect(result.status).not.toBe(0);
      expect(result.output).toContain('Cannot create schedules/bad_job.schedule.json: 2 problems (nothing was written)');
      expect(result.output).toContain('--scheduleExpression: ');
      expect(result.output).toContain('--size: size "huge" is not defined in compute.json');
      expect(result.output).not.toContain('stacktrace');
      expect(ws.exists('schedules/bad_job.schedule.json')).toBe(false);
    });

    it('creates a valid schedule whose target appears at once', () => {
      const result = ws.nx(args);
      expect(result.status).toBe(0);
      expect(result.output).toContain('CREATE schedules/demo_job.schedule.json');
      const written = JSON.parse(ws.read('schedules/demo_job.schedule.json'));
      expect(written).toMatchObject({
        $schema: expect.stringMatching(/schemas\/schedule\.schema\.json$/),
        scheduleExpression: 'cron(15 6 ? * MON-FRI *)',
        command: ['node', '-e', "console.log('demo')"],
        size: 'small',
        attempts: 1,
        timeout: 3600,
        parallel: 1,
        meta: { maintainers: ['ana', 'ben'], lastReview: new Date().toISOString().slice(0, 10) },
      });

      expect(showCompute().targets.schedule_demo_job).toMatchObject({ executor: '@compute/nx:schedule', options: { schedule: 'demo_job' } });
      const check = test(['--format', 'json']);
      expect(check.status).toBe(0);
      expect(printedJson<TestReport>(check)).toMatchObject({ checked: 4, errors: 0 });
    });

    it('refuses to overwrite the schedule it created', () => {
      const before = ws.read('schedules/demo_job.schedule.json');
      const result = ws.nx(args);
      expect(result.status).not.toBe(0);
      expect(result.output).toContain('schedules/demo_job.schedule.json already exists');
      expect(ws.read('schedules/demo_job.schedule.json')).toBe(before);
    });
  });

  describe('nx affected -t test', () => {
    beforeAll(() => {
      ws.git(['add', '-A']);
      ws.git(['commit', '-q', '-m', 'add demo_job']);
    });

    it('selects nothing when nothing changed', () => {
      const result = ws.nx(['affected', '-t', 'test', '--explain']);
      expect(result.status).toBe(0);
      expect(result.output).toContain('Nothing affected');
      expect(result.output).not.toContain('compute:test');
    });

    it('selects compute:test, and only it, after a committed schedule changes', () => {
      const file = 'schedules/demo_job.schedule.json';
      ws.write(file, ws.read(file).replace('"attempts": 1', '"attempts": 2'));

      const explained = ws.nx(['affected', '-t', 'test', '--explain']);
      expect(explained.status).toBe(0);
      expect(explained.output).toMatch(/schedules\/demo_job\.schedule\.json:\n\s+- compute:test\n/);
      expect(explained.output).toContain('1 out of');

      const run = ws.nx(['affected', '-t', 'test'], { env: NEUTRAL });
      expect(run.status).toBe(0);
      expect(run.output).toContain('nx run compute:test');
      expect(run.output).toMatch(/Successfully ran target test for project compute/);
    });
  });
});
