/**
 * --container against a real Docker engine: what the job definition promises must hold in
 * `docker run` too. Images are built here from busybox-static with `docker import` (no
 * registry needed). Skipped, saying why, when no engine answers; COMPUTE_REQUIRE_DOCKER=1
 * (set by .ci/run after starting one) turns that into a failure.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync, copyFileSync, existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JOB_INIT_PROCESS_ENABLED, type Schedule, type ScheduleFileInput } from '@compute/schedule';
import { captureIO } from '../testing/capture-io';
import { catalogOf, scheduleOf, withTimeout } from '@compute/schedule/testing';
import { scheduleFile } from '../testing/catalog-fixture';
import { isContainerStartFailure } from './docker';
import { runLocally, type RunLocallyOptions } from './run-locally';

const BUSYBOX = ['/bin/busybox', '/usr/bin/busybox'].find((path) => existsSync(path));
const engineAnswers = spawnSync('docker', ['version', '--format', '{{.Server.Version}}'], { timeout: 15_000 }).status === 0;
const ready = engineAnswers && BUSYBOX !== undefined;
const why = !engineAnswers ? 'no Docker engine answers `docker version`' : 'no busybox-static (/bin/busybox) to build test images from';

if (!ready) {
  if (process.env.COMPUTE_REQUIRE_DOCKER === '1') {
    throw new Error(`COMPUTE_REQUIRE_DOCKER=1 but ${why}`);
  }
  console.warn(`Skipping the real-Docker tests of --container: ${why}. Install docker.io and busybox-static and start dockerd (as .ci/run does) to run them.`);
}

const describeDocker = ready ? describe : describe.skip;

// A container takes a second or more to start on a busy machine.
jest.setTimeout(120_000);

const IMAGE = 'compute-test/runner-busybox:1';
const ENTRYPOINT_IMAGE = 'compute-test/runner-entrypoint:1';
const USER_IMAGE = 'compute-test/runner-user:1';
const APPLETS = ['sh', 'echo', 'env', 'sleep', 'cat', 'pwd', 'ls', 'id', 'wget', 'hostname', 'test', 'true'];

/** A root filesystem with busybox and a file of the image's own, imported with the given Dockerfile instructions. */
function importImage(tag: string, changes: string[]): void {
  const rootfs = mkdtempSync(join(tmpdir(), 'compute-rootfs-'));
  try {
    mkdirSync(join(rootfs, 'bin'));
    mkdirSync(join(rootfs, 'work'));
    mkdirSync(join(rootfs, 'tmp'));
    copyFileSync(BUSYBOX!, join(rootfs, 'bin', 'busybox'));
    chmodSync(join(rootfs, 'bin', 'busybox'), 0o755);
    for (const applet of APPLETS) symlinkSync('busybox', join(rootfs, 'bin', applet));
    writeFileSync(join(rootfs, 'work', 'data.txt'), 'shipped in the image\n');
    const tar = spawnSync('tar', ['-C', rootfs, '-c', '.'], { maxBuffer: 64 * 1024 * 1024 });
    execFileSync('docker', ['import', ...changes.flatMap((c) => ['-c', c]), '-', tag], { input: tar.stdout, stdio: ['pipe', 'ignore', 'pipe'] });
  } finally {
    rmSync(rootfs, { recursive: true, force: true });
  }
}

/** This host's hard open-file limit: a container cannot be given more than the engine may grant. */
function hostNofileHardLimit(): number {
  const line = readFileSync('/proc/self/limits', 'utf8').split('\n').find((l) => l.startsWith('Max open files'));
  const hard = line?.trim().split(/\s+/)[4];
  return hard && /^\d+$/.test(hard) ? Number(hard) : 1024;
}

const ARCH = process.arch === 'arm64' ? 'arm64' : 'x86_64';
const CONFIG = {
  namePrefix: 'compute',
  image: IMAGE,
  environments: {
    box: { architecture: ARCH, instanceTypes: ['c6i.large'], instanceShape: { vcpus: 2, memoryMiB: 4096 } },
  },
  sizes: {
    box: { vcpus: 1, memoryMiB: 256, environment: 'box' },
    // Below docker's 6 MiB minimum: the engine refuses the container (exit 125).
    tiny: { vcpus: 1, memoryMiB: 4, environment: 'box' },
  },
} as const;

let root: string;
const NOFILE = Math.min(65_536, hostNofileHardLimit());

function job(overrides: Partial<ScheduleFileInput>): Schedule {
  return scheduleOf(catalogOf({ job: scheduleFile({ size: 'box', ...overrides }) }, CONFIG as never), 'job');
}

