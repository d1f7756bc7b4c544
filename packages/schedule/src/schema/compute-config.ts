import { z } from 'zod';
import { isValidTimeZone } from '../expression/time-zone';
import { DEFAULT_MAINTAINER_ENV, DEFAULT_NAME_PREFIX, DEFAULT_ROSTER_PATH } from '../defaults';
import { tagMap } from './common';

const resourceName = z.string().regex(/^[a-z][a-z0-9_]*$/, 'must start with a lowercase letter and contain only lowercase letters, digits and "_"').max(32);

export const environmentSchema = z
  .strictObject({
    architecture: z.enum(['arm64', 'x86_64']).describe('CPU architecture of every instance type in the environment (Batch forbids mixing).'),
    instanceTypes: z.array(z.string().regex(/^[a-z0-9-]+\.[a-z0-9]+$/, 'must be an EC2 instance type such as r6gd.medium')).min(1).describe('EC2 instance types Batch may launch; list several so Spot has pools to choose from.'),
    instanceShape: z
      .strictObject({
        vcpus: z.int().min(1),
        memoryMiB: z.int().min(512),
      })
      .describe('Nominal vCPUs and memory of one instance; sizes must fit inside with headroom for the ECS agent.'),
    maxVcpus: z.int().min(1).max(100000).default(256).describe('Upper bound of vCPUs the environment may run at once.'),
    spot: z.boolean().default(true).describe('EC2 Spot (SPOT_PRICE_CAPACITY_OPTIMIZED) instead of On-Demand.'),
    initData: z.array(z.string().min(1)).default([]).describe('Files (relative to the compute project) combined into the launch template user data, in order: *.boothook, *.sh, *.yaml (cloud-config).'),
    instanceParameters: z.array(z.string().regex(/^\/[\w.\-/]+$/, 'must be an SSM parameter name starting with "/"')).default([]).describe("SSM parameters the hosts may read, for the init data (for example a connector token). Batch jobs share their host's network, so jobs in this environment can read them too: keep job secrets in a schedule's secrets."),
    rootVolumeGiB: z.int().min(30).max(16384).default(30).describe('Size of the encrypted gp3 root volume.'),
  })
  .describe('A Batch compute environment with its own job queue.');

export const sizeSchema = z
  .strictObject({
    vcpus: z.int().min(1),
    memoryMiB: z.int().min(4),
    environment: z.string().min(1).describe('The compute environment (and queue) jobs of this size run in.'),
  })
  .describe('vCPUs and memory a job requests, and where it runs.');

const rosterSchema = z
  .discriminatedUnion('source', [
    z.strictObject({
      source: z.literal('file'),
      path: z.string().min(1).default(DEFAULT_ROSTER_PATH).describe('Roster file, relative to the compute project.'),
    }),
    z.strictObject({
      source: z.literal('gitlab'),
      url: z.url().default('https://gitlab.com/api/graphql').describe('GitLab GraphQL endpoint.'),
      project: z.string().min(1).describe('Full path of the project whose members may maintain schedules, e.g. group/repo.'),
      tokenEnv: z.string().min(1).default('GITLAB_TOKEN').describe('Environment variable holding a token with read_api scope.'),
      usernameSuffix: z.string().optional().describe('Suffix stripped from GitLab usernames before comparing.'),
    }),
    z.strictObject({
      source: z.literal('github'),
      url: z.url().default('https://api.github.com').describe('GitHub REST API base URL.'),
      repository: z.string().regex(/^[\w.-]+\/[\w.-]+$/, 'must be owner/name').describe('Repository whose collaborators may maintain schedules.'),
      tokenEnv: z.string().min(1).default('GITHUB_TOKEN').describe('Environment variable holding a token that can list collaborators.'),
    }),
  ])
  .describe('Where the list of people who may maintain schedules comes from.');

