/**
 * A failure the person running the command can act on. Its message is printed
 * as is (no stack trace); anything else that escapes the runner is a bug.
 */
export class RunnerError extends Error {
  override readonly name = 'RunnerError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

export function isRunnerError(error: unknown): error is RunnerError {
  return error instanceof RunnerError || (error instanceof Error && error.name === 'RunnerError');
}