async function run(schedule: Schedule, { env, ...options }: Partial<RunLocallyOptions> & { env?: NodeJS.ProcessEnv } = {}) {
  const out = captureIO(env ?? { PATH: process.env.PATH ?? '', ...(process.env.DOCKER_HOST ? { DOCKER_HOST: process.env.DOCKER_HOST } : {}) });
  const catalog = catalogOf({ job: scheduleFile({ size: 'box' }) }, CONFIG as never);
  const started = Date.now();
  const result = await runLocally({
    workspaceRoot: root,
    catalog,
    schedule,
    container: true,
    io: out.io,
    jobId: `local-${Math.random().toString(16).slice(2, 10)}`,
    killGraceMs: 1500,
    ulimits: [{ name: 'nofile', softLimit: NOFILE, hardLimit: NOFILE }],
    ...options,
  });
  return { result, out, elapsedMs: Date.now() - started };
}

describeDocker('--container on a real Docker engine', () => {
  beforeAll(() => {
    importImage(IMAGE, ['WORKDIR /work', 'ENV PATH=/bin']);
    importImage(ENTRYPOINT_IMAGE, ['WORKDIR /work', 'ENV PATH=/bin', 'ENTRYPOINT ["/bin/echo", "entrypoint got:"]']);
    importImage(USER_IMAGE, ['WORKDIR /work', 'ENV PATH=/bin', 'USER 1000:1000']);
  }, 60_000);

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'runner-docker-'));
    writeFileSync(join(root, 'only-in-the-workspace.txt'), 'not in the image\n');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("runs in the image's WORKDIR with the image's files, and the workspace is not there", async () => {
    const { result, out } = await run(job({ command: ['sh', '-c', 'pwd; cat data.txt; ls /workspace only-in-the-workspace.txt 2>/dev/null || echo no-workspace'] }));
    expect(out.stdout()).toBe('/work\nshipped in the image\nno-workspace\n');
    expect(result).toEqual({ success: true, exitCode: 0 });
  });

  it('mounts the workspace only with mountWorkspace', async () => {
    const { out } = await run(job({ command: ['sh', '-c', 'pwd; cat only-in-the-workspace.txt'] }), { mountWorkspace: true });
    expect(out.stdout()).toBe('/workspace\nnot in the image\n');
  });

  it("keeps the image's entrypoint (the command is its arguments) and its USER", async () => {
    const withEntrypoint = await run(job({ image: ENTRYPOINT_IMAGE, command: ['run', '--fast'] }));
    expect(withEntrypoint.out.stdout()).toBe('entrypoint got: run --fast\n');
    const withUser = await run(job({ image: USER_IMAGE, command: ['id', '-u'] }));
    expect(withUser.out.stdout()).toBe('1000\n');
  });

  it('shares the host network, as Batch on ECS-EC2 does', async () => {
    const server: Server = createServer((_req, res) => res.end('reached the host\n'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const { out } = await run(job({ command: ['wget', '-q', '-O', '-', `http://127.0.0.1:${port}/`] }));
      expect(out.stdout()).toBe('reached the host\n');
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('limits CPU by shares, memory without swap, and open files as the job definition does', async () => {
    const jobId = 'local-limits';
    const probe = [
      'ulimit -n',
      // cgroup v2, else v1
      'cat /sys/fs/cgroup/memory.max 2>/dev/null || cat /sys/fs/cgroup/memory/memory.limit_in_bytes',
      'sleep 5',
    ].join('; ');
    const running = run(job({ command: ['sh', '-c', probe] }), { jobId });
    let hostConfig: Record<string, unknown> | undefined;
    for (let i = 0; i < 300 && !hostConfig; i++) {
      const inspect = spawnSync('docker', ['inspect', '--format', '{{json .HostConfig}}', `compute-job-${jobId}-1`], { encoding: 'utf8' });
      if (inspect.status === 0) hostConfig = JSON.parse(inspect.stdout);
      else await new Promise((r) => setTimeout(r, 50));
    }
    const { out, result } = await running;
    expect(result.success).toBe(true);
    expect(out.stdout().split('\n').slice(0, 2)).toEqual([String(NOFILE), String(256 * 1024 * 1024)]);
    expect(hostConfig).toMatchObject({
      CpuShares: 1024,
      Memory: 256 * 1024 * 1024,
      MemorySwap: 256 * 1024 * 1024,
      NetworkMode: 'host',
      Init: true,
      Ulimits: [{ Name: 'nofile', Soft: NOFILE, Hard: NOFILE }],
    });
  });

  it('sends SIGTERM to a trapping job at the timeout, then SIGKILL after the grace period, and removes the container', async () => {
    const jobId = 'local-sigterm';
    const script = 'trap "echo got SIGTERM; sleep 60; echo survived" TERM; echo ready; while true; do sleep 1; done';
    const { result, out, elapsedMs } = await run(withTimeout(job({ command: ['sh', '-c', script] }), 2), { jobId, killGraceMs: 2000 });
    expect(out.stdout()).toBe('ready\ngot SIGTERM\n');
    expect(result.success).toBe(false);
    expect(out.stderr()).toContain('timed out after 2 s');
    // 2 s timeout + 2 s grace, and well before the trap's 60 s sleep would end.
    expect(elapsedMs).toBeGreaterThanOrEqual(4000);
    expect(elapsedMs).toBeLessThan(45_000);
    const left = spawnSync('docker', ['ps', '-a', '--filter', `name=compute-job-${jobId}`, '--format', '{{.Names}}'], { encoding: 'utf8' });
    expect(left.stdout.trim()).toBe('');
  });

  it('does not count the image pull against the timeout', async () => {
    // A docker that has to "pull" for 9 s (longer than the 8 s timeout) before the image exists;
    // the timeout leaves room for a container that starts slowly on a busy machine.
    const bin = join(root, 'bin');
    mkdirSync(bin);
    const realDocker = execFileSync('sh', ['-c', 'command -v docker'], { encoding: 'utf8' }).trim();
    const pulled = `compute-test/runner-pulled-${Date.now()}:1`;
    writeFileSync(
      join(bin, 'docker'),
      [
        '#!/bin/sh',
        `if [ "$1" = pull ]; then sleep 9; exec "${realDocker}" tag "${IMAGE}" "${pulled}"; fi`,
        `exec "${realDocker}" "$@"`,
        '',
      ].join('\n'),
    );
    chmodSync(join(bin, 'docker'), 0o755);
    try {
      const schedule = withTimeout(job({ image: pulled, command: ['sh', '-c', 'sleep 1; echo finished'] }), 8);
      const { result, out, elapsedMs } = await run(schedule, { env: { PATH: `${bin}:${process.env.PATH}` } });
      expect(out.stderr()).toContain(`pulled ${pulled}; the timeout starts with the container, not the pull`);
      expect({ stdout: out.stdout(), result }).toEqual({ stdout: 'finished\n', result: { success: true, exitCode: 0 } });
      expect(elapsedMs).toBeGreaterThanOrEqual(10_000);
    } finally {
      spawnSync('docker', ['rmi', pulled]);
    }
  });

  it('tells docker failing to start a container (127, not retried on Batch) from a command the init process cannot run', async () => {
    // Without an init process the engine itself fails to start a missing command: Batch's
    // CannotStartContainerError. The real message must be recognised as docker's own.
    const bare = spawnSync('docker', ['run', '--rm', '--network', 'host', IMAGE, 'no-such-command'], { encoding: 'utf8' });
    expect(bare.status).toBe(127);
    expect(isContainerStartFailure(127, bare.stderr)).toBe(true);
    // The job definitions enable the init process (JOB_INIT_PROCESS_ENABLED): the container
    // starts, the init process reports the missing command and exits 127, and Batch retries
    // that exit code like any other. So does the local run.
    expect(JOB_INIT_PROCESS_ENABLED).toBe(true);
    const { result, out } = await run(job({ command: ['no-such-command'], attempts: 2 }), { attempts: 2 });
    expect(result).toEqual({ success: false, exitCode: 127 });
    expect(out.stderr()).not.toContain('CannotStartContainerError');
    expect(out.stderr()).toContain('retrying (attempt 2 of 2)');
    expect(isContainerStartFailure(127, out.stderr())).toBe(false);
  });

  it('does not retry when the engine refuses the container (125: memory below its minimum)', async () => {
    const { result, out } = await run(job({ size: 'tiny', command: ['true'], attempts: 2 }), { attempts: 2 });
    expect(result).toEqual({ success: false, exitCode: 125 });
    expect(out.stderr()).toContain('CannotStartContainerError');
    expect(out.stderr()).not.toContain('cannot grant');
    expect(out.stderr()).not.toContain('retrying');
  });

  it('says what to change when the engine cannot grant the ulimits, instead of lowering them', async () => {
    // Above this host's hard limit: engines in sandboxes (and hosts with a low nr_open) refuse it.
    const tooMany = hostNofileHardLimit() + 1;
    const ulimits = [{ name: 'nofile', softLimit: tooMany, hardLimit: tooMany }];
    const { result, out } = await run(job({ command: ['true'], attempts: 2 }), { attempts: 2, ulimits });
    if (result.success) {
      // An engine running with more privilege than this process grants it: nothing to explain.
      expect(out.stderr()).not.toContain('cannot grant');
    } else {
      expect(result).toEqual({ success: false, exitCode: 125 });
      expect(out.stderr()).toContain('CannotStartContainerError');
      expect(out.stderr()).toContain(`cannot grant the job definition's ulimits (nofile=${tooMany}:${tooMany})`);
      expect(out.stderr()).toContain('LimitNOFILE=1048576');
      expect(out.stderr()).not.toContain('retrying');
    }
  });

  it("retries the job's own exit code 127, as Batch does", async () => {
    const { result, out } = await run(job({ command: ['sh', '-c', 'echo try; exit 127'], attempts: 2 }), { attempts: 2 });
    expect(result).toEqual({ success: false, exitCode: 127 });
    expect(out.stdout()).toBe('try\ntry\n');
    expect(out.stderr()).toContain('retrying (attempt 2 of 2)');
  });
});