const stateSchema = z
  .discriminatedUnion('backend', [
    z.strictObject({
      backend: z.literal('local'),
      path: z.string().min(1).refine((p) => !p.startsWith('/'), 'must be a relative path').default('terraform.tfstate'),
    }),
    z.strictObject({
      backend: z.literal('s3'),
      bucket: z.string().min(3),
      key: z.string().min(1).default('compute.tfstate'),
      region: z.string().optional().describe('Bucket region; defaults to the stack region.'),
      useLockfile: z.boolean().default(true).describe('S3 native state locking.'),
      dynamodbTable: z.string().optional().describe('Legacy DynamoDB lock table.'),
    }),
  ])
  .describe('Terraform state backend.');

const networkSchema = z
  .discriminatedUnion('mode', [
    z.strictObject({ mode: z.literal('default-vpc') }).describe("The region's default VPC and its default subnet in every availability zone."),
    z.strictObject({
      mode: z.literal('tags'),
      vpcTags: z.record(z.string(), z.string()).refine((t) => Object.keys(t).length > 0, 'needs at least one tag'),
      subnetTags: z.record(z.string(), z.string()).default({}),
    }).describe('A VPC and its subnets looked up by tags; use one subnet per availability zone.'),
    z.strictObject({
      mode: z.literal('ids'),
      vpcId: z.string().regex(/^vpc-[0-9a-f]+$/),
      subnetIds: z.array(z.string().regex(/^subnet-[0-9a-f]+$/)).min(1),
    }).describe('An explicit VPC and subnets.'),
  ])
  .describe('Where the instances run. They need outbound Internet access; they accept no inbound traffic.');

const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653] as const;

/** What the default environments share: Spot instances with NVMe instance storage for Docker, booted by the same init data. */
const SPOT_WITH_NVME = {
  maxVcpus: 256,
  spot: true,
  initData: ['init/nvme-docker.boothook', 'init/ecs-agent.sh'],
  instanceParameters: [] as string[],
  rootVolumeGiB: 30,
};

export const DEFAULT_ENVIRONMENTS = {
  small: {
    architecture: 'arm64',
    instanceTypes: ['r6gd.medium', 'r7gd.medium', 'r8gd.medium'],
    instanceShape: { vcpus: 1, memoryMiB: 8192 },
    ...SPOT_WITH_NVME,
  },
  large: {
    architecture: 'arm64',
    instanceTypes: ['r6gd.large', 'r7gd.large', 'r8gd.large'],
    instanceShape: { vcpus: 2, memoryMiB: 16384 },
    ...SPOT_WITH_NVME,
  },
  warp: {
    architecture: 'x86_64',
    instanceTypes: ['c6id.large', 'c5d.large', 'c5ad.large'],
    instanceShape: { vcpus: 2, memoryMiB: 4096 },
    ...SPOT_WITH_NVME,
    maxVcpus: 64,
    initData: [...SPOT_WITH_NVME.initData, 'init/warp.sh'],
    instanceParameters: ['/compute/warp/connector-token'],
  },
  test: {
    architecture: 'arm64',
    instanceTypes: ['r6gd.medium', 'r7gd.medium', 'r6gd.large', 'r7gd.large'],
    instanceShape: { vcpus: 1, memoryMiB: 8192 },
    ...SPOT_WITH_NVME,
    maxVcpus: 16,
  },
} satisfies Record<string, z.input<typeof environmentSchema>>;

export const DEFAULT_SIZES = {
  small: { vcpus: 1, memoryMiB: 7600, environment: 'small' },
  large: { vcpus: 2, memoryMiB: 15200, environment: 'large' },
  warp: { vcpus: 2, memoryMiB: 3584, environment: 'warp' },
} satisfies Record<string, z.input<typeof sizeSchema>>;

/**
 * On-Demand Linux prices (USD per instance hour) in us-east-1 of the default environments'
 * instance types, from the AWS Price List as of 2026-01-19. Spot prices move every few
 * minutes and differ per availability zone, so none are shipped: On-Demand is the upper bound.
 */
