import { buildSubmitJobRequest, toSchedulerInput, type Schedule } from '@compute/schedule';
import { declare, SchedulerSchedule, SchedulerScheduleGroup, SqsQueue, SqsQueuePolicy, type ITerraformDependable } from './cdktf';
import type { StackContext } from './context';
import { buildSchedulerRole } from './iam';
import { policyDocument } from './policy';
import { literal } from './terraform-text';

/** EventBridge Scheduler's universal target for the Batch SubmitJob API (there is no templated Batch target). */
export const SUBMIT_JOB_TARGET = 'arn:aws:scheduler:::aws-sdk:batch:submitJob';

/** Failed invocations wait in the dead-letter queue as long as SQS allows (14 days). */
export const DEAD_LETTER_RETENTION_SECONDS = 14 * 24 * 3600;

/** Scheduler allows 512 characters of description. */
const DESCRIPTION_LIMIT = 512;

export interface SchedulerInput {
  /** The queues of the environments schedules run in. */
  queueArns: string[];
  /** Per schedule, what must exist before it first fires (its job definition and queue). */
  targets: Map<string, ITerraformDependable[]>;
}

export interface SchedulerRefs {
  deadLetterQueueArn: string;
  deadLetterQueueName: string;
  scheduleGroupName: string;
}

export function buildScheduler(ctx: StackContext, schedules: readonly Schedule[], input: SchedulerInput): SchedulerRefs {
  const group = declare(SchedulerScheduleGroup, ctx.scope, 'schedules', { name: ctx.names.scheduleGroup });

  const deadLetters = declare(SqsQueue, ctx.scope, 'dead_letters', {
    name: ctx.names.deadLetterQueue,
    sqsManagedSseEnabled: true,
    messageRetentionSeconds: DEAD_LETTER_RETENTION_SECONDS,
  });
  declare(SqsQueuePolicy, ctx.scope, 'dead_letters', {
    queueUrl: deadLetters.url,
    policy: policyDocument([
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 'sqs:*',
        Resource: deadLetters.arn,
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
    ]),
  });

  const roleArn = buildSchedulerRole(ctx, {
    scheduleGroupArn: group.arn,
    queueArns: input.queueArns,
    jobDefinitionNames: schedules.map((s) => ctx.names.jobDefinition(s.name)),
    deadLetterQueueArn: deadLetters.arn,
  });

  for (const schedule of schedules) {
    const d = schedule.definition;
    declare(SchedulerSchedule, ctx.scope, schedule.name, {
      name: ctx.names.schedule(schedule.name),
      groupName: group.name,
      description: literal([...d.meta.description].slice(0, DESCRIPTION_LIMIT).join('')),
      scheduleExpression: d.scheduleExpression.source,
      scheduleExpressionTimezone: d.timezone,
      state: d.enabled ? 'ENABLED' : 'DISABLED',
      flexibleTimeWindow:
        d.flexibleWindowMinutes !== undefined ? { mode: 'FLEXIBLE', maximumWindowInMinutes: d.flexibleWindowMinutes } : { mode: 'OFF' },
      ...(d.startDate ? { startDate: utcInstant(d.startDate) } : {}),
      ...(d.endDate ? { endDate: utcInstant(d.endDate) } : {}),
      target: {
        arn: SUBMIT_JOB_TARGET,
        roleArn,
        // The exact request `schedule_<name>:batch` submits by hand, from the shared builder.
        input: literal(JSON.stringify(schedulerInput(schedule, ctx))),
        // Small and explicit: SubmitJob has no idempotency token, so every retry risks a duplicate job.
        retryPolicy: {
          maximumRetryAttempts: ctx.config.scheduler.maximumRetryAttempts,
          maximumEventAgeInSeconds: ctx.config.scheduler.maximumEventAgeSeconds,
        },
        deadLetterConfig: { arn: deadLetters.arn },
      },
      dependsOn: input.targets.get(schedule.name) ?? [],
    });
  }
  return { deadLetterQueueArn: deadLetters.arn, deadLetterQueueName: deadLetters.name, scheduleGroupName: group.name };
}

export function schedulerInput(schedule: Schedule, ctx: Pick<StackContext, 'config'>): Record<string, unknown> {
  return toSchedulerInput(buildSubmitJobRequest(schedule, ctx.config));
}

/** Scheduler stores instants in UTC; writing them that way keeps plans free of spurious changes. */
export function utcInstant(isoDateTime: string): string {
  return new Date(isoDateTime).toISOString().replace(/\.000Z$/, 'Z');
}
