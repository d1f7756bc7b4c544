import type { ScheduleFileInput } from '@compute/schedule';
import { validScheduleInput } from '@compute/schedule/testing';

/** A valid schedule whose command runs wherever Node does, quickly; tests override what they exercise. */
export function scheduleFile(overrides: Partial<ScheduleFileInput> = {}): ScheduleFileInput {
  return validScheduleInput({
    scheduleExpression: 'rate(1 hour)',
    command: ['node', '-e', 'console.log("hello")'],
    awsRole: 'compute-test-role',
    attempts: 1,
    timeout: 60,
    ...overrides,
  });
}