export const DEFAULT_INSTANCE_PRICES = {
  'r6gd.medium': { onDemand: 0.0576 },
  'r7gd.medium': { onDemand: 0.068 },
  'r8gd.medium': { onDemand: 0.07348 },
  'r6gd.large': { onDemand: 0.1152 },
  'r7gd.large': { onDemand: 0.1361 },
  'r8gd.large': { onDemand: 0.14696 },
  'c6id.large': { onDemand: 0.1008 },
  'c5d.large': { onDemand: 0.096 },
  'c5ad.large': { onDemand: 0.086 },
} satisfies Record<string, { onDemand: number; spot?: number }>;

const instancePriceSchema = z
  .strictObject({
    onDemand: z.number().positive().describe('On-Demand price, USD per instance hour.'),
    spot: z.number().positive().optional().describe('A typical Spot price, USD per instance hour (see your Spot price history).'),
  })
  .describe('Hourly prices of one instance type.');

const pricingSchema = z
  .strictObject({
    market: z.enum(['onDemand', 'spot']).default('onDemand').describe('Which figures estimates use; spot falls back to onDemand for types without a spot figure.'),
    instanceTypes: z
      .record(z.string().regex(/^[a-z0-9-]+\.[a-z0-9]+$/, 'must be an EC2 instance type such as r6gd.medium'), instancePriceSchema)
      .default({})
      .transform((types) => ({ ...DEFAULT_INSTANCE_PRICES, ...types }) as Record<string, z.output<typeof instancePriceSchema>>)
      .describe("Prices per instance type; entries here replace the shipped defaults (us-east-1 On-Demand) of the same type."),
    totalsByTag: z.string().min(1).default('management:product').describe('The tag whose values get cost totals in compute:list and the catalog page.'),
  })
  .prefault({})
  .describe('Instance prices for cost estimates: a run costs its duration x the hourly price x the share of the instance its size takes.');

const fleetSchema = z
  .strictObject({
    pileUpThreshold: z.int().min(2).max(10000).default(10).describe('Warn when this many schedules of one environment start in the same minute.'),
    warningsAsErrors: z.boolean().default(false).describe('Make capacity and pile-up warnings errors that fail compute:test.'),
    timezone: z
      .string()
      .refine(isValidTimeZone, 'is not an IANA time zone name (for example UTC, Europe/Berlin, America/New_York)')
      .default('UTC')
      .describe('The zone the catalog page shows next to UTC.'),
  })
  .prefault({})
  .describe('Load against capacity: the pile-up threshold, whether its warnings fail the check, and the zone of the catalog page.');

