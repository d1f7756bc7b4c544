import type { ComputeConfig } from './schema/compute-config';

/**
 * Every AWS name Compute derives, in one place, so the deployed stack, the local
 * submission and the docs agree. Names stay under AWS's 64-character limits:
 * prefix (<=15) + "-" + schedule name (<=48).
 */
export function awsNames(config: Pick<ComputeConfig, 'namePrefix'>) {
  const p = config.namePrefix;
  const role = (purpose: string) => `${p}-${purpose}`;
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
    role,
    /** The IAM role of an environment's container instances; its instance profile has the same name. */
    instanceRole: (environment: string) => role(`${environment}-instance`),
    instanceProfile: (environment: string) => role(`${environment}-instance`),
    /** The Name tag of an environment's instances and their volumes. */
    instanceName: (environment: string) => `${p}-${environment}`,
    /** The ECS task execution role of every job definition (secrets and logs). */
    executionRole: role('execution'),
    /** The role EventBridge Scheduler assumes to submit jobs. */
    schedulerRole: role('scheduler'),
    securityGroup: `${p}-batch-instances`,
    /** The EventBridge rule of failed jobs, and the id of its target (the alert topic). */
    alertRule: `${p}-job-failed`,
    alertRuleTarget: 'failure-email',
    alertKeyAlias: `alias/${p}-alerts`,
    deadLetterAlarm: `${p}-scheduler-dlq-not-empty`,
    /** Alarms when the failure rule cannot deliver to the topic: alerting itself is broken. */
    alertDeliveryAlarm: `${p}-job-failed-not-delivered`,
    /** Inline IAM policies, named within their role. */
    inlinePolicy: {
      sessionManager: 'session-manager',
      bootParameters: 'read-boot-parameters',
      execution: 'secrets-and-logs',
      scheduler: 'submit-compute-jobs',
    },
  };
}

export type AwsNames = ReturnType<typeof awsNames>;
