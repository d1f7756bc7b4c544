/**
 * An error in what the user asked for (a bad option, an existing file), not a
 * crash: Nx prints its message and, because it carries no stack, does not add
 * "Pass --verbose to see the stacktrace".
 */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
    this.stack = '';
  }
}
