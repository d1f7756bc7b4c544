import { splitCommand } from './split-command';

describe('splitCommand', () => {
  it.each<[string, string[]]>([
    ['node job.js --flag', ['node', 'job.js', '--flag']],
    ['  spaced   out\targs \n', ['spaced', 'out', 'args']],
    [`sh -c 'echo "$HOME" > out'`, ['sh', '-c', 'echo "$HOME" > out']],
    [`say "it's \\"quoted\\" \\$HOME"`, ['say', `it's "quoted" $HOME`]],
    ['a\\ b c', ['a b', 'c']],
    [`pre"fix"'ed' ''`, ['prefixed', '']],
    ['', []],
  ])('splits %j', (line, words) => {
    expect(splitCommand(line)).toEqual(words);
  });

  it('rejects unterminated quotes', () => {
    expect(() => splitCommand(`echo 'oops`)).toThrow('unterminated single quote in command: echo \'oops');
    expect(() => splitCommand('echo "oops')).toThrow('unterminated double quote in command: echo "oops');
  });
});
