import { awsNames, type ComputeConfig } from '@compute/schedule';

/**
 * AWS names of the deployed stack: the shared ones from the domain (queues, job
 * definitions, schedules...) plus those only the stack needs.
 */
export function infraNames(config: Pick<ComputeConfig, 'namePrefix'>) {
  const shared = awsNames(config);
  const p = config.namePrefix;
  return {
    ...shared,
    /** The Terraform stack (and its folder under stacks/). */
    stack: p,
    instanceRole: (environment: string) => shared.role(`${environment}-instance`),
    executionRole: shared.role('execution'),
    schedulerRole: shared.role('scheduler'),
    securityGroup: `${p}-batch-instances`,
    alertRule: `${p}-job-failed`,
    alertKeyAlias: `alias/${p}-alerts`,
    deadLetterAlarm: `${p}-scheduler-dlq-not-empty`,
  };
}

export type InfraNames = ReturnType<typeof infraNames>;
