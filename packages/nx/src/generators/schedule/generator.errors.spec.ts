import type { Tree } from '@nx/devkit';
import { ROSTER, computeTree } from '../../testing/fixtures';
import { QUESTIONS, scheduleGeneratorInternal } from './generator';
import type { ScheduleGeneratorSchema } from './schema';
import { validateOptsAgainstSchema } from 'nx/src/utils/params';
import schema from './schema.json';

const NOW = new Date('2026-11-28T12:00:00Z');

describe('schedule generator: problems reported at once', () => {
  let tree: Tree;

  beforeEach(() => {
    tree = computeTree();
  });

  const failure = (options: ScheduleGeneratorSchema) =>
    scheduleGeneratorInternal(tree, options, { now: NOW, log: () => undefined }).then(
      () => {
        throw new Error('expected the generator to fail');
      },
      (error: Error) => error.message,
    );

  it('leaves required options to the generator, since nx stops at the first one missing', () => {
    expect(schema.required).toEqual([]);
    // Interactive runs still ask for each of them: the generator does (see generator.prompt.spec.ts),
    // since Nx's x-prompt would ask every question before any answer could be checked.
    expect(QUESTIONS.map((q) => q.key)).toEqual(expect.arrayContaining(['name', 'command', 'scheduleExpression', 'maintainers', 'description']));
    expect(Object.values(schema.properties).filter((p) => 'x-prompt' in p)).toEqual([]);
  });

  it('names every missing option, with an example, and writes nothing', async () => {
    expect(await failure({})).toBe(
      [
        'Cannot create schedules/<name>.schedule.json: 5 problems (nothing was written)',
        '  --name: is required: the schedule and file name, e.g. nx g schedule nightly_report',
        '  --command: is required: the command to run, e.g. --command "node jobs/report.js --since yesterday"',
        '  --scheduleExpression: is required: when it runs, e.g. --scheduleExpression "cron(0 3 * * ? *)" or --scheduleExpression "rate(15 minutes)"',
        '  --maintainers: is required: usernames from the roster, e.g. --maintainers ana,ben',
        '  --description: is required: what the job does and why, at least 25 characters',
      ].join('\n'),
    );
    expect(tree.listChanges().filter((c) => c.path.endsWith('.schedule.json'))).toEqual([]);
  });

  it('suggests only options that --help lists', async () => {
    const listed = new Set(Object.keys(schema.properties).map((key) => `--${key}`));
    // Options inside quotes belong to the example job's command, not to the generator.
    const suggested = (await failure({})).replace(/"[^"]*"/g, '""').match(/--[a-zA-Z]+/g) ?? [];
    expect(suggested.length).toBeGreaterThan(5);
    expect(suggested.filter((option) => !listed.has(option))).toEqual([]);
  });

  it("lets Nx's schema check pass whatever its parser makes of a text option, so the generator names the problem instead of Nx dumping the schema", () => {
    // yargs leaves true for a value starting with a dash (or none), and numbers for numeric values.
    const mangled = [true, 5, 'x', ['node', true, 5]];
    const textOptions = ['command', 'maintainers', 'environment', 'secrets', 'tags', 'requiredBy', 'expectedDuration'];
    for (const option of textOptions) {
      for (const value of option === 'expectedDuration' ? [true, 5, 'x'] : mangled) {
        expect(() => validateOptsAgainstSchema({ [option]: value }, schema as unknown as Parameters<typeof validateOptsAgainstSchema>[1])).not.toThrow();
      }
    }
  });

  it('takes a repeated --command argument that starts with a dash from the command line as typed', async () => {
    // What Nx hands over for: --command node --command "-e" --command "console.log(1, 2)"
    const argv = ['node', 'nx', 'g', 'schedule', 'dash', '--command', 'node', '--command', '-e', '--command', 'console.log(1, 2)'];
    const options = { name: 'dash', command: ['node', true, 'console.log(1, 2)'], scheduleExpression: 'rate(1 hour)', maintainers: 'ana', description: 'Prints a line to prove that dash arguments survive.' };
    await scheduleGeneratorInternal(tree, options as unknown as ScheduleGeneratorSchema, { now: NOW, log: () => undefined, argv });
    expect(JSON.parse(tree.read('schedules/dash.schedule.json', 'utf8')!).command).toEqual(['node', '-e', 'console.log(1, 2)']);
  });

  it('names the option and the form that works when a value cannot be recovered', async () => {
    const message = await failure({ name: 'dash', command: ['node', true], secrets: true, expectedDuration: true } as unknown as ScheduleGeneratorSchema);
    expect(message).toContain('  --command: needs a value; write one that starts with a dash as --command="-e"');
    expect(message).toContain('  --secrets: needs a value; write one that starts with a dash as --secrets="-e"');
    expect(message).toContain('  --expectedDuration: needs a number of seconds, e.g. --expectedDuration 600');
  });

  it('reports missing options together with wrong ones', async () => {
    const message = await failure({ name: 'nightly', scheduleExpression: 'cron(0 3 * * *)' });
    expect(message.split('\n').map((line) => line.trim().split(':')[0])).toEqual([
      'Cannot create schedules/nightly.schedule.json',
      '--command',
      '--maintainers',
      '--description',
      '--scheduleExpression',
    ]);
  });

  const complete: ScheduleGeneratorSchema = {
    name: 'nightly',
    command: 'node jobs/nightly.js',
    scheduleExpression: 'cron(0 3 * * ? *)',
    maintainers: 'ana, nobody',
    description: 'Builds the nightly report for the platform team.',
  };

  it('refuses maintainers of whom none is on the roster file, as the test target would', async () => {
    tree.write('schedules/maintainers.json', JSON.stringify(ROSTER));
    expect(await failure({ ...complete, maintainers: 'nobody, zed' })).toBe(
      'Cannot create schedules/nightly.schedule.json: a problem (nothing was written)\n  --maintainers: none of "nobody", "zed" is in schedules/maintainers.json: add a maintainer who still has access',
    );
  });

  it('refuses a start date in the past, which EventBridge Scheduler rejects', async () => {
    const message = await failure({ ...complete, startDate: '2026-11-01T00:00:00Z' });
    expect(message).toMatch(/^Cannot create schedules\/nightly\.schedule\.json: a problem \(nothing was written\)\n  --startDate: startDate 2026-11-01T00:00:00Z has passed/);
    expect(tree.exists('schedules/nightly.schedule.json')).toBe(false);
  });

  it('names --expectedDuration when it is not a number of seconds or outlasts the timeout', async () => {
    expect(await failure({ ...complete, maintainers: 'ana', expectedDuration: 'ten minutes' })).toBe(
      'Cannot create schedules/nightly.schedule.json: a problem (nothing was written)\n  --expectedDuration: must be a whole number of seconds, e.g. --expectedDuration 300 (got "ten minutes")',
    );
    expect(await failure({ ...complete, maintainers: 'ana', timeout: 600, expectedDuration: 900 })).toBe(
      'Cannot create schedules/nightly.schedule.json: a problem (nothing was written)\n  --expectedDuration: is 900 seconds, longer than timeout (600): a run would be stopped first; lower it or raise timeout',
    );
  });

  it('accepts maintainers when at least one is on the roster', async () => {
    tree.write('schedules/maintainers.json', JSON.stringify(ROSTER));
    await scheduleGeneratorInternal(tree, complete, { now: NOW, log: () => undefined });
    expect(tree.exists('schedules/nightly.schedule.json')).toBe(true);
  });

  it('leaves a missing roster file, or a remote roster, to the test target', async () => {
    await scheduleGeneratorInternal(tree, { ...complete, maintainers: 'nobody' }, { now: NOW, log: () => undefined });
    expect(tree.exists('schedules/nightly.schedule.json')).toBe(true);
    tree.write('schedules/compute.json', JSON.stringify({ roster: { source: 'gitlab', project: 'group/repo' } }));
    tree.write('schedules/maintainers.json', JSON.stringify(ROSTER));
    await scheduleGeneratorInternal(tree, { ...complete, name: 'other', maintainers: 'nobody' }, { now: NOW, log: () => undefined });
    expect(tree.exists('schedules/other.schedule.json')).toBe(true);
  });
});
