import { type AwsNames, type ComputeConfig, sortedRecord } from '@compute/schedule';
import type { Construct } from './cdktf';

/** What every part of the stack needs: where to add resources and the deployment's identity. */
export interface StackContext {
  scope: Construct;
  config: ComputeConfig;
  names: AwsNames;
  region: string;
  /** Terraform references to the account id and partition (aws, aws-cn, aws-us-gov). */
  account: string;
  partition: string;
  /** Compute's tags for places the provider's default_tags do not reach (instances, volumes). */
  baseTags: Record<string, string>;
}

/** Marks everything Compute deploys, on top of the tags from compute.json. */
export const MANAGED_BY_TAG = { 'managed-by': 'compute' } as const;

export function baseTags(config: Pick<ComputeConfig, 'tags'>): Record<string, string> {
  return sortedRecord({ ...config.tags, ...MANAGED_BY_TAG });
}

/** An ARN in the stack's account and region. */
export function regionalArn(ctx: StackContext, service: string, resource: string): string {
  return `arn:${ctx.partition}:${service}:${ctx.region}:${ctx.account}:${resource}`;
}
