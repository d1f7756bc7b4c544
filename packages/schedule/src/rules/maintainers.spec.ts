import { checkMaintainers } from './maintainers';
import type { ScheduleSubject } from '../catalog/catalog';

const schedule = (name: string, maintainers?: string[]): ScheduleSubject => ({ name, file: `schedules/${name}.schedule.json`, definition: { meta: { maintainers } } });

describe('checkMaintainers', () => {
  it('passes when at least one maintainer is in the roster, case-insensitively', () => {
    expect(checkMaintainers([schedule('a', ['Ana', 'ben'])], ['ana', 'BEN'], 'the roster')).toEqual([]);
  });

  it('warns about each departed maintainer when another is still in the roster', () => {
    expect(checkMaintainers([schedule('a', ['gone', 'Ana', 'zed'])], ['ana'], 'schedules/maintainers.json')).toEqual([
      { file: 'schedules/a.schedule.json', schedule: 'a', path: '/meta/maintainers/0', severity: 'warning', message: '"gone" is not in schedules/maintainers.json: remove them, or replace them with someone who has access' },
      { file: 'schedules/a.schedule.json', schedule: 'a', path: '/meta/maintainers/2', severity: 'warning', message: '"zed" is not in schedules/maintainers.json: remove them, or replace them with someone who has access' },
    ]);
  });

  it('names every schedule without an active maintainer', () => {
    expect(checkMaintainers([schedule('a', ['gone']), schedule('b', ['left', 'quit'])], ['ana'], 'schedules/maintainers.json')).toEqual([
      { file: 'schedules/a.schedule.json', schedule: 'a', path: '/meta/maintainers', severity: 'error', message: 'none of "gone" is in schedules/maintainers.json: add a maintainer who still has access' },
      { file: 'schedules/b.schedule.json', schedule: 'b', path: '/meta/maintainers', severity: 'error', message: 'none of "left", "quit" is in schedules/maintainers.json: add a maintainer who still has access' },
    ]);
  });

  it('leaves a schedule without readable maintainers to the schema check', () => {
    expect(checkMaintainers([schedule('a'), schedule('b', [])], ['ana'], 'the roster')).toEqual([]);
  });
});
