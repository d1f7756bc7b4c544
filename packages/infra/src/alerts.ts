import {
  CloudwatchEventRule,
  CloudwatchEventTarget,
  CloudwatchMetricAlarm,
  declare,
  KmsAlias,
  KmsKey,
  SnsTopic,
  SnsTopicPolicy,
  SnsTopicSubscription,
} from './cdktf';
import { regionalArn, type StackContext } from './context';
import { policyDocument, type PolicyStatement } from './policy';
import { literal, terraformName } from './terraform-text';

export interface AlertsInput {
  /** Compute's queues: only their failed jobs alert. */
  queueArns: string[];
  deadLetterQueueName: string;
}

/** The known noise of the ECS agent failing to inspect a container that already ran. */
export const IGNORED_CONTAINER_REASON_PREFIX = 'CannotInspectContainerError';

/**
 * Failed jobs of Compute's queues as EventBridge sees them ("Batch Job State Change",
 * status FAILED, sent once the last attempt failed). Jobs whose container reason starts
 * with the ignored prefix are dropped; jobs with no container reason at all (failed
 * before a container ran) are kept. An array job alerts once: its children's events
 * carry `arrayProperties.index` and are dropped, the parent's (and plain jobs') have none.
 */
export function failedJobPattern(queueArns: string[]): Record<string, unknown> {
  return {
    source: ['aws.batch'],
    'detail-type': ['Batch Job State Change'],
    detail: {
      status: ['FAILED'],
      jobQueue: queueArns,
      arrayProperties: { index: [{ exists: false }] },
      container: {
        reason: [{ 'anything-but': { prefix: IGNORED_CONTAINER_REASON_PREFIX } }, { exists: false }],
      },
    },
  };
}

/** What the e-mail says: a JSON document whose first line is a sentence, then the facts and a console link. */
export function failureMessageTemplate(region: string): string {
  const console = `https://${region}.console.aws.amazon.com/batch/home?region=${region}#jobs/detail/<jobId>`;
  return [
    '{',
    '  "summary": "AWS Batch job <jobName> failed",',
    '  "job": "<jobName>",',
    '  "jobId": "<jobId>",',
    '  "queue": "<jobQueue>",',
    '  "status": "<status>",',
    '  "reason": "<statusReason>",',
    '  "containerReason": "<containerReason>",',
    '  "time": "<time>",',
    `  "console": "${console}"`,
    '}',
  ].join('\n');
}

export const FAILURE_INPUT_PATHS = {
  containerReason: '$.detail.container.reason',
  jobId: '$.detail.jobId',
  jobName: '$.detail.jobName',
  jobQueue: '$.detail.jobQueue',
  status: '$.detail.status',
  statusReason: '$.detail.statusReason',
  time: '$.time',
};

/**
 * Failure e-mail. The topic is encrypted with a customer managed key because the AWS
 * managed SNS key (alias/aws/sns) cannot be granted to EventBridge or CloudWatch, which
 * publish here. Subscriptions stay pending until each address confirms the e-mail AWS
 * sends; Terraform cannot delete a pending one (it just forgets it).
 */
