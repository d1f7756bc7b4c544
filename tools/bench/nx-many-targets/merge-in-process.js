// The same merge without the CLI around it: one call of Nx's ProjectNodesManager per
// count, timed in CPU time so other load on the machine matters less. Linear work would
// double with each row.
const { dirname, join } = require('node:path');

const nxRoot = dirname(require.resolve('nx/package.json', { paths: [__dirname] }));
const { ProjectNodesManager } = require(join(nxRoot, 'dist/src/project-graph/utils/project-configuration/project-nodes-manager'));
const counts = (process.argv[2] ?? '2500,5000,10000').split(',').map(Number);
let previous;
console.log(`nx ${require(join(nxRoot, 'package.json')).version}, Node ${process.version}\n`);
console.log('| targets | merge, CPU | x previous |\n|---|---|---|');
for (const count of counts) {
  const targets = {};
  for (let i = 0; i < count; i++) targets[`target_${i}`] = { executor: 'nx:noop' };
  const manager = new ProjectNodesManager();
  const start = process.cpuUsage();
  manager.mergeProjectNode({ root: 'many', name: 'many', targets }, {}, ['many-targets.json', './many-targets-plugin.js']);
  const used = process.cpuUsage(start);
  const ms = (used.user + used.system) / 1000;
  if (Object.keys(manager.getRootMap().many.targets).length !== count) throw new Error('targets went missing');
  console.log(`| ${count} | ${Math.round(ms)} ms | ${previous ? (ms / previous).toFixed(1) : '-'} |`);
  previous = ms;
}
