/** Where text goes; process.stdout and process.stderr are two. */
export interface Writer {
  write(text: string): unknown;
}

/**
 * The outside world of the runner and of every executor: the clock, the caller's
 * environment and the two output streams. One shape everywhere, so a test injects
 * one thing and every part reads time and environment the same way.
 */
export interface ComputeIO {
  now: () => Date;
  env: NodeJS.ProcessEnv;
  stdout: Writer;
  stderr: Writer;
}

/** This process's clock, environment and streams. */
export function processIO(): ComputeIO {
  return { now: () => new Date(), env: process.env, stdout: process.stdout, stderr: process.stderr };
}

/** Writes one line of runner commentary (not job output) to stderr. */
export function say(io: Pick<ComputeIO, 'stderr'>, line: string): void {
  io.stderr.write(`${line}\n`);
}
