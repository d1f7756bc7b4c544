import type { ComputeIO } from '@compute/runner';

/** The port for executor specs: the clock stopped at `now`, `env`, and what is written pushed to `out` and `err` (`out` when none). */
export function testIO(now: Date, out: string[], err: string[] = out, env: NodeJS.ProcessEnv = {}): ComputeIO {
  return { now: () => now, env, stdout: { write: (text: string) => out.push(text) }, stderr: { write: (text: string) => err.push(text) } };
}
