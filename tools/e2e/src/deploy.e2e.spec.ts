import { chmodSync, readdirSync, rmSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { createTempWorkspace, type TempWorkspace } from './workspace';

const STACK = 'dist/compute/stacks/compute/cdk.tf.json';

describe('nx run compute:deploy', () => {
  let ws: TempWorkspace;

  beforeAll(() => {
    ws = createTempWorkspace();
  });
  afterAll(() => ws?.cleanup());

  it('writes the Terraform stack of the example schedules without terraform or AWS credentials', () => {
    // No terraform and no AWS credentials: a plain deploy must not need them.
    const result = ws.nx(['run', 'compute:deploy'], {
      env: { PATH: [join(process.execPath, '..'), '/usr/bin', '/bin'].join(delimiter), AWS_ACCESS_KEY_ID: undefined, AWS_PROFILE: undefined },
    });
    expect(result.status).toBe(0);
    const stack = JSON.parse(ws.read(STACK));
    expect(Object.keys(stack.resource.aws_scheduler_schedule).sort()).toEqual(['partner_repos_mirror', 'search_reindex_shards', 'workspace_heartbeat']);
    expect(Object.keys(stack.resource.aws_batch_job_queue).sort()).toEqual(['large', 'small', 'test', 'warp']);
    expect(stack.terraform.backend).toEqual({ local: { path: '../../../../schedules/terraform.tfstate' } });
    expect(result.output).toContain('Synthesized stack "compute": 3 schedules, 4 environments, 4 queues');
    expect(result.output).toContain(`Wrote ${STACK}`);
    expect(ws.read(STACK)).not.toContain(ws.root);
    expect(result.output).not.toContain(ws.root);
  });

  it('replays an unchanged synthesis from the cache, restoring the stack and leaving terraform\'s files alone', () => {
    ws.write('dist/compute/stacks/compute/.terraform/providers/marker', 'x');
    const again = ws.nx(['run', 'compute:deploy']);
    expect(again.status).toBe(0);
    expect(again.output).toMatch(/existing outputs match the cache|\[local cache\]/);
    rmSync(join(ws.root, STACK));
    const restored = ws.nx(['run', 'compute:deploy']);
    expect(restored.status).toBe(0);
    expect(restored.output).toMatch(/\[local cache\]/);
    expect(Object.keys(JSON.parse(ws.read(STACK)).resource.aws_scheduler_schedule)).toHaveLength(3);
    expect(ws.read('dist/compute/stacks/compute/.terraform/providers/marker')).toBe('x');
  });

  it('runs terraform init and plan in the stack folder with --plan', () => {
    ws.write('e2e-bin/terraform', `#!/bin/sh\necho "$(pwd)|$*" >> "${join(ws.root, 'terraform-calls.log')}"\n`);
    chmodSync(join(ws.root, 'e2e-bin/terraform'), 0o755);
    const result = ws.nx(['run', 'compute:deploy', '--plan'], { env: { PATH: [join(ws.root, 'e2e-bin'), process.env.PATH].join(delimiter) } });
    expect(result.status).toBe(0);
    const stackDir = join(ws.root, 'dist/compute/stacks/compute');
    expect(ws.read('terraform-calls.log').trim().split('\n')).toEqual([`${stackDir}|init -input=false`, `${stackDir}|plan -input=false`]);
  });

  it('fails on a broken schedule, listing its problems, and writes nothing', () => {
    const before = ws.read(STACK);
    ws.write('schedules/broken.schedule.json', JSON.stringify({ scheduleExpression: 'cron(61 * * * ? *)', command: [], size: 'huge' }));
    const result = ws.nx(['run', 'compute:deploy', '--outputPath', 'dist/fresh']);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('schedules/broken.schedule.json');
    expect(result.output).toContain('/scheduleExpression');
    expect(result.output).toContain('/size');
    expect(result.output).toContain('Nothing was synthesized');
    expect(result.output).not.toMatch(/\n\s+at .*\(/);
    expect(ws.exists('dist/fresh')).toBe(false);

    // The default output is left exactly as the last good deploy wrote it.
    const again = ws.nx(['run', 'compute:deploy']);
    expect(again.status).not.toBe(0);
    expect(ws.read(STACK)).toBe(before);
    expect(readdirSync(join(ws.root, 'dist'))).toEqual(['compute']);
  });
});
