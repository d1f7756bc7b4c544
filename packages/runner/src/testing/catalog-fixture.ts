import { buildCatalog, type Catalog, type ComputeConfigInput, type Schedule, type ScheduleFileInput } from '@compute/schedule';

/** A valid schedule file; tests override what they exercise. */
export function scheduleFile(overrides: Partial<ScheduleFileInput> = {}): ScheduleFileInput {
  return {
    scheduleExpression: 'rate(1 hour)',
    command: ['node', '-e', 'console.log("hello")'],
    size: 'small',
    awsRole: 'compute-test-role',
    attempts: 1,
    timeout: 60,
    meta: {
      description: 'A schedule used by the runner tests, nothing more.',
      maintainers: ['ana'],
      lastReview: '2026-11-01',
      requiredBy: ['runner tests'],
    },
    ...overrides,
  };
}

/** Builds a catalog through the real validation, failing loudly if a fixture is invalid. */
export function catalogOf(schedules: Record<string, ScheduleFileInput>, config: ComputeConfigInput = {}): Catalog {
  const result = buildCatalog({
    projectRoot: 'schedules',
    config: { path: 'schedules/compute.json', text: JSON.stringify(config) },
    schedules: Object.entries(schedules).map(([name, file]) => ({ path: `schedules/${name}.schedule.json`, text: JSON.stringify(file) })),
  });
  if (!result.catalog || result.problems.some((p) => p.severity === 'error')) {
    throw new Error(`invalid fixture: ${JSON.stringify(result.problems, null, 2)}`);
  }
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
