import { parseRosterFile } from './file-roster';

describe('parseRosterFile', () => {
  it('lists the usernames once each, in order, keeping the members', () => {
    const text = JSON.stringify({ members: [{ username: 'ana', name: 'Ana', emails: ['ana@example.com'] }, { username: 'ben' }, { username: 'Ana', emails: [] }] });
    expect(parseRosterFile(text, 'schedules/maintainers.json')).toEqual({
      ok: true,
      usernames: ['ana', 'ben'],
      members: [
        { username: 'ana', name: 'Ana', emails: ['ana@example.com'] },
        { username: 'ben', emails: [] },
        { username: 'Ana', emails: [] },
      ],
      source: 'schedules/maintainers.json',
    });
  });

  it('needs a members list', () => {
    const result = parseRosterFile('{}', 'roster.json');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual([{ file: 'roster.json', schedule: undefined, path: '/members', severity: 'error', message: 'is required (array)' }]);
  });

  it('says where the JSON is broken, once', () => {
    expect(parseRosterFile('{"members": [}', 'roster.json')).toEqual({
      ok: false,
      problems: [{ file: 'roster.json', path: '', severity: 'error', message: 'roster file is not valid JSON: expected a value but found "}" at line 1, column 14' }],
    });
  });
});
