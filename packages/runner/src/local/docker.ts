import { execFile, spawn } from 'node:child_process';
import { JOB_INIT_PROCESS_ENABLED, JOB_ULIMITS } from '@compute/schedule';
import { RunnerError } from '../errors';
import type { Environment } from './job-environment';

/** Where `--mount-workspace` puts the workspace inside the container (a development option). */
export const CONTAINER_WORKSPACE = '/workspace';

/** Batch turns a VCPU requirement into ECS cpu units, 1024 per vCPU: a relative weight (cpu shares), not a cap. */
export const CPU_SHARES_PER_VCPU = 1024;

export interface Ulimit {
  name: string;
  softLimit: number;
  hardLimit: number;
}

export interface DockerRunSpec {
  image: string;
  containerName: string;
  architecture: 'arm64' | 'x86_64';
  vcpus: number;
  memoryMiB: number;
  /** Names only: docker copies each value from its own environment, so values never appear in argv. */
  variableNames: readonly string[];
  /** Mount this folder at /workspace and run there, instead of the image's WORKDIR (development only). */
  mountWorkspace?: string;
  /** The job definition's ulimits; default the shared container contract's. */
  ulimits?: readonly Ulimit[];
  command: readonly string[];
}

/**
 * The `docker run` arguments for one attempt, as the job definition runs it on ECS:
 * the image's own WORKDIR, USER and ENTRYPOINT (never overridden; the command is the
 * container's CMD), host networking, CPU as a weight, memory as a hard limit without
 * swap, the same ulimits and init process. The image was pulled before, so the
 * attempt's clock starts with the container, as Batch's does.
 */
export function dockerRunArguments(spec: DockerRunSpec): string[] {
  return [
    'run',
    '--rm',
    ...(JOB_INIT_PROCESS_ENABLED ? ['--init'] : []),
    '--name',
    spec.containerName,
    '--platform',
    dockerPlatform(spec.architecture),
    '--pull',
    'never',
    '--network',
    'host',
    '--cpu-shares',
    String(spec.vcpus * CPU_SHARES_PER_VCPU),
    '--memory',
    `${spec.memoryMiB}m`,
    '--memory-swap',
    `${spec.memoryMiB}m`,
    ...(spec.ulimits ?? JOB_ULIMITS).flatMap((u) => ['--ulimit', `${u.name}=${u.softLimit}:${u.hardLimit}`]),
    ...spec.variableNames.flatMap((name) => ['-e', name]),
    ...(spec.mountWorkspace ? ['-v', `${spec.mountWorkspace}:${CONTAINER_WORKSPACE}`, '-w', CONTAINER_WORKSPACE] : []),
    spec.image,
    ...spec.command,
  ];
}

export function dockerPlatform(architecture: 'arm64' | 'x86_64'): string {
  return architecture === 'arm64' ? 'linux/arm64' : 'linux/amd64';
}

/** Docker container names allow [a-zA-Z0-9][a-zA-Z0-9_.-]*. */
export function containerName(parts: readonly (string | number)[]): string {
  return parts
    .map(String)
    .join('-')
    .replace(/[^a-zA-Z0-9_.-]/g, '-');
}

const NOT_ON_PATH = Symbol('docker not on PATH');

/** Fails with a clear message unless `docker` is on PATH and can reach an engine. */
export async function assertDockerUsable(env: Environment, timeoutMs = 20_000): Promise<void> {
  // Node looks `docker` up on the PATH of `env` and reports ENOENT when it is not there, so no PATH scan of our own.
  const failure = await new Promise<string | typeof NOT_ON_PATH | undefined>((resolve) => {
    execFile('docker', ['version'], { env: env as NodeJS.ProcessEnv, timeout: timeoutMs }, (error, _stdout, stderr) => {
      if (!error) return resolve(undefined);
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return resolve(NOT_ON_PATH);
      const reason = firstLine(String(stderr)) ?? (error.killed ? `no answer within ${Math.round(timeoutMs / 1000)} s` : error.message);
      resolve(reason);
    });
  });
  if (failure === NOT_ON_PATH) {
    throw new RunnerError(
      '--container needs Docker, but no `docker` executable is on PATH. Install Docker (or add it to PATH), or run without --container.',
    );
  }
  if (failure !== undefined) {
    throw new RunnerError(
      `--container needs a running Docker engine, but \`docker version\` failed: ${failure}\n  Start Docker (or point DOCKER_HOST at an engine) and run again, or run without --container.`,
    );
  }
}

function firstLine(text: string): string | undefined {
  return text
    .split('\n')
    .map((line) => line.trim())
    .find((line) => line.length > 0);
}

/** Exit codes of `docker run` itself: 125 the daemon failed, 126 the command cannot be invoked, 127 not found. */
const DOCKER_OWN_EXIT_CODES = new Set([125, 126, 127]);

/**
 * Whether a failed `docker run` failed to start the container rather than the job failing:
 * Batch reports that as CannotStartContainerError / CannotPullContainerError, a reason the
 * retry rules do not retry. A job may itself exit 125-127, so docker's own message decides.
 */
export function isContainerStartFailure(exitCode: number, dockerStderr: string): boolean {
  return DOCKER_OWN_EXIT_CODES.has(exitCode) && /^docker: /m.test(dockerStderr);
}

/**
 * What to do about a container docker could not start, when its message says more than
 * the exit code: the engine refusing the job definition's ulimits (a host whose own
 * open-files limit is below the 1,048,576 that ECS hosts grant) is a host setting, not a
 * job failure, and lowering the job's limits would make the local run differ from Batch.
 */
export function containerStartHint(dockerStderr: string, ulimits: readonly Ulimit[] = JOB_ULIMITS): string | undefined {
  if (!/setting rlimit|rlimit[^\n]*operation not permitted/i.test(dockerStderr)) return undefined;
  const limits = ulimits.map((u) => `${u.name}=${u.softLimit}:${u.hardLimit}`).join(', ');
  return (
    `the Docker engine cannot grant the job definition's ulimits (${limits}), which AWS Batch's ECS hosts grant. ` +
    `Raise the engine's own limit and run again: for systemd, a drop-in for docker.service with LimitNOFILE=1048576 ` +
    `(then \`systemctl daemon-reload && systemctl restart docker\`); for a dockerd started by hand, \`ulimit -Hn 1048576\` in its shell first`
  );
}

export interface PullOutcome {
  pulled: boolean;
  /** Set when the image is neither present nor pullable. */
  error?: string;
}

/**
 * Makes the image present before the first attempt, so its pull never counts against the
 * timeout (Batch starts the attempt's clock after the pull). An image already present is
 * used as is, as a host with the image cached does.
 */
export async function ensureImage(
  image: string,
  platform: string,
  env: Record<string, string>,
  onProgress: (chunk: Buffer) => void,
): Promise<PullOutcome> {
  const present = await runDocker(['image', 'inspect', '--format', '{{.Id}}', image], env);
  if (present.code === 0) return { pulled: false };
  const pull = await runDocker(['pull', '--platform', platform, image], env, onProgress);
  if (pull.code === 0) return { pulled: true };
  return { pulled: false, error: firstLine(pull.stderr) ?? `docker pull exited with ${pull.code}` };
}

function runDocker(args: string[], env: Record<string, string>, onOutput?: (chunk: Buffer) => void): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn('docker', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => onOutput?.(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
      onOutput?.(chunk);
    });
    child.once('error', (error) => resolve({ code: 127, stderr: error.message }));
    child.once('close', (code) => resolve({ code: code ?? 1, stderr }));
  });
}
