import type { ComputeIO } from '../io';

/** An IO that records what the runner writes; its environment is `env` (default this process's), its clock the real one. */
export function captureIO(env: NodeJS.ProcessEnv = process.env) {
  let stdout = '';
  let stderr = '';
  const io: ComputeIO = {
    now: () => new Date(),
    env,
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
