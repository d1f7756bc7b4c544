import type { ComputeIO } from '@compute/runner';

/** How an executor ends. */
export type Outcome = { success: boolean };

/** Ends a run with `message` as a line on stderr. */
export function fail(io: Pick<ComputeIO, 'stderr'>, message: string): Outcome {
  io.stderr.write(`${message}\n`);
  return { success: false };
}
