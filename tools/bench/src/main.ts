// npm run bench: Compute at 10, 100 and 1,000 schedules, each figure against a floor
// measured in the same run on the same machine. Prints a Markdown table of medians.
// `npm run bench -- --10000` adds 10,000 schedules (several minutes, fewer runs there).
import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { createBenchWorkspace, repoRoot, scheduleName } from './generate';
import { median, runChild, timeCommand, timeInProcess } from './measure';
import { catalogPage } from './catalog-page';
import { readAndParse, validate } from './validation';

const LARGE = 10_000;
const withLarge = process.argv.includes(`--${LARGE}`);
const SIZES = [10, 100, 1000, ...(withLarge ? [LARGE] : [])];
const RUNS = Number(process.env.BENCH_RUNS ?? 5);
/** Runs per figure at size n: a 10,000-schedule run takes tens of seconds. */
const runsAt = (n: number) => (n >= LARGE ? Math.min(RUNS, 3) : RUNS);
const rows: string[][] = [];
const workspaces: string[] = [];

function row(measure: string, n: number | string, value: string, floorName: string, floor: string, ratio: number) {
  rows.push([measure, String(n), value, floorName, floor, `${ratio.toFixed(2)}x`]);
  console.error(`  ${measure} N=${n}: ${value} vs ${floor} (${ratio.toFixed(2)}x)`);
}
const ms = (value: number) => (value < 10 ? `${value.toFixed(2)} ms` : `${Math.round(value)} ms`);

