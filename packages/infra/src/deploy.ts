/**
 * What deploy needs once the stack is written: running terraform and naming the
 * stack. A separate entry point (`@compute/infra/deploy`) because the package's
 * main one loads cdktf and the AWS provider's constructs (about a second), which a
 * deploy whose synthesis came from Nx's cache never uses. Nothing here may import cdktf.
 */
export { runTerraform, findExecutable, TerraformNotFoundError } from './terraform';
export type { TerraformAction, TerraformOptions, TerraformResult, SpawnLike } from './terraform';
export { stackName } from './names';
