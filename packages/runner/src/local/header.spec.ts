import { formatHeader } from './header';

describe('formatHeader', () => {
  it('says what runs, with variable names and no values', () => {
    expect(
      formatHeader({
        schedule: 'reindex',
        command: ['node', 'jobs/reindex.js', '--label', 'two words'],
        cwd: 'the workspace root',
        variables: ['AWS_BATCH_JOB_ID', 'SEARCH_API_TOKEN'],
        host: ['HOME', 'PATH'],
        timeoutSeconds: 7200,
        killGraceSeconds: 120,
        basics: 'HOME is a fresh empty folder',
        attempts: 1,
        shards: { size: 8, concurrency: 2 },
      }),
    ).toBe(
      [
        'compute: running schedule reindex locally',
        "  command   node jobs/reindex.js --label 'two words'",
        '  cwd       the workspace root',
        '  env       AWS_BATCH_JOB_ID SEARCH_API_TOKEN',
        '  host env  HOME PATH',
        '  contract  HOME is a fresh empty folder',
        '  timeout   7200 s per attempt, then SIGTERM, and SIGKILL 120 s later',
        '  attempts  1',
        '  shards    all 8, 2 at a time',
      ].join('\n'),
    );
  });

  it('describes a single shard and a container run', () => {
    const text = formatHeader({
      schedule: 'reindex',
      command: ['node', 'x.js'],
      cwd: '/workspace (the workspace root, mounted)',
      variables: [],
      host: [],
      timeoutSeconds: 60,
      killGraceSeconds: 0.25,
      attempts: 2,
      shards: { size: 8, index: 3, concurrency: 1 },
      container: { image: 'node:22', platform: 'linux/arm64', vcpus: 2, memoryMiB: 15200 },
    });
    expect(text).toContain('compute: running schedule reindex in a container');
    expect(text).toContain('image     node:22 (linux/arm64, 2 vCPUs, 15200 MiB)');
    expect(text).toContain('shards    shard 3 of 8 (indexes 0-7)');
    expect(text).toContain('host env  none');
    expect(text).toContain('SIGKILL 0.3 s later');
  });
});
