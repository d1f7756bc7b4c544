import type { OptionSpec } from './command-args';
import { droppedOptions, droppedOptionsMessage, readParentArgv } from './dropped-options';

const SPEC: OptionSpec = {
  names: new Set(['schedule', 'environment', 'dryRun', 'wait', 'allowDuplicates', 'attempts']),
  flags: new Set(['dryRun', 'wait', 'allowDuplicates']),
};
const TASK = { project: 'compute', target: 'schedule_beat', configuration: 'batch' };
const nx = (...args: string[]) => ['node', 'node_modules/nx/dist/bin/nx.js', 'run', 'compute:schedule_beat:batch', ...args];

describe('droppedOptions', () => {
  it('finds executor options written before a "--" that has arguments after it', () => {
    expect(droppedOptions(nx('--dry-run', '--environment', 'test', '--', '--only', 'a'), TASK, SPEC)).toEqual({
      dropped: [['--dry-run'], ['--environment', 'test']],
      kept: ['--only', 'a'],
    });
  });

  it('understands camelCase, =values and --no- flags', () => {
    expect(droppedOptions(nx('--dryRun', '--attempts=2', '--no-wait', '--', 'x'), TASK, SPEC)?.dropped).toEqual([['--dryRun'], ['--attempts=2'], ['--no-wait']]);
  });

  it('drops nothing without "--", with a trailing "--", or when the option is repeated after it', () => {
    expect(droppedOptions(nx('--dry-run'), TASK, SPEC)).toBeUndefined();
    expect(droppedOptions(nx('--dry-run', '--'), TASK, SPEC)).toBeUndefined();
    expect(droppedOptions(nx('--dry-run', '--', 'x', '--dry-run'), TASK, SPEC)).toBeUndefined();
  });

  it("ignores nx's own options and command lines that are not this task", () => {
    expect(droppedOptions(nx('--verbose', '--skip-nx-cache', '--', 'x'), TASK, SPEC)).toBeUndefined();
    expect(droppedOptions(['node', 'jest', '--dry-run', '--', 'x'], TASK, SPEC)).toBeUndefined();
    expect(droppedOptions(['nx', 'run', 'compute:schedule_other', '--dry-run', '--', 'x'], TASK, SPEC)).toBeUndefined();
  });

  it('counts an option as repeated only before a second "--": after it, it is the command\'s', () => {
    expect(droppedOptions(nx('--environment=test', '--', '--', '--environment', 'prod'), TASK, SPEC)).toEqual({
      dropped: [['--environment=test']],
      kept: ['--', '--environment', 'prod'],
    });
  });

  it('takes a value the way nx does: not an option-like token', () => {
    expect(droppedOptions(nx('--environment', '--dry-run', '--', 'x'), TASK, SPEC)?.dropped).toEqual([['--environment'], ['--dry-run']]);
  });

  it('recognizes the task without its configuration (-c batch)', () => {
    const argv = ['nx', 'run', 'compute:schedule_beat', '-c', 'batch', '--dry-run', '--', 'x'];
    expect(droppedOptions(argv, TASK, SPEC)?.dropped).toEqual([['--dry-run']]);
  });
});

describe('droppedOptionsMessage', () => {
  it('names the options and gives the command that keeps them, quoted for a shell', () => {
    const found = droppedOptions(nx('--dry-run', '--environment', 'test', '--', '--only', 'a b'), TASK, SPEC)!;
    expect(droppedOptionsMessage(TASK, found)).toBe(
      '--dry-run, --environment were written before "--", and nx run drops every option written there when arguments follow "--"; nothing was run. Put them after the arguments instead:\n' +
        "  nx run compute:schedule_beat:batch -- --only 'a b' --dry-run --environment test",
    );
  });
});

describe('droppedOptionsMessage, with a second "--"', () => {
  it('puts the options before it, where they are still options', () => {
    const found = droppedOptions(nx('--dry-run', '--', 'a', '--', '--dry-run'), TASK, SPEC)!;
    expect(droppedOptionsMessage(TASK, found)).toContain('\n  nx run compute:schedule_beat:batch -- a --dry-run -- --dry-run');
  });
});

describe('readParentArgv', () => {
  (process.platform === 'linux' ? it : it.skip)("reads a process's command line on Linux", () => {
    // This process's own command line stands in for a parent's.
    expect(readParentArgv(process.pid, 'linux')).toEqual(expect.arrayContaining([process.argv[1]]));
  });

  it('gives up quietly where it cannot read', () => {
    expect(readParentArgv(2 ** 30, 'linux')).toBeUndefined();
    expect(readParentArgv(process.pid, 'win32')).toBeUndefined();
  });
});
