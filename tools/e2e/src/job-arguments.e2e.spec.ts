import { FAKE_KEYS } from './aws-env';
import { createTempWorkspace, type CommandResult, type TempWorkspace } from './workspace';

/**
 * The schedule's command gets its arguments through --args or as the tokens Nx
 * passes on, and `:batch --dry-run` with arguments is a dry run in every
 * spelling: where `nx run` drops the --dry-run (written before a "--" that has
 * more after it), nothing is submitted. Through the real nx CLI, since what
 * Nx drops and passes on is the point.
 */

const TARGET = 'compute:schedule_echo_args';

describe('the arguments of a schedule\'s command through nx run', () => {
  let ws: TempWorkspace;
  const nx = (args: string[]) => ws.nx(['run', ...args], { env: FAKE_KEYS });

  beforeAll(() => {
    ws = createTempWorkspace();
    const heartbeat = JSON.parse(ws.read('schedules/workspace_heartbeat.schedule.json'));
    ws.write(
      'schedules/echo_args.schedule.json',
      JSON.stringify({ ...heartbeat, command: ['node', '-e', 'console.log("args " + JSON.stringify(process.argv.slice(1)))', '--'] }, null, 2),
    );
  });
  afterAll(() => ws?.cleanup());

  /** The command of the request a dry run printed. */
  function submittedCommand(result: CommandResult): string[] {
    const lines = result.stdout.split('\n');
    const start = lines.indexOf('{');
    const end = lines.indexOf('}', start);
    if (start === -1 || end === -1) throw new Error(`no JSON document in the output:\n${result.output}`);
    return JSON.parse(lines.slice(start, end + 1).join('\n')).containerOverrides.command;
  }

  it('gives --args, split like a shell would, and the other arguments to a local run', () => {
    const result = nx([TARGET, `--args=--only 'a b'`, 'c']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('args ["--only","a b","c"]');
  });

  it('keeps a comma and a leading zero in --args as written', () => {
    const result = nx([TARGET, '--args', '--ids 1,2 --n 007']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('args ["--ids","1,2","--n","007"]');
  });

  describe(':batch --dry-run with arguments', () => {
    it.each([
      [['--dryRun', '--args=--only a']],
      [['--args', '--only a', '--dry-run']],
      [['--dry-run', '--only', 'a']],
      // Everything after "--" arrives, so --dry-run there is kept.
      [['--', '--only', 'a', '--dry-run']],
    ])('is a dry run: %j', (tokens) => {
      const result = nx([`${TARGET}:batch`, ...tokens]);
      expect(result.status).toBe(0);
      expect(result.output).toContain('nothing was sent to AWS');
      expect(submittedCommand(result).slice(-2)).toEqual(['--only', 'a']);
    });

    it.each([
      // nx run drops what is written before a "--" that has more after it: these arrive without --dry-run.
      [['--dry-run', '--', '--only', 'a']],
      [['--dryRun', '--', '--args=--only a']],
      [['--dry-run', '--', '--', '--only', 'a']],
    ])('submits nothing when nx dropped the --dry-run: %j', (tokens) => {
      const result = nx([`${TARGET}:batch`, ...tokens]);
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain('compute: nothing was submitted: arguments for the command (--only a) came without --dry-run or --no-dry-run');
      expect(result.stderr).toContain(`nx run ${TARGET}:batch --args='--only a' --dry-run`);
      expect(result.output).not.toContain('AWS Batch endpoint');
    });

    it('submits with the arguments after --no-dry-run (here to an endpoint where nothing listens)', () => {
      const result = nx([`${TARGET}:batch`, '--args=--only a', '--no-dry-run']);
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain('compute: using the AWS Batch endpoint from AWS_ENDPOINT_URL_BATCH: http://127.0.0.1:1');
      expect(result.stderr).toContain('cannot reach AWS Batch');
    });
  });
});
