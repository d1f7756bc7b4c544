import { z } from 'zod';
import { type ScheduleExpression, isValidTimeZone, parseScheduleExpression } from '../expression';
import { isoDate, isoDateTime, tagMap, variableName } from './common';

/** IAM role names: https://docs.aws.amazon.com/IAM/latest/APIReference/API_CreateRole.html */
const roleName = z.string().regex(/^[\w+=,.@-]{1,64}$/, { error: (issue) => roleNameMessage(issue.input) });

/** Says what is wrong with the value at hand: an empty role is not "an ARN". */
function roleNameMessage(value: unknown): string {
  const text = typeof value === 'string' ? value : '';
  if (text.trim() === '') return 'must not be empty: the name of the IAM role the job assumes, e.g. compute-report';
  if (text.startsWith('arn:')) return `must be the role's name, not its ARN: write "${text.slice(text.lastIndexOf('/') + 1)}"`;
  if (text.length > 64) return `is ${text.length} characters long; IAM role names have at most 64`;
  return 'must be an IAM role name: letters, digits and + = , . @ _ - only';
}

const username = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'must be a username (letters, digits, ".", "_" and "-")');

export const scheduleMetaSchema = z
  .strictObject({
    description: z.string().trim().min(25, 'must be at least 25 characters: say what the job does and why').describe('What the job does and why it exists (at least 25 characters).'),
    maintainers: z.array(username).min(1, 'needs at least one maintainer').describe('Usernames of the people who answer for this schedule; at least one must still have access (see the roster), and each who has not is a warning.'),
    lastReview: isoDate.describe('Day of the last review, YYYY-MM-DD; reviews are due every review interval (one month by default).'),
    requiredBy: z.array(z.string().trim().min(1, 'must not be empty')).min(1, 'needs at least one entry: who depends on this schedule').describe('Who or what depends on this schedule.'),
  })
  .describe('Ownership and review data.');

export const scheduleFileSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Path to this JSON Schema, for editor completion.'),
    enabled: z.boolean().default(true).describe('Disabled schedules are deployed in the DISABLED state.'),
    scheduleExpression: z
      .string()
      .regex(/^(cron|rate|at)\(.*\)$/s, 'must be cron(...), rate(...) or at(...)')
      // Parsed and compiled here, once: the validated schedule carries the result.
      .transform((source, ctx): ScheduleExpression => {
        const parsed = parseScheduleExpression(source);
        if (parsed.ok) return parsed.expression;
        for (const message of parsed.problems) ctx.issues.push({ code: 'custom', message, input: source });
        return z.NEVER;
      })
      .describe('AWS EventBridge Scheduler expression: cron(min hour day-of-month month day-of-week year), rate(n unit) or at(yyyy-mm-ddThh:mm:ss).'),
    timezone: z
      .string()
      .refine(isValidTimeZone, 'is not an IANA time zone name (for example UTC, Europe/Berlin, America/New_York)')
      .default('UTC')
      .describe('IANA time zone the expression is evaluated in; daylight saving time is honoured.'),
    flexibleWindowMinutes: z.int().min(1).max(1440).optional().describe('Let the scheduler start the job up to this many minutes late, to spread load (1-1440).'),
    startDate: isoDateTime.optional().describe('No run before this instant (ISO 8601 with zone).'),
    endDate: isoDateTime.optional().describe('No run after this instant (ISO 8601 with zone).'),
    command: z.array(z.string().min(1, 'command arguments must not be empty')).min(1, 'needs at least the program to run').describe('The container command; locally it runs from the workspace root.'),
    image: z.string().min(1).optional().describe("Container image; defaults to the image in compute.json. AWS Batch cannot override an image's ENTRYPOINT: the command is handed to it as arguments. Use an image without an entrypoint, or one whose entrypoint runs its arguments (docker-entrypoint.sh style)."),
    size: z.string().min(1).describe('A size name from compute.json (vCPUs, memory and compute environment).'),
    awsRole: roleName.describe('Name of the IAM role the job assumes (its job role).'),
    attempts: z.int().min(1, 'must be at least 1').max(10, 'must be at most 10 (the AWS Batch limit)').describe('Attempts per run (1-10); Spot interruptions and failures are retried up to this count.'),
    timeout: z.int().min(60, 'must be at least 60 seconds (the AWS Batch minimum)').describe('Seconds each attempt may run before it is stopped (at least 60).'),
    expectedDuration: z
      .int()
      .min(1, 'must be at least 1 second')
      .optional()
      .describe('Seconds a run usually takes (at most timeout). Load and cost estimates use it; without it they use timeout, an upper bound.'),
    parallel: z.int().min(1).max(10000, 'must be at most 10000 (the AWS Batch array limit)').default(1).describe('Above 1 the job runs as an array job of this many shards (AWS_BATCH_JOB_ARRAY_INDEX).'),
    environment: z.record(variableName, z.string()).default({}).describe('Non-secret environment variables, name to value.'),
    secrets: z
      .array(variableName)
      .default([])
      .refine((names) => new Set(names).size === names.length, 'lists a secret more than once')
      .describe('Names of secret variables: read from SSM Parameter Store / Secrets Manager on AWS and from your environment locally.'),
    tags: tagMap.default({}).describe('AWS tags for the job and its resources.'),
    meta: scheduleMetaSchema,
  })
  .superRefine((value, ctx) => {
    for (const name of value.secrets ?? []) {
      if (value.environment && name in value.environment) {
        ctx.addIssue({ code: 'custom', path: ['secrets'], message: `"${name}" is both a secret and a plain environment variable; keep it in one place` });
      }
    }
    if (value.startDate && value.endDate && Date.parse(value.startDate) >= Date.parse(value.endDate)) {
      ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'must be after startDate' });
    }
    if (value.expectedDuration !== undefined && typeof value.timeout === 'number' && value.expectedDuration > value.timeout) {
      ctx.addIssue({ code: 'custom', path: ['expectedDuration'], message: `is ${value.expectedDuration} seconds, longer than timeout (${value.timeout}): a run would be stopped first; lower it or raise timeout` });
    }
    const maintainers = value.meta?.maintainers ?? [];
    if (new Set(maintainers).size !== maintainers.length) {
      ctx.addIssue({ code: 'custom', path: ['meta', 'maintainers'], message: 'lists a maintainer more than once' });
    }
  })
  .describe('One Compute schedule: a command run on AWS Batch on a schedule. The schedule name is the file name.');

/** A schedule file as written (defaults optional). */
export type ScheduleFileInput = z.input<typeof scheduleFileSchema>;
/** A validated schedule file with defaults applied and its expression compiled. */
export type ScheduleFile = z.output<typeof scheduleFileSchema>;
