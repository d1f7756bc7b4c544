import { mkdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, resolve } from 'node:path';
import { awsNames, posixPath, SCHEDULE_TAG, sortProblems, type Catalog, type Problem } from '@compute/schedule';
import { stackDocumentOf, synthesizeApp, type TerraformJson } from './cdktf';
import { baseTags } from './context';
import { writeJsonFile } from './json-file';
import { stackName } from './names';
import { ComputeStack, type ComputeStackInput } from './stack';
import { buildUserData, type InitDataFile } from './user-data';

export interface SynthesizeOptions {
  /** A validated catalog (loadCatalog without errors). */
  catalog: Catalog;
  workspaceRoot: string;
  /** Where to write: absolute, or relative to the workspace root. Created if missing. */
  outdir: string;
  /**
   * Where the output will be used from, relative to the workspace root, when it is
   * written elsewhere first (a temporary folder swapped in later). Paths inside the
   * stack (the local state file) are relative to it. Defaults to `outdir`.
   */
  outputPath?: string;
  /** Reads a file by its path from the workspace root (init data); defaults to the disk. */
  readFile?: (workspacePath: string) => string;
}

export interface SynthesisSummary {
  schedules: string[];
  environments: string[];
  queues: string[];
  /** Terraform resource type -> count, sorted by type. */
  resourcesByType: Record<string, number>;
  /** Terraform data source type -> count (looked up, not created). */
  dataSourcesByType: Record<string, number>;
  /** Where Terraform keeps state, for humans: "s3://bucket/key" or a path from the workspace root. */
  state: string;
}

export interface SynthesisResult {
  stackName: string;
  /** The stack's Terraform JSON, relative to the output folder (stacks/<stack>/cdk.tf.json). */
  stackFile: string;
  summary: SynthesisSummary;
}

/** The catalog cannot be turned into a stack; every reason is listed. */
export class SynthesisError extends Error {
  constructor(readonly problems: Problem[]) {
    super(problems.map((p) => `${p.file} ${p.path || '/'}: ${p.message}`).join('\n'));
    this.name = 'SynthesisError';
  }
}

/** Batch fails a job whose propagated tags (job plus job definition) exceed 50. */
export const MAX_PROPAGATED_TAGS = 50;

/**
 * Writes the Terraform stack of a catalog. Pure apart from reading init data and writing
 * `outdir`: the same catalog and files give byte-identical output on any machine.
 */
export function synthesize(options: SynthesizeOptions): SynthesisResult {
  const { catalog, workspaceRoot } = options;
  const outdir = resolve(workspaceRoot, options.outdir);
  const outputPath = posixPath(options.outputPath ?? relative(workspaceRoot, outdir));
  const input = stackInput(catalog, options.readFile ?? ((path) => readFileSync(join(workspaceRoot, path), 'utf8')), outputPath);
  const stack = stackName(catalog.config);

  mkdirSync(outdir, { recursive: true });
  let doc: TerraformJson = {};
  synthesizeApp(
    outdir,
    (app) => new ComputeStack(app, input),
    (file, synthesized) => {
      doc = synthesized;
      writeJsonFile(file, doc);
    },
  );

  const stackFile = posix.join('stacks', stack, 'cdk.tf.json');

  const state = catalog.config.state;
  const environments = Object.keys(catalog.config.environments).sort();
  const names = awsNames(catalog.config);
  return {
    stackName: stack,
    stackFile,
    summary: {
      schedules: catalog.schedules.map((s) => s.name),
      environments,
      queues: environments.map((e) => names.jobQueue(e)),
      resourcesByType: countByType(doc.resource),
      dataSourcesByType: countByType(doc.data),
      state: state.backend === 's3' ? `s3://${state.bucket}/${state.key}` : localStateFile(catalog),
    },
  };
}

export interface SynthesizeDocumentOptions {
  /** A validated catalog (loadCatalog without errors). */
  catalog: Catalog;
  /** Reads a file by its path from the workspace root (init data): the disk, or a git tree. */
  readFile: (workspacePath: string) => string;
  /** Where deploy writes the stack, from the workspace root, so paths in it match (default dist/compute). */
  outputPath?: string;
}

/**
 * The Terraform JSON document `synthesize` writes for a catalog, built in memory: no
 * files are read but through `readFile`, none are written. Throws SynthesisError as
 * `synthesize` does.
 */
export function synthesizeDocument(options: SynthesizeDocumentOptions): TerraformJson {
  const input = stackInput(options.catalog, options.readFile, posixPath(options.outputPath ?? 'dist/compute'));
  return stackDocumentOf((scope) => new ComputeStack(scope, input));
}

/** What the stack is built from, once every problem of the catalog's files is ruled out. */
function stackInput(catalog: Catalog, readFile: (path: string) => string, outputPath: string): ComputeStackInput {
  const problems: Problem[] = [];
  const userData = buildAllUserData(catalog, readFile, problems);
  problems.push(...tagProblems(catalog));
  if (problems.length > 0) throw new SynthesisError(sortProblems(problems));
  const stackDir = posix.join(outputPath, 'stacks', stackName(catalog.config));
  return { catalog, userData, localStatePath: posix.relative(stackDir, localStateFile(catalog)) };
}

/** The local state file from the workspace root; empty with an S3 backend. */
function localStateFile(catalog: Catalog): string {
  const state = catalog.config.state;
  return state.backend === 'local' ? posix.join(catalog.projectRoot, state.path) : '';
}

function countByType(block: TerraformJson['resource']): Record<string, number> {
  return Object.fromEntries(Object.keys(block ?? {}).sort().map((type) => [type, Object.keys(block![type]).length]));
}

function buildAllUserData(catalog: Catalog, readFile: (path: string) => string, problems: Problem[]): Record<string, string> {
  const userData: Record<string, string> = {};
  for (const environment of Object.keys(catalog.config.environments).sort()) {
    const pointer = `/environments/${environment}/initData`;
    const files: InitDataFile[] = [];
    catalog.config.environments[environment].initData.forEach((path, index) => {
      try {
        files.push({ path, text: readFile(posix.join(catalog.projectRoot, path)) });
      } catch (error) {
        const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : `cannot be read (${(error as Error).message})`;
        problems.push({ file: catalog.configFile, path: `${pointer}/${index}`, severity: 'error', message: `init data file "${path}" ${reason}` });
        files.push({ path, text: '' });
      }
    });
    const built = buildUserData(files);
    for (const problem of built.problems) {
      problems.push({
        file: catalog.configFile,
        path: problem.index === undefined ? pointer : `${pointer}/${problem.index}`,
        severity: 'error',
        message: problem.message,
      });
    }
    userData[environment] = built.document;
  }
  return userData;
}

function tagProblems(catalog: Catalog): Problem[] {
  const common = Object.keys(baseTags(catalog.config));
  const problems: Problem[] = [];
  for (const schedule of catalog.schedules) {
    const keys = new Set([...common, ...Object.keys(schedule.definition.tags), SCHEDULE_TAG]);
    if (keys.size > MAX_PROPAGATED_TAGS) {
      problems.push({
        file: schedule.file,
        schedule: schedule.name,
        path: '/tags',
        severity: 'error',
        message: `the job would carry ${keys.size} tags (its own, compute.json's and Compute's); AWS Batch fails jobs with more than ${MAX_PROPAGATED_TAGS}, so remove ${keys.size - MAX_PROPAGATED_TAGS}`,
      });
    }
  }
  return problems;
}
