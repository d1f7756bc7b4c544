// How AWS would authorize the stack's principals: every policy of the synthesized stack is
// linted against AWS's Service Authorization Reference and evaluated against tables of
// requests that must be allowed and must be denied, with ARNs formed as AWS forms them.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hasErrors, loadCatalog, type Catalog } from '@compute/schedule';
import { SMALL_ONLY, synthInto, type TerraformDoc } from './spec-helpers';
import { catalogOf, validScheduleInput } from '@compute/schedule/testing';
import type { PolicyDocument } from './test-support/iam/evaluate';
import { lintPolicies } from './test-support/iam/lint';
import { resolveStack, type ResolvedStack } from './test-support/iam/stack-policies';
import { failingRows, type Row } from './test-support/iam/table';

const workspaceRoot = join(__dirname, '..', '..', '..');

let catalog: Catalog;
let doc: TerraformDoc;
let stack: ResolvedStack;

beforeAll(() => {
  const loaded = loadCatalog(workspaceRoot, 'schedules');
  expect(hasErrors(loaded.problems)).toBe(false);
  catalog = loaded.catalog!;
  const synth = synthInto(catalog, { workspaceRoot, readFile: 'disk' });
  doc = synth.doc;
  synth.cleanup();
  stack = resolveStack(doc);
});

const arn = (service: string, resource: string) => `arn:${stack.partition}:${service}:${stack.region}:${stack.account}:${resource}`;
const batch = (resource: string) => arn('batch', resource);
const queue = (environment: string) => batch(`job-queue/compute-${environment}`);
/** A job's ARN as Batch makes it at submission. */
const NEW_JOB = () => batch('job/3f2b8c1e-5d4a-4b7e-9c21-0a6e8f4d2b10');
/** As SSM forms a parameter ARN: "parameter/" then the name without its leading slash, if any. */
const parameter = (name: string) => arn('ssm', `parameter/${name.replace(/^\//, '')}`);
const TLS = { 'aws:SecureTransport': 'true' };

function schedulerRows(): Row[] {
  const caller = { role: 'scheduler' };
  const rows: Row[] = [];
  for (const schedule of catalog.schedules) {
    const q = queue(schedule.environment.name);
    const definition = `compute-${schedule.name}`;
    rows.push(
      // The deployed request names the definition by bare name: AWS authorizes the ARN without a revision.
      { name: `scheduler submits ${schedule.name} by bare name`, caller, action: 'batch:SubmitJob', resources: [q, batch(`job-definition/${definition}`), NEW_JOB()], expect: 'allowed' },
      { name: `scheduler submits ${schedule.name} at a revision`, caller, action: 'batch:SubmitJob', resources: [q, batch(`job-definition/${definition}:7`), NEW_JOB()], expect: 'allowed' },
      { name: `scheduler tags ${schedule.name}'s new job on creation`, caller, action: 'batch:TagResource', resources: [q, batch(`job-definition/${definition}:7`), NEW_JOB()], expect: 'allowed' },
    );
  }
  const q = queue(catalog.schedules[0].environment.name);
  const unused = Object.keys(catalog.config.environments).filter((e) => !catalog.schedules.some((s) => s.environment.name === e));
  expect(unused.length).toBeGreaterThan(0);
  rows.push(
    { name: 'scheduler parks a failed invocation in the dead-letter queue', caller, action: 'sqs:SendMessage', resources: [stack.ref('aws_sqs_queue.dead_letters.arn')], context: TLS, expect: 'allowed' },
    { name: 'scheduler cannot write to the dead-letter queue without TLS', caller, action: 'sqs:SendMessage', resources: [stack.ref('aws_sqs_queue.dead_letters.arn')], context: { 'aws:SecureTransport': 'false' }, expect: 'denied' },
    { name: 'scheduler cannot submit a job definition outside the catalog', caller, action: 'batch:SubmitJob', resources: [q, batch('job-definition/compute-not_in_catalog'), NEW_JOB()], expect: 'denied' },
    { name: 'scheduler cannot submit a job definition of another team', caller, action: 'batch:SubmitJob', resources: [q, batch(`job-definition/billing-${catalog.schedules[0].name}`), NEW_JOB()], expect: 'denied' },
    ...unused.map((environment): Row => ({
      name: `scheduler cannot submit to the ${environment} queue no schedule uses`,
      caller,
      action: 'batch:SubmitJob',
      resources: [queue(environment), batch(`job-definition/compute-${catalog.schedules[0].name}`), NEW_JOB()],
      expect: 'denied',
    })),
    { name: 'scheduler cannot submit to a queue of another team', caller, action: 'batch:SubmitJob', resources: [batch('job-queue/billing'), batch(`job-definition/compute-${catalog.schedules[0].name}`), NEW_JOB()], expect: 'denied' },
    { name: 'scheduler cannot pass a role', caller, action: 'iam:PassRole', resources: [stack.roleArn('execution')], expect: 'denied' },
    { name: 'scheduler cannot register a job definition', caller, action: 'batch:RegisterJobDefinition', resources: [batch('job-definition/compute-x')], expect: 'denied' },
    { name: 'Scheduler for the Compute group assumes the scheduler role', caller: { service: 'scheduler.amazonaws.com' }, action: 'sts:AssumeRole', resources: [stack.roleArn('scheduler')], context: { 'aws:SourceAccount': stack.account, 'aws:SourceArn': stack.ref('aws_scheduler_schedule_group.schedules.arn') }, expect: 'allowed' },
    { name: 'Scheduler for another group cannot assume the scheduler role', caller: { service: 'scheduler.amazonaws.com' }, action: 'sts:AssumeRole', resources: [stack.roleArn('scheduler')], context: { 'aws:SourceAccount': stack.account, 'aws:SourceArn': arn('scheduler', 'schedule-group/default') }, expect: 'denied' },
  );
  return rows;
}

