// Child process: the plugin's createNodes over a workspace's schedules, cold (no plugin
// cache) and warm (cache on disk), against the floor of reading and parsing the same files.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { workspaceDataDirectory } from '@nx/devkit/internal';
import { median } from './measure';

const [workspace, runsArg] = process.argv.slice(2);
const runs = Number(runsArg);
// The plugin as the workspace has it, loaded the way Nx loads a local plugin.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { createNodes } = require(join(workspace, 'packages', 'nx', 'src', 'plugins', 'plugin')) as typeof import('@compute/nx');
// Nx sets up its native workspace context before any plugin runs; do the same so only
// the plugin is measured.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { setupWorkspaceContext } = require('nx/src/utils/workspace-context') as { setupWorkspaceContext(root: string): void };
setupWorkspaceContext(workspace);

const context = { workspaceRoot: workspace, nxJsonConfiguration: {} };
const infer = () => createNodes[1](['schedules/compute.json'], {}, context);
const clearCache = () => {
  for (const file of readdirSync(workspaceDataDirectory)) if (file.startsWith('compute-nx-')) rmSync(join(workspaceDataDirectory, file));
};
const floor = () => {
  const dir = join(workspace, 'schedules');
  for (const file of readdirSync(dir)) if (file.endsWith('.schedule.json')) JSON.parse(readFileSync(join(dir, file), 'utf8'));
};
const time = async (fn: () => unknown) => {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
};

(async () => {
  await infer(); // warm up the JIT and module loading, like any long-lived process
  floor();
  const cold: number[] = [];
  const warm: number[] = [];
  const floors: number[] = [];
  for (let i = 0; i < runs; i++) {
    clearCache();
    cold.push(await time(infer));
    warm.push(await time(infer));
    floors.push(await time(floor));
  }
  console.log(JSON.stringify({ cold: median(cold), warm: median(warm), floor: median(floors) }));
})();
