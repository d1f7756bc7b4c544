// Child process: `compute:diff --format markdown` against HEAD, as the executor runs it
// (base read from git, both catalogs validated and synthesized, the report formatted).
import { computeDiff } from '@compute/nx/src/executors/diff/compute-diff';
import { formatMarkdown } from '@compute/nx/src/executors/diff/format-markdown';
import { systemGit } from '@compute/nx/src/executors/diff/git-tree';

const [workspace] = process.argv.slice(2);
const start = process.hrtime.bigint();
const report = computeDiff({ workspaceRoot: workspace, projectRoot: 'schedules', base: 'HEAD', git: systemGit(workspace), now: new Date(), runs: 5 });
const markdown = formatMarkdown(report);
const ms = Number(process.hrtime.bigint() - start) / 1e6;
const changed = report.changed.length + report.added.length + report.removed.length;
console.log(JSON.stringify({ ms, rssMiB: process.resourceUsage().maxRSS / 1024, changed, bytes: markdown.length }));
