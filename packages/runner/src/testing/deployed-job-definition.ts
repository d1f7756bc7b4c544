import { awsNames, type Catalog, type Schedule } from '@compute/schedule';
import { ok, type FakeResponse } from './fake-batch-api';

const ACCOUNT = '123456789012';

/**
 * A job definition as DescribeJobDefinitions returns it for a schedule deployed from this
 * working copy (the fields the drift check reads), with overrides for a stale deployment.
 */
export function deployedJobDefinition(catalog: Pick<Catalog, 'config'>, schedule: Schedule, overrides: { revision?: number; container?: Record<string, unknown>; timeout?: number } = {}) {
  const names = awsNames(catalog.config);
  const name = names.jobDefinition(schedule.name);
  const revision = overrides.revision ?? 1;
  const d = schedule.definition;
  return {
    jobDefinitionName: name,
    jobDefinitionArn: `arn:aws:batch:${catalog.config.region}:${ACCOUNT}:job-definition/${name}:${revision}`,
    revision,
    status: 'ACTIVE',
    type: 'container',
    containerProperties: {
      image: d.image ?? catalog.config.image,
      command: d.command,
      jobRoleArn: `arn:aws:iam::${ACCOUNT}:role/${d.awsRole}`,
      resourceRequirements: [
        { type: 'VCPU', value: String(schedule.size.vcpus) },
        { type: 'MEMORY', value: String(schedule.size.memoryMiB) },
      ],
      secrets: [...d.secrets].sort().map((secret) => ({ name: secret, valueFrom: `arn:aws:ssm:${catalog.config.region}:${ACCOUNT}:parameter/compute/${secret}` })),
      ...overrides.container,
    },
    timeout: { attemptDurationSeconds: overrides.timeout ?? d.timeout },
  };
}

/** Answers DescribeJobDefinitions with the up-to-date definition of whichever schedule of these catalogs is asked for. */
export function describeDeployed(catalogs: readonly Pick<Catalog, 'config' | 'schedules'>[]): (body: { jobDefinitionName?: string }) => FakeResponse {
  return (body) => {
    for (const catalog of catalogs) {
      const schedule = catalog.schedules.find((s) => awsNames(catalog.config).jobDefinition(s.name) === body.jobDefinitionName);
      if (schedule) return ok({ jobDefinitions: [deployedJobDefinition(catalog, schedule)] });
    }
    return ok({ jobDefinitions: [] });
  };
}
