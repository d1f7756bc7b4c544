import { allArguments, commandArguments, optionOf, passToCommandHint, scanTokens } from './command-args';

const spec = {
  names: new Set(['dryRun', 'index', 'environment', 'allowDuplicates']),
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
    // Like Nx's parser: an option-like token is not a value, a negative number is.
    [['--environment', '--shards', '8'], ['--shards', '8']],
    [['--index', '-1', 'x'], ['x']],
    // Names that are not options read from the command line are the command's.
    [['--schedule', 'other', '--mode', 'batch'], ['--schedule', 'other', '--mode', 'batch']],
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

describe('scanTokens', () => {
  it('lists the options with their tokens and positions, up to an inner "--"', () => {
    expect(scanTokens(['a', '--environment', 'prod', '--no-dry-run', '--index=2', '--', '--index', '3'], spec)).toEqual({
      options: [
        { name: 'environment', tokens: ['--environment', 'prod'], at: 1 },
        { name: 'dryRun', tokens: ['--no-dry-run'], at: 3 },
        { name: 'index', tokens: ['--index=2'], at: 4 },
      ],
      command: ['a', '--index', '3'],
    });
  });
});

describe('optionOf', () => {
  it.each<[string, ReturnType<typeof optionOf>]>([
    ['--dry-run', { name: 'dryRun', flag: true, inline: false }],
    ['--dryRun=false', { name: 'dryRun', flag: true, inline: true }],
    ['--no-allow-duplicates', { name: 'allowDuplicates', flag: true, inline: false }],
    ['--environment', { name: 'environment', flag: false, inline: false }],
    ['--no-environment', undefined],
    ['--schedule', undefined],
    ['-e', undefined],
    ['--', undefined],
  ])('%s', (token, expected) => {
    expect(optionOf(token, spec)).toEqual(expected);
  });
});

describe('passToCommandHint', () => {
  it('moves the named options after a second "--", keeping the other arguments where they are', () => {
    expect(passToCommandHint('compute:schedule_beat', ['a', '--environment', 'prod', 'b c', '--index', '1'], spec, ['environment'])).toBe(
      'To give --environment prod to the schedule\'s command instead, write it after a second "--":\n' +
        "  nx run compute:schedule_beat -- a 'b c' --index 1 -- --environment prod",
    );
  });

  it('joins a second "--" that is already there', () => {
    expect(passToCommandHint('compute:schedule_beat:batch', ['--dry-run', '--allow-duplicates', '--', 'tail'], spec, ['dryRun', 'allowDuplicates'])).toBe(
      'To give --dry-run --allow-duplicates to the schedule\'s command instead, write them after a second "--":\n' +
        '  nx run compute:schedule_beat:batch -- -- --dry-run --allow-duplicates tail',
    );
  });

  it('is undefined when the options were not written on the command line', () => {
    expect(passToCommandHint('compute:schedule_beat', ['a', '--', '--environment', 'prod'], spec, ['environment'])).toBeUndefined();
    expect(passToCommandHint('compute:schedule_beat', [], spec, ['environment'])).toBeUndefined();
  });
});
