import type { ComputeConfig, Schedule } from '@compute/schedule';
import { containerName, dockerRunArguments, type Ulimit } from './docker';
import { definedOnly, jobVariables, localProcessEnvironment, type Environment, type JobContext } from './job-environment';

/** One process to start for one attempt. */
export interface Launch {
  command: string;
  args: string[];
  env: Record<string, string>;
  cwd: string;
  /** Set when the attempt runs in a container: stop signals go to it, and it is removed after a forced stop. */
  containerName?: string;
}

export interface LaunchInput {
  schedule: Schedule;
  config: Pick<ComputeConfig, 'namePrefix' | 'image'>;
  /** The schedule's command with any extra arguments. */
  command: readonly string[];
  callerEnv: Environment;
  context: JobContext;
  workspaceRoot: string;
  /** The attempt's fresh HOME (plain runs). */
  home: string;
  container?: boolean;
  /** Container runs: mount the workspace at /workspace and run there (development only). */
  mountWorkspace?: boolean;
  /** Container runs: the job definition's ulimits, overridable where the host cannot grant them (tests). */
  ulimits?: readonly Ulimit[];
  inheritEnv?: boolean;
}

/** How to start an attempt: the command itself, or `docker run` of it in the schedule's image. */
export function planLaunch(input: LaunchInput): Launch {
  const { schedule, context } = input;
  if (!input.container) {
    return {
      command: input.command[0],
      args: input.command.slice(1),
      env: localProcessEnvironment(schedule, input.callerEnv, context, { home: input.home }, input.inheritEnv),
      cwd: input.workspaceRoot,
    };
  }
  const variables = jobVariables(schedule, input.callerEnv, context);
  const name = containerName([input.config.namePrefix, schedule.name, context.jobId, ...(context.shard ? [context.shard.index] : []), context.attempt]);
  return {
    command: 'docker',
    args: dockerRunArguments({
      image: schedule.definition.image ?? input.config.image,
      containerName: name,
      architecture: schedule.environment.architecture,
      vcpus: schedule.size.vcpus,
      memoryMiB: schedule.size.memoryMiB,
      variableNames: Object.keys(variables),
      ...(input.mountWorkspace ? { mountWorkspace: input.workspaceRoot } : {}),
      ...(input.ulimits ? { ulimits: input.ulimits } : {}),
      command: input.command,
    }),
    // docker itself needs the caller's environment (DOCKER_HOST, its config); `-e NAME` copies the job's values from it.
    env: { ...definedOnly(input.callerEnv), ...variables },
    cwd: input.workspaceRoot,
    containerName: name,
  };
}
