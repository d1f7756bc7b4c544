/** Where the runner writes. Injectable so tests capture output without touching the process streams. */
export interface RunnerIO {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
}

export const processIO: RunnerIO = {
  stdout: process.stdout,
  stderr: process.stderr,
};

/** Writes one line of runner commentary (not job output) to stderr. */
export function say(io: RunnerIO, line: string): void {
  io.stderr.write(`${line}\n`);
}
