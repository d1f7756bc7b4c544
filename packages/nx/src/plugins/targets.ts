import { posix } from 'node:path';
import type { ProjectConfiguration, TargetConfiguration } from '@nx/devkit';
import { posixPath } from '@compute/schedule/src/paths';
import type { InputDefinition } from './code-location';
import { DEFAULT_OUTPUT_PATH } from '../executors/shared/output-path';
import type { ComputeProjectFacts } from './compute-project';

export interface ComputePluginOptions {
  /** Prefix of the per-schedule targets: `<prefix><name>` (default "schedule_"). */
  scheduleTargetPrefix?: string;
  /** Name of the validation gate target (default "test"). */
  testTargetName?: string;
  /** Name of the target listing schedules and their next runs (default "list"). */
  listTargetName?: string;
  /** Name of the cached target that validates and writes the Terraform stack (default "synth"). */
  synthTargetName?: string;
  /** Name of the deploy target (default "deploy"). */
  deployTargetName?: string;
  /** Name of the target showing what a change does compared with a git ref (default "diff"). */
  diffTargetName?: string;
  /** Name of the target writing the catalog page (default "catalog"). */
  catalogTargetName?: string;
}

export type NormalizedPluginOptions = Required<ComputePluginOptions>;

/** The plugin as nx.json names it. */
export const PLUGIN_NAME = '@compute/nx';

export function normalizeOptions(options: ComputePluginOptions | undefined): NormalizedPluginOptions {
  return {
    scheduleTargetPrefix: options?.scheduleTargetPrefix ?? 'schedule_',
    testTargetName: options?.testTargetName || 'test',
    listTargetName: options?.listTargetName || 'list',
    synthTargetName: options?.synthTargetName || 'synth',
    deployTargetName: options?.deployTargetName || 'deploy',
    diffTargetName: options?.diffTargetName || 'diff',
    catalogTargetName: options?.catalogTargetName || 'catalog',
  };
}

/** What the targets need to know besides the project itself. */
export interface TargetContext {
  /** Inputs standing for the code of the plugin and the domain package. */
  codeInputs: InputDefinition[];
  /** The same plus the infrastructure package: what synthesis runs. */
  synthCodeInputs: InputDefinition[];
  /** How to run nx in this workspace, e.g. "npx". */
  exec: string;
}

export type ComputeTargets = Pick<ProjectConfiguration, 'targets' | 'metadata'>;

/**
 * The check's verdict depends on more than files: review freshness is judged against
 * today's date (UTC) and the current maintainer comes from an environment variable,
 * falling back to git's identity. Each is a task input, so a cached pass expires the
 * day a review falls due and never carries over to another maintainer.
 */
export const TODAY_UTC_RUNTIME = 'node -p "new Date().toISOString().slice(0, 10)"';
export const GIT_IDENTITY_RUNTIMES = ['git config --get user.email', 'git config --get user.name'];
/**
 * Next runs depend on "now". The list executor counts runs from the start of the
 * current UTC minute, so its output is a pure function of this input and the files:
 * a cached listing is replayed only within the minute it describes.
 */
export const CURRENT_MINUTE_UTC_RUNTIME = 'node -p "new Date().toISOString().slice(0, 16)"';

