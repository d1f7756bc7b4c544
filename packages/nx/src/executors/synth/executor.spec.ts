import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { deployHarness } from '../../testing/deploy-harness';
import { validSchedule } from '../../testing/fixtures';
import { workspacePath } from '../shared/output-path';

const STACK = 'dist/compute/stacks/compute/cdk.tf.json';

describe('synth executor', () => {
  const h = deployHarness();

  it('synthesizes the stack into dist/compute and prints a summary', async () => {
    expect(await h.synth()).toEqual({ success: true });
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
    expect(await h.synth({ outputPath: 'build/infra' })).toEqual({ success: true });
    expect(existsSync(join(h.ws.root, 'build/infra/stacks/compute/cdk.tf.json'))).toBe(true);
    expect(JSON.parse(h.ws.read('build/infra/stacks/compute/cdk.tf.json')).terraform.backend.local.path).toBe('../../../../schedules/terraform.tfstate');
  });

  it('lists every problem and writes nothing when the catalog is invalid', async () => {
    h.ws.write('schedules/broken.schedule.json', '{ "command": [ oops');
    h.ws.write('schedules/wrong.schedule.json', validSchedule({ size: 'huge', attempts: 0 }));
    expect(await h.synth()).toEqual({ success: false });
    const text = h.err.join('');
    expect(text).toContain('schedules/broken.schedule.json');
    expect(text).toContain('is not valid JSON');
    expect(text).toContain('schedules/wrong.schedule.json');
    expect(text).toContain('/size');
    expect(text).toContain('/attempts');
    expect(text).toContain('Nothing was synthesized and dist/compute was left as it was');
    expect(existsSync(join(h.ws.root, 'dist'))).toBe(false);
  });

  it('keeps the previous output untouched when the catalog breaks', async () => {
    await h.synth();
    const before = h.ws.read(STACK);
    h.ws.write('schedules/nightly.schedule.json', validSchedule({ scheduleExpression: 'cron(nonsense)' }));
    expect(await h.synth()).toEqual({ success: false });
    expect(h.ws.read(STACK)).toBe(before);
    expect(readdirSync(join(h.ws.root, 'dist'))).toEqual(['compute']);
  });

  it('does not read the clock: a start date that has passed is deploy\'s to refuse, so synthesis stays cacheable', async () => {
    h.ws.write('schedules/late.schedule.json', validSchedule({ startDate: '2026-01-01T00:00:00Z' }));
    expect(await h.synth()).toEqual({ success: true });
    expect(Object.keys(JSON.parse(h.ws.read(STACK)).resource.aws_scheduler_schedule)).toEqual(['late', 'nightly']);
  });

  const posixMode = process.platform === 'win32' ? it.skip : it;

  posixMode('leaves the output folder readable by others, as the umask allows (not mkdtemp\'s 0700)', async () => {
    const previous = process.umask(0o022);
    try {
      expect(await h.synth()).toEqual({ success: true });
      expect(statSync(join(h.ws.root, 'dist/compute')).mode & 0o777).toBe(0o755);
      process.umask(0o027);
      expect(await h.synth()).toEqual({ success: true });
      expect(statSync(join(h.ws.root, 'dist/compute')).mode & 0o777).toBe(0o750);
    } finally {
      process.umask(previous);
    }
  });

  it('reports init data problems found while synthesizing, and writes nothing', async () => {
    h.ws.write('schedules/init/ecs-agent.sh', `#!/bin/sh\n${'x'.repeat(20000)}\n`);
    expect(await h.synth()).toEqual({ success: false });
    const text = h.err.join('');
    expect(text).toContain('schedules/compute.json');
    expect(text).toMatch(/\/environments\/large\/initData: the init data adds up to \d+ bytes/);
    expect(existsSync(join(h.ws.root, 'dist'))).toBe(false);
  });

  it('replaces the previous output and keeps terraform working files', async () => {
    await h.synth();
    h.ws.write('dist/compute/stacks/compute/.terraform.lock.hcl', '# lock\n');
    h.ws.write('dist/compute/stacks/compute/.terraform/providers/marker', 'x');
    h.ws.write('dist/compute/stacks/compute/stale.json', '{}');
    h.ws.write('schedules/second.schedule.json', validSchedule());
    expect(await h.synth()).toEqual({ success: true });
    expect(Object.keys(JSON.parse(h.ws.read(STACK)).resource.aws_scheduler_schedule)).toEqual(['nightly', 'second']);
    expect(h.ws.read('dist/compute/stacks/compute/.terraform.lock.hcl')).toBe('# lock\n');
    expect(h.ws.read('dist/compute/stacks/compute/.terraform/providers/marker')).toBe('x');
    expect(existsSync(join(h.ws.root, 'dist/compute/stacks/compute/stale.json'))).toBe(false);
    expect(readdirSync(join(h.ws.root, 'dist'))).toEqual(['compute']);
  });

  it('will not replace a folder that is not an earlier output', async () => {
    h.ws.write('docs/readme.md', '# docs\n');
    expect(await h.synth({ outputPath: 'docs' })).toEqual({ success: false });
    expect(h.err.join('')).toMatch(/will not replace docs: it is not empty and holds no manifest\.json/);
    expect(h.ws.read('docs/readme.md')).toBe('# docs\n');
  });

  it('refuses an output folder outside the workspace', async () => {
    expect(await h.synth({ outputPath: '../elsewhere' })).toEqual({ success: false });
    expect(h.err.join('')).toMatch(/must be a folder inside the workspace/);
  });

  it('refuses a local state file inside the folder it replaces', async () => {
    h.ws.write('schedules/compute.json', { state: { backend: 'local', path: '../dist/compute/terraform.tfstate' } });
    expect(await h.synth()).toEqual({ success: false });
    expect(h.err.join('')).toMatch(/local state file dist\/compute\/terraform\.tfstate .* is inside dist\/compute/);
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
