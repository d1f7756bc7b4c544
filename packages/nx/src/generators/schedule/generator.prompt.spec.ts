import { type Tree, readJson } from '@nx/devkit';
import { ROSTER, computeTree } from '../../testing/fixtures';
import { QUESTIONS, type SchedulePrompt, scheduleGeneratorInternal } from './generator';
import type { ScheduleGeneratorSchema } from './schema';

const NOW = new Date('2026-11-28T12:00:00Z');

/** A person typing the given answers in order; records what was asked and what was said back. */
function scriptedPrompt(answers: string[]): SchedulePrompt & { asked: string[]; rejected: string[][] } {
  const remaining = [...answers];
  const asked: string[] = [];
  const rejected: string[][] = [];
  return {
    asked,
    rejected,
    ask: async (message) => {
      asked.push(message);
      const answer = remaining.shift();
      if (answer === undefined) throw new Error(`no answer scripted for "${message}"`);
      return answer;
    },
    reject: (problems) => rejected.push([...problems]),
  };
}

const question = (key: keyof ScheduleGeneratorSchema) => QUESTIONS.find((q) => q.key === key)?.message as string;

describe('schedule generator: interactive answers checked as they are given', () => {
  let tree: Tree;
  let logged: string[];

  beforeEach(() => {
    tree = computeTree();
    tree.write('schedules/maintainers.json', JSON.stringify(ROSTER));
    logged = [];
  });

  const run = (schema: ScheduleGeneratorSchema, prompt: SchedulePrompt) => scheduleGeneratorInternal(tree, schema, { now: NOW, log: (m) => logged.push(m), prompt });

  it('asks again right after a wrong expression, with the message of the final check, then writes the file', async () => {
    const prompt = scriptedPrompt(['cron(0 3 * * *)', 'cron(0 3 * * ? *)', '']);
    await run({ name: 'nightly', command: 'node jobs/nightly.js', maintainers: 'ana', description: 'Builds the nightly report for the platform team.' }, prompt);

    expect(prompt.asked).toEqual([question('scheduleExpression'), question('scheduleExpression'), question('expectedDuration')]);
    expect(prompt.rejected).toHaveLength(1);
    expect(prompt.rejected[0]).toHaveLength(1);
    // The same line the non-interactive run prints for the same answer.
    const final = await scheduleGeneratorInternal(
      tree,
      { name: 'other', command: 'node jobs/nightly.js', maintainers: 'ana', description: 'Builds the nightly report for the platform team.', scheduleExpression: 'cron(0 3 * * *)' },
      { now: NOW, log: () => undefined },
    ).catch((error: Error) => error.message);
    expect(final).toContain(`  ${prompt.rejected[0][0]}`);
    expect(prompt.rejected[0][0]).toMatch(/^--scheduleExpression: /);

    expect(readJson(tree, 'schedules/nightly.schedule.json')).toMatchObject({ scheduleExpression: 'cron(0 3 * * ? *)', command: ['node', 'jobs/nightly.js'] });
    expect(logged[0]).toMatch(/^Schedule "nightly" runs /);
  });

  it('asks each missing option in order and re-asks only the wrong answers', async () => {
    tree.write('schedules/taken.schedule.json', '{}');
    const prompt = scriptedPrompt([
      'Bad-Name', // not a schedule name
      'taken', // exists already
      'weekly',
      '', // required
      'node "jobs/weekly.js', // unbalanced quote
      'node jobs/weekly.js',
      'rate(1 hour)',
      'nobody', // not on the roster
      'ben',
      'too short',
      'Mails the weekly usage report to the platform team.',
      'ten minutes',
      '',
    ]);
    await run({}, prompt);

    const keys = prompt.asked.map((message) => QUESTIONS.find((q) => q.message === message)?.key);
    expect(keys).toEqual(['name', 'name', 'name', 'command', 'command', 'command', 'scheduleExpression', 'maintainers', 'maintainers', 'description', 'description', 'expectedDuration', 'expectedDuration']);
    expect(prompt.rejected.map((lines) => lines.map((line) => line.split(':')[0]))).toEqual([
      ['--name'],
      ['--name'],
      ['--command'],
      ['--command'],
      ['--maintainers'],
      ['--description'],
      ['--expectedDuration'],
    ]);
    expect(prompt.rejected[1]).toEqual(['--name: schedules/taken.schedule.json already exists; edit it, or choose another name']);
    expect(prompt.rejected[2]).toEqual(['--command: is required: the command to run, e.g. --command "node jobs/report.js --since yesterday"']);
    expect(prompt.rejected[4]).toEqual(['--maintainers: none of "nobody" is in schedules/maintainers.json: add a maintainer who still has access']);
    expect(prompt.rejected[6]).toEqual(['--expectedDuration: must be a whole number of seconds, e.g. --expectedDuration 300 (got "ten minutes")']);

    const written = readJson(tree, 'schedules/weekly.schedule.json');
    expect(written).toMatchObject({ scheduleExpression: 'rate(1 hour)', command: ['node', 'jobs/weekly.js'], meta: { maintainers: ['ben'] } });
    expect(written).not.toHaveProperty('expectedDuration');
  });

  it('refuses a given name whose file exists before asking anything', async () => {
    tree.write('schedules/taken.schedule.json', '{}');
    const prompt = scriptedPrompt([]);
    await expect(run({ name: 'taken' }, prompt)).rejects.toThrow('schedules/taken.schedule.json already exists; edit it, or choose another name (nothing was written)');
    expect(prompt.asked).toEqual([]);
  });

  it('asks nothing that was given, and still runs the full check at the end', async () => {
    const prompt = scriptedPrompt([]);
    const message = await run(
      { name: 'nightly', command: 'node jobs/nightly.js', scheduleExpression: 'rate(1 hour)', maintainers: 'ana', description: 'Builds the nightly report for the platform team.', expectedDuration: 60, size: 'huge' },
      prompt,
    ).catch((error: Error) => error.message);
    expect(prompt.asked).toEqual([]);
    expect(message).toMatch(/^Cannot create schedules\/nightly\.schedule\.json: a problem \(nothing was written\)\n {2}--size: /);
    expect(tree.exists('schedules/nightly.schedule.json')).toBe(false);
  });
});
