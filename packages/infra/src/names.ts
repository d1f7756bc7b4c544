import type { ComputeConfig } from '@compute/schedule';

/**
 * Terraform-internal identifiers only. Every AWS name lives in `awsNames` of
 * @compute/schedule, so the stack, local submission and docs cannot drift apart.
 */

/** The Terraform stack, and its folder under stacks/. */
export function stackName(config: Pick<ComputeConfig, 'namePrefix'>): string {
  return config.namePrefix;
}