function executionRows(): Row[] {
  const caller = { role: 'execution' };
  const rows: Row[] = [];
  const declared = [...new Set(catalog.schedules.flatMap((s) => s.definition.secrets))].sort();
  expect(declared.length).toBeGreaterThan(0);
  for (const name of declared) {
    rows.push(
      { name: `execution role reads /compute/${name}`, caller, action: 'ssm:GetParameters', resources: [parameter(`/compute/${name}`)], expect: 'allowed' },
      { name: `execution role reads compute/${name} (no leading slash)`, caller, action: 'ssm:GetParameters', resources: [parameter(`compute/${name}`)], expect: 'allowed' },
    );
  }
  const logGroup = stack.ref('aws_cloudwatch_log_group.jobs.arn');
  rows.push(
    { name: 'execution role creates a job log stream', caller, action: 'logs:CreateLogStream', resources: [`${logGroup}:log-stream:batch/default/abc`], expect: 'allowed' },
    { name: 'execution role writes a job log stream', caller, action: 'logs:PutLogEvents', resources: [`${logGroup}:log-stream:batch/default/abc`], expect: 'allowed' },
    { name: 'execution role cannot read an undeclared parameter under the prefix', caller, action: 'ssm:GetParameters', resources: [parameter('/compute/UNDECLARED')], expect: 'denied' },
    { name: 'execution role cannot read the WARP connector token', caller, action: 'ssm:GetParameters', resources: [parameter('/compute/warp/connector-token')], expect: 'denied' },
    { name: 'execution role cannot decrypt with a customer key (none needed)', caller, action: 'kms:Decrypt', resources: [stack.ref('aws_kms_key.alerts.arn')], expect: 'denied' },
    { name: 'execution role cannot write another log group', caller, action: 'logs:PutLogEvents', resources: [arn('logs', 'log-group:/other:log-stream:x')], expect: 'denied' },
  );
  return rows;
}

function instanceRows(): Row[] {
  const rows: Row[] = [];
  const secrets = [...new Set(catalog.schedules.flatMap((s) => s.definition.secrets))].sort();
  const allBootParameters = [...new Set(Object.values(catalog.config.environments).flatMap((e) => e.instanceParameters))].sort();
  expect(allBootParameters.length).toBeGreaterThan(0);
  const cluster = arn('ecs', 'cluster/compute-small_Batch_0a1b2c3d');
  const instance = arn('ec2', 'instance/i-0123456789abcdef0');
  for (const [environment, config] of Object.entries(catalog.config.environments)) {
    const caller = { role: `instance_${environment}` };
    rows.push(
      { name: `${environment} host registers with ECS`, caller, action: 'ecs:RegisterContainerInstance', resources: [cluster], expect: 'allowed' },
      { name: `${environment} host polls for tasks`, caller, action: 'ecs:Poll', resources: [arn('ecs', 'container-instance/compute-small_Batch_0a1b2c3d/1')], expect: 'allowed' },
      { name: `${environment} host pulls ECR images`, caller, action: 'ecr:GetAuthorizationToken', resources: ['*'], expect: 'allowed' },
      { name: `${environment} host opens a Session Manager channel`, caller, action: 'ssmmessages:OpenControlChannel', resources: ['*'], expect: 'allowed' },
      { name: `${environment} host reports to Session Manager`, caller, action: 'ssm:UpdateInstanceInformation', resources: [instance], expect: 'allowed' },
      { name: `${environment} host cannot send commands`, caller, action: 'ssm:SendCommand', resources: [instance], expect: 'denied' },
    );
    for (const name of allBootParameters) {
      const own = config.instanceParameters.includes(name);
      rows.push({ name: `${environment} host ${own ? 'reads' : 'cannot read'} boot parameter ${name}`, caller, action: 'ssm:GetParameter', resources: [parameter(name)], expect: own ? 'allowed' : 'denied' });
    }
    for (const secret of secrets) {
      for (const action of ['ssm:GetParameter', 'ssm:GetParameters']) {
        rows.push({ name: `${environment} host cannot ${action} schedule secret ${secret}`, caller, action, resources: [parameter(`/compute/${secret}`)], expect: 'denied' });
      }
    }
  }
  return rows;
}

