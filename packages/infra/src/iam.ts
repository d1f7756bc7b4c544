import type { ComputeConfig, EnvironmentConfig, Schedule } from '@compute/schedule';
import {
  DataAwsIamRole,
  declare,
  IamInstanceProfile,
  IamRole,
  IamRolePolicy,
  IamRolePolicyAttachment,
  type ITerraformDependable,
} from './cdktf';
import { regionalArn, type StackContext } from './context';
import { policyDocument, trustPolicy, type PolicyStatement } from './policy';
import { literal, terraformName } from './terraform-text';

export interface InstanceIdentity {
  /** The instance profile Batch puts on the instances. */
  profileArn: string;
  /** Everything the compute environment must outlive (see batch.ts). */
  dependables: ITerraformDependable[];
}

/**
 * The AWS managed policy of the ECS agent (register the instance, poll for tasks, pull
 * images, write container logs). It grants nothing in SSM or Secrets Manager. It stays
 * managed rather than copied: the actions it needs change with agent releases, and the
 * cluster it registers with is created by Batch under a generated name, so a copy could
 * not be scoped any tighter anyway.
 */
export const ECS_INSTANCE_POLICY = 'service-role/AmazonEC2ContainerServiceforEC2Role';

/**
 * What the SSM agent needs for Session Manager shells, and nothing more: no Run Command,
 * inventory or patching, and above all no `ssm:GetParameter*` (AmazonSSMManagedInstanceCore
 * grants that on every parameter, which would let any host read every schedule's secrets).
 */
export const SESSION_MANAGER_ACTIONS = [
  'ssm:UpdateInstanceInformation',
  'ssmmessages:CreateControlChannel',
  'ssmmessages:CreateDataChannel',
  'ssmmessages:OpenControlChannel',
  'ssmmessages:OpenDataChannel',
] as const;

export interface InstanceStatements {
  sessionManager: PolicyStatement[];
  /** Empty when the environment reads no parameters while booting. */
  bootParameters: PolicyStatement[];
}

/** The instance role's statements: Session Manager, plus reading the environment's own boot parameters. */
export function instanceStatements(ctx: StackContext, config: Pick<EnvironmentConfig, 'instanceParameters'>): InstanceStatements {
  const parameters = [...new Set(config.instanceParameters)].sort();
  return {
    sessionManager: [
      {
        // The agent's heartbeat is authorized against the instance: only this account's and region's instances.
        Sid: 'SessionManagerHeartbeat',
        Effect: 'Allow',
        Action: SESSION_MANAGER_ACTIONS[0],
        Resource: regionalArn(ctx, 'ec2', 'instance/*'),
      },
      {
        Sid: 'SessionManagerChannels',
        Effect: 'Allow',
        Action: SESSION_MANAGER_ACTIONS.slice(1),
        // The ssmmessages actions support no resource-level permissions: IAM only accepts "*" here.
        Resource: '*',
      },
    ],
    bootParameters:
      parameters.length === 0
        ? []
        : [
            {
              Sid: 'ReadBootParameters',
              Effect: 'Allow',
              Action: 'ssm:GetParameter',
              Resource: parameters.map((p) => regionalArn(ctx, 'ssm', `parameter${p}`)),
            },
          ],
  };
}

/**
 * One role and instance profile per environment, so an environment's boot secrets
 * (instanceParameters, e.g. the WARP connector token) are granted to its hosts only:
 * the only parameters a host can read are its environment's instanceParameters.
 */
export function buildInstanceRole(ctx: StackContext, environment: string, config: EnvironmentConfig): InstanceIdentity {
  const role = declare(IamRole, ctx.scope, `instance_${environment}`, {
    name: ctx.names.instanceRole(environment),
    description: `Container instances of the Compute environment "${environment}"`,
    assumeRolePolicy: trustPolicy('ec2.amazonaws.com'),
  });
  const statements = instanceStatements(ctx, config);
  const dependables: ITerraformDependable[] = [
    declare(IamRolePolicyAttachment, ctx.scope, `instance_${environment}_ecs`, {
      role: role.name,
      policyArn: `arn:${ctx.partition}:iam::aws:policy/${ECS_INSTANCE_POLICY}`,
    }),
    declare(IamRolePolicy, ctx.scope, `instance_${environment}_session_manager`, {
      name: ctx.names.inlinePolicy.sessionManager,
      role: role.id,
      policy: policyDocument(statements.sessionManager),
    }),
  ];
  if (statements.bootParameters.length > 0) {
    dependables.push(
      declare(IamRolePolicy, ctx.scope, `instance_${environment}`, {
        name: ctx.names.inlinePolicy.bootParameters,
        role: role.id,
        policy: policyDocument(statements.bootParameters),
      }),
    );
  }
  const profile = declare(IamInstanceProfile, ctx.scope, environment, { name: ctx.names.instanceProfile(environment), role: role.name });
  dependables.push(profile);
  return { profileArn: profile.arn, dependables };
}

