import type { ComputeConfig } from './schema/compute-config';

/**
 * Every AWS name Compute derives, in one place, so the deployed stack, the local
 * submission and the docs agree. Names stay under AWS's 64-character limits:
 * prefix (<=15) + "-" + schedule name (<=48).
 */
export function awsNames(config: Pick<ComputeConfig, 'namePrefix'>) {
  const p = config.namePrefix;
  return {
    /** Batch job names of scheduled and submitted runs: the schedule name. */
    jobName: (schedule: string) => schedule,
    jobDefinition: (schedule: string) => `${p}-${schedule}`,
    jobQueue: (environment: string) => `${p}-${environment}`,
    computeEnvironmentPrefix: (environment: string) => `${p}-${environment}-`,
    launchTemplatePrefix: (environment: string) => `${p}-${environment}-`,
    schedule: (schedule: string) => `${p}-${schedule}`,
    scheduleGroup: p,
    logGroup: `/${p}/jobs`,
    alertTopic: `${p}-job-failures`,
    deadLetterQueue: `${p}-scheduler-dlq`,
    role: (purpose: string) => `${p}-${purpose}`,
  };
}

export type AwsNames = ReturnType<typeof awsNames>;