export function buildAlerts(ctx: StackContext, input: AlertsInput): { topicArn: string } {
  const key = declare(KmsKey, ctx.scope, 'alerts', {
    description: 'Encrypts the Compute job failure topic',
    enableKeyRotation: true,
    deletionWindowInDays: 30,
    policy: policyDocument(alertKeyStatements(ctx, input.queueArns.length > 0)),
  });
  declare(KmsAlias, ctx.scope, 'alerts', { name: ctx.names.alertKeyAlias, targetKeyId: key.keyId });

  const topic = declare(SnsTopic, ctx.scope, 'alerts', { name: ctx.names.alertTopic, kmsMasterKeyId: key.arn });

  const rule = input.queueArns.length > 0 ? buildFailedJobRule(ctx, input.queueArns, topic.arn) : undefined;

  // Scheduler could not submit a job even after its retries: the run was lost.
  // Both alarms fire on the first bad datapoint of a 5-minute period and e-mail the topic.
  const onAnyInFiveMinutes = {
    period: 300,
    evaluationPeriods: 1,
    threshold: 0,
    comparisonOperator: 'GreaterThanThreshold',
    treatMissingData: 'notBreaching',
    alarmActions: [topic.arn],
  };
  const alarm = declare(CloudwatchMetricAlarm, ctx.scope, 'dead_letters', {
    alarmName: ctx.names.deadLetterAlarm,
    alarmDescription: `A schedule could not submit its job; the failed invocation waits in SQS queue ${ctx.names.deadLetterQueue}`,
    namespace: 'AWS/SQS',
    metricName: 'ApproximateNumberOfMessagesVisible',
    dimensions: { QueueName: input.deadLetterQueueName },
    statistic: 'Maximum',
    ...onAnyInFiveMinutes,
  });

  // The failure rule could not deliver to the topic (a broken key or topic policy, a deleted
  // topic). Routed to the same topic, which may be the broken part: the README names this
  // alarm as the first thing to check when failure e-mails stop.
  const deliveryAlarm = rule
    ? declare(CloudwatchMetricAlarm, ctx.scope, 'alert_delivery', {
        alarmName: ctx.names.alertDeliveryAlarm,
        alarmDescription: `The EventBridge rule ${ctx.names.alertRule} failed to deliver a failed-job event to the alert topic`,
        namespace: 'AWS/Events',
        metricName: 'FailedInvocations',
        dimensions: { RuleName: rule.name },
        statistic: 'Sum',
        ...onAnyInFiveMinutes,
      })
    : undefined;
  const alarmArns = deliveryAlarm ? [alarm.arn, deliveryAlarm.arn] : [alarm.arn];

  const publishers: PolicyStatement[] = [
    {
      Sid: 'ComputeAlarms',
      Effect: 'Allow',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: 'sns:Publish',
      Resource: topic.arn,
      Condition: { ArnEquals: { 'aws:SourceArn': alarmArns }, StringEquals: { 'aws:SourceAccount': ctx.account } },
    },
  ];
  if (rule) {
    publishers.unshift({
      Sid: 'FailedJobRule',
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: 'sns:Publish',
      Resource: topic.arn,
      // The rule's ARN names this account; it is what EventBridge documents for SNS targets.
      Condition: { ArnEquals: { 'aws:SourceArn': rule.arn } },
    });
  }
  declare(SnsTopicPolicy, ctx.scope, 'alerts', { arn: topic.arn, policy: policyDocument(publishers) });

  for (const email of [...new Set(ctx.config.alerts.emails)].sort()) {
    declare(SnsTopicSubscription, ctx.scope, terraformName(email), { topicArn: topic.arn, protocol: 'email', endpoint: literal(email) });
  }
  return { topicArn: topic.arn };
}

/**
 * The alert key's policy. A key policy's Resource is always "*": it means this key.
 * Publishers may use the key only for Compute's topic (SNS puts the topic ARN in the
 * encryption context). CloudWatch is further pinned to Compute's alarms of this
 * account; EventBridge cannot be: SNS documents that aws:SourceAccount and aws:SourceArn
 * are not supported in key policies for EventBridge-to-encrypted-topic delivery, and
 * would silently drop every failure e-mail. The ARNs are spelled out rather than
 * referenced because the topic and alarm are created after this key.
 */
export function alertKeyStatements(ctx: StackContext, withFailureRule = true): PolicyStatement[] {
  const root = `arn:${ctx.partition}:iam::${ctx.account}:root`;
  const onlyForTheTopic = { 'kms:EncryptionContext:aws:sns:topicArn': regionalArn(ctx, 'sns', ctx.names.alertTopic) };
  const publish = ['kms:Decrypt', 'kms:GenerateDataKey*'];
  return [
    // The default key policy: IAM policies of the account decide who administers the key.
    { Sid: 'AccountAdministersKey', Effect: 'Allow', Principal: { AWS: root }, Action: 'kms:*', Resource: '*' },
    {
      Sid: 'FailedJobRuleUsesKey',
      Effect: 'Allow',
      Principal: { Service: 'events.amazonaws.com' },
      Action: publish,
      Resource: '*',
      Condition: { StringEquals: onlyForTheTopic },
    },
    {
      Sid: 'ComputeAlarmsUseKey',
      Effect: 'Allow',
      Principal: { Service: 'cloudwatch.amazonaws.com' },
      Action: publish,
      Resource: '*',
      Condition: {
        StringEquals: { ...onlyForTheTopic, 'aws:SourceAccount': ctx.account },
        ArnEquals: {
          'aws:SourceArn': [ctx.names.deadLetterAlarm, ...(withFailureRule ? [ctx.names.alertDeliveryAlarm] : [])].map((name) => regionalArn(ctx, 'cloudwatch', `alarm:${name}`)),
        },
      },
    },
  ];
}

function buildFailedJobRule(ctx: StackContext, queueArns: string[], topicArn: string): CloudwatchEventRule {
  const rule = declare(CloudwatchEventRule, ctx.scope, 'job_failed', {
    name: ctx.names.alertRule,
    description: 'Compute jobs that failed (after their last attempt)',
    eventPattern: JSON.stringify(failedJobPattern(queueArns)),
  });
  declare(CloudwatchEventTarget, ctx.scope, 'job_failed', {
    rule: rule.name,
    targetId: ctx.names.alertRuleTarget,
    arn: topicArn,
    inputTransformer: { inputPaths: FAILURE_INPUT_PATHS, inputTemplate: failureMessageTemplate(ctx.region) },
  });
  return rule;
}
