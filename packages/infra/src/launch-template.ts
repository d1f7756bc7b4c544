import type { EnvironmentConfig } from '@compute/schedule';
import { declare, LaunchTemplate, Token } from './cdktf';
import type { StackContext } from './context';

export interface LaunchTemplateRef {
  id: string;
  /** The latest version number: a new version changes the compute environment, which rolls the instances. */
  version: string;
}

/**
 * IMDSv2 only (session tokens defeat SSRF-style metadata reads), hop limit 1 (containers
 * on a Docker bridge network, such as ones a job starts itself, cannot reach it).
 * AWS Batch runs ECS-EC2 jobs with host networking, though, so a job's own process can
 * reach the metadata service and the instance role: that role is therefore kept to what
 * the host needs (ECS agent, Session Manager, the environment's boot parameters), and
 * jobs get their permissions from their job role.
 */
export const METADATA_HOP_LIMIT = 1;

/** Root device of the ECS-optimised Amazon Linux 2023 AMIs. */
export const ROOT_DEVICE = '/dev/xvda';

export function buildLaunchTemplate(ctx: StackContext, environment: string, config: EnvironmentConfig, userData: string): LaunchTemplateRef {
  const tags = { ...ctx.baseTags, Name: ctx.names.instanceName(environment), 'compute:environment': environment };
  const template = declare(LaunchTemplate, ctx.scope, environment, {
    namePrefix: ctx.names.launchTemplatePrefix(environment),
    description: `Compute environment "${environment}": IMDSv2, encrypted root volume, init data`,
    updateDefaultVersion: true,
    metadataOptions: {
      httpEndpoint: 'enabled',
      httpTokens: 'required',
      httpPutResponseHopLimit: METADATA_HOP_LIMIT,
    },
    blockDeviceMappings: [
      {
        deviceName: ROOT_DEVICE,
        ebs: {
          volumeSize: config.rootVolumeGiB,
          volumeType: 'gp3',
          // The account's default EBS key (aws/ebs) unless the account sets another.
          encrypted: 'true',
          deleteOnTermination: 'true',
        },
      },
    ],
    ...(userData ? { userData: Buffer.from(userData, 'utf8').toString('base64') } : {}),
    // default_tags stop at the template itself; instances and volumes get these.
    tagSpecifications: [
      { resourceType: 'instance', tags },
      { resourceType: 'volume', tags },
    ],
    tags: { 'compute:environment': environment },
  });
  return { id: template.id, version: Token.asString(template.latestVersion) };
}