function alertRows(): Row[] {
  const topic = stack.ref('aws_sns_topic.alerts.arn');
  const key = stack.ref('aws_kms_key.alerts.arn');
  const rule = stack.ref('aws_cloudwatch_event_rule.job_failed.arn');
  const alarm = stack.ref('aws_cloudwatch_metric_alarm.dead_letters.arn');
  const deliveryAlarm = stack.ref('aws_cloudwatch_metric_alarm.alert_delivery.arn');
  const events = { service: 'events.amazonaws.com' };
  const cloudwatch = { service: 'cloudwatch.amazonaws.com' };
  const forTopic = (t: string) => ({ 'kms:EncryptionContext:aws:sns:topicArn': t });
  const otherTopic = arn('sns', 'other-topic');
  return [
    { name: 'failure rule publishes to the topic', caller: events, action: 'sns:Publish', resources: [topic], context: { 'aws:SourceArn': rule, 'aws:SourceAccount': stack.account }, expect: 'allowed' },
    { name: 'another rule cannot publish to the topic', caller: events, action: 'sns:Publish', resources: [topic], context: { 'aws:SourceArn': arn('events', 'rule/other'), 'aws:SourceAccount': stack.account }, expect: 'denied' },
    { name: 'dead-letter alarm publishes to the topic', caller: cloudwatch, action: 'sns:Publish', resources: [topic], context: { 'aws:SourceArn': alarm, 'aws:SourceAccount': stack.account }, expect: 'allowed' },
    { name: 'alert-delivery alarm publishes to the topic', caller: cloudwatch, action: 'sns:Publish', resources: [topic], context: { 'aws:SourceArn': deliveryAlarm, 'aws:SourceAccount': stack.account }, expect: 'allowed' },
    { name: 'alert-delivery alarm encrypts for the topic', caller: cloudwatch, action: 'kms:GenerateDataKey', resources: [key], context: { ...forTopic(topic), 'aws:SourceArn': deliveryAlarm, 'aws:SourceAccount': stack.account }, expect: 'allowed' },
    { name: 'another alarm cannot publish to the topic', caller: cloudwatch, action: 'sns:Publish', resources: [topic], context: { 'aws:SourceArn': arn('cloudwatch', 'alarm:other'), 'aws:SourceAccount': stack.account }, expect: 'denied' },
    { name: 'an alarm of another account cannot publish to the topic', caller: cloudwatch, action: 'sns:Publish', resources: [topic], context: { 'aws:SourceArn': alarm.replace(stack.account, '999999999999'), 'aws:SourceAccount': '999999999999' }, expect: 'denied' },
    { name: 'another service cannot publish to the topic', caller: { service: 's3.amazonaws.com' }, action: 'sns:Publish', resources: [topic], context: { 'aws:SourceArn': rule }, expect: 'denied' },
    { name: 'failure rule encrypts for the topic', caller: events, action: 'kms:GenerateDataKey', resources: [key], context: forTopic(topic), expect: 'allowed' },
    { name: 'failure rule decrypts for the topic', caller: events, action: 'kms:Decrypt', resources: [key], context: forTopic(topic), expect: 'allowed' },
    { name: 'EventBridge cannot use the key for another topic', caller: events, action: 'kms:GenerateDataKey', resources: [key], context: forTopic(otherTopic), expect: 'denied' },
    { name: 'dead-letter alarm encrypts for the topic', caller: cloudwatch, action: 'kms:GenerateDataKey', resources: [key], context: { ...forTopic(topic), 'aws:SourceArn': alarm, 'aws:SourceAccount': stack.account }, expect: 'allowed' },
    { name: 'another alarm cannot use the key', caller: cloudwatch, action: 'kms:GenerateDataKey', resources: [key], context: { ...forTopic(topic), 'aws:SourceArn': arn('cloudwatch', 'alarm:other'), 'aws:SourceAccount': stack.account }, expect: 'denied' },
    { name: 'EventBridge cannot schedule the key for deletion', caller: events, action: 'kms:ScheduleKeyDeletion', resources: [key], context: forTopic(topic), expect: 'denied' },
    { name: 'the execution role cannot use the alert key', caller: { role: 'execution' }, action: 'kms:Decrypt', resources: [key], context: forTopic(topic), expect: 'denied' },
  ];
}

