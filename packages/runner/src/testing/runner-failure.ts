import { isRunnerError } from '../errors';

/**
 * The RunnerError `promise` rejects with. Anything else fails the test: resolving,
 * or rejecting with another error (rethrown as is, so the test shows the real cause).
 */
export async function runnerFailure(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (isRunnerError(error)) return error;
    throw error;
  }
  throw new Error('expected a RunnerError');
}
