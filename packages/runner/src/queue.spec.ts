import { DEFAULT_ENVIRONMENTS } from '@compute/schedule';
import { isRunnerError } from './errors';
import { resolveQueue } from './queue';
import { catalogOf, scheduleOf } from '@compute/schedule/testing';
import { scheduleFile } from './testing/catalog-fixture';

function failure(run: () => unknown): Error {
  try {
    run();
  } catch (error) {
    expect(isRunnerError(error)).toBe(true);
    return error as Error;
  }
  throw new Error('expected a RunnerError');
}

describe('resolveQueue', () => {
  const catalog = catalogOf({ beat: scheduleFile({ size: 'small' }), mirror: scheduleFile({ size: 'warp' }) });

  it("is the schedule's own queue, or the one of --environment", () => {
    expect(resolveQueue(catalog, scheduleOf(catalog, 'beat'))).toEqual({ environment: 'small', queue: 'compute-small' });
    expect(resolveQueue(catalog, scheduleOf(catalog, 'beat'), 'test')).toEqual({ environment: 'test', queue: 'compute-test' });
    expect(resolveQueue(catalog, scheduleOf(catalog, 'mirror'), 'warp')).toEqual({ environment: 'warp', queue: 'compute-warp' });
  });

  it('rejects an unknown environment, listing the known ones', () => {
    expect(failure(() => resolveQueue(catalog, scheduleOf(catalog, 'beat'), 'staging')).message).toBe(
      'unknown environment "staging" for --environment: schedules/compute.json defines large, small, test, warp',
    );
  });

  it("refuses an environment of another architecture than the schedule's, naming both and the fix", () => {
    expect(failure(() => resolveQueue(catalog, scheduleOf(catalog, 'mirror'), 'test')).message).toBe(
      '--environment test cannot run schedule mirror: environment test is arm64, but the schedule\'s environment warp is x86_64, ' +
        'and its image and programs would not start on arm64.\n' +
        '  Add an x86_64 test environment to "environments" in schedules/compute.json and pass its name to --environment.',
    );
  });

  it('accepts an added environment of the right architecture, and names it when another does not fit', () => {
    const withX86Test = catalogOf(
      { mirror: scheduleFile({ size: 'warp' }) },
      { environments: { ...DEFAULT_ENVIRONMENTS, test_x86: { ...DEFAULT_ENVIRONMENTS.test, architecture: 'x86_64', instanceTypes: ['c6id.large'] } } },
    );
    const mirror = scheduleOf(withX86Test, 'mirror');
    expect(resolveQueue(withX86Test, mirror, 'test_x86')).toEqual({ environment: 'test_x86', queue: 'compute-test_x86' });
    expect(failure(() => resolveQueue(withX86Test, mirror, 'test')).message).toMatch(/--environment, or use an x86_64 environment it has: test_x86\.$/);
  });
});