/** The README's least policy for `:batch`, with its placeholders filled in. */
function readmeBatchPolicy(): PolicyDocument {
  const readme = readFileSync(join(workspaceRoot, 'README.md'), 'utf8');
  const block = /<!-- batch-policy:start -->\s*```json\n([\s\S]*?)```\s*<!-- batch-policy:end -->/.exec(readme);
  if (!block) throw new Error('README.md has no batch-policy block');
  return JSON.parse(block[1].replace(/REGION/g, stack.region).replace(/ACCOUNT/g, stack.account));
}

function batchPolicyRows(policy: PolicyDocument): Row[] {
  const caller = { person: 'developer', policy };
  const rows: Row[] = [];
  for (const schedule of catalog.schedules) {
    for (const environment of [schedule.environment.name, 'test']) {
      const resources = [queue(environment), batch(`job-definition/compute-${schedule.name}`), NEW_JOB()];
      rows.push(
        { name: `:batch submits ${schedule.name} to ${environment} by bare name`, caller, action: 'batch:SubmitJob', resources, expect: 'allowed' },
        { name: `:batch tags ${schedule.name}'s new job in ${environment}`, caller, action: 'batch:TagResource', resources: [queue(environment), batch(`job-definition/compute-${schedule.name}:3`), NEW_JOB()], expect: 'allowed' },
      );
    }
  }
  rows.push(
    { name: ':batch lists jobs for the duplicate check', caller, action: 'batch:ListJobs', resources: ['*'], expect: 'allowed' },
    { name: ':batch describes the job it waits for', caller, action: 'batch:DescribeJobs', resources: ['*'], expect: 'allowed' },
    { name: ':batch reads the deployed job definition for the drift check', caller, action: 'batch:DescribeJobDefinitions', resources: ['*'], expect: 'allowed' },
    { name: ':batch cannot submit another team\'s job definition', caller, action: 'batch:SubmitJob', resources: [queue('small'), batch('job-definition/billing-report'), NEW_JOB()], expect: 'denied' },
    { name: ':batch cannot submit to another team\'s queue', caller, action: 'batch:SubmitJob', resources: [batch('job-queue/billing'), batch('job-definition/compute-x'), NEW_JOB()], expect: 'denied' },
    { name: ':batch cannot register job definitions', caller, action: 'batch:RegisterJobDefinition', resources: [batch('job-definition/compute-x')], expect: 'denied' },
    { name: ':batch cannot cancel jobs', caller, action: 'batch:CancelJob', resources: [NEW_JOB()], expect: 'denied' },
  );
  return rows;
}

describe('authorization of the example stack', () => {
  it('lints clean against the Service Authorization Reference: actions, ARN formats, condition keys', async () => {
    expect(await lintPolicies(stack.policies)).toEqual([]);
  });

  it('lints the README\'s :batch policy clean', async () => {
    expect(await lintPolicies([{ kind: 'identity', source: 'README :batch policy', attachedTo: 'developer', document: readmeBatchPolicy() }])).toEqual([]);
  });

  it.each([
    ['scheduler role', schedulerRows],
    ['job execution role', executionRows],
    ['instance roles', instanceRows],
    ['SNS topic and KMS key policies', alertRows],
  ])('%s: every must-allow row is allowed and every must-deny row denied', (_, rows) => {
    expect(failingRows(stack, rows())).toEqual([]);
  });

  it('the README\'s :batch policy: every must-allow row is allowed and every must-deny row denied', () => {
    expect(failingRows(stack, batchPolicyRows(readmeBatchPolicy()))).toEqual([]);
  });
});

