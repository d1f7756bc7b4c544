import type { ExecutorContext } from '@nx/devkit';

/** The compute project's root from the workspace root, for the project the target belongs to. */
export function projectRootOf(context: ExecutorContext): string {
  const name = context.projectName;
  const project = name ? context.projectsConfigurations?.projects?.[name] : undefined;
  if (!name || !project) {
    throw new Error(`this executor runs on a compute project target (nx run <project>:<target>); no project configuration was found for "${name ?? ''}"`);
  }
  return project.root;
}

/**
 * The exact command that runs the compute project's validation gate, for messages that
 * send the user there: the target name is configurable in the plugin options.
 */
export function testCommandOf(context: ExecutorContext): string {
  const name = context.projectName ?? 'compute';
  const targets = context.projectsConfigurations?.projects?.[name]?.targets ?? {};
  const target = Object.keys(targets).find((t) => targets[t]?.executor === '@compute/nx:test') ?? 'test';
  return `npx nx run ${name}:${target}`;
}
