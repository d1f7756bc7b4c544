// Child process, the floor of synthesis: load the same catalog and write an equivalent
// Terraform JSON document (one job definition and one schedule per schedule, the
// resources that grow with N) with plain objects and JSON.stringify, no cdktf.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { awsNames, buildSubmitJobRequest, loadCatalog, toSchedulerInput } from '@compute/schedule';

const [workspace, outdir] = process.argv.slice(2);
const start = process.hrtime.bigint();
const { catalog } = loadCatalog(workspace, 'schedules');
const config = catalog!.config;
const names = awsNames(config);
const jobDefinitions: Record<string, unknown> = {};
const schedules: Record<string, unknown> = {};
for (const s of catalog!.schedules) {
  const d = s.definition;
  jobDefinitions[s.name] = {
    name: names.jobDefinition(s.name),
    type: 'container',
    platform_capabilities: ['EC2'],
    propagate_tags: true,
    container_properties: JSON.stringify({
      image: d.image ?? config.image,
      command: d.command,
      jobRoleArn: `\${data.aws_iam_role.${d.awsRole}.arn}`,
      executionRoleArn: '${aws_iam_role.execution.arn}',
      resourceRequirements: [
        { type: 'VCPU', value: String(s.size.vcpus) },
        { type: 'MEMORY', value: String(s.size.memoryMiB) },
      ],
      environment: Object.entries(d.environment).map(([name, value]) => ({ name, value })),
      secrets: d.secrets.map((name) => ({ name, valueFrom: `arn:aws:ssm:${config.region}:\${data.aws_caller_identity.current.account_id}:parameter${config.secrets.parameterPrefix}${name}` })),
      logConfiguration: { logDriver: 'awslogs', options: { 'awslogs-group': '${aws_cloudwatch_log_group.jobs.name}', 'awslogs-region': config.region, 'awslogs-stream-prefix': s.name } },
    }),
    retry_strategy: { attempts: d.attempts, evaluate_on_exit: [{ action: 'retry', on_status_reason: 'Host EC2*' }, { action: 'retry', on_exit_code: '*' }, { action: 'exit', on_reason: '*' }] },
    timeout: { attempt_duration_seconds: d.timeout },
    tags: { ...d.tags, 'compute:schedule': s.name },
  };
  schedules[s.name] = {
    name: names.schedule(s.name),
    group_name: '${aws_scheduler_schedule_group.schedules.name}',
    description: d.meta.description,
    schedule_expression: d.scheduleExpression.source,
    schedule_expression_timezone: d.timezone,
    state: d.enabled ? 'ENABLED' : 'DISABLED',
    flexible_time_window: { mode: 'OFF' },
    depends_on: [`aws_batch_job_definition.${s.name}`],
    target: {
      arn: 'arn:aws:scheduler:::aws-sdk:batch:submitJob',
      role_arn: '${aws_iam_role.scheduler.arn}',
      input: JSON.stringify(toSchedulerInput(buildSubmitJobRequest(s, config))),
      retry_policy: { maximum_event_age_in_seconds: config.scheduler.maximumEventAgeSeconds, maximum_retry_attempts: config.scheduler.maximumRetryAttempts },
      dead_letter_config: { arn: '${aws_sqs_queue.dead_letters.arn}' },
    },
  };
}
const doc = {
  terraform: { required_providers: { aws: { source: 'hashicorp/aws', version: '6.25.0' } } },
  provider: { aws: [{ region: config.region }] },
  resource: { aws_batch_job_definition: jobDefinitions, aws_scheduler_schedule: schedules },
};
mkdirSync(join(outdir, 'stacks', 'compute'), { recursive: true });
writeFileSync(join(outdir, 'stacks', 'compute', 'cdk.tf.json'), `${JSON.stringify(doc, null, 2)}\n`);
const ms = Number(process.hrtime.bigint() - start) / 1e6;
console.log(JSON.stringify({ ms, rssMiB: process.resourceUsage().maxRSS / 1024 }));
