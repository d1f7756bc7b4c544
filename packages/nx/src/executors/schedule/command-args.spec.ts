import { allArguments, commandArguments } from './command-args';

const spec = {
  names: new Set(['schedule', 'mode', 'dryRun', 'index', 'environment', 'allowDuplicates']),
  flags: new Set(['dryRun', 'allowDuplicates']),
};

describe('commandArguments', () => {
  it.each<[string[], string[]]>([
    [[], []],
    [['a', 'b'], ['a', 'b']],
    [['--shards', '8', 'x'], ['--shards', '8', 'x']],
    [['x', '--dryRun'], ['x']],
    [['--dry-run', 'x'], ['x']],
    [['--dry-run', 'false', 'x'], ['x']],
    [['--no-dry-run', 'x'], ['x']],
    [['--dry-run=true', 'x'], ['x']],
    [['--index', '2', '--limit', '5'], ['--limit', '5']],
    [['--index=2', '-v', 'z'], ['-v', 'z']],
    [['--environment', 'test', '--allow-duplicates'], []],
    [['a', '--', '--index', '3', '--dry-run'], ['a', '--index', '3', '--dry-run']],
  ])('%j -> %j', (unparsed, expected) => {
    expect(commandArguments(unparsed, spec)).toEqual(expected);
  });
});

describe('allArguments', () => {
  it('puts configured arguments first; a string is split like a shell would', () => {
    expect(allArguments(['--full'], ['x'])).toEqual(['--full', 'x']);
    expect(allArguments("--label 'two words'", [])).toEqual(['--label', 'two words']);
    expect(allArguments(undefined, ['x'])).toEqual(['x']);
  });
});
