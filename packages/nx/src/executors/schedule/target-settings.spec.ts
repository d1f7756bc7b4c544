import { isRunnerError } from '@compute/runner';
import { executorContext } from '../../testing/executor-context';
import { targetSettings } from './target-settings';

const target = { executor: '@compute/nx:schedule', options: { schedule: 'beat' }, configurations: { batch: { mode: 'batch' } } };

describe('targetSettings', () => {
  it('takes schedule and mode from the target and its configuration, never from the merged options', () => {
    const overridden = { schedule: 'other', mode: 'batch' as const };
    expect(targetSettings(overridden, executorContext('/ws', 'schedule_beat', { target }))).toEqual({ schedule: 'beat', mode: 'local' });
    expect(targetSettings({ schedule: 'other', mode: 'local' }, executorContext('/ws', 'schedule_beat', { target, configurationName: 'batch' }))).toEqual({
      schedule: 'beat',
      mode: 'batch',
    });
  });

  it('uses the options when there is no target (the executor called directly)', () => {
    expect(targetSettings({ schedule: 'beat', mode: 'batch' }, executorContext('/ws', 'schedule_beat'))).toEqual({ schedule: 'beat', mode: 'batch' });
    expect(targetSettings({ schedule: 'beat' }, executorContext('/ws', 'schedule_beat'))).toEqual({ schedule: 'beat', mode: 'local' });
  });

  it.each([
    [{ executor: 'x', options: {} }, 'target compute:schedule_beat names no schedule: set "schedule" in its options (it is never read from the command line)'],
    [{ executor: 'x', options: { schedule: 'beat', mode: 'remote' } }, 'target compute:schedule_beat sets mode "remote": it must be "local" or "batch"'],
  ])('refuses a target without a schedule or with an unknown mode', (bad, message) => {
    let error: unknown;
    try {
      targetSettings({ schedule: 'from-command-line' }, executorContext('/ws', 'schedule_beat', { target: bad }));
    } catch (e) {
      error = e;
    }
    expect(isRunnerError(error)).toBe(true);
    expect((error as Error).message).toBe(message);
  });
});