/** Where a secret lives and what the execution role needs to read it. */
export interface SecretReference {
  name: string;
  /** `valueFrom` of the container definition. */
  valueFrom: string;
  service: 'ssm' | 'secretsmanager';
  /** The IAM resource: the parameter or secret without JSON key or version suffixes. */
  resource: string;
}

export function secretReference(ctx: Pick<StackContext, 'partition' | 'region' | 'account'> & { config: Pick<ComputeConfig, 'secrets'> }, name: string): SecretReference {
  const override = Object.hasOwn(ctx.config.secrets.arns, name) ? ctx.config.secrets.arns[name] : undefined;
  if (override) {
    const arn = literal(override);
    if (arn.split(':')[2] === 'secretsmanager') {
      // arn:partition:secretsmanager:region:account:secret:name-suffix[:json-key:stage:version]
      return { name, valueFrom: arn, service: 'secretsmanager', resource: arn.split(':').slice(0, 7).join(':') };
    }
    return { name, valueFrom: arn, service: 'ssm', resource: arn };
  }
  const arn = `arn:${ctx.partition}:ssm:${ctx.region}:${ctx.account}:parameter${ctx.config.secrets.parameterPrefix}${name}`;
  return { name, valueFrom: arn, service: 'ssm', resource: arn };
}

/**
 * The one execution role of every job definition: ECS uses it to fetch the declared
 * secrets into the container and to write the job's logs. It reads exactly the
 * parameters and secrets the schedules declare. SecureString parameters and secrets
 * encrypted with the AWS managed keys need no KMS grant; customer managed keys must
 * allow this role to decrypt.
 */
export function buildExecutionRole(ctx: StackContext, logGroupArn: string, schedules: readonly Schedule[]): string {
  const role = declare(IamRole, ctx.scope, 'execution', {
    name: ctx.names.executionRole,
    description: 'ECS task execution role of Compute jobs: reads their declared secrets, writes their logs',
    assumeRolePolicy: trustPolicy('ecs-tasks.amazonaws.com'),
  });
  const secrets = new Map<string, SecretReference>();
  for (const schedule of schedules) {
    for (const name of schedule.definition.secrets) secrets.set(name, secretReference(ctx, name));
  }
  const resources = (service: SecretReference['service']) =>
    [...new Set([...secrets.values()].filter((s) => s.service === service).map((s) => s.resource))].sort();

  const statements: PolicyStatement[] = [
    {
      Sid: 'WriteJobLogs',
      Effect: 'Allow',
      Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      // Both are authorized against the stream (Service Authorization Reference), not the group.
      Resource: `${logGroupArn}:log-stream:*`,
    },
  ];
  const parameters = resources('ssm');
  if (parameters.length > 0) {
    statements.push({ Sid: 'ReadSecretParameters', Effect: 'Allow', Action: 'ssm:GetParameters', Resource: parameters });
  }
  const secretValues = resources('secretsmanager');
  if (secretValues.length > 0) {
    statements.push({ Sid: 'ReadSecretValues', Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: secretValues });
  }
  declare(IamRolePolicy, ctx.scope, 'execution', { name: ctx.names.inlinePolicy.execution, role: role.id, policy: policyDocument(statements) });
  return role.arn;
}

/**
 * The job role of each schedule (`awsRole`) is the team's own role, looked up by name:
 * a missing role fails the plan instead of a job at 3 a.m. It must trust
 * ecs-tasks.amazonaws.com.
 */
export function lookUpJobRoles(ctx: StackContext, schedules: readonly Schedule[]): Map<string, string> {
  const arns = new Map<string, string>();
  const names = [...new Set(schedules.map((s) => s.definition.awsRole))].sort();
  for (const name of names) {
    const role = declare(DataAwsIamRole, ctx.scope, terraformName(name), { name });
    arns.set(name, role.arn);
  }
  return arns;
}

export interface SchedulerRoleInput {
  scheduleGroupArn: string;
  queueArns: string[];
  jobDefinitionNames: string[];
  deadLetterQueueArn: string;
}

/**
 * Roughly how much of IAM's 10,240-character inline policy budget per role the
 * submit policy may use before exact job definition ARNs give way to the name prefix.
 */
export const SUBMIT_POLICY_BUDGET = 9000;

/**
 * The role EventBridge Scheduler assumes to call SubmitJob. Trusted only by Scheduler
 * acting for this account's Compute schedule group; it may submit only to Compute's
 * queues with Compute's job definitions (by bare name and any revision), tag those jobs
 * (the request carries tags), and park failed invocations in the dead-letter queue.
 */