/** Every target of one compute project; a pure function of what was read. */
export function buildComputeTargets(facts: ComputeProjectFacts, options: NormalizedPluginOptions, ctx: TargetContext): ComputeTargets {
  const targets: Record<string, TargetConfiguration> = {};
  const run = (target: string) => `${ctx.exec} nx run ${facts.projectName}:${target}`;

  const scheduleTargets: string[] = [];
  for (const name of facts.scheduleNames) {
    const targetName = `${options.scheduleTargetPrefix}${name}`;
    scheduleTargets.push(targetName);
    targets[targetName] = {
      executor: '@compute/nx:schedule',
      options: { schedule: name },
      configurations: { batch: { mode: 'batch' } },
      // A run has effects (it is the job); replaying a cached run would be a lie.
      cache: false,
      metadata: {
        technologies: ['compute'],
        description: `Run schedule "${name}" locally; the batch configuration submits it to AWS Batch`,
        // What one writes on the command line: mode comes from the configuration, never from there.
        help: { command: `${run(targetName)} --help`, example: { options: { args: '--since yesterday' } } },
      },
    };
  }

  const files = projectFileInputs(facts);
  const roster = rosterInput(facts);

  targets[options.testTargetName] = {
    executor: '@compute/nx:test',
    // A remote roster (GitLab, GitHub) is state Nx cannot hash: every run asks it again.
    cache: facts.roster.kind === 'file',
    inputs: [
      ...files,
      ...(roster ? [roster] : []),
      ...ctx.codeInputs,
      { runtime: TODAY_UTC_RUNTIME },
      { env: facts.maintainerEnv },
      ...GIT_IDENTITY_RUNTIMES.map((runtime) => ({ runtime })),
    ],
    // A cached run restores the --outputFile document too (Nx drops the output when the option is unset).
    outputs: ['{options.outputFile}'],
    metadata: {
      technologies: ['compute'],
      description: 'Check every schedule: schema, cross references, expressions, maintainers against the roster, review freshness',
      help: { command: `${run(options.testTargetName)} --help`, example: { options: { format: 'json', strict: true } } },
    },
  };

  targets[options.listTargetName] = {
    executor: '@compute/nx:list',
    cache: true,
    inputs: [...files, ...ctx.codeInputs, { runtime: CURRENT_MINUTE_UTC_RUNTIME }],
    outputs: ['{options.outputFile}'],
    metadata: {
      technologies: ['compute'],
      description: 'List every schedule with its next runs, size, maintainers and review due date',
      help: { command: `${run(options.listTargetName)} --help`, example: { options: { next: 5, format: 'json' } } },
    },
  };

  targets[options.catalogTargetName] = {
    executor: '@compute/nx:catalog',
    cache: true,
    // Like the listing, the page is a function of the files and the current minute.
    inputs: [...files, ...ctx.codeInputs, { runtime: CURRENT_MINUTE_UTC_RUNTIME }],
    outputs: ['{options.outputPath}'],
    options: { outputPath: 'dist/compute-catalog' },
    metadata: {
      technologies: ['compute'],
      description: 'Write the catalog page: every schedule, a week heatmap, capacity per environment and cost (dist/compute-catalog/index.html and catalog.json)',
      help: { command: `${run(options.catalogTargetName)} --help`, example: { options: { timezone: 'Europe/Berlin' } } },
    },
  };

  // Synthesis is a pure function of the files and Compute's code, so it is cached and an
  // unchanged catalog restores the stack. Only the stack's own files are outputs: a restore
  // must never remove Terraform's working files (.terraform, the lock file) beside them.
  targets[options.synthTargetName] = {
    executor: '@compute/nx:synth',
    options: { outputPath: DEFAULT_OUTPUT_PATH },
    cache: true,
    inputs: [...files, ...ctx.synthCodeInputs],
    // Named files, not a glob: Nx refuses globs from the workspace root (too slow, it says).
    outputs: ['{options.outputPath}/manifest.json', `{options.outputPath}/stacks/${facts.namePrefix}/cdk.tf.json`],
    metadata: {
      technologies: ['compute', 'terraform'],
      description: 'Validate every schedule and synthesize the AWS stack with cdktf into dist/compute (cached)',
      help: { command: `${run(options.synthTargetName)} --help`, example: { options: { outputPath: DEFAULT_OUTPUT_PATH } } },
    },
  };

  targets[options.deployTargetName] = {
    executor: '@compute/nx:deploy',
    // Forwarded, so `deploy --outputPath x` synthesizes into x too.
    dependsOn: [{ target: options.synthTargetName, params: 'forward' }],
    options: { outputPath: DEFAULT_OUTPUT_PATH },
    configurations: { plan: { plan: true }, apply: { apply: true } },
    // Plan and apply read and change the world; they must always run.
    cache: false,
    metadata: {
      technologies: ['compute', 'terraform'],
      description: `Synthesize the AWS stack (the ${options.synthTargetName} target); the plan and apply configurations run Terraform`,
      help: { command: `${run(options.deployTargetName)} --help`, example: { options: { plan: true } } },
    },
  };

  targets[options.diffTargetName] = {
    executor: '@compute/nx:diff',
    // The base is a git ref whose commit Nx cannot hash, and next runs depend on the clock.
    cache: false,
    metadata: {
      technologies: ['compute'],
      description: 'Show what the working tree changes compared with a git ref: schedules and their next runs, warnings, AWS resources and IAM permissions',
      help: { command: `${run(options.diffTargetName)} --help`, example: { options: { base: 'origin/main', format: 'markdown' } } },
    },
  };

  return {
    targets,
    metadata: {
      targetGroups: {
        Compute: [options.testTargetName, options.listTargetName, options.catalogTargetName, options.synthTargetName, options.deployTargetName, options.diffTargetName],
        ...(scheduleTargets.length > 0 ? { Schedules: scheduleTargets } : {}),
      },
    },
  };
}

/**
 * Every JSON file of the project (schedules, compute.json, the default roster,
 * project.json) and the init data the config names; other files, such as job
 * scripts, do not change the verdict.
 */
function projectFileInputs(facts: ComputeProjectFacts): string[] {
  const inputs = ['{projectRoot}/*.json'];
  // Without explicit environments the built-in ones apply; their init data lives under init/.
  const initData = facts.initData ?? ['init/**/*'];
  for (const path of initData) {
    const input = fileInput(facts.root, path);
    if (input && !inputs.includes(input)) inputs.push(input);
  }
  return inputs;
}

function rosterInput(facts: ComputeProjectFacts): string | undefined {
  return facts.roster.kind === 'file' ? fileInput(facts.root, facts.roster.path) : undefined;
}

/** A task input for a path relative to the project; undefined when it escapes the workspace. */
export function fileInput(root: string, path: string): string | undefined {
  const normalized = posixPath(path);
  if (posix.isAbsolute(normalized) || /^[A-Za-z]:/.test(normalized)) return undefined;
  if (!normalized.startsWith('../') && normalized !== '..') return `{projectRoot}/${normalized}`;
  const fromWorkspace = posix.normalize(posix.join(root, normalized));
  if (fromWorkspace.startsWith('../') || fromWorkspace === '..') return undefined;
  return `{workspaceRoot}/${fromWorkspace}`;
}
