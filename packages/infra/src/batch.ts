import { JOB_INIT_PROCESS_ENABLED, JOB_ULIMITS, RETRY_RULES, SCHEDULE_TAG, type EnvironmentConfig, type Schedule } from '@compute/schedule';
import { BatchComputeEnvironment, BatchJobDefinition, BatchJobQueue, DataAwsSsmParameter, declare, type ITerraformDependable } from './cdktf';
import type { StackContext } from './context';
import { secretReference } from './iam';
import type { LaunchTemplateRef } from './launch-template';
import type { LogGroupRef } from './logs';
import type { Network } from './network';
import { literal, literalMap } from './terraform-text';

export interface ComputeEnvironmentInput {
  network: Network;
  launchTemplate: LaunchTemplateRef;
  instanceProfileArn: string;
  /** IAM the environment needs while it exists (instance role, profile, policies). */
  dependsOn: ITerraformDependable[];
}

/**
 * The image Batch starts instances from: ECS-optimised Amazon Linux 2023, pinned because
 * the default changed from AL2 over time; Batch picks the arm64 or x86_64 variant.
 */
export const IMAGE_TYPE = 'ECS_AL2023';

/**
 * AWS's public SSM parameters naming the current ECS-optimized AL2023 AMI per architecture.
 * Batch never moves an environment to a newer AMI by itself; overriding the image with the
 * parameter's value makes a new AMI an infrastructure update on the next deploy.
 */
export const ECS_AMI_PARAMETERS: Record<EnvironmentConfig['architecture'], string> = {
  arm64: '/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id',
  x86_64: '/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id',
};

/** The current ECS-optimized AMI id of an architecture, read once per stack at plan time. */
function ecsAmiId(ctx: StackContext, architecture: EnvironmentConfig['architecture']): string {
  const id = `ecs_ami_${architecture}`;
  const existing = ctx.scope.node.tryFindChild(`data.${DataAwsSsmParameter.tfResourceType}.${id}`) as DataAwsSsmParameter | undefined;
  // An AMI id is public: insecure_value keeps it readable in plans (value is always marked sensitive).
  return (existing ?? declare(DataAwsSsmParameter, ctx.scope, id, { name: ECS_AMI_PARAMETERS[architecture] })).insecureValue;
}

/**
 * Running jobs get the longest grace Batch allows (6 h) when an update replaces instances
 * (a new AMI, a new launch template version); they are not killed by an update.
 */
export const UPDATE_POLICY = { terminateJobsOnUpdate: false, jobExecutionTimeoutMinutes: 360 };

/**
 * A managed EC2 environment. Spot uses SPOT_PRICE_CAPACITY_OPTIMIZED (pools least likely
 * to be interrupted, then cheapest) and On-Demand BEST_FIT_PROGRESSIVE; both allow in-place
 * infrastructure updates, so a new launch template version rolls the instances. No
 * service role: Batch uses its service-linked role. The name is a prefix plus a random
 * suffix and the replacement is created first, so a change that needs a new environment
 * swaps under the queue without downtime.
 */
export function buildComputeEnvironment(ctx: StackContext, environment: string, config: EnvironmentConfig, input: ComputeEnvironmentInput): BatchComputeEnvironment {
  return declare(BatchComputeEnvironment, ctx.scope, environment, {
    namePrefix: ctx.names.computeEnvironmentPrefix(environment),
    type: 'MANAGED',
    state: 'ENABLED',
    computeResources: {
      type: config.spot ? 'SPOT' : 'EC2',
      allocationStrategy: config.spot ? 'SPOT_PRICE_CAPACITY_OPTIMIZED' : 'BEST_FIT_PROGRESSIVE',
      instanceType: [...config.instanceTypes],
      minVcpus: 0,
      maxVcpus: config.maxVcpus,
      subnets: input.network.subnetIds,
      securityGroupIds: [input.network.securityGroupId],
      instanceRole: input.instanceProfileArn,
      launchTemplate: { launchTemplateId: input.launchTemplate.id, version: input.launchTemplate.version },
      ec2Configuration: [{ imageType: IMAGE_TYPE, imageIdOverride: ecsAmiId(ctx, config.architecture) }],
    },
    updatePolicy: UPDATE_POLICY,
    tags: { 'compute:environment': environment },
    lifecycle: { createBeforeDestroy: true },
    // Without these, destroying would remove the instance role before the environment,
    // which then cannot scale in and sticks in DELETING.
    dependsOn: input.dependsOn,
  });
}

/** What a job stuck RUNNABLE for lack of Spot capacity gets after `queues.runnableTimeoutSeconds`. */
export const RUNNABLE_TIME_LIMIT_REASON = 'CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY';

