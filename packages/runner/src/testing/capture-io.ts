import type { RunnerIO } from '../io';

/** An IO that records what the runner writes. */
export function captureIO() {
  let stdout = '';
  let stderr = '';
  const io: RunnerIO = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
  };
  return {
    io,
    stdout: () => stdout,
    stderr: () => stderr,
    /** Both streams, stdout first: enough for "was it printed" assertions. */
    all: () => `${stdout}${stderr}`,
  };
}
