import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deployHarness } from '../../testing/deploy-harness';
import { validSchedule } from '../../testing/fixtures';
import { executorContext } from '../../testing/executor-context';
import { runDeploy } from './executor';

const STACK = 'dist/compute/stacks/compute/cdk.tf.json';

describe('deploy executor', () => {
  const h = deployHarness();

  /** A stand-in terraform on PATH that records its arguments and working directory. */
  function standInTerraform(): string {
    const bin = join(h.ws.root, 'bin');
    const log = join(h.ws.root, 'terraform-calls.log');
    mkdirSync(bin, { recursive: true });
    writeFileSync(join(bin, 'terraform'), `#!/bin/sh\necho "$(pwd)|$*" >> "${log}"\n`);
    chmodSync(join(bin, 'terraform'), 0o755);
    h.io.env = { PATH: bin };
    return log;
  }

  it('without plan or apply does nothing after synth: no terraform, no clock, no output', async () => {
    const log = standInTerraform();
    expect(await h.deploy()).toEqual({ success: true });
    expect(existsSync(join(h.ws.root, STACK))).toBe(true);
    h.out.length = 0;
    expect(await runDeploy({}, h.context(), h.io)).toEqual({ success: true });
    expect(h.out).toEqual([]);
    expect(existsSync(log)).toBe(false);
  });

  it('refuses to plan a schedule whose start date has passed, which EventBridge Scheduler would reject', async () => {
    const log = standInTerraform();
    h.ws.write('schedules/late.schedule.json', validSchedule({ startDate: '2026-01-01T00:00:00Z' }));
    expect(await h.deploy({ plan: true })).toEqual({ success: false });
    const text = h.err.join('');
    expect(text).toContain('schedules/late.schedule.json\n  error   /startDate: startDate 2026-01-01T00:00:00Z has passed; EventBridge Scheduler rejects a start in the past: remove it or move it to the future');
    expect(text).toContain('Nothing was deployed');
    expect(existsSync(log)).toBe(false);
  });

  const posixOnly = process.platform === 'win32' ? it.skip : it;

  posixOnly('plans a schedule whose end date has passed, with a warning', async () => {
    const log = standInTerraform();
    h.ws.write('schedules/over.schedule.json', validSchedule({ endDate: '2026-11-01T00:00:00Z' }));
    expect(await h.deploy({ plan: true })).toEqual({ success: true });
    expect(h.out.join('')).toContain('schedules/over.schedule.json\n  warning /endDate: endDate 2026-11-01T00:00:00Z has passed, so the schedule will never run again; delete it or move endDate');
    expect(readFileSync(log, 'utf8')).toContain('plan -input=false');
  });

  it('says to run it through Nx when the stack was not synthesized', async () => {
    expect(await runDeploy({ plan: true }, executorContext(h.ws.root, 'deploy'), h.io)).toEqual({ success: false });
    expect(h.err.join('')).toMatch(/dist\/compute\/stacks\/compute\/cdk\.tf\.json does not exist; run deploy through Nx \(nx run compute:deploy:plan\)/);
  });

  posixOnly('--plan runs terraform init and plan in the stack folder', async () => {
    const log = standInTerraform();
    expect(await h.deploy({ plan: true })).toEqual({ success: true });
    const stackDir = join(h.ws.root, 'dist/compute/stacks/compute');
    expect(readFileSync(log, 'utf8').trim().split('\n')).toEqual([`${stackDir}|init -input=false`, `${stackDir}|plan -input=false`]);
  });

  posixOnly('--apply --autoApprove applies without asking', async () => {
    const log = standInTerraform();
    expect(await h.deploy({ apply: true, autoApprove: true })).toEqual({ success: true });
    expect(readFileSync(log, 'utf8').trim().split('\n').map((line) => line.split('|')[1])).toEqual(['init -input=false', 'apply -input=false -auto-approve']);
  });

  posixOnly('--apply without --autoApprove needs someone at a terminal', async () => {
    const log = standInTerraform();
    expect(await h.deploy({ apply: true })).toEqual({ success: false });
    expect(h.err.join('')).toMatch(/pass --autoApprove/);
    expect(existsSync(log)).toBe(false);
    h.io.interactive = true;
    expect(await h.deploy({ apply: true })).toEqual({ success: true });
    expect(readFileSync(log, 'utf8').trim().split('\n').map((line) => line.split('|')[1])).toEqual(['init -input=false', 'apply']);
  });

  it('says how to get terraform when --plan cannot find it, after writing the stack', async () => {
    expect(await h.deploy({ plan: true })).toEqual({ success: false });
    expect(h.err.join('')).toMatch(/terraform is not on PATH\. Install Terraform 1\.10 or later/);
    expect(existsSync(join(h.ws.root, STACK))).toBe(true);
  });

  it('refuses --plan together with --apply', async () => {
    const log = standInTerraform();
    expect(await runDeploy({ plan: true, apply: true }, h.context(), h.io)).toEqual({ success: false });
    expect(h.err.join('')).toMatch(/choose --plan or --apply, not both/);
    expect(existsSync(log)).toBe(false);
  });
});

describe('what loading an executor loads', () => {
  /** Which heavy packages a fresh Node process has loaded after requiring `file` (compiled as Nx does, with @swc-node/register). */
  function heavyModulesOf(file: string): { cdktf: boolean; provider: boolean } {
    const script = `require(${JSON.stringify(file)});
      const ids = Object.keys(require.cache);
      console.log(JSON.stringify({ cdktf: ids.some((id) => /node_modules[\\\\/]cdktf[\\\\/]/.test(id)), provider: ids.some((id) => /@cdktf[\\\\/]provider-aws/.test(id)) }));`;
    const child = spawnSync(process.execPath, ['-r', '@swc-node/register', '-e', script], { cwd: join(__dirname, '..', '..', '..'), encoding: 'utf8', timeout: 60_000 });
    if (child.status !== 0) throw new Error(`loading ${file} failed:\n${child.stderr}`);
    return JSON.parse(child.stdout.trim().split('\n').pop() ?? '');
  }

  it('deploy loads neither cdktf nor the AWS provider: a cached synthesis makes a no-op deploy light', () => {
    expect(heavyModulesOf(join(__dirname, 'executor.ts'))).toEqual({ cdktf: false, provider: false });
  });

  it('synth does load them (what the check above would see)', () => {
    expect(heavyModulesOf(join(__dirname, '..', 'synth', 'executor.ts'))).toEqual({ cdktf: true, provider: true });
  });
});
