import type { ScheduleFileInput } from '../schema/schedule-file';

/** A valid schedule file; tests override what they exercise. */
export function validScheduleInput(overrides: Partial<ScheduleFileInput> = {}): ScheduleFileInput {
  return {
    scheduleExpression: 'cron(0 3 * * ? *)',
    command: ['node', 'job.js'],
    size: 'small',
    awsRole: 'job-role',
    attempts: 2,
    timeout: 600,
    meta: {
      description: 'Refreshes the nightly report so the morning dashboards are current.',
      maintainers: ['ana'],
      lastReview: '2026-11-20',
      requiredBy: ['reporting team'],
    },
    ...overrides,
  };
}

export function scheduleSource(name: string, value: unknown, projectRoot = 'schedules') {
  return { path: `${projectRoot}/${name}.schedule.json`, text: typeof value === 'string' ? value : JSON.stringify(value, null, 2) };
}