export function buildSchedulerRole(ctx: StackContext, input: SchedulerRoleInput): string {
  const role = declare(IamRole, ctx.scope, 'scheduler', {
    name: ctx.names.schedulerRole,
    description: 'Assumed by EventBridge Scheduler to submit Compute jobs to AWS Batch',
    assumeRolePolicy: trustPolicy('scheduler.amazonaws.com', {
      StringEquals: { 'aws:SourceAccount': ctx.account },
      ArnEquals: { 'aws:SourceArn': input.scheduleGroupArn },
    }),
  });
  declare(IamRolePolicy, ctx.scope, 'scheduler', {
    name: ctx.names.inlinePolicy.scheduler,
    role: role.id,
    policy: policyDocument(schedulerStatements(ctx, input)),
  });
  return role.arn;
}

type ArnIdentity = Pick<StackContext, 'partition' | 'region' | 'account'>;

export function schedulerStatements(ctx: ArnIdentity & Pick<StackContext, 'names'>, input: SchedulerRoleInput): PolicyStatement[] {
  const exact = (identity: ArnIdentity): JobDefinitionGrant => {
    const names = [...input.jobDefinitionNames].sort();
    return {
      submit: names.flatMap((name) => [jobDefinitionArn(identity, name), jobDefinitionArn(identity, `${name}:*`)]),
      tag: names.map((name) => jobDefinitionArn(identity, `${name}:*`)),
    };
  };
  // Sized with the longest partition and ARN-long references, as IAM will count it once Terraform fills them in.
  const worst: ArnIdentity = { partition: 'aws-us-gov', region: ctx.region, account: '123456789012' };
  const worstArn = jobDefinitionArn(worst, 'x'.repeat(64));
  const probe = submitStatements(worst, { ...input, queueArns: input.queueArns.map(() => worstArn), deadLetterQueueArn: worstArn }, exact(worst));
  if (policyDocument(probe).length <= SUBMIT_POLICY_BUDGET) return submitStatements(ctx, input, exact(ctx));
  // Too many schedules to list one by one: every Compute job definition name starts with the
  // prefix. A "*" that ends an ARN also matches the ":<revision>" after the name.
  const prefix = ctx.names.jobDefinition('');
  return submitStatements(ctx, input, { submit: [jobDefinitionArn(ctx, `${prefix}*`)], tag: [jobDefinitionArn(ctx, `${prefix}*:*`)] });
}

/**
 * Which job definition ARNs each action is granted on.
 *
 * Every request names its job definition by bare name (`compute-<name>`, the latest active
 * revision), and AWS authorizes such a SubmitJob against the definition's ARN *without* a
 * revision, which `compute-<name>:*` does not match: the call is denied (aws/aws-sdk-js#4280,
 * aws/aws-cdk#26128). So SubmitJob is granted on the bare name and on every revision.
 * Sending a revisioned ARN instead was rejected: `:batch` would first have to look the
 * revision up (another call and permission), and a schedule would be pinned to the revision
 * of its last deploy; the bare name keeps one request for the scheduler and `:batch`.
 * Tag-on-create is authorized as batch:TagResource against the resolved revision
 * (wri/gfw-data-api#175 shows the denial naming `job-definition/<name>:<rev>`); the
 * Service Authorization Reference lists no revision-less job-definition type for TagResource.
 */
interface JobDefinitionGrant {
  submit: string[];
  tag: string[];
}

function jobDefinitionArn(identity: ArnIdentity, nameAndRevision: string): string {
  return `arn:${identity.partition}:batch:${identity.region}:${identity.account}:job-definition/${nameAndRevision}`;
}

function submitStatements(identity: ArnIdentity, input: SchedulerRoleInput, definitions: JobDefinitionGrant): PolicyStatement[] {
  // Scheduler writes to the dead-letter queue as this role, so the queue policy needs no service grant.
  const deadLetter: PolicyStatement = { Sid: 'DeadLetter', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: input.deadLetterQueueArn };
  // IAM rejects a statement without resources; with nothing to submit, only the dead-letter grant remains.
  if (definitions.submit.length === 0 || input.queueArns.length === 0) return [deadLetter];
  // The new job's id is made at submission, so only a pattern can name it; it stays in this account and region.
  const jobs = `arn:${identity.partition}:batch:${identity.region}:${identity.account}:job/*`;
  return [
    {
      // The Service Authorization Reference marks the `job` resource type required for SubmitJob,
      // while AWS's own examples ("Restrict to a job queue") grant only the queue and the job
      // definition and say both must be given. Granting job/* as well costs nothing: a request is
      // allowed only if its queue and job definition are allowed too.
      Sid: 'SubmitComputeJobs',
      Effect: 'Allow',
      Action: 'batch:SubmitJob',
      Resource: [...input.queueArns, ...definitions.submit, jobs],
    },
    {
      Sid: 'TagSubmittedJobs',
      Effect: 'Allow',
      Action: 'batch:TagResource',
      Resource: [...input.queueArns, ...definitions.tag, jobs],
    },
    deadLetter,
  ];
}
