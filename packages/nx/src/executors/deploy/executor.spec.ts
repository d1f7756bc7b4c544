import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deployHarness } from '../../testing/deploy-harness';
import { validSchedule } from '../../testing/fixtures';
import { workspacePath } from './executor';

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

  it('synthesizes the stack into dist/compute and prints a summary', async () => {
    expect(await h.deploy()).toEqual({ success: true });
    const stack = JSON.parse(h.ws.read(STACK));
    expect(Object.keys(stack.resource.aws_scheduler_schedule)).toEqual(['nightly']);
    expect(existsSync(join(h.ws.root, 'dist/compute/manifest.json'))).toBe(true);
    const text = h.out.join('');
    expect(text).toContain('Synthesized stack "compute": 1 schedule, 4 environments, 4 queues');
    expect(text).toContain('  schedules:    nightly');
    expect(text).toMatch(/ {4}aws_batch_job_definition +1\n/);
    expect(text).toMatch(/ {4}aws_batch_job_queue +4\n/);
    expect(text).toContain('  state:        schedules/terraform.tfstate');
    expect(text).toContain(`Wrote ${STACK}`);
    expect(text).not.toContain(h.ws.root);
    expect(h.err).toEqual([]);
  });

  it('writes to outputPath', async () => {
    expect(await h.deploy({ outputPath: 'build/infra' })).toEqual({ success: true });
    expect(existsSync(join(h.ws.root, 'build/infra/stacks/compute/cdk.tf.json'))).toBe(true);
    expect(JSON.parse(h.ws.read('build/infra/stacks/compute/cdk.tf.json')).terraform.backend.local.path).toBe('../../../../schedules/terraform.tfstate');
  });

  it('lists every problem and writes nothing when the catalog is invalid', async () => {
    h.ws.write('schedules/broken.schedule.json', '{ "command": [ oops');
    h.ws.write('schedules/wrong.schedule.json', validSchedule({ size: 'huge', attempts: 0 }));
    expect(await h.deploy()).toEqual({ success: false });
    const text = h.err.join('');
    expect(text).toContain('schedules/broken.schedule.json');
    expect(text).toContain('is not valid JSON');
    expect(text).toContain('schedules/wrong.schedule.json');
    expect(text).toContain('/size');
    expect(text).toContain('/attempts');
    expect(text).toContain('Nothing was deployed and dist/compute was left as it was');
    expect(existsSync(join(h.ws.root, 'dist'))).toBe(false);
  });

  it('keeps the previous output untouched when the catalog breaks', async () => {
    await h.deploy();
    const before = h.ws.read(STACK);
    h.ws.write('schedules/nightly.schedule.json', validSchedule({ scheduleExpression: 'cron(nonsense)' }));
    expect(await h.deploy()).toEqual({ success: false });
    expect(h.ws.read(STACK)).toBe(before);
    expect(readdirSync(join(h.ws.root, 'dist'))).toEqual(['compute']);
  });

  it('refuses to synthesize a schedule whose start date has passed, which EventBridge Scheduler would reject', async () => {
    h.ws.write('schedules/late.schedule.json', validSchedule({ startDate: '2026-01-01T00:00:00Z' }));
    expect(await h.deploy()).toEqual({ success: false });
    const text = h.err.join('');
    expect(text).toContain('schedules/late.schedule.json\n  error   /startDate: startDate 2026-01-01T00:00:00Z has passed; EventBridge Scheduler rejects a start in the past: remove it or move it to the future');
    expect(text).toContain('Nothing was deployed and dist/compute was left as it was');
    expect(existsSync(join(h.ws.root, 'dist'))).toBe(false);
    expect(h.out).toEqual([]);
  });

  it('deploys a schedule whose end date has passed, with a warning', async () => {
    h.ws.write('schedules/over.schedule.json', validSchedule({ endDate: '2026-11-01T00:00:00Z' }));
    expect(await h.deploy()).toEqual({ success: true });
    const text = h.out.join('');
    expect(text).toContain('schedules/over.schedule.json\n  warning /endDate: endDate 2026-11-01T00:00:00Z has passed, so the schedule will never run again; delete it or move endDate');
    expect(text).toContain('2 schedules checked: 0 errors, 1 warning');
    expect(text).toContain(`Wrote ${STACK}`);
    expect(Object.keys(JSON.parse(h.ws.read(STACK)).resource.aws_scheduler_schedule)).toEqual(['nightly', 'over']);
    expect(h.err).toEqual([]);
  });

  const posixMode = process.platform === 'win32' ? it.skip : it;

  posixMode('leaves the output folder readable by others, as the umask allows (not mkdtemp\'s 0700)', async () => {
    const previous = process.umask(0o022);
    try {
      expect(await h.deploy()).toEqual({ success: true });
      expect(statSync(join(h.ws.root, 'dist/compute')).mode & 0o777).toBe(0o755);
      process.umask(0o027);
      expect(await h.deploy()).toEqual({ success: true });
      expect(statSync(join(h.ws.root, 'dist/compute')).mode & 0o777).toBe(0o750);
    } finally {
      process.umask(previous);
    }
  });

  it('reports init data problems found while synthesizing, and writes nothing', async () => {
    h.ws.write('schedules/init/ecs-agent.sh', `#!/bin/sh\n${'x'.repeat(20000)}\n`);
    expect(await h.deploy()).toEqual({ success: false });
    const text = h.err.join('');
    expect(text).toContain('schedules/compute.json');
    expect(text).toMatch(/\/environments\/large\/initData: the init data adds up to \d+ bytes/);
    expect(existsSync(join(h.ws.root, 'dist'))).toBe(false);
  });

  it('replaces the previous output and keeps terraform working files', async () => {
    await h.deploy();
    h.ws.write('dist/compute/stacks/compute/.terraform.lock.hcl', '# lock\n');
    h.ws.write('dist/compute/stacks/compute/.terraform/providers/marker', 'x');
    h.ws.write('dist/compute/stacks/compute/stale.json', '{}');
    h.ws.write('schedules/second.schedule.json', validSchedule());
    expect(await h.deploy()).toEqual({ success: true });
    expect(Object.keys(JSON.parse(h.ws.read(STACK)).resource.aws_scheduler_schedule)).toEqual(['nightly', 'second']);
    expect(h.ws.read('dist/compute/stacks/compute/.terraform.lock.hcl')).toBe('# lock\n');
    expect(h.ws.read('dist/compute/stacks/compute/.terraform/providers/marker')).toBe('x');
    expect(existsSync(join(h.ws.root, 'dist/compute/stacks/compute/stale.json'))).toBe(false);
    expect(readdirSync(join(h.ws.root, 'dist'))).toEqual(['compute']);
  });

  it('will not replace a folder that is not an earlier output', async () => {
    h.ws.write('docs/readme.md', '# docs\n');
    expect(await h.deploy({ outputPath: 'docs' })).toEqual({ success: false });
    expect(h.err.join('')).toMatch(/will not replace docs: it is not empty and holds no manifest\.json/);
    expect(h.ws.read('docs/readme.md')).toBe('# docs\n');
  });

  it('refuses an output folder outside the workspace', async () => {
    expect(await h.deploy({ outputPath: '../elsewhere' })).toEqual({ success: false });
    expect(h.err.join('')).toMatch(/must be a folder inside the workspace/);
  });

  it('refuses a local state file inside the folder it replaces', async () => {
    h.ws.write('schedules/compute.json', { state: { backend: 'local', path: '../dist/compute/terraform.tfstate' } });
    expect(await h.deploy()).toEqual({ success: false });
    expect(h.err.join('')).toMatch(/local state file dist\/compute\/terraform\.tfstate .* is inside dist\/compute/);
  });

  const posixOnly = process.platform === 'win32' ? it.skip : it;

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
    expect(await h.deploy({ plan: true, apply: true })).toEqual({ success: false });
    expect(h.err.join('')).toMatch(/choose --plan or --apply, not both/);
    expect(existsSync(join(h.ws.root, 'dist'))).toBe(false);
  });
});

describe('workspacePath', () => {
  it('accepts folders inside the workspace only', () => {
    expect(workspacePath('/ws', 'dist/compute')).toBe('dist/compute');
    expect(workspacePath('/ws', '/ws/out/./x')).toBe('out/x');
    expect(workspacePath('/ws', '.')).toBeUndefined();
    expect(workspacePath('/ws', '../x')).toBeUndefined();
    expect(workspacePath('/ws', '/elsewhere')).toBeUndefined();
  });
});
