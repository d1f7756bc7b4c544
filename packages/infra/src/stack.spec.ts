// The stack of this repository's example catalog (schedules/), asserted on the synthesized JSON.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  buildSubmitJobRequest,
  hasErrors,
  loadCatalog,
  JOB_INIT_PROCESS_ENABLED,
  JOB_STOP_TIMEOUT_SECONDS,
  JOB_ULIMITS,
  RETRY_RULES,
  SCHEDULE_TAG,
  toSchedulerInput,
  type Catalog,
} from '@compute/schedule';
import { list, parseTemplateJson, statements, synthInto, type Synthesized } from './spec-helpers';
import { USER_DATA_BOUNDARY } from './user-data';

const workspaceRoot = join(__dirname, '..', '..', '..');
const FAKE_SECRETS = { GIT_CLONE_TOKEN: 'fake-clone-token-7f3a9c', SEARCH_API_TOKEN: 'fake-search-token-b81d2e' };

let catalog: Catalog;
let synth: Synthesized;
const saved: Record<string, string | undefined> = {};

beforeAll(() => {
  const loaded = loadCatalog(workspaceRoot, 'schedules');
  expect(hasErrors(loaded.problems)).toBe(false);
  catalog = loaded.catalog!;
  // Secret values in the environment must never reach the output.
  for (const [name, value] of Object.entries(FAKE_SECRETS)) {
    saved[name] = process.env[name];
    process.env[name] = value;
  }
  synth = synthInto(catalog, { workspaceRoot, readFile: 'disk' });
});

afterAll(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  synth?.cleanup();
});

const resources = (type: string) => synth.doc.resource[type] ?? {};
const environments = () => Object.keys(catalog.config.environments).sort();

