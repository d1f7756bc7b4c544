import { awsNames, type Catalog, type Schedule } from '@compute/schedule';
import { RunnerError } from './errors';

export interface QueueTarget {
  /** The compute environment whose queue is used. */
  environment: string;
  /** The AWS Batch job queue name. */
  queue: string;
}

/**
 * The queue a run targets: the schedule's own (from its size) unless another
 * environment is asked for, e.g. `--environment test` to try changed init data.
 * Another environment must have the schedule's CPU architecture: its image and
 * binaries would not start on the other one.
 */
export function resolveQueue(catalog: Pick<Catalog, 'config' | 'configFile'>, schedule: Schedule, requested?: string): QueueTarget {
  const environments = catalog.config.environments;
  const environment = requested ?? schedule.environment.name;
  if (!Object.hasOwn(environments, environment)) {
    const known = Object.keys(environments).sort().join(', ');
    throw new RunnerError(
      `unknown environment "${environment}" for --environment: ${catalog.configFile} defines ${known || 'no environments'}`,
    );
  }
  const own = schedule.environment;
  const target = environments[environment].architecture;
  if (target !== own.architecture) {
    const fitting = Object.keys(environments)
      .filter((name) => name !== own.name && environments[name].architecture === own.architecture)
      .sort();
    const others = fitting.length > 0 ? `, or use an ${own.architecture} environment it has: ${fitting.join(', ')}` : '';
    throw new RunnerError(
      `--environment ${environment} cannot run schedule ${schedule.name}: environment ${environment} is ${target}, ` +
        `but the schedule's environment ${own.name} is ${own.architecture}, and its image and programs would not start on ${target}.\n` +
        `  Add an ${own.architecture} test environment to "environments" in ${catalog.configFile} and pass its name to --environment${others}.`,
    );
  }
  return { environment, queue: awsNames(catalog.config).jobQueue(environment) };
}
