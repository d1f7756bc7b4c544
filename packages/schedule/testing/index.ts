// Test fixtures for the specs of every package, imported as `@compute/schedule/testing`. It lives
// outside src/, so it is never compiled into the published package.
import { buildCatalog, type Catalog, type ComputeConfigInput, type Schedule, type ScheduleFileInput } from '../src/index';

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

/** A schedule file as buildCatalog reads it: its path and text (a value is written as JSON). */
export function scheduleSource(name: string, value: unknown, projectRoot = 'schedules') {
  return { path: `${projectRoot}/${name}.schedule.json`, text: typeof value === 'string' ? value : JSON.stringify(value, null, 2) };
}

/** A catalog built through the real validation from in-memory files; throws if a fixture is invalid. */
export function catalogOf(schedules: Record<string, ScheduleFileInput>, config: ComputeConfigInput = {}): Catalog {
  const result = buildCatalog({
    projectRoot: 'schedules',
    config: { path: 'schedules/compute.json', text: JSON.stringify(config) },
    schedules: Object.entries(schedules).map(([name, file]) => scheduleSource(name, file)),
  });
  const errors = result.problems.filter((p) => p.severity === 'error');
  if (!result.catalog || errors.length > 0) throw new Error(`invalid fixture: ${JSON.stringify(errors, null, 2)}`);
  return result.catalog;
}

export function scheduleOf(catalog: Catalog, name: string): Schedule {
  const schedule = catalog.schedules.find((s) => s.name === name);
  if (!schedule) throw new Error(`fixture has no schedule ${name}`);
  return schedule;
}

/** A copy with a shorter timeout than validation allows, so timeout tests take a second, not a minute. */
export function withTimeout(schedule: Schedule, seconds: number): Schedule {
  return { ...schedule, definition: { ...schedule.definition, timeout: seconds } };
}
