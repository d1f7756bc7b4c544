import type { SynthesisResult } from '@compute/infra';
import { formatSummary } from './summary';

const resultWith = (schedules: string[]): SynthesisResult => ({
  stackName: 'compute',
  stackFile: 'stacks/compute/cdk.tf.json',
  summary: { schedules, environments: ['small'], queues: ['compute-small'], resourcesByType: { aws_batch_job_definition: schedules.length }, dataSourcesByType: {}, state: 'schedules/terraform.tfstate' },
});

describe('formatSummary', () => {
  it('names every schedule of a small catalog', () => {
    const names = Array.from({ length: 12 }, (_, i) => `job_${i}`);
    expect(formatSummary(resultWith(names), 'x', 'npx nx run jobs:list')).toContain(`  schedules:    ${names.join(', ')}\n`);
  });

  it('names the first twelve of a large catalog and counts the rest', () => {
    const names = Array.from({ length: 1000 }, (_, i) => `job_${String(i).padStart(4, '0')}`);
    const line = formatSummary(resultWith(names), 'x', 'npx nx run jobs:list').split('\n').find((l) => l.startsWith('  schedules:'));
    expect(line).toBe(`  schedules:    ${names.slice(0, 12).join(', ')} and 988 more (\`npx nx run jobs:list\` lists them all)`);
  });

  it('says when there is none', () => {
    expect(formatSummary(resultWith([]), 'x', 'npx nx run jobs:list')).toContain('  schedules:    (none)\n');
  });
});
