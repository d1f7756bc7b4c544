import { awsNames, type Catalog, type ComputeConfig } from '@compute/schedule';
import { buildAlerts } from './alerts';
import { buildComputeEnvironment, buildJobDefinition, buildJobQueue } from './batch';
import {
  AWS_PROVIDER_SOURCE,
  AwsProvider,
  DataAwsCallerIdentity,
  declare,
  DataAwsPartition,
  LocalBackend,
  S3Backend,
  TerraformOutput,
  TerraformStack,
  type BatchJobQueue,
  type Construct,
  type ITerraformDependable,
} from './cdktf';
import { baseTags, type StackContext } from './context';
import { buildExecutionRole, buildInstanceRole, lookUpJobRoles } from './iam';
import { buildLaunchTemplate } from './launch-template';
import { buildLogGroup } from './logs';
import { stackName } from './names';
import { buildNetwork } from './network';
import { buildScheduler } from './scheduler';
import { literal } from './terraform-text';

export interface ComputeStackInput {
  catalog: Catalog;
  /** MIME user data per environment name; missing or empty means none. */
  userData: Readonly<Record<string, string>>;
  /** The local state file relative to the stack folder (local backend only). */
  localStatePath: string;
}

/** S3 native state locking needs Terraform 1.10. */
const LOCKFILE_TERRAFORM = '>= 1.10';

/** Everything Compute deploys for one catalog, in one Terraform stack named after the prefix. */
export class ComputeStack extends TerraformStack {
  constructor(scope: Construct, input: ComputeStackInput) {
    const config = input.catalog.config;
    const names = awsNames(config);
    super(scope, stackName(config));
    this.configureTerraform(config, input.localStatePath);

    new AwsProvider(this, 'aws', { region: config.region, defaultTags: [{ tags: baseTags(config) }] });
    const ctx: StackContext = {
      scope: this,
      config,
      names,
      region: config.region,
      account: declare(DataAwsCallerIdentity, this, 'current', {}).accountId,
      partition: declare(DataAwsPartition, this, 'current', {}).partition,
      baseTags: baseTags(config),
    };
    const schedules = input.catalog.schedules;

    const network = buildNetwork(ctx);
    const logGroup = buildLogGroup(ctx);
    const executionRoleArn = buildExecutionRole(ctx, logGroup.arn, schedules);
    const jobRoles = lookUpJobRoles(ctx, schedules);

    const queues = new Map<string, BatchJobQueue>();
    for (const environment of Object.keys(config.environments).sort()) {
      const envConfig = config.environments[environment];
      const instance = buildInstanceRole(ctx, environment, envConfig);
      const launchTemplate = buildLaunchTemplate(ctx, environment, envConfig, input.userData[environment] ?? '');
      const computeEnvironment = buildComputeEnvironment(ctx, environment, envConfig, {
        network,
        launchTemplate,
        instanceProfileArn: instance.profileArn,
        dependsOn: instance.dependables,
      });
      queues.set(environment, buildJobQueue(ctx, environment, computeEnvironment));
    }

    const targets = new Map<string, ITerraformDependable[]>();
    for (const schedule of schedules) {
      const definition = buildJobDefinition(ctx, schedule, {
        jobRoleArn: jobRoles.get(schedule.definition.awsRole)!,
        executionRoleArn,
        logGroup,
      });
      targets.set(schedule.name, [definition, queues.get(schedule.environment.name)!]);
    }

    const queueArns = [...queues.values()].map((queue) => queue.arn);
    // Scheduler may submit only to queues a schedule runs in (not `test`, say).
    const scheduledEnvironments = new Set(schedules.map((s) => s.environment.name));
    const scheduledQueueArns = [...queues].filter(([environment]) => scheduledEnvironments.has(environment)).map(([, queue]) => queue.arn);
    const scheduler = buildScheduler(ctx, schedules, { queueArns: scheduledQueueArns, targets });
    const alerts = buildAlerts(ctx, { queueArns, deadLetterQueueName: scheduler.deadLetterQueueName });

    new TerraformOutput(this, 'job_queues', {
      description: 'Job queue of each environment',
      value: Object.fromEntries([...queues.keys()].map((environment) => [environment, names.jobQueue(environment)])),
    });
    new TerraformOutput(this, 'schedule_group', { description: 'EventBridge Scheduler group of the schedules', value: scheduler.scheduleGroupName });
    new TerraformOutput(this, 'alert_topic_arn', { description: 'SNS topic of failure alerts', value: alerts.topicArn });
  }

  private configureTerraform(config: ComputeConfig, localStatePath: string): void {
    // cdktf writes the short source "aws", which OpenTofu finds ambiguous.
    this.addOverride('terraform.required_providers.aws.source', AWS_PROVIDER_SOURCE);
    const state = config.state;
    if (state.backend === 'local') {
      // Always explicit: cdktf's default local backend bakes in an absolute path.
      new LocalBackend(this, { path: localStatePath });
      return;
    }
    const backend = new S3Backend(this, {
      bucket: literal(state.bucket),
      key: literal(state.key),
      region: state.region ?? config.region,
      encrypt: true,
      ...(state.dynamodbTable ? { dynamodbTable: literal(state.dynamodbTable) } : {}),
    });
    if (state.useLockfile) {
      backend.addOverride('use_lockfile', true);
      this.addOverride('terraform.required_version', LOCKFILE_TERRAFORM);
    }
  }
}
