import { spawn } from 'node:child_process';
import { usageReport, watchProcessGroup } from './resource-usage';

const small = { name: 'small', vcpus: 1, memoryMiB: 7600 };
const GiB = 1024 ** 3;

describe('usageReport', () => {
  it('says a run over its memory would be killed on AWS', () => {
    const report = usageReport({ peakRssBytes: 9.1 * GiB, peakCores: 0.8 }, small);
    expect(report.warnings).toEqual([
      'peak memory 9.1 GiB; size small allows 7,600 MiB: on AWS this run would be killed with exit code 137 (out of memory). Use a larger size or use less memory.',
    ]);
    expect(report.summary).toBe('peak memory 9.1 GiB of 7,600 MiB, up to 0.8 of 1 vCPU (size small)');
  });

  it('says a run that used more cores than its vCPUs may be slower on AWS', () => {
    const report = usageReport({ peakRssBytes: 300 * 1024 * 1024, peakCores: 3.2 }, { name: 'large', vcpus: 2, memoryMiB: 15200 });
    expect(report.warnings).toEqual([
      'used up to 3.2 CPU cores; size large has 2 vCPUs: on AWS it gets that share of a busy host, so it may run slower than here.',
    ]);
  });

  it('warns about nothing within the size (sampling noise included)', () => {
    expect(usageReport({ peakRssBytes: 7600 * 1024 * 1024, peakCores: 1.1 }, small).warnings).toEqual([]);
  });
});

describe('watchProcessGroup', () => {
  const sampled = async (script: string) => {
    const child = spawn(process.execPath, ['-e', script], { detached: true, stdio: 'ignore' });
    const watch = watchProcessGroup(child.pid!);
    await new Promise((resolve) => child.on('exit', resolve));
    return watch.stop();
  };

  it('sees the memory of a job that ends within a fraction of a second', async () => {
    // Node itself is tens of MiB once started; a sample at exec time alone sees a few.
    const peaks = await Promise.all([0, 1, 2].map(() => sampled('const keep = Buffer.alloc(64 * 2 ** 20, 1); setTimeout(() => keep.length, 150)')));
    for (const peak of peaks) expect(peak.peakRssBytes).toBeGreaterThan(64 * 2 ** 20);
  });
});
