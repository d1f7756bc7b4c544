import { formatProblems, jsonPointer } from './problems';

describe('problems', () => {
  it('escapes JSON pointers', () => {
    expect(jsonPointer(['tags', 'a/b', 'c~d', 0])).toBe('/tags/a~1b/c~0d/0');
  });

  it('groups by file and ends with a summary line', () => {
    const text = formatProblems(
      [
        { file: 'schedules/b.schedule.json', path: '/size', severity: 'error', message: 'size "x" is not defined' },
        { file: 'schedules/a.schedule.json', path: '', severity: 'warning', message: 'stale' },
        { file: 'schedules/b.schedule.json', path: '/attempts', severity: 'error', message: 'too many' },
      ],
      3,
    );
    expect(text).toBe(
      [
        'schedules/a.schedule.json',
        '  warning /: stale',
        '',
        'schedules/b.schedule.json',
        '  error   /attempts: too many',
        '  error   /size: size "x" is not defined',
        '',
        '3 schedules checked: 2 errors, 1 warning',
      ].join('\n'),
    );
  });
});
