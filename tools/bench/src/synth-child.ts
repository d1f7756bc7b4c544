// Child process: load the catalog and synthesize the stack with cdktf, as `compute:deploy` does.
import { loadCatalog } from '@compute/schedule';
import { synthesize } from '@compute/infra';

const [workspace, outdir] = process.argv.slice(2);
const start = process.hrtime.bigint();
const { catalog } = loadCatalog(workspace, 'schedules');
synthesize({ catalog: catalog!, workspaceRoot: workspace, outdir });
const ms = Number(process.hrtime.bigint() - start) / 1e6;
console.log(JSON.stringify({ ms, rssMiB: process.resourceUsage().maxRSS / 1024 }));
