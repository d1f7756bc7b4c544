import { spawnSync } from 'node:child_process';

export interface Sample {
  ms: number;
  /** Peak resident memory of the measured process, MiB, when known. */
  rssMiB?: number;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Times a function in this process: median of `runs` after one warm-up. */
export function timeInProcess(fn: () => unknown, runs: number): number {
  fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  return median(samples);
}

/**
 * Runs a node script as its own process and reads back what it reports on its last
 * stdout line: JSON `{ms, rssMiB}` measured inside the child (wall time of the whole
 * process is measured here too).
 */
export function runChild(script: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Sample & { wallMs: number } {
  const start = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['-r', '@swc-node/register', script, ...args], {
    cwd,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  if (result.status !== 0) throw new Error(`${script} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  const last = result.stdout.trim().split('\n').pop() ?? '{}';
  return { wallMs, ...(JSON.parse(last) as Sample) };
}

/** Wall time of a whole command, median of runs. */
export function timeCommand(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, runs: number, before?: () => void): number {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    before?.();
    const start = process.hrtime.bigint();
    const result = spawnSync(command, args, { cwd, env: { ...process.env, ...env }, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  }
  return median(samples);
}
