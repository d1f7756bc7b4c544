export { RunnerError, isRunnerError } from './errors';
export { processIO } from './io';
export type { ComputeIO, Writer } from './io';
export { resolveQueue } from './queue';
export type { QueueTarget } from './queue';
export { shellWords } from './shell-words';
export { runLocally } from './local/run-locally';
export type { RunLocallyOptions, LocalRunResult, SignalSource } from './local/run-locally';
export type { SpawnFunction } from './local/process-group';
// Type-only from the SDK side: importing this module never loads the AWS SDK.
export { submitToBatch } from './batch/submit-to-batch';
export type { SubmitToBatchOptions, BatchSubmitResult, BatchOutcome } from './batch/submit-to-batch';
export type { BatchClient } from './batch/batch-sdk';
export { loadRoster, DEFAULT_ROSTER_TIMEOUT_MS } from './roster/load-roster';
export type { LoadRosterOptions } from './roster/load-roster';
export { readGitIdentity } from './roster/git-identity';
