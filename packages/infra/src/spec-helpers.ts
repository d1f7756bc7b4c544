// Shared by the specs: catalogs (from @compute/schedule/testing) synthesized into temporary folders.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import type { Catalog, ComputeConfigInput } from '@compute/schedule';
import { synthesize, type SynthesisResult } from './synth';
import { unliteral } from './terraform-text';

/** One environment without init data, so constructed catalogs need no files. */
export const SMALL_ONLY: ComputeConfigInput = {
  environments: {
    small: { architecture: 'arm64', instanceTypes: ['r6gd.medium'], instanceShape: { vcpus: 1, memoryMiB: 8192 } },
  },
  sizes: { small: { vcpus: 1, memoryMiB: 7000, environment: 'small' } },
};

export interface Synthesized {
  result: SynthesisResult;
  dir: string;
  text: string;
  doc: TerraformDoc;
  cleanup(): void;
}

export interface TerraformDoc {
  terraform: Record<string, any>;
  provider: Record<string, any>;
  resource: Record<string, Record<string, any>>;
  data: Record<string, Record<string, any>>;
  output: Record<string, any>;
}

/**
 * Synthesizes into a new temporary folder. Init data comes from `readFile`, from the disk
 * under `workspaceRoot` when `readFile` is 'disk', or is a one-line script by default.
 */
export function synthInto(catalog: Catalog, options: { workspaceRoot?: string; readFile?: ((path: string) => string) | 'disk'; outputPath?: string } = {}): Synthesized {
  const dir = mkdtempSync(join(tmpdir(), 'compute-synth-'));
  let result: SynthesisResult;
  try {
    result = synthesize({
      catalog,
      workspaceRoot: options.workspaceRoot ?? dir,
      outdir: join(dir, 'out'),
      outputPath: options.outputPath ?? 'dist/compute',
      readFile: options.readFile === 'disk' ? undefined : (options.readFile ?? (() => '#!/bin/sh\necho init\n')),
    });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  const text = readFileSync(join(dir, 'out', result.stackFile), 'utf8');
  return { result, dir, text, doc: JSON.parse(text), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Every file under a folder, path -> content. */
export function readTree(root: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.set(relative(root, path), readFileSync(path, 'utf8'));
    }
  };
  walk(root);
  return files;
}

/** A JSON string attribute as Terraform will see it once its template is evaluated (references left in place). */
export function parseTemplateJson(value: string): any {
  return JSON.parse(unliteral(value));
}

export interface Statement {
  Sid?: string;
  Effect: string;
  Principal?: any;
  Action: string | string[];
  Resource?: string | string[];
  Condition?: any;
}

export function statements(policy: string): Statement[] {
  return parseTemplateJson(policy).Statement;
}

export function list<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}
