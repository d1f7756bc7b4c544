import { CloudwatchLogGroup, declare } from './cdktf';
import type { StackContext } from './context';

export interface LogGroupRef {
  name: string;
  arn: string;
}

/**
 * Where every job writes (awslogs driver). CloudWatch Logs encrypts log data at rest
 * with AWS managed keys by default; a customer managed key would need its own key policy
 * and is not worth it for job output that must never contain secrets anyway.
 */
export function buildLogGroup(ctx: StackContext): LogGroupRef {
  const group = declare(CloudwatchLogGroup, ctx.scope, 'jobs', {
    name: ctx.names.logGroup,
    retentionInDays: ctx.config.logs.retentionDays,
  });
  return { name: group.name, arn: group.arn };
}
