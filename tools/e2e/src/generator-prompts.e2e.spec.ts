import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { type TempWorkspace, baseEnv, createTempWorkspace, nxBin } from './workspace';

/**
 * `nx g schedule` at a terminal: Nx and the generator prompt only when stdout is a
 * terminal, so util-linux's `script` gives nx a pseudo-terminal, and answers are
 * typed once their question is on the screen.
 */
class Terminal {
  private readonly child: ChildProcessWithoutNullStreams;
  private screen = '';
  /** Where the next wait starts reading, so a question asked twice is seen twice. */
  private cursor = 0;
  readonly exited: Promise<number>;

  constructor(cwd: string, args: string[], env: NodeJS.ProcessEnv) {
    const command = [process.execPath, nxBin, ...args].map((arg) => `'${arg.replace(/'/g, `'\\''`)}'`).join(' ');
    // A new pseudo-terminal has no size, and prompts drawn 0 columns wide break after every character.
    this.child = spawn('script', ['-qfec', `stty cols 200 rows 50; exec ${command}`, '/dev/null'], { cwd, env, detached: true });
    this.child.stdout.on('data', (data: Buffer) => (this.screen += data.toString('utf8')));
    this.child.stderr.on('data', (data: Buffer) => (this.screen += data.toString('utf8')));
    this.exited = new Promise((resolve) => this.child.on('close', (code) => resolve(code ?? 1)));
  }

  /** What was shown, without the escape sequences that draw it. */
  text(): string {
    return this.screen.replace(/\x1b\[[0-9;?]*[ -/]*[@-~]/g, '').replace(/\r/g, '');
  }

  async waitFor(expected: string, timeoutMs = 120_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const at = this.text().indexOf(expected, this.cursor);
      if (at >= 0) {
        this.cursor = at + expected.length;
        return;
      }
      if (Date.now() > deadline || this.child.exitCode !== null) {
        throw new Error(`"${expected}" never appeared; the terminal showed:\n${this.text()}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  type(answer: string): void {
    this.child.stdin.write(`${answer}\r`);
  }

  /** Ends `script` and nx with it (they share the process group `script` leads). */
  kill(): void {
    if (this.child.exitCode === null && this.child.pid !== undefined) process.kill(-this.child.pid, 'SIGKILL');
  }
}

describe('nx g schedule at a terminal', () => {
  let ws: TempWorkspace;
  let terminal: Terminal | undefined;

  beforeAll(() => {
    ws = createTempWorkspace();
  });
  afterEach(() => terminal?.kill());
  afterAll(() => ws?.cleanup());

  it('asks again right after a wrong answer, saying why, and writes the file once the answer is right', async () => {
    // Outside CI, as a person at a terminal.
    const env = baseEnv({ CI: undefined, COMPUTE_MAINTAINER: undefined, GIT_CONFIG_GLOBAL: '/dev/null', GIT_CONFIG_NOSYSTEM: '1' });
    terminal = new Terminal(ws.root, ['g', 'schedule', 'typed', '--command', 'node jobs/x.js', '--maintainers', 'ana', '--description', 'Proves that each answer is checked as it is given.'], env);

    await terminal.waitFor('Schedule expression');
    terminal.type('cron(0 3 * * *)');
    await terminal.waitFor('--scheduleExpression:');
    await terminal.waitFor('Schedule expression');
    terminal.type('rate(1 hour)');
    await terminal.waitFor('How long does a run usually take');
    terminal.type('');

    expect(await terminal.exited).toBe(0);
    expect(terminal.text()).toContain('Schedule "typed" runs every hour');
    expect(JSON.parse(ws.read('schedules/typed.schedule.json'))).toMatchObject({ scheduleExpression: 'rate(1 hour)', command: ['node', 'jobs/x.js'] });
  });
});
