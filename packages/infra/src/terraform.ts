import { spawn as nodeSpawn } from 'node:child_process';
import { accessSync, constants, statSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export type TerraformAction = 'plan' | 'apply';

/** The part of child_process.spawn used here, so tests can stand in for it. */
export type SpawnLike = (
  command: string,
  args: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; stdio: 'inherit' },
) => { on(event: 'exit', listener: (code: number | null, signal: NodeJS.Signals | null) => void): unknown; on(event: 'error', listener: (error: Error) => void): unknown };

export interface TerraformOptions {
  /** The stack folder (where cdk.tf.json is). */
  stackDir: string;
  action: TerraformAction;
  /** Apply without asking; needed where nobody can answer (CI). */
  autoApprove?: boolean;
  /** Environment of terraform, PATH included; defaults to this process's. */
  env?: NodeJS.ProcessEnv;
  /** Whether someone can answer terraform's prompt; defaults to stdin being a terminal. */
  interactive?: boolean;
  spawn?: SpawnLike;
  platform?: NodeJS.Platform;
}

export interface TerraformResult {
  success: boolean;
  /** Why it failed, in words a person can act on. */
  message?: string;
  /** The terraform commands that ran, in order (arguments only). */
  ran: string[][];
}

export class TerraformNotFoundError extends Error {
  constructor() {
    super(
      'terraform is not on PATH. Install Terraform 1.10 or later (https://developer.hashicorp.com/terraform/install) ' +
        'and run again; without --plan or --apply, deploy only writes the stack and needs no terraform.',
    );
    this.name = 'TerraformNotFoundError';
  }
}

/** The path of an executable found on PATH, or undefined. */
export function findExecutable(name: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  const path = env.PATH ?? env.Path ?? '';
  const extensions = platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';').filter(Boolean) : [''];
  for (const dir of path.split(platform === 'win32' ? ';' : delimiter)) {
    if (!dir) continue;
    for (const extension of extensions) {
      const candidate = join(dir, name + extension);
      try {
        if (!statSync(candidate).isFile()) continue;
        if (platform !== 'win32') accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // Not here; keep looking.
      }
    }
  }
  return undefined;
}

/**
 * `terraform init`, then `plan` or `apply`, in the stack folder, with terraform's own
 * output streaming to this terminal. Stops at the first failing command.
 */
export async function runTerraform(options: TerraformOptions): Promise<TerraformResult> {
  const env = options.env ?? process.env;
  const ran: string[][] = [];
  const terraform = findExecutable('terraform', env, options.platform);
  if (!terraform) return { success: false, message: new TerraformNotFoundError().message, ran };

  const interactive = options.interactive ?? Boolean(process.stdin.isTTY);
  if (options.action === 'apply' && !options.autoApprove && !interactive) {
    return {
      success: false,
      message: 'terraform apply asks for confirmation, and no one can answer here (stdin is not a terminal). Run it in a terminal, or pass --autoApprove to apply without asking.',
      ran,
    };
  }

  const steps: string[][] = [['init', '-input=false']];
  if (options.action === 'plan') steps.push(['plan', '-input=false']);
  else steps.push(options.autoApprove ? ['apply', '-input=false', '-auto-approve'] : ['apply']);

  const spawn = options.spawn ?? (nodeSpawn as unknown as SpawnLike);
  for (const args of steps) {
    ran.push(args);
    const outcome = await run(spawn, terraform, args, { cwd: options.stackDir, env, stdio: 'inherit' });
    if (outcome !== undefined) return { success: false, message: `terraform ${args[0]} ${outcome}`, ran };
  }
  return { success: true, ran };
}

/** Resolves with undefined on success, or with how the command failed. */
function run(spawn: SpawnLike, command: string, args: string[], options: Parameters<SpawnLike>[2]): Promise<string | undefined> {
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, options);
    child.on('error', (error) => resolvePromise(`could not start: ${error.message}`));
    child.on('exit', (code, signal) => {
      if (code === 0) resolvePromise(undefined);
      else resolvePromise(signal ? `was stopped by ${signal}` : `failed (exit code ${code}); its output above says why`);
    });
  });
}
