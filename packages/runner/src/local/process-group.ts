import { spawn as nodeSpawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import { constants } from 'node:os';

const MAX_TIMER_MS = 2 ** 31 - 1;

export type SpawnFunction = (command: string, args: readonly string[], options: SpawnOptions) => ChildProcess;

export interface ProcessGroupOptions {
  command: string;
  args: readonly string[];
  cwd: string;
  env: Record<string, string>;
  /** Stop the whole group after this long (undefined: no limit). */
  timeoutMs?: number;
  /** Time between SIGTERM and SIGKILL when stopping. */
  killGraceMs: number;
  /**
   * Delivers the first stop signal instead of the default (a timeout signals the main
   * process, Ctrl-C the whole group); a container run asks docker to signal the container.
   */
  deliverStop?: (signal: NodeJS.Signals) => void;
  onStdout(chunk: Buffer): void;
  onStderr(chunk: Buffer): void;
  spawn?: SpawnFunction;
}

export interface ProcessGroupResult {
  /** Exit code, or 128 + signal number when the process died of a signal (as a shell reports it). */
  exitCode: number;
  signal?: NodeJS.Signals;
  timedOut: boolean;
  /** The signal someone asked to stop with (Ctrl-C), if any. */
  stoppedBy?: NodeJS.Signals;
  /** Set when the command could not be started at all. */
  spawnError?: NodeJS.ErrnoException;
}

export interface RunningProcessGroup {
  /** The main process's id, which is also the group's id; undefined if it did not start. */
  readonly pid: number | undefined;
  readonly done: Promise<ProcessGroupResult>;
  /** Forwards a signal (Ctrl-C) to the whole group and escalates to SIGKILL after the grace period; a second call kills at once. */
  stop(signal: NodeJS.Signals): void;
}

/**
 * Runs a command in its own process group, the way a container isolates a job:
 * a timeout or Ctrl-C reaches every descendant, and whatever the main process
 * leaves behind is killed when it exits (as when a container's init ends).
 */
export function startProcessGroup(options: ProcessGroupOptions): RunningProcessGroup {
  const spawn = options.spawn ?? (nodeSpawn as SpawnFunction);
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env,
    detached: true, // own process group: pgid = child.pid
    stdio: ['ignore', 'pipe', 'pipe'],
  });

  let timedOut = false;
  let stoppedBy: NodeJS.Signals | undefined;
  let stopping = false;
  let exited = false;
  const timers: NodeJS.Timeout[] = [];

  const signalGroup = (signal: NodeJS.Signals) => {
    if (child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // ESRCH: the group is already gone.
    }
  };

  const signalMain = (signal: NodeJS.Signals) => {
    if (child.pid === undefined) return;
    try {
      process.kill(child.pid, signal);
    } catch {
      // ESRCH: already gone.
    }
  };

  const stopGroup = (signal: NodeJS.Signals, scope: 'main' | 'group') => {
    if (exited) return;
    if (stopping) {
      signalGroup('SIGKILL');
      return;
    }
    stopping = true;
    if (options.deliverStop) options.deliverStop(signal);
    else if (scope === 'main') signalMain(signal);
    else signalGroup(signal);
    const kill = setTimeout(() => signalGroup('SIGKILL'), options.killGraceMs);
    kill.unref();
    timers.push(kill);
  };

  child.stdout?.on('data', options.onStdout);
  child.stderr?.on('data', options.onStderr);

  // Node fires longer timers at once (TimeoutOverflowWarning); a limit of weeks is no limit locally.
  if (options.timeoutMs !== undefined && options.timeoutMs <= MAX_TIMER_MS) {
    // As ECS stops a task: SIGTERM to the main process only (an init process forwards it to
    // its one child), then SIGKILL to everything after the grace period.
    const limit = setTimeout(() => {
      timedOut = true;
      stopGroup('SIGTERM', 'main');
    }, options.timeoutMs);
    timers.push(limit);
  }

  const done = new Promise<ProcessGroupResult>((resolve) => {
    let spawnError: NodeJS.ErrnoException | undefined;
    child.once('error', (error: NodeJS.ErrnoException) => {
      spawnError = error;
      if (child.pid === undefined) finish(null, null);
    });
    child.once('exit', (code, signal) => finish(code, signal));

    function finish(code: number | null, signal: NodeJS.Signals | null) {
      if (exited) return;
      exited = true;
      for (const timer of timers) clearTimeout(timer);
      // Leftover descendants die with the main process, as in a container.
      signalGroup('SIGKILL');
      const result: ProcessGroupResult = {
        exitCode: code ?? (signal ? 128 + (constants.signals[signal] ?? 0) : 1),
        timedOut,
        ...(signal ? { signal } : {}),
        ...(stoppedBy ? { stoppedBy } : {}),
        ...(spawnError ? { spawnError } : {}),
      };
      whenStreamsClosed(child).then(() => resolve(result));
    }
  });

  return {
    pid: child.pid,
    done,
    stop(signal) {
      stoppedBy ??= signal;
      stopGroup(signal, 'group');
    },
  };
}

/** Waits for the output pipes to drain, but not forever: a process that escaped the group may hold them. */
function whenStreamsClosed(child: ChildProcess): Promise<void> {
  const streams = [child.stdout, child.stderr].filter((s): s is NonNullable<typeof s> => s !== null && !s.destroyed && !s.readableEnded);
  if (streams.length === 0) return Promise.resolve();
  return new Promise((resolve) => {
    let open = streams.length;
    const closed = () => {
      open -= 1;
      if (open === 0) {
        clearTimeout(guard);
        resolve();
      }
    };
    const guard = setTimeout(() => {
      for (const stream of streams) stream.destroy();
      resolve();
    }, 2000);
    for (const stream of streams) stream.once('close', closed);
  });
}
