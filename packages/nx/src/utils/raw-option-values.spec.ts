import { rawOptionValues } from './raw-option-values';

describe('rawOptionValues', () => {
  it('keeps values that start with a dash, in order, in both forms', () => {
    const argv = ['node', 'nx', 'g', 'schedule', 'x', '--command', 'node', '--command', '-e', '--command=console.log(1, 2)', '--maintainers', 'ana'];
    expect(rawOptionValues(argv, 'command')).toEqual(['node', '-e', 'console.log(1, 2)']);
  });

  it('ignores other options, a trailing option without value, and what follows "--"', () => {
    expect(rawOptionValues(['--commands', 'a', '--command'], 'command')).toEqual([]);
    expect(rawOptionValues(['--command', '--maintainers', 'ana', '--command=--since'], 'command')).toEqual(['--since']);
    expect(rawOptionValues(['--command', 'a', '--', '--command', 'b'], 'command')).toEqual(['a']);
  });
});