export const computeConfigSchema = z
  .strictObject({
    $schema: z.string().optional(),
    region: z.string().regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/, 'must be an AWS region such as us-east-1').default('us-east-1'),
    namePrefix: z
      .string()
      .regex(/^[a-z][a-z0-9-]*$/, 'must start with a lowercase letter and contain only lowercase letters, digits and "-"')
      .max(15, 'is at most 15 characters so derived AWS names stay under 64')
      .default(DEFAULT_NAME_PREFIX)
      .describe('Prefix of every AWS resource name.'),
    image: z.string().min(1).default('public.ecr.aws/amazonlinux/amazonlinux:2023').describe('Default container image of schedules.'),
    environments: z.record(resourceName, environmentSchema).default(DEFAULT_ENVIRONMENTS),
    sizes: z.record(resourceName, sizeSchema).default(DEFAULT_SIZES),
    network: networkSchema.default({ mode: 'default-vpc' }),
    alerts: z
      .strictObject({ emails: z.array(z.email('must be an e-mail address')).default([]) })
      .default({ emails: [] })
      .describe('Who gets an e-mail when a job fails.'),
    roster: rosterSchema.default({ source: 'file', path: DEFAULT_ROSTER_PATH }),
    review: z
      .strictObject({
        intervalMonths: z.int().min(1).max(24).default(1).describe('Months between reviews.'),
        maintainerEnv: z.string().min(1).default(DEFAULT_MAINTAINER_ENV).describe('Variable naming the current maintainer: their stale reviews are errors, others are warnings.'),
        gitIdentities: z.record(z.string(), z.string()).default({}).describe("git user.email or user.name -> username, used when the variable is not set."),
      })
      .default({ intervalMonths: 1, maintainerEnv: DEFAULT_MAINTAINER_ENV, gitIdentities: {} }),
    state: stateSchema.default({ backend: 'local', path: 'terraform.tfstate' }),
    logs: z
      .strictObject({
        retentionDays: z.union(LOG_RETENTION_DAYS.map((d) => z.literal(d))).default(90),
      })
      .default({ retentionDays: 90 }),
    queues: z
      .strictObject({
        runnableTimeoutSeconds: z.int().min(600).max(86400).default(14400).describe('Cancel jobs stuck RUNNABLE this long for lack of capacity.'),
      })
      .default({ runnableTimeoutSeconds: 14400 }),
    scheduler: z
      .strictObject({
        maximumRetryAttempts: z.int().min(0).max(185).default(2).describe('Scheduler retries of SubmitJob; keep small, SubmitJob has no idempotency token.'),
        maximumEventAgeSeconds: z.int().min(60).max(86400).default(3600),
      })
      .default({ maximumRetryAttempts: 2, maximumEventAgeSeconds: 3600 }),
    secrets: z
      .strictObject({
        parameterPrefix: z.string().regex(/^\/([\w.-]+\/)*$/, 'must start and end with "/"').default('/compute/').describe('Secret NAME is read from the SSM SecureString parameter <prefix>NAME.'),
        arns: z.record(z.string(), z.string().regex(/^arn:aws[\w-]*:(ssm|secretsmanager):/, 'must be an SSM parameter or Secrets Manager ARN')).default({}).describe('Per-secret overrides: NAME -> ARN of an SSM parameter or a Secrets Manager secret.'),
      })
      .default({ parameterPrefix: '/compute/', arns: {} }),
    tags: tagMap.default({}).describe('Tags applied to every resource.'),
    pricing: pricingSchema,
    fleet: fleetSchema,
  })
  .superRefine((config, ctx) => {
    for (const [name, size] of Object.entries(config.sizes ?? {})) {
      const env = config.environments?.[size.environment];
      if (!env) {
        ctx.addIssue({ code: 'custom', path: ['sizes', name, 'environment'], message: `environment "${size.environment}" is not defined in "environments" (known: ${Object.keys(config.environments ?? {}).join(', ')})` });
        continue;
      }
      if (size.vcpus > env.instanceShape.vcpus) {
        ctx.addIssue({ code: 'custom', path: ['sizes', name, 'vcpus'], message: `${size.vcpus} vCPUs do not fit on a ${env.instanceShape.vcpus}-vCPU instance of environment "${size.environment}"` });
      }
      const limit = usableMemoryMiB(env.instanceShape.memoryMiB);
      if (size.memoryMiB > limit) {
        ctx.addIssue({ code: 'custom', path: ['sizes', name, 'memoryMiB'], message: `${size.memoryMiB} MiB does not fit on a ${env.instanceShape.memoryMiB} MiB instance of "${size.environment}": the ECS agent and OS keep some memory, so request at most ${limit} MiB` });
      }
    }
  })
  .describe('Compute configuration: AWS region, compute environments, sizes and policies.');

/**
 * Memory a job can request on an instance of the given nominal size: AWS recommends
 * keeping about 5% free and the ECS AMI reserves 32 MiB, so "8 GiB" never means 8192.
 */
export function usableMemoryMiB(nominalMiB: number): number {
  return Math.floor(nominalMiB * 0.95) - 32;
}

export type ComputeConfigInput = z.input<typeof computeConfigSchema>;
export type ComputeConfig = z.output<typeof computeConfigSchema>;
export type EnvironmentConfig = z.output<typeof environmentSchema>;
export type SizeConfig = z.output<typeof sizeSchema>;
export type RosterConfig = ComputeConfig['roster'];
export type PricingConfig = ComputeConfig['pricing'];
export type FleetConfig = ComputeConfig['fleet'];