function main() {
  const started = Date.now();
  console.error(`Compute benchmarks, ${RUNS} runs per figure`);
  const byN = new Map<number, string>();
  const validationMs = new Map<number, number>();
  for (const n of SIZES) {
    const ws = createBenchWorkspace(n);
    workspaces.push(ws);
    byN.set(n, ws);

    const runs = runsAt(n);
    const inference = runChild(join(__dirname, 'inference-child.ts'), [ws, String(runs)], repoRoot) as unknown as { cold: number; warm: number; floor: number };
    row('createNodes, cold cache', n, ms(inference.cold), 'read + parse files', ms(inference.floor), inference.cold / inference.floor);
    row('createNodes, warm cache', n, ms(inference.warm), 'read + parse files', ms(inference.floor), inference.warm / inference.floor);

    const validation = timeInProcess(() => validate(ws), runs);
    const parse = timeInProcess(() => readAndParse(ws), runs);
    validationMs.set(n, validation);
    row('validation (roster file)', n, ms(validation), 'read + parse files', ms(parse), validation / parse);

    // compute:catalog in process: validation, the week's load, 30 days of runs and cost, heatmaps, the page (goal: well under 1 s at 1,000).
    const page = timeInProcess(() => catalogPage(ws), runs);
    row('catalog page (compute:catalog)', n, ms(page), 'read + parse files', ms(parse), page / parse);

    // One untimed run each first: the first process pays one-off costs (disk cache, transpiler cache).
    runChild(join(__dirname, 'synth-child.ts'), [ws, join(ws, 'dist', 'synth')], repoRoot);
    runChild(join(__dirname, 'floor-synth-child.ts'), [ws, join(ws, 'dist', 'floor')], repoRoot);
    const synth: { wallMs: number; rssMiB?: number }[] = [];
    const floor: { wallMs: number; rssMiB?: number }[] = [];
    for (let i = 0; i < runs; i++) {
      synth.push(runChild(join(__dirname, 'synth-child.ts'), [ws, join(ws, 'dist', 'synth')], repoRoot));
      floor.push(runChild(join(__dirname, 'floor-synth-child.ts'), [ws, join(ws, 'dist', 'floor')], repoRoot));
    }
    const synthWall = median(synth.map((s) => s.wallMs));
    const floorWall = median(floor.map((s) => s.wallMs));
    const synthRss = median(synth.map((s) => s.rssMiB ?? 0));
    const floorRss = median(floor.map((s) => s.rssMiB ?? 0));
    row('deploy synthesis, wall (process)', n, ms(synthWall), 'write Terraform JSON directly', ms(floorWall), synthWall / floorWall);
    row('deploy synthesis, peak RSS', n, `${Math.round(synthRss)} MiB`, 'write Terraform JSON directly', `${Math.round(floorRss)} MiB`, synthRss / floorRss);

    if (n === 1000) {
      // compute:diff with one schedule's expression changed, against one deploy synthesis (goal: 2x).
      commitSchedules(ws);
      const file = join(ws, 'schedules', `${scheduleName(0)}.schedule.json`);
      writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), scheduleExpression: 'cron(45 4 * * ? *)' }, null, 2));
      runChild(join(__dirname, 'diff-child.ts'), [ws], repoRoot);
      const diff: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const sample = runChild(join(__dirname, 'diff-child.ts'), [ws], repoRoot) as { wallMs: number; changed?: number };
        if (sample.changed !== 1) throw new Error(`diff benchmark: expected one changed schedule, the report has ${sample.changed}`);
        diff.push(sample.wallMs);
      }
      const diffWall = median(diff);
      row('diff, 1 schedule changed, wall (process)', n, ms(diffWall), 'deploy synthesis, wall (process)', ms(synthWall), diffWall / synthWall);
    }
  }

  const one = createBenchWorkspace(1);
  workspaces.push(one);
  const nx = join(repoRoot, 'node_modules', 'nx', 'dist', 'bin', 'nx.js');
  const env = { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };
  const show = (ws: string, cold: boolean, runs = RUNS) =>
    timeCommand(process.execPath, [nx, 'show', 'project', 'compute', '--json'], ws, env, runs, cold ? () => rmSync(join(ws, '.nx'), { recursive: true, force: true }) : undefined);
  const large = byN.get(1000)!;
  show(one, false);
  show(large, false);
  const warm1 = show(one, false);
  const warm1000 = show(large, false);
  row('`nx show project compute --json`, warm', 1000, ms(warm1000), 'same at N = 1', ms(warm1), warm1000 / warm1);
  // A second deploy with nothing changed: synth restores dist/compute from Nx's cache and
  // deploy only reports it (goal: within 1.2x of building the graph, `nx show project`).
  const deploy = (ws: string, runs = RUNS) => timeCommand(process.execPath, [nx, 'run', 'compute:deploy', '--outputStyle=static'], ws, env, runs);
  deploy(large, 1);
  const deploy1000 = deploy(large);
  row('`nx run compute:deploy`, nothing changed', 1000, ms(deploy1000), '`nx show project compute --json`, warm', ms(warm1000), deploy1000 / warm1000);
  const cold1 = show(one, true);
  const cold1000 = show(large, true);
  row('`nx show project compute --json`, no .nx', 1000, ms(cold1000), 'same at N = 1', ms(cold1), cold1000 / cold1);

  if (withLarge) {
    const largest = byN.get(LARGE)!;
    show(largest, false, 1);
    const warmLarge = show(largest, false, runsAt(LARGE));
    row('`nx show project compute --json`, warm', LARGE, ms(warmLarge), 'same at N = 1', ms(warm1), warmLarge / warm1);
    // compute:test as a user runs it: Nx's start-up (the same command at N = 1) plus the
    // task's own work (validation at N, measured above) is its floor.
    const test = (ws: string, runs: number) =>
      timeCommand(process.execPath, [nx, 'run', 'compute:test', '--skip-nx-cache', '--outputStyle=static'], ws, env, runs);
    test(one, 1);
    const test1 = test(one, RUNS);
    const testLarge = test(largest, runsAt(LARGE));
    const testFloor = test1 + validationMs.get(LARGE)!;
    row('`nx run compute:test`', LARGE, ms(testLarge), 'same at N = 1 + validation at N', ms(testFloor), testLarge / testFloor);
  }

  const cpu = cpus();
  console.log(`Machine: ${cpu.length} × ${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${process.platform}/${process.arch}. Medians of ${RUNS} runs${withLarge ? ` (${runsAt(LARGE)} at N = ${LARGE})` : ''}.\n`);
  console.log('| measure | N | median | floor | floor median | ratio |');
  console.log('|---|---|---|---|---|---|');
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
  console.error(`done in ${Math.round((Date.now() - started) / 1000)} s`);
}

/** The workspace's schedules committed to a fresh git repository: the base of the diff benchmark. */
function commitSchedules(ws: string): void {
  const env = { ...process.env, GIT_AUTHOR_NAME: 'bench', GIT_AUTHOR_EMAIL: 'bench@example.com', GIT_COMMITTER_NAME: 'bench', GIT_COMMITTER_EMAIL: 'bench@example.com' };
  for (const args of [['init', '-q'], ['add', 'schedules'], ['commit', '-q', '-m', 'base']]) {
    const result = spawnSync('git', args, { cwd: ws, env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`git ${args.join(' ')} failed: ${result.stderr}`);
  }
}

try {
  main();
} finally {
  for (const ws of workspaces) rmSync(ws, { recursive: true, force: true });
}
