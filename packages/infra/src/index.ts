export { synthesize, SynthesisError, MAX_PROPAGATED_TAGS } from './synth';
export type { SynthesizeOptions, SynthesisResult, SynthesisSummary } from './synth';
export { runTerraform, findExecutable, TerraformNotFoundError } from './terraform';
export type { TerraformAction, TerraformOptions, TerraformResult, SpawnLike } from './terraform';
export { buildUserData, contentTypeFor, USER_DATA_BOUNDARY, USER_DATA_LIMIT_BYTES } from './user-data';
export type { InitDataFile, UserData } from './user-data';
