import { execFile } from 'node:child_process';
import { RunnerError } from '../errors';
import type { Environment } from './job-environment';

/** Where the workspace appears inside the container; the command runs from there. */
export const CONTAINER_WORKSPACE = '/workspace';

export interface DockerRunSpec {
  image: string;
  containerName: string;
  architecture: 'arm64' | 'x86_64';
  vcpus: number;
  memoryMiB: number;
  /** Names only: docker copies each value from its own environment, so values never appear in argv. */
  variableNames: readonly string[];
  workspaceRoot: string;
  command: readonly string[];
}

/** The `docker run` arguments for one attempt: the job's image, size limits and environment contract. */
export function dockerRunArguments(spec: DockerRunSpec): string[] {
  return [
    'run',
    '--rm',
    // A real init as PID 1 forwards SIGTERM to the command, as the ECS agent's stop does.
    '--init',
    '--name',
    spec.containerName,
    '--platform',
    dockerPlatform(spec.architecture),
    '--cpus',
    String(spec.vcpus),
    '--memory',
    `${spec.memoryMiB}m`,
    ...spec.variableNames.flatMap((name) => ['-e', name]),
    '-v',
    `${spec.workspaceRoot}:${CONTAINER_WORKSPACE}`,
    '-w',
    CONTAINER_WORKSPACE,
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
