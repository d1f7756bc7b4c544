export { synthesize, synthesizeDocument, SynthesisError, MAX_PROPAGATED_TAGS } from './synth';
export type { SynthesizeOptions, SynthesizeDocumentOptions, SynthesisResult, SynthesisSummary } from './synth';
export * from './deploy';
export { buildUserData, contentTypeFor, USER_DATA_BOUNDARY, USER_DATA_LIMIT_BYTES } from './user-data';
export type { InitDataFile, UserData } from './user-data';
export { diffTerraform } from './diff/terraform-diff';
export type { AddressedPermission, AttributeChange, InfrastructureDiff, Permission, ResourceChange, TerraformDocument } from './diff/terraform-diff';
export { stackDocument } from './diff/stack-document';
export type { StackDocumentOptions } from './diff/stack-document';