describe('a broken grant fails a named row', () => {
  const breakPolicy = (source: string, edit: (document: PolicyDocument) => void): ResolvedStack => {
    const broken = resolveStack(doc);
    const policy = broken.policies.find((p) => p.source === source)!;
    edit(policy.document);
    return broken;
  };

  it('granting SubmitJob only on "<name>:*" (the bug AWS reports in aws/aws-sdk-js#4280) fails every bare-name row', () => {
    const broken = breakPolicy('aws_iam_role_policy.scheduler', (document) => {
      const submit = document.Statement.find((s) => s.Sid === 'SubmitComputeJobs')!;
      submit.Resource = (submit.Resource as string[]).filter((r) => !/job-definition\/[^:]+$/.test(r));
    });
    expect(failingRows(broken, schedulerRows())).toEqual(catalog.schedules.map((s) => `scheduler submits ${s.name} by bare name (expected allowed, got implicit deny)`));
  });

  it('a topic policy without its source condition fails the "another rule" row', () => {
    const broken = breakPolicy('aws_sns_topic_policy.alerts', (document) => {
      delete document.Statement.find((s) => s.Sid === 'FailedJobRule')!.Condition;
    });
    expect(failingRows(broken, alertRows())).toEqual(['another rule cannot publish to the topic (expected denied, got allowed)']);
  });

  it('an execution role reading the whole prefix fails the undeclared-parameter row', () => {
    const broken = breakPolicy('aws_iam_role_policy.execution', (document) => {
      document.Statement.find((s) => s.Sid === 'ReadSecretParameters')!.Resource = parameter('/compute/*');
    });
    expect(failingRows(broken, executionRows())).toEqual([
      'execution role cannot read an undeclared parameter under the prefix (expected denied, got allowed)',
      'execution role cannot read the WARP connector token (expected denied, got allowed)',
    ]);
  });

  it('the README policy with ":*" only fails the bare-name rows, and the linter names a bad resource', async () => {
    const policy = readmeBatchPolicy();
    const submit = policy.Statement.find((s) => s.Sid === 'SubmitComputeJobs')!;
    submit.Resource = (submit.Resource as string[]).map((r) => r.replace(/job-definition\/compute-\*$/, 'job-definition/compute-*:*'));
    const failing = failingRows(stack, batchPolicyRows(policy));
    expect(failing).toContain(`:batch submits ${catalog.schedules[0].name} to test by bare name (expected allowed, got implicit deny)`);
    expect(failing.every((row) => row.includes('by bare name'))).toBe(true);

    policy.Statement.push({ Sid: 'Wrong', Effect: 'Allow', Action: 'batch:DescribeJobs', Resource: batch('job/*') });
    policy.Statement.push({ Sid: 'Typo', Effect: 'Allow', Action: 'batch:SubmitJobs', Resource: '*' });
    expect(await lintPolicies([{ kind: 'identity', source: 'broken', attachedTo: 'developer', document: policy }])).toEqual([
      `broken Wrong: resource ${batch('job/*')} matches no ARN format of batch:DescribeJobs`,
      'broken Wrong: batch:DescribeJobs supports no resource-level permissions: it needs Resource "*"',
      'broken Typo: action "batch:SubmitJobs" matches no action of batch',
    ]);
  });
});

describe('authorization with Secrets Manager secrets and constructed catalogs', () => {
  it('lets the execution role read a Secrets Manager secret by its ARN, whatever JSON key or version the job asks for', async () => {
    const secretArn = 'arn:aws:secretsmanager:us-east-1:123456789012:secret:compute/db-AbCdEf';
    const constructed = catalogOf(
      { a: validScheduleInput({ secrets: ['DB_PASSWORD', 'API_TOKEN'] }) },
      { ...SMALL_ONLY, secrets: { parameterPrefix: '/compute/', arns: { DB_PASSWORD: `${secretArn}:password::` } } },
    );
    const synth = synthInto(constructed);
    const resolved = resolveStack(synth.doc);
    synth.cleanup();
    expect(await lintPolicies(resolved.policies)).toEqual([]);
    const caller = { role: 'execution' };
    expect(
      failingRows(resolved, [
        { name: 'reads the secret', caller, action: 'secretsmanager:GetSecretValue', resources: [secretArn], expect: 'allowed' },
        { name: 'reads the SSM secret', caller, action: 'ssm:GetParameters', resources: [parameter('/compute/API_TOKEN')], expect: 'allowed' },
        { name: 'cannot read the SSM parameter the override replaced', caller, action: 'ssm:GetParameters', resources: [parameter('/compute/DB_PASSWORD')], expect: 'denied' },
        { name: 'cannot read another secret', caller, action: 'secretsmanager:GetSecretValue', resources: [secretArn.replace('db-AbCdEf', 'other-XyZ123')], expect: 'denied' },
      ]),
    ).toEqual([]);
  });
});
