/**
 * What deploy needs once the stack is written: running terraform and naming the
 * stack. Imported alone (`@compute/infra/src/deploy`, published as such) because the
 * package index loads cdktf and the AWS provider's constructs, which a deploy whose
 * synthesis came from Nx's cache never uses. Nothing here may import cdktf.
 */
export { runTerraform, findExecutable, TerraformNotFoundError } from './terraform';
export type { TerraformAction, TerraformOptions, TerraformResult, SpawnLike } from './terraform';
export { stackName } from './names';
