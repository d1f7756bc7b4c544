import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import * as runner from './index';

describe('@compute/runner', () => {
  it('exports the runner API', () => {
    expect(typeof runner.runLocally).toBe('function');
    expect(typeof runner.submitToBatch).toBe('function');
    expect(new runner.RunnerError('x').name).toBe('RunnerError');
  });

  it('does not load the AWS SDK unless something is submitted', () => {
    const script = `
      require(${JSON.stringify(require.resolve('@swc-node/register'))});
      require(${JSON.stringify(join(__dirname, 'index.ts'))});
      const loaded = Object.keys(require.cache).filter((path) => path.includes('@aws-sdk'));
      process.stdout.write(JSON.stringify(loaded));
    `;
    const result = spawnSync(process.execPath, ['-e', script], { cwd: join(__dirname, '..'), encoding: 'utf8' });
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual([]);
  });
});
