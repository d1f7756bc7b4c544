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
 */
export function resolveQueue(catalog: Pick<Catalog, 'config' | 'configFile'>, schedule: Schedule, requested?: string): QueueTarget {
  const environment = requested ?? schedule.environment.name;
  if (!Object.hasOwn(catalog.config.environments, environment)) {
    const known = Object.keys(catalog.config.environments).sort().join(', ');
    throw new RunnerError(
      `unknown environment "${environment}" for --environment: ${catalog.configFile} defines ${known || 'no environments'}`,
    );
  }
  return { environment, queue: awsNames(catalog.config).jobQueue(environment) };
}
