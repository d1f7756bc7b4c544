import type { ExecutorContext } from '@nx/devkit';
import { RunnerError } from '@compute/runner';
import type { ScheduleExecutorSchema } from './schema';

export interface TargetSettings {
  schedule: string;
  mode: 'local' | 'batch';
}

/**
 * Which schedule runs and how, from the target and its configuration only. Nx
 * merges command-line options over them, so `-- --schedule other` would run
 * another schedule and `-- --mode batch` would submit from the local target;
 * those tokens are the command's arguments instead. Without a target in the
 * context (the executor called directly, as tests do) the options are all there is.
 */
export function targetSettings(options: ScheduleExecutorSchema, context: ExecutorContext): TargetSettings {
  const target = context.target;
  if (!target) return { schedule: options.schedule, mode: options.mode ?? 'local' };
  const configured: Record<string, unknown> = {
    ...target.options,
    ...(context.configurationName ? target.configurations?.[context.configurationName] : undefined),
  };
  const name = [context.projectName, context.targetName, context.configurationName].filter(Boolean).join(':');
  const { schedule, mode = 'local' } = configured;
  if (typeof schedule !== 'string' || schedule === '') {
    throw new RunnerError(`target ${name} names no schedule: set "schedule" in its options (it is never read from the command line)`);
  }
  if (mode !== 'local' && mode !== 'batch') {
    throw new RunnerError(`target ${name} sets mode ${JSON.stringify(mode)}: it must be "local" or "batch"`);
  }
  return { schedule, mode };
}