/**
 * Jobs no instance of the environment can ever run (more vCPUs or memory than any instance
 * type, or than the environment's maxVcpus) would sit RUNNABLE forever and block the queue
 * behind them without a word. They are cancelled after the shortest time Batch allows,
 * which fails them, and so sends the failure e-mail.
 */
export const MISCONFIGURATION_TIME_LIMIT_REASONS = ['MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT', 'MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE'] as const;
export const MISCONFIGURATION_TIME_LIMIT_SECONDS = 600;

export function buildJobQueue(ctx: StackContext, environment: string, computeEnvironment: BatchComputeEnvironment): BatchJobQueue {
  return declare(BatchJobQueue, ctx.scope, environment, {
    name: ctx.names.jobQueue(environment),
    state: 'ENABLED',
    priority: 1,
    computeEnvironmentOrder: [{ order: 1, computeEnvironment: computeEnvironment.arn }],
    jobStateTimeLimitAction: [
      {
        state: 'RUNNABLE',
        reason: RUNNABLE_TIME_LIMIT_REASON,
        action: 'CANCEL',
        maxTimeSeconds: ctx.config.queues.runnableTimeoutSeconds,
      },
      ...MISCONFIGURATION_TIME_LIMIT_REASONS.map((reason) => ({ state: 'RUNNABLE', reason, action: 'CANCEL', maxTimeSeconds: MISCONFIGURATION_TIME_LIMIT_SECONDS })),
    ],
    tags: { 'compute:environment': environment },
  });
}

export interface JobDefinitionInput {
  jobRoleArn: string;
  executionRoleArn: string;
  logGroup: LogGroupRef;
}

/**
 * The container properties of a schedule's job definition, as the Batch API spells them.
 * Secrets are references (ARNs) that ECS resolves when the container starts; their
 * values never pass through Compute. Empty lists are left out: Batch drops them and
 * Terraform would show a change on every plan.
 */
export function containerProperties(ctx: StackContext, schedule: Schedule, input: JobDefinitionInput): Record<string, unknown> {
  const d = schedule.definition;
  const environment = Object.keys(d.environment)
    .sort()
    .map((name) => ({ name, value: literal(d.environment[name]) }));
  const secrets = [...d.secrets].sort().map((name) => ({ name, valueFrom: secretReference(ctx, name).valueFrom }));
  return {
    image: literal(d.image ?? ctx.config.image),
    command: d.command.map(literal),
    jobRoleArn: input.jobRoleArn,
    executionRoleArn: input.executionRoleArn,
    resourceRequirements: [
      { type: 'VCPU', value: String(schedule.size.vcpus) },
      { type: 'MEMORY', value: String(schedule.size.memoryMiB) },
    ],
    ...(environment.length > 0 ? { environment } : {}),
    ...(secrets.length > 0 ? { secrets } : {}),
    // The shared container contract: the same open-file limit and init process as a local run.
    ulimits: JOB_ULIMITS.map((u) => ({ name: u.name, softLimit: u.softLimit, hardLimit: u.hardLimit })),
    linuxParameters: { initProcessEnabled: JOB_INIT_PROCESS_ENABLED },
    logConfiguration: {
      logDriver: 'awslogs',
      options: {
        'awslogs-group': input.logGroup.name,
        'awslogs-region': ctx.region,
        // Streams read <schedule>/default/<task id>.
        'awslogs-stream-prefix': schedule.name,
      },
    },
  };
}

/** Tags of a job definition; they propagate to the job's ECS task with the job's own. */
export function jobDefinitionTags(schedule: Schedule): Record<string, string> {
  return literalMap({ ...schedule.definition.tags, [SCHEDULE_TAG]: schedule.name });
}

export function buildJobDefinition(ctx: StackContext, schedule: Schedule, input: JobDefinitionInput): BatchJobDefinition {
  const d = schedule.definition;
  return declare(BatchJobDefinition, ctx.scope, schedule.name, {
    name: ctx.names.jobDefinition(schedule.name),
    type: 'container',
    platformCapabilities: ['EC2'],
    containerProperties: JSON.stringify(containerProperties(ctx, schedule, input)),
    // The same rules the submit request carries: retry what Spot takes away, stop on the rest.
    retryStrategy: {
      attempts: d.attempts,
      evaluateOnExit: RETRY_RULES.map((rule) => ({
        action: rule.action.toLowerCase(),
        ...(rule.onStatusReason !== undefined ? { onStatusReason: rule.onStatusReason } : {}),
        ...(rule.onReason !== undefined ? { onReason: rule.onReason } : {}),
        ...(rule.onExitCode !== undefined ? { onExitCode: rule.onExitCode } : {}),
      })),
    },
    timeout: { attemptDurationSeconds: d.timeout },
    propagateTags: true,
    tags: jobDefinitionTags(schedule),
  });
}
