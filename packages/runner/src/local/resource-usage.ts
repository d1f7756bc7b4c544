import { readdirSync, readFileSync } from 'node:fs';

/** The most a job used at once, as sampled from /proc. */
export interface UsagePeak {
  /** Largest sum of resident memory of the job's processes. */
  peakRssBytes: number;
  /** Most CPU cores the job's processes used together over one sampling window. */
  peakCores: number;
}

export interface UsageWatch {
  /** Stops sampling (after one last sample) and returns the peaks. */
  stop(): UsagePeak;
}

const PAGE_BYTES = 4096;
const CLOCK_TICKS = 100;

/** Whether this machine has a Linux /proc to sample (elsewhere runs are not measured). */
export function canMeasure(): boolean {
  try {
    readFileSync('/proc/self/stat', 'utf8');
    return true;
  } catch {
    return false;
  }
}

/** Gaps between the first samples, then the regular interval. */
const EARLY_SAMPLES_MS = [25, 50, 100, 200];

/**
 * Samples a process group's memory and CPU: a plain local run has no limits, so this is
 * how it can say that the job would have been killed (memory) or slowed (CPU) on AWS.
 */
export function watchProcessGroup(pgid: number, intervalMs = 500): UsageWatch {
  let peakRssBytes = 0;
  let peakCores = 0;
  // CPU ticks seen per process, so processes that come and go are counted while they live.
  const ticks = new Map<number, number>();
  let lastTotal = 0;
  let lastAt = Date.now();

  const sample = () => {
    let rss = 0;
    for (const pid of groupMembers(pgid)) {
      const stat = readStat(pid);
      if (!stat || stat.pgrp !== pgid) continue;
      rss += stat.rssPages * PAGE_BYTES;
      ticks.set(pid, Math.max(ticks.get(pid) ?? 0, stat.cpuTicks));
    }
    peakRssBytes = Math.max(peakRssBytes, rss);
    const total = [...ticks.values()].reduce((a, b) => a + b, 0);
    const now = Date.now();
    // Windows of at least a second: shorter ones make the tick counter's granularity look like cores.
    if (now - lastAt >= 1000) {
      peakCores = Math.max(peakCores, (total - lastTotal) / CLOCK_TICKS / ((now - lastAt) / 1000));
      lastTotal = total;
      lastAt = now;
    }
  };

  // The first sample lands right after exec, before the job has grown, and a job of a few
  // hundred milliseconds would end before the first regular one: sample early ones closer.
  let timer: NodeJS.Timeout | undefined;
  const next = (delays: readonly number[]) => {
    timer = setTimeout(() => {
      sample();
      next(delays.length > 1 ? delays.slice(1) : delays);
    }, delays[0]);
    timer.unref();
  };
  sample();
  next([...EARLY_SAMPLES_MS.filter((ms) => ms < intervalMs), intervalMs]);
  return {
    stop() {
      clearTimeout(timer);
      return { peakRssBytes, peakCores };
    },
  };
}

/**
 * The group leader and its descendants, from each process's children list: a few reads
 * per sample instead of every process on the machine. Where the kernel has no children
 * lists, every process is looked at.
 */
function groupMembers(leader: number): number[] {
  const seen: number[] = [];
  const queue = [leader];
  while (queue.length > 0) {
    const pid = queue.shift()!;
    seen.push(pid);
    for (const task of safeReaddir(`/proc/${pid}/task`)) {
      let children: string;
      try {
        children = readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT' && pid === leader && seen.length === 1) {
          return safeReaddir('/proc').filter((e) => /^\d+$/.test(e)).map(Number);
        }
        continue;
      }
      for (const child of children.trim().split(/\s+/)) if (child) queue.push(Number(child));
    }
  }
  return seen;
}

function safeReaddir(path: string): string[] {
  try {
    return readdirSync(path);
  } catch {
    return [];
  }
}

function readStat(pid: number): { pgrp: number; rssPages: number; cpuTicks: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which may itself contain spaces and parentheses.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    // fields[0] is field 3 (state): pgrp is field 5, utime 14, stime 15, rss 24.
    return { pgrp: Number(fields[2]), cpuTicks: Number(fields[11]) + Number(fields[12]), rssPages: Number(fields[21]) };
  } catch {
    return undefined;
  }
}

/** What the peaks mean for the job on AWS, where its size is a hard memory limit and a CPU share. */
export function usageReport(peak: UsagePeak, size: { name: string; vcpus: number; memoryMiB: number }): { summary: string; warnings: string[] } {
  const peakMiB = peak.peakRssBytes / (1024 * 1024);
  const warnings: string[] = [];
  if (peakMiB > size.memoryMiB) {
    warnings.push(
      `peak memory ${formatBytes(peak.peakRssBytes)}; size ${size.name} allows ${size.memoryMiB.toLocaleString('en-US')} MiB: on AWS this run would be killed with exit code 137 (out of memory). Use a larger size or use less memory.`,
    );
  }
  // A little over the vCPUs is sampling noise, not a job that needs more cores.
  if (peak.peakCores > size.vcpus * 1.2) {
    warnings.push(
      `used up to ${peak.peakCores.toFixed(1)} CPU cores; size ${size.name} has ${size.vcpus} vCPU${size.vcpus === 1 ? '' : 's'}: on AWS it gets that share of a busy host, so it may run slower than here.`,
    );
  }
  const summary = `peak memory ${formatBytes(peak.peakRssBytes)} of ${size.memoryMiB.toLocaleString('en-US')} MiB, up to ${peak.peakCores.toFixed(1)} of ${size.vcpus} vCPU${size.vcpus === 1 ? '' : 's'} (size ${size.name})`;
  return { summary, warnings };
}

function formatBytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return mib >= 1024 ? `${(mib / 1024).toFixed(1)} GiB` : `${Math.round(mib)} MiB`;
}
