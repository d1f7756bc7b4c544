import type { JobDefinition } from '@aws-sdk/client-batch';
import type { ComputeConfig, Schedule } from '@compute/schedule';
import type { BatchClient, BatchSdkModule } from './batch-sdk';

/** One field of the deployed job definition that differs from the working copy. */
export interface DriftField {
  field: 'image' | 'job role' | 'secrets' | 'vCPUs' | 'memory' | 'timeout';
  deployed: string;
  workingCopy: string;
}

/**
 * The job definition SubmitJob runs by bare name: its latest ACTIVE revision.
 * Undefined when the schedule has never been deployed (or was deregistered).
 */
export async function readActiveJobDefinition(sdk: BatchSdkModule, client: BatchClient, name: string): Promise<JobDefinition | undefined> {
  let latest: JobDefinition | undefined;
  let nextToken: string | undefined;
  do {
    const page = await client.send(new sdk.DescribeJobDefinitionsCommand({ jobDefinitionName: name, status: 'ACTIVE', ...(nextToken ? { nextToken } : {}) }));
    for (const definition of page.jobDefinitions ?? []) {
      if (definition.jobDefinitionName !== name || definition.status !== 'ACTIVE') continue;
      if (!latest || (definition.revision ?? 0) > (latest.revision ?? 0)) latest = definition;
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return latest;
}

/**
 * What a submission from the working copy would not change: SubmitJob overrides the
 * command, environment, resources and timeout, but the image, job role and secrets are
 * the deployed revision's. Resources and timeout are compared too: a difference there
 * means the working copy is not what is deployed, and the scheduled runs still use it.
 */
export function jobDefinitionDrift(deployed: JobDefinition, schedule: Schedule, config: Pick<ComputeConfig, 'image'>): DriftField[] {
  const d = schedule.definition;
  const container = deployed.containerProperties ?? {};
  const drift: DriftField[] = [];
  const compare = (field: DriftField['field'], there: string, here: string) => {
    if (there !== here) drift.push({ field, deployed: there, workingCopy: here });
  };
  compare('image', container.image ?? '(none)', d.image ?? config.image);
  compare('job role', roleName(container.jobRoleArn) ?? '(none)', d.awsRole);
  compare('secrets', list((container.secrets ?? []).map((s) => s.name ?? '')), list(d.secrets));
  const requirement = (type: string) => container.resourceRequirements?.find((r) => r.type === type)?.value ?? '(none)';
  compare('vCPUs', requirement('VCPU'), String(schedule.size.vcpus));
  compare('memory', requirement('MEMORY'), String(schedule.size.memoryMiB));
  compare('timeout', deployed.timeout?.attemptDurationSeconds !== undefined ? String(deployed.timeout.attemptDurationSeconds) : '(none)', String(d.timeout));
  return drift;
}

/** arn:aws:iam::123456789012:role/path/name -> name (what awsRole holds). */
function roleName(arn: string | undefined): string | undefined {
  if (!arn) return undefined;
  const resource = arn.split(':role/')[1];
  return resource === undefined ? arn : resource.split('/').pop();
}

function list(names: readonly string[]): string {
  return names.length === 0 ? '(none)' : [...names].sort().join(', ');
}

/** The refusal (or, with --allow-drift, the warning) naming every differing field. */
export function formatDrift(definitionArn: string, drift: readonly DriftField[], allowed: boolean): string {
  const width = Math.max(...drift.map((d) => d.field.length));
  const rows = drift.map((d) => `    ${d.field.padEnd(width)}  deployed ${d.deployed}; working copy ${d.workingCopy}`);
  const head = `the deployed job definition ${definitionArn} differs from the working copy in ${drift.map((d) => d.field).join(', ')}:`;
  const tail = allowed
    ? '  Submitting anyway (--allow-drift): the job runs with the deployed image, job role and secrets.'
    : '  The job would run with the deployed image, job role and secrets. Deploy first (nx run compute:deploy), or pass --allow-drift to submit anyway.';
  return [head, ...rows, tail].join('\n');
}
