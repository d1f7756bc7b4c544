import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { findExecutable, runTerraform, type SpawnLike } from './terraform';

/**
 * A stand-in `terraform` on PATH: appends its arguments and working directory to a log,
 * and fails with exit code 3 when TF_STANDIN_FAIL names its subcommand.
 */
function standIn(dir: string): { bin: string; log: string } {
  const bin = join(dir, 'bin');
  const log = join(dir, 'terraform.log');
  mkdirSync(bin, { recursive: true });
  writeFileSync(
    join(bin, 'terraform'),
    ['#!/bin/sh', `echo "$(pwd)|$*" >> "${log}"`, 'if [ "$1" = "$TF_STANDIN_FAIL" ]; then exit 3; fi', 'exit 0', ''].join('\n'),
  );
  chmodSync(join(bin, 'terraform'), 0o755);
  return { bin, log };
}

const calls = (log: string) => readFileSync(log, 'utf8').trim().split('\n').map((line) => line.split('|'));

const describeOnPosix = process.platform === 'win32' ? describe.skip : describe;

describeOnPosix('runTerraform with a stand-in terraform', () => {
  let dir: string;
  let stackDir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'compute-terraform-'));
    stackDir = join(dir, 'stack');
    mkdirSync(stackDir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs init then plan in the stack folder', async () => {
    const { bin, log } = standIn(dir);
    const result = await runTerraform({ stackDir, action: 'plan', env: { PATH: bin } });
    expect(result).toEqual({ success: true, ran: [['init', '-input=false'], ['plan', '-input=false']] });
    expect(calls(log)).toEqual([
      [stackDir, 'init -input=false'],
      [stackDir, 'plan -input=false'],
    ]);
  });

  it('applies without asking only when told to', async () => {
    const { bin, log } = standIn(dir);
    expect(await runTerraform({ stackDir, action: 'apply', autoApprove: true, env: { PATH: bin }, interactive: false })).toMatchObject({ success: true });
    expect(calls(log).map(([, args]) => args)).toEqual(['init -input=false', 'apply -input=false -auto-approve']);
  });

  it('lets a person confirm the apply in a terminal', async () => {
    const { bin, log } = standIn(dir);
    expect(await runTerraform({ stackDir, action: 'apply', env: { PATH: bin }, interactive: true })).toMatchObject({ success: true });
    expect(calls(log).map(([, args]) => args)).toEqual(['init -input=false', 'apply']);
  });

  it('refuses an apply nobody can confirm, before running anything', async () => {
    const { bin, log } = standIn(dir);
    const result = await runTerraform({ stackDir, action: 'apply', env: { PATH: bin }, interactive: false });
    expect(result.success).toBe(false);
    expect(result.message).toMatch(/--autoApprove/);
    expect(() => readFileSync(log)).toThrow();
  });

  it('stops at the first failing command and says which', async () => {
    const { bin, log } = standIn(dir);
    const result = await runTerraform({ stackDir, action: 'plan', env: { PATH: bin, TF_STANDIN_FAIL: 'init' } });
    expect(result).toEqual({ success: false, message: 'terraform init failed (exit code 3); its output above says why', ran: [['init', '-input=false']] });
    expect(calls(log)).toHaveLength(1);
  });

  it('explains what to do when terraform is not on PATH', async () => {
    const spawn = jest.fn() as unknown as SpawnLike;
    const result = await runTerraform({ stackDir, action: 'plan', env: { PATH: join(dir, 'empty') }, spawn });
    expect(result.success).toBe(false);
    expect(result.message).toMatch(/^terraform is not on PATH\. Install Terraform/);
    expect(result.message).toMatch(/without --plan or --apply, deploy only writes the stack/);
    expect(spawn).not.toHaveBeenCalled();
  });
});

describe('findExecutable', () => {
  it('finds an executable file on PATH and skips directories and non-executables', () => {
    const dir = mkdtempSync(join(tmpdir(), 'compute-path-'));
    try {
      const first = join(dir, 'first');
      const second = join(dir, 'second');
      mkdirSync(join(first, 'terraform'), { recursive: true }); // a directory, not a program
      mkdirSync(second);
      writeFileSync(join(second, 'terraform'), '#!/bin/sh\n');
      if (process.platform !== 'win32') {
        chmodSync(join(second, 'terraform'), 0o644);
        expect(findExecutable('terraform', { PATH: [first, second].join(delimiter) })).toBeUndefined();
      }
      chmodSync(join(second, 'terraform'), 0o755);
      expect(findExecutable('terraform', { PATH: ['', first, second].join(delimiter) }, 'linux')).toBe(join(second, 'terraform'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('honours PATHEXT on Windows', () => {
    const dir = mkdtempSync(join(tmpdir(), 'compute-pathext-'));
    try {
      writeFileSync(join(dir, 'terraform.EXE'), '');
      expect(findExecutable('terraform', { PATH: dir, PATHEXT: '.COM;.EXE' }, 'win32')).toBe(join(dir, 'terraform.EXE'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
