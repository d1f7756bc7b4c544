/**
 * The one module that maps Compute's needs onto cdktf and its AWS provider bindings.
 *
 * cdktf is archived (its last release is 0.21.0); the community fork `cdktn` keeps the
 * same API under other package names. Every other module imports from here, so a move
 * is a change to this file and package.json. The provider is imported by deep paths
 * only: its root barrel loads all 2,000+ resource modules (about 2 s and 480 MB).
 */
import { App, TerraformDataSource, type TerraformElement } from 'cdktf';
import type { Construct } from 'constructs';

export { LocalBackend, S3Backend, TerraformOutput, TerraformStack, Token } from 'cdktf';
export type { App };
export type { ITerraformDependable } from 'cdktf';
export type { Construct };

export { AwsProvider } from '@cdktf/provider-aws/lib/provider';
export { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity';
export { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition';

export { DataAwsVpc } from '@cdktf/provider-aws/lib/data-aws-vpc';
export { DataAwsSubnets } from '@cdktf/provider-aws/lib/data-aws-subnets';
export { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';

export { DataAwsIamRole } from '@cdktf/provider-aws/lib/data-aws-iam-role';
export { IamInstanceProfile } from '@cdktf/provider-aws/lib/iam-instance-profile';
export { IamRole } from '@cdktf/provider-aws/lib/iam-role';
export { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
export { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';

export { LaunchTemplate } from '@cdktf/provider-aws/lib/launch-template';
export { BatchComputeEnvironment } from '@cdktf/provider-aws/lib/batch-compute-environment';
export { BatchJobQueue } from '@cdktf/provider-aws/lib/batch-job-queue';
export { BatchJobDefinition } from '@cdktf/provider-aws/lib/batch-job-definition';
export { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';

export { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule';
export { SchedulerScheduleGroup } from '@cdktf/provider-aws/lib/scheduler-schedule-group';
export { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
export { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';

export { KmsAlias } from '@cdktf/provider-aws/lib/kms-alias';
export { KmsKey } from '@cdktf/provider-aws/lib/kms-key';
export { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
export { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
export { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
export { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
export { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
export { CloudwatchMetricAlarm } from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';

/** The provider's full registry address; cdktf writes the short "aws", which OpenTofu finds ambiguous. */
export const AWS_PROVIDER_SOURCE = 'hashicorp/aws';

/** Environment variables cdktf reads that would change what it writes (HCL, other stacks, context). */
const CDKTF_ENVIRONMENT = ['CDKTF_OUTDIR', 'SYNTH_HCL_OUTPUT', 'CDKTF_TARGET_STACK_ID', 'CDKTF_CONTEXT_JSON', 'CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS'];

/**
 * Builds the stacks of a fresh app and writes them to `outdir` (cdktf's layout:
 * manifest.json and stacks/<stack>/cdk.tf.json), in JSON, whatever the environment says.
 */
export function synthesizeApp(outdir: string, build: (app: App) => void): void {
  const saved = CDKTF_ENVIRONMENT.map((name) => [name, process.env[name]] as const);
  for (const [name] of saved) delete process.env[name];
  // cdktf records an unlimited stack trace for every token it creates, only to decorate
  // its own error messages; under a source-map hook (TypeScript loaders install one) that
  // was 9 of 10 s of synthesizing 1,000 schedules. Synthesis is synchronous, so recording
  // is switched off just meanwhile; errors still get their stacks as usual.
  const captureStackTrace = Error.captureStackTrace;
  Error.captureStackTrace = () => undefined;
  try {
    // No stack traces in the metadata: they hold this machine's paths.
    const app = new App({ outdir, stackTraces: false, hclOutput: false });
    build(app);
    app.synth();
  } finally {
    Error.captureStackTrace = captureStackTrace;
    for (const [name, value] of saved) if (value !== undefined) process.env[name] = value;
  }
}

type ElementClass<T extends TerraformElement, C> = {
  new (scope: Construct, id: string, config: C): T;
  readonly tfResourceType: string;
};

/**
 * Adds a resource or data source that Terraform calls `name` (e.g. aws_batch_job_queue.small).
 * Terraform needs names unique per type only, constructs per stack, so the construct id
 * is the whole address. cdktf would otherwise derive the name from the construct id.
 */
export function declare<T extends TerraformElement, C>(Type: ElementClass<T, C>, scope: Construct, name: string, config: C): T {
  const kind = Type.prototype instanceof TerraformDataSource ? 'data.' : '';
  const element = new Type(scope, `${kind}${Type.tfResourceType}.${name}`, config);
  element.overrideLogicalId(name);
  return element;
}