describe('the example catalog', () => {
  it('has every kind of resource the issue asks for', () => {
    expect(synth.result.summary.resourcesByType).toEqual({
      aws_batch_compute_environment: 4,
      aws_batch_job_definition: 3,
      aws_batch_job_queue: 4,
      aws_cloudwatch_event_rule: 1,
      aws_cloudwatch_event_target: 1,
      aws_cloudwatch_log_group: 1,
      aws_cloudwatch_metric_alarm: 2,
      aws_iam_instance_profile: 4,
      aws_iam_role: 6,
      aws_iam_role_policy: 7,
      aws_iam_role_policy_attachment: 4,
      aws_kms_alias: 1,
      aws_kms_key: 1,
      aws_launch_template: 4,
      aws_scheduler_schedule: 3,
      aws_scheduler_schedule_group: 1,
      aws_security_group: 1,
      aws_sns_topic: 1,
      aws_sns_topic_policy: 1,
      aws_sns_topic_subscription: 1,
      aws_sqs_queue: 1,
      aws_sqs_queue_policy: 1,
    });
    expect(synth.result.summary).toMatchObject({
      schedules: ['partner_repos_mirror', 'search_reindex_shards', 'workspace_heartbeat'],
      environments: ['large', 'small', 'test', 'warp'],
      queues: ['compute-large', 'compute-small', 'compute-test', 'compute-warp'],
      state: 'schedules/terraform.tfstate',
    });
    expect(synth.result.stackFile).toBe('stacks/compute/cdk.tf.json');
  });

  it('configures the provider, its source and a relative local state file', () => {
    expect(synth.doc.provider.aws).toEqual([
      {
        region: 'us-east-1',
        default_tags: [{ tags: { 'managed-by': 'compute', 'management:area': 'platform', 'management:product': 'compute' } }],
      },
    ]);
    expect(synth.doc.terraform.required_providers.aws).toEqual({ source: 'hashicorp/aws', version: expect.stringMatching(/^6\./) });
    // From dist/compute/stacks/compute to the compute project, where compute.json says.
    expect(synth.doc.terraform.backend).toEqual({ local: { path: '../../../../schedules/terraform.tfstate' } });
  });

  it('runs in every default subnet of the default VPC behind a security group that admits nothing', () => {
    expect(synth.doc.data.aws_vpc.network).toEqual({ default: true });
    expect(synth.doc.data.aws_subnets.network.filter).toEqual([
      { name: 'vpc-id', values: ['${data.aws_vpc.network.id}'] },
      { name: 'default-for-az', values: ['true'] },
    ]);
    const group = resources('aws_security_group').instances;
    expect(group.vpc_id).toBe('${data.aws_vpc.network.id}');
    expect(group.ingress).toEqual([]);
    expect(group.egress).toEqual([
      expect.objectContaining({ protocol: '-1', from_port: 0, to_port: 0, cidr_blocks: ['0.0.0.0/0'], ipv6_cidr_blocks: ['::/0'] }),
    ]);
    for (const env of environments()) {
      const compute = resources('aws_batch_compute_environment')[env].compute_resources;
      expect(compute.subnets).toBe('${data.aws_subnets.network.ids}');
      expect(compute.security_group_ids).toEqual(['${aws_security_group.instances.id}']);
    }
  });

  describe('IAM', () => {
    const rolePolicy = (name: string) => statements(resources('aws_iam_role_policy')[name].policy);
    const trust = (name: string) => statements(resources('aws_iam_role')[name].assume_role_policy);

    /** Every Allow statement and managed policy that applies to a role, by the role's Terraform name. */
    const grantsOf = (role: string) => ({
      statements: Object.values(resources('aws_iam_role_policy'))
        .filter((p) => p.role === `\${aws_iam_role.${role}.id}`)
        .flatMap((p) => statements(p.policy)),
      managed: Object.values(resources('aws_iam_role_policy_attachment'))
        .filter((a) => a.role === `\${aws_iam_role.${role}.name}`)
        .map((a) => a.policy_arn as string),
    });
    const ECS_MANAGED = 'arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AmazonEC2ContainerServiceforEC2Role';
    const SESSION_MANAGER = [
      {
        Sid: 'SessionManagerHeartbeat',
        Effect: 'Allow',
        Action: 'ssm:UpdateInstanceInformation',
        Resource: 'arn:${data.aws_partition.current.partition}:ec2:us-east-1:${data.aws_caller_identity.current.account_id}:instance/*',
      },
      {
        Sid: 'SessionManagerChannels',
        Effect: 'Allow',
        Action: ['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel'],
        Resource: '*',
      },
    ];

    it('gives each environment an instance role and profile with the ECS agent policy and a Session Manager-only SSM policy', () => {
      for (const env of environments()) {
        expect(trust(`instance_${env}`)).toEqual([{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
        expect(resources('aws_iam_role')[`instance_${env}`].name).toBe(`compute-${env}-instance`);
        expect(resources('aws_iam_instance_profile')[env]).toEqual({ name: `compute-${env}-instance`, role: `\${aws_iam_role.instance_${env}.name}` });
        expect(grantsOf(`instance_${env}`).managed).toEqual([ECS_MANAGED]);
        expect(resources('aws_iam_role_policy')[`instance_${env}_session_manager`]).toMatchObject({ name: 'session-manager', role: `\${aws_iam_role.instance_${env}.id}` });
        expect(rolePolicy(`instance_${env}_session_manager`)).toEqual(SESSION_MANAGER);
      }
      const managed = Object.values(resources('aws_iam_role_policy_attachment')).map((a) => a.policy_arn);
      expect(managed.filter((arn) => /AmazonSSM/.test(arn))).toEqual([]);
    });

    it('lets no instance role read a secret parameter: a host reads only its own environment\'s instanceParameters', () => {
      const readsParameters = (action: string) => /^(\*|ssm:\*|ssm:Get\*|ssm:GetParameter.*)$/i.test(action);
      const secretParameters = list(rolePolicy('execution').find((x) => x.Sid === 'ReadSecretParameters')!.Resource);
      expect(secretParameters.length).toBeGreaterThan(0);
      const ssmArn = (name: string) => `arn:\${data.aws_partition.current.partition}:ssm:us-east-1:\${data.aws_caller_identity.current.account_id}:parameter${name}`;
      for (const env of environments()) {
        const { statements: granted, managed } = grantsOf(`instance_${env}`);
        // The only managed policy is the ECS agent's, which grants nothing in SSM or Secrets Manager.
        expect(managed).toEqual([ECS_MANAGED]);
        const readable = granted.filter((x) => x.Effect === 'Allow' && list(x.Action).some(readsParameters)).flatMap((x) => list(x.Resource));
        expect(readable).toEqual(catalog.config.environments[env].instanceParameters.map(ssmArn));
        for (const resource of readable) {
          expect(resource).not.toContain('*');
          expect(secretParameters).not.toContain(resource);
        }
        expect(granted.flatMap((x) => list(x.Action)).filter((a) => /^secretsmanager:|^kms:/.test(a))).toEqual([]);
      }
      expect(catalog.config.environments.warp.instanceParameters).toEqual(['/compute/warp/connector-token']);
    });

    it('lets only warp hosts read the WARP connector token', () => {
      expect(rolePolicy('instance_warp')).toEqual([
        {
          Sid: 'ReadBootParameters',
          Effect: 'Allow',
          Action: 'ssm:GetParameter',
          Resource: ['arn:${data.aws_partition.current.partition}:ssm:us-east-1:${data.aws_caller_identity.current.account_id}:parameter/compute/warp/connector-token'],
        },
      ]);
      for (const env of ['small', 'large', 'test']) expect(resources('aws_iam_role_policy')[`instance_${env}`]).toBeUndefined();
    });

    it('looks up each job role by name', () => {
      expect(Object.keys(synth.doc.data.aws_iam_role).sort()).toEqual(['compute-heartbeat', 'compute-partner-mirror', 'compute-search-indexer']);
      expect(synth.doc.data.aws_iam_role['compute-heartbeat']).toEqual({ name: 'compute-heartbeat' });
    });

    it('has one execution role that reads exactly the declared secrets and writes the log group', () => {
      expect(trust('execution')).toEqual([{ Effect: 'Allow', Principal: { Service: 'ecs-tasks.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
      const ssm = (name: string) => `arn:\${data.aws_partition.current.partition}:ssm:us-east-1:\${data.aws_caller_identity.current.account_id}:parameter/compute/${name}`;
      expect(rolePolicy('execution')).toEqual([
        {
          Sid: 'WriteJobLogs',
          Effect: 'Allow',
          Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
          Resource: '${aws_cloudwatch_log_group.jobs.arn}:log-stream:*',
        },
        { Sid: 'ReadSecretParameters', Effect: 'Allow', Action: 'ssm:GetParameters', Resource: [ssm('GIT_CLONE_TOKEN'), ssm('SEARCH_API_TOKEN')] },
      ]);
    });

    it('lets Scheduler, for this account and schedule group only, submit to Compute queues and definitions', () => {
      expect(trust('scheduler')).toEqual([
        {
          Effect: 'Allow',
          Principal: { Service: 'scheduler.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: {
            StringEquals: { 'aws:SourceAccount': '${data.aws_caller_identity.current.account_id}' },
            ArnEquals: { 'aws:SourceArn': '${aws_scheduler_schedule_group.schedules.arn}' },
          },
        },
      ]);
      const batch = 'arn:${data.aws_partition.current.partition}:batch:us-east-1:${data.aws_caller_identity.current.account_id}';
      const scheduled = [...new Set(catalog.schedules.map((s) => s.environment.name))].sort();
      expect(scheduled).not.toContain('test');
      expect(rolePolicy('scheduler')).toEqual([
        {
          Sid: 'SubmitComputeJobs',
          Effect: 'Allow',
          Action: 'batch:SubmitJob',
          Resource: [
            // Only queues a schedule runs in: not `test`.
            ...scheduled.map((env) => `\${aws_batch_job_queue.${env}.arn}`),
            // The bare name the request sends, and any revision.
            ...catalog.schedules.flatMap((s) => [`${batch}:job-definition/compute-${s.name}`, `${batch}:job-definition/compute-${s.name}:*`]),
            `${batch}:job/*`,
          ],
        },
        {
          Sid: 'TagSubmittedJobs',
          Effect: 'Allow',
          Action: 'batch:TagResource',
          Resource: [
            ...scheduled.map((env) => `\${aws_batch_job_queue.${env}.arn}`),
            ...catalog.schedules.map((s) => `${batch}:job-definition/compute-${s.name}:*`),
            `${batch}:job/*`,
          ],
        },
        { Sid: 'DeadLetter', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '${aws_sqs_queue.dead_letters.arn}' },
      ]);
    });

    it('grants no wildcard action, and "*" resources only to the Session Manager actions that support nothing narrower', () => {
      const identityPolicies = Object.values(resources('aws_iam_role_policy')).map((p) => p.policy as string);
      expect(identityPolicies).toHaveLength(7);
      for (const policy of identityPolicies) {
        for (const statement of statements(policy)) {
          expect(statement.Effect).toBe('Allow');
          for (const action of list(statement.Action)) expect(action).not.toContain('*');
          if (list(statement.Resource).includes('*')) expect(statement).toEqual(SESSION_MANAGER[1]);
          for (const resource of list(statement.Resource)) {
            // Patterns only below a fixed account and region (job ids are made at submission; log streams by ECS).
            if (resource !== '*') expect(resource).toMatch(/^(arn:\$\{data\.aws_partition\.current\.partition\}:[a-z0-9]+:us-east-1:\$\{data\.aws_caller_identity\.current\.account_id\}:|\$\{aws_)/);
          }
        }
      }
    });
  });

  describe('launch templates', () => {
    it('require IMDSv2 (hop limit 1 for bridge-network containers) and encrypt a gp3 root volume', () => {
      for (const env of environments()) {
        const template = resources('aws_launch_template')[env];
        expect(template.metadata_options).toEqual({ http_endpoint: 'enabled', http_tokens: 'required', http_put_response_hop_limit: 1 });
        expect(template.block_device_mappings).toEqual([
          {
            device_name: '/dev/xvda',
            ebs: { volume_size: catalog.config.environments[env].rootVolumeGiB, volume_type: 'gp3', encrypted: 'true', delete_on_termination: 'true' },
          },
        ]);
        expect(template.key_name).toBeUndefined();
        expect(template.name_prefix).toBe(`compute-${env}-`);
        expect(template.tag_specifications.map((t: any) => t.resource_type)).toEqual(['instance', 'volume']);
        expect(template.tag_specifications[0].tags).toMatchObject({ 'managed-by': 'compute', 'management:product': 'compute', 'compute:environment': env });
      }
    });

    it('carry each environment its own init data as MIME multipart user data', () => {
      for (const env of environments()) {
        const userData = Buffer.from(resources('aws_launch_template')[env].user_data, 'base64').toString('utf8');
        expect(userData).toContain(`Content-Type: multipart/mixed; boundary="${USER_DATA_BOUNDARY}"`);
        const initData = catalog.config.environments[env].initData;
        let position = 0;
        for (const path of initData) {
          const text = readFileSync(join(workspaceRoot, 'schedules', path), 'utf8');
          const at = userData.indexOf(text, position);
          expect(at).toBeGreaterThanOrEqual(position);
          position = at + text.length;
        }
        expect(userData.match(/Content-Type: text\/cloud-boothook/g)).toHaveLength(1);
      }
      const warp = Buffer.from(resources('aws_launch_template').warp.user_data, 'base64').toString('utf8');
      expect(warp).toContain('Content-Type: text/x-shellscript; charset="us-ascii"');
      expect(warp).toContain('filename="03-warp.sh"');
      // The test environment boots like small, from the same files (one copy of each).
      const test = Buffer.from(resources('aws_launch_template').test.user_data, 'base64').toString('utf8');
      expect(test).toBe(Buffer.from(resources('aws_launch_template').small.user_data, 'base64').toString('utf8'));
    });

    const userDataOf = (env: string) => Buffer.from(resources('aws_launch_template')[env].user_data, 'base64').toString('utf8');

    it('stop jobs with the grace of the shared container contract, pull images the default way, and leave open-file limits to the job definition', () => {
      for (const env of environments()) {
        const userData = userDataOf(env);
        expect(userData.match(/^ECS_CONTAINER_STOP_TIMEOUT=(\d+)s$/m)?.[1]).toBe(String(JOB_STOP_TIMEOUT_SECONDS));
        // prefer-cached would exempt cached images from clean-up and keep moved tags stale.
        expect(userData).toMatch(/^ECS_IMAGE_PULL_BEHAVIOR=default$/m);
        expect(userData).not.toContain('LimitNOFILE');
      }
    });

    it('make warp hosts install the AWS CLI when missing and say on the console why a boot step failed', () => {
      const warp = userDataOf('warp');
      const install = warp.indexOf('if ! command -v aws >/dev/null 2>&1; then');
      expect(install).toBeGreaterThan(0);
      expect(warp).toContain('dnf install -y awscli-2 || fail');
      expect(warp.indexOf('aws ssm get-parameter')).toBeGreaterThan(install);
      expect(warp).toContain('tee /dev/console');
      expect(warp).toMatch(/--query Parameter\.Value --output text\) \|\|\n\s+fail "cannot read SSM parameter/);
    });
  });

  it('has a managed Spot compute environment per environment, replaced before it is destroyed', () => {
    for (const env of environments()) {
      const config = catalog.config.environments[env];
      const ce = resources('aws_batch_compute_environment')[env];
      expect(ce).toMatchObject({
        name_prefix: `compute-${env}-`,
        type: 'MANAGED',
        state: 'ENABLED',
        lifecycle: { create_before_destroy: true },
        update_policy: { terminate_jobs_on_update: false, job_execution_timeout_minutes: 360 },
      });
      expect(ce.service_role).toBeUndefined();
      expect(ce.compute_resources).toMatchObject({
        type: 'SPOT',
        allocation_strategy: 'SPOT_PRICE_CAPACITY_OPTIMIZED',
        instance_type: config.instanceTypes,
        min_vcpus: 0,
        max_vcpus: config.maxVcpus,
        // Batch never moves to a new AMI by itself: the current one comes from AWS's public parameter at each deploy.
        ec2_configuration: [{ image_type: 'ECS_AL2023', image_id_override: `\${data.aws_ssm_parameter.ecs_ami_${config.architecture}.insecure_value}` }],
        instance_role: `\${aws_iam_instance_profile.${env}.arn}`,
        launch_template: { launch_template_id: `\${aws_launch_template.${env}.id}`, version: `\${aws_launch_template.${env}.latest_version}` },
      });
      expect(ce.compute_resources.bid_percentage).toBeUndefined();
      expect(ce.depends_on).toEqual(
        expect.arrayContaining([`aws_iam_role_policy_attachment.instance_${env}_ecs`, `aws_iam_role_policy.instance_${env}_session_manager`, `aws_iam_instance_profile.${env}`]),
      );
    }
    expect(synth.doc.data.aws_ssm_parameter).toEqual({
      ecs_ami_arm64: { name: '/aws/service/ecs/optimized-ami/amazon-linux-2023/arm64/recommended/image_id' },
      ecs_ami_x86_64: { name: '/aws/service/ecs/optimized-ami/amazon-linux-2023/recommended/image_id' },
    });
    expect(resources('aws_batch_compute_environment').warp.compute_resources.instance_type).toEqual(['c6id.large', 'c5d.large', 'c5ad.large']);
    expect(resources('aws_batch_compute_environment').warp.depends_on).toContain('aws_iam_role_policy.instance_warp');
  });

  it('has a job queue per environment that cancels jobs stuck without capacity or that no instance can ever run', () => {
    for (const env of environments()) {
      expect(resources('aws_batch_job_queue')[env]).toEqual({
        name: `compute-${env}`,
        state: 'ENABLED',
        priority: 1,
        compute_environment_order: [{ order: 1, compute_environment: `\${aws_batch_compute_environment.${env}.arn}` }],
        job_state_time_limit_action: [
          { state: 'RUNNABLE', reason: 'CAPACITY:INSUFFICIENT_INSTANCE_CAPACITY', action: 'CANCEL', max_time_seconds: catalog.config.queues.runnableTimeoutSeconds },
          { state: 'RUNNABLE', reason: 'MISCONFIGURATION:JOB_RESOURCE_REQUIREMENT', action: 'CANCEL', max_time_seconds: 600 },
          { state: 'RUNNABLE', reason: 'MISCONFIGURATION:COMPUTE_ENVIRONMENT_MAX_RESOURCE', action: 'CANCEL', max_time_seconds: 600 },
        ],
        tags: { 'compute:environment': env },
      });
    }
  });

  it('has a job definition per schedule built from the schedule and its size', () => {
    for (const schedule of catalog.schedules) {
      const d = schedule.definition;
      const definition = resources('aws_batch_job_definition')[schedule.name];
      expect(definition).toMatchObject({
        name: `compute-${schedule.name}`,
        type: 'container',
        platform_capabilities: ['EC2'],
        propagate_tags: true,
        timeout: { attempt_duration_seconds: d.timeout },
        tags: { ...d.tags, [SCHEDULE_TAG]: schedule.name },
      });
      expect(definition.retry_strategy).toEqual({
        attempts: d.attempts,
        evaluate_on_exit: RETRY_RULES.map((rule) => {
          const { action, onExitCode, onReason, onStatusReason } = rule;
          return {
            action: action.toLowerCase(),
            ...(onStatusReason ? { on_status_reason: onStatusReason } : {}),
            ...(onReason ? { on_reason: onReason } : {}),
            ...(onExitCode ? { on_exit_code: onExitCode } : {}),
          };
        }),
      });
      const container = parseTemplateJson(definition.container_properties);
      expect(container.image).toBe(d.image ?? catalog.config.image);
      expect(container.command).toEqual(d.command);
      expect(container.resourceRequirements).toEqual([
        { type: 'VCPU', value: String(schedule.size.vcpus) },
        { type: 'MEMORY', value: String(schedule.size.memoryMiB) },
      ]);
      expect(container.jobRoleArn).toBe(`\${data.aws_iam_role.${d.awsRole}.arn}`);
      expect(container.executionRoleArn).toBe('${aws_iam_role.execution.arn}');
      expect(container.environment ?? []).toEqual(Object.keys(d.environment).sort().map((name) => ({ name, value: d.environment[name] })));
      expect((container.secrets ?? []).map((s: any) => s.name)).toEqual([...d.secrets].sort());
      // The shared container contract, as a local run gets it.
      expect(container.ulimits).toEqual(JOB_ULIMITS.map((u) => ({ name: 'nofile', softLimit: u.softLimit, hardLimit: u.hardLimit })));
      expect(container.ulimits).toEqual([{ name: 'nofile', softLimit: 1048576, hardLimit: 1048576 }]);
      expect(container.linuxParameters).toEqual({ initProcessEnabled: JOB_INIT_PROCESS_ENABLED });
      expect(JOB_INIT_PROCESS_ENABLED).toBe(true);
      expect(container.logConfiguration).toEqual({
        logDriver: 'awslogs',
        options: { 'awslogs-group': '${aws_cloudwatch_log_group.jobs.name}', 'awslogs-region': 'us-east-1', 'awslogs-stream-prefix': schedule.name },
      });
    }
    const search = parseTemplateJson(resources('aws_batch_job_definition').search_reindex_shards.container_properties);
    expect(search.environment).toEqual([
      { name: 'LOG_LEVEL', value: 'info' },
      { name: 'SEARCH_ENDPOINT', value: 'https://search.internal.example.com' },
    ]);
    expect(search.secrets).toEqual([
      { name: 'SEARCH_API_TOKEN', valueFrom: 'arn:${data.aws_partition.current.partition}:ssm:us-east-1:${data.aws_caller_identity.current.account_id}:parameter/compute/SEARCH_API_TOKEN' },
    ]);
  });

  it('keeps shell and JavaScript "${...}" in commands literal for Terraform', () => {
    const raw = resources('aws_batch_job_definition').partner_repos_mirror.container_properties as string;
    expect(raw).toContain('oauth2:$${GIT_CLONE_TOKEN}@');
    expect(raw).not.toMatch(/[^$]\$\{GIT_CLONE_TOKEN\}/);
  });

  it('writes job logs to one log group with the configured retention', () => {
    expect(resources('aws_cloudwatch_log_group').jobs).toEqual({ name: '/compute/jobs', retention_in_days: 90 });
  });

  describe('schedules', () => {
    it('go into one schedule group', () => {
      expect(resources('aws_scheduler_schedule_group').schedules).toEqual({ name: 'compute' });
    });

    it('send exactly the request the shared builder makes to the universal SubmitJob target', () => {
      for (const schedule of catalog.schedules) {
        const target = resources('aws_scheduler_schedule')[schedule.name].target;
        expect(target.arn).toBe('arn:aws:scheduler:::aws-sdk:batch:submitJob');
        expect(target.role_arn).toBe('${aws_iam_role.scheduler.arn}');
        expect(parseTemplateJson(target.input)).toEqual(toSchedulerInput(buildSubmitJobRequest(schedule, catalog.config)));
        expect(target.retry_policy).toEqual({ maximum_retry_attempts: 2, maximum_event_age_in_seconds: 3600 });
        expect(target.dead_letter_config).toEqual({ arn: '${aws_sqs_queue.dead_letters.arn}' });
      }
      const shards = parseTemplateJson(resources('aws_scheduler_schedule').search_reindex_shards.target.input);
      expect(shards).toMatchObject({ JobQueue: 'compute-large', JobDefinition: 'compute-search_reindex_shards', ArrayProperties: { Size: 8 } });
    });

    it('carry expression, time zone, state and flexible window from the schedule file', () => {
      const s = resources('aws_scheduler_schedule');
      expect(s.partner_repos_mirror).toMatchObject({
        name: 'compute-partner_repos_mirror',
        group_name: '${aws_scheduler_schedule_group.schedules.name}',
        schedule_expression: 'cron(30 1 * * ? *)',
        schedule_expression_timezone: 'America/New_York',
        state: 'ENABLED',
        flexible_time_window: { mode: 'FLEXIBLE', maximum_window_in_minutes: 30 },
        depends_on: ['aws_batch_job_definition.partner_repos_mirror', 'aws_batch_job_queue.warp'],
      });
      expect(s.workspace_heartbeat).toMatchObject({ schedule_expression: 'rate(15 minutes)', schedule_expression_timezone: 'UTC', flexible_time_window: { mode: 'OFF' } });
      expect(s.search_reindex_shards).toMatchObject({ schedule_expression: 'cron(0 3 ? * MON-FRI *)', schedule_expression_timezone: 'Europe/Berlin' });
    });

    it('park failed invocations in an encrypted dead-letter queue reachable only over TLS', () => {
      expect(resources('aws_sqs_queue').dead_letters).toEqual({ name: 'compute-scheduler-dlq', sqs_managed_sse_enabled: true, message_retention_seconds: 1209600 });
      expect(statements(resources('aws_sqs_queue_policy').dead_letters.policy)).toEqual([
        {
          Sid: 'DenyInsecureTransport',
          Effect: 'Deny',
          Principal: '*',
          Action: 'sqs:*',
          Resource: '${aws_sqs_queue.dead_letters.arn}',
          Condition: { Bool: { 'aws:SecureTransport': 'false' } },
        },
      ]);
    });
  });

  describe('failure e-mail', () => {
    it('goes through an SNS topic encrypted with a customer managed key EventBridge and CloudWatch may use for that topic only', () => {
      const key = resources('aws_kms_key').alerts;
      expect(key.enable_key_rotation).toBe(true);
      const arn = (service: string, resource: string) =>
        `arn:\${data.aws_partition.current.partition}:${service}:us-east-1:\${data.aws_caller_identity.current.account_id}:${resource}`;
      const topicContext = { 'kms:EncryptionContext:aws:sns:topicArn': arn('sns', 'compute-job-failures') };
      expect(statements(key.policy)).toEqual([
        expect.objectContaining({ Principal: { AWS: 'arn:${data.aws_partition.current.partition}:iam::${data.aws_caller_identity.current.account_id}:root' }, Action: 'kms:*' }),
        {
          Sid: 'FailedJobRuleUsesKey',
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          Resource: '*',
          // No aws:SourceAccount/SourceArn: not supported for EventBridge delivery to encrypted topics.
          Condition: { StringEquals: topicContext },
        },
        {
          Sid: 'ComputeAlarmsUseKey',
          Effect: 'Allow',
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
          Resource: '*',
          Condition: {
            StringEquals: { ...topicContext, 'aws:SourceAccount': '${data.aws_caller_identity.current.account_id}' },
            ArnEquals: { 'aws:SourceArn': [arn('cloudwatch', 'alarm:compute-scheduler-dlq-not-empty'), arn('cloudwatch', 'alarm:compute-job-failed-not-delivered')] },
          },
        },
      ]);
      expect(resources('aws_sns_topic').alerts).toEqual({ name: 'compute-job-failures', kms_master_key_id: '${aws_kms_key.alerts.arn}' });
      expect(resources('aws_kms_alias').alerts).toEqual({ name: 'alias/compute-alerts', target_key_id: '${aws_kms_key.alerts.key_id}' });
    });

    it('lets only the failure rule and Compute\'s two alarms of this account publish', () => {
      const policy = statements(resources('aws_sns_topic_policy').alerts.policy);
      expect(policy).toEqual([
        expect.objectContaining({ Principal: { Service: 'events.amazonaws.com' }, Action: 'sns:Publish', Resource: '${aws_sns_topic.alerts.arn}', Condition: { ArnEquals: { 'aws:SourceArn': '${aws_cloudwatch_event_rule.job_failed.arn}' } } }),
        expect.objectContaining({
          Principal: { Service: 'cloudwatch.amazonaws.com' },
          Action: 'sns:Publish',
          Resource: '${aws_sns_topic.alerts.arn}',
          Condition: {
            ArnEquals: { 'aws:SourceArn': ['${aws_cloudwatch_metric_alarm.dead_letters.arn}', '${aws_cloudwatch_metric_alarm.alert_delivery.arn}'] },
            StringEquals: { 'aws:SourceAccount': '${data.aws_caller_identity.current.account_id}' },
          },
        }),
      ]);
    });

    it('subscribes every configured address', () => {
      expect(Object.values(resources('aws_sns_topic_subscription'))).toEqual([
        { topic_arn: '${aws_sns_topic.alerts.arn}', protocol: 'email', endpoint: 'platform-alerts@example.com' },
      ]);
    });

    it('matches failed jobs of Compute queues only, once per array job, ignoring CannotInspectContainerError but not jobs without a container reason', () => {
      const pattern = parseTemplateJson(resources('aws_cloudwatch_event_rule').job_failed.event_pattern);
      expect(pattern).toEqual({
        source: ['aws.batch'],
        'detail-type': ['Batch Job State Change'],
        detail: {
          status: ['FAILED'],
          jobQueue: environments().map((env) => `\${aws_batch_job_queue.${env}.arn}`),
          // Children of an array job carry arrayProperties.index; the parent and plain jobs do not.
          arrayProperties: { index: [{ exists: false }] },
          container: { reason: [{ 'anything-but': { prefix: 'CannotInspectContainerError' } }, { exists: false }] },
        },
      });
    });

    it('writes job name, queue, status, reasons and a console link into the e-mail', () => {
      const target = resources('aws_cloudwatch_event_target').job_failed;
      expect(target.arn).toBe('${aws_sns_topic.alerts.arn}');
      expect(target.input_transformer.input_paths).toMatchObject({
        jobName: '$.detail.jobName',
        jobQueue: '$.detail.jobQueue',
        status: '$.detail.status',
        statusReason: '$.detail.statusReason',
        containerReason: '$.detail.container.reason',
        jobId: '$.detail.jobId',
      });
      const template = target.input_transformer.input_template as string;
      // Valid JSON once EventBridge fills in the placeholders.
      const filled = JSON.parse(template.replace(/<(\w+)>/g, 'x'));
      expect(filled.console).toBe('https://us-east-1.console.aws.amazon.com/batch/home?region=us-east-1#jobs/detail/x');
      for (const field of ['<jobName>', '<jobQueue>', '<status>', '<statusReason>', '<containerReason>']) expect(template).toContain(field);
    });

    it('alarms on the same topic when the failure rule cannot deliver to it', () => {
      expect(resources('aws_cloudwatch_metric_alarm').alert_delivery).toMatchObject({
        alarm_name: 'compute-job-failed-not-delivered',
        namespace: 'AWS/Events',
        metric_name: 'FailedInvocations',
        dimensions: { RuleName: '${aws_cloudwatch_event_rule.job_failed.name}' },
        statistic: 'Sum',
        comparison_operator: 'GreaterThanThreshold',
        threshold: 0,
        treat_missing_data: 'notBreaching',
        alarm_actions: ['${aws_sns_topic.alerts.arn}'],
      });
    });

    it('alarms when the dead-letter queue holds a message', () => {
      expect(resources('aws_cloudwatch_metric_alarm').dead_letters).toMatchObject({
        namespace: 'AWS/SQS',
        metric_name: 'ApproximateNumberOfMessagesVisible',
        dimensions: { QueueName: '${aws_sqs_queue.dead_letters.name}' },
        comparison_operator: 'GreaterThanThreshold',
        threshold: 0,
        alarm_actions: ['${aws_sns_topic.alerts.arn}'],
      });
    });
  });

  it('contains no secret values, no absolute paths and no cdktf metadata', () => {
    for (const value of Object.values(FAKE_SECRETS)) expect(synth.text).not.toContain(value);
    expect(synth.text).not.toContain(workspaceRoot);
    expect(synth.text).not.toContain(synth.dir);
    expect(synth.text).not.toContain('"//"');
    const manifest = readFileSync(join(synth.dir, 'out', 'manifest.json'), 'utf8');
    expect(manifest).not.toContain(synth.dir);
  });
});
