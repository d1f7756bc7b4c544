// Times Nx's createNodes:merge (NX_PERF_LOGGING) for one project with 1,000 to 8,000
// targets. Linear work would double with each row; here it roughly quadruples.
const { spawnSync } = require('node:child_process');

const nx = require.resolve('nx/bin/nx.js', { paths: [__dirname] });
const counts = (process.argv[2] ?? '1000,2000,4000,8000').split(',').map(Number);
let previous;
console.log('| targets | createNodes:merge | x previous |\n|---|---|---|');
for (const count of counts) {
  const result = spawnSync(process.execPath, [nx, 'show', 'project', 'many', '--json'], {
    cwd: __dirname,
    encoding: 'utf8',
    maxBuffer: 1 << 28,
    env: { ...process.env, MANY_TARGETS: String(count), NX_PERF_LOGGING: 'true', NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_CACHE_PROJECT_GRAPH: 'false' },
  });
  if (result.status !== 0) throw new Error(result.stderr || result.stdout);
  const json = result.stdout.split('\n').find((line) => line.startsWith('{'));
  const shown = Object.keys(JSON.parse(json).targets).length;
  if (shown !== count) throw new Error(`expected ${count} targets, nx showed ${shown}`);
  // Nx may log the merge more than once per command; the one holding the plugin's results is the longest.
  const ms = Math.max(...[...(result.stdout + result.stderr).matchAll(/'createNodes:merge' ([\d.]+)ms/g)].map((m) => Number(m[1])));
  console.log(`| ${count} | ${Math.round(ms)} ms | ${previous ? (ms / previous).toFixed(1) : '-'} |`);
  previous = ms;
}
