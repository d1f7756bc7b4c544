import { scheduleNameFromFile, scheduleNameProblem } from './names';

describe('schedule names', () => {
  it('come from the file name only', () => {
    expect(scheduleNameFromFile('schedules/nightly_report.schedule.json')).toBe('nightly_report');
    expect(scheduleNameFromFile('schedules\\a.schedule.json')).toBe('a');
    expect(scheduleNameFromFile('schedules/compute.json')).toBeUndefined();
  });

  it.each(['a', 'nightly_report', 'x1', 'a'.repeat(48)])('accepts %s', (name) => expect(scheduleNameProblem(name)).toBeUndefined());

  it.each([
    ['Nightly', /lowercase letter/],
    ['1job', /lowercase letter/],
    ['my-job', /only lowercase letters, digits and "_"/],
    ['a'.repeat(49), /49 characters long; the limit is 48/],
  ])('rejects %s', (name, message) => expect(scheduleNameProblem(name)).toMatch(message));
});
