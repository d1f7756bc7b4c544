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
 * The exact command that runs one of the compute project's targets, for messages that send
 * the user there: target names are configurable in the plugin options.
 */
function commandOf(context: ExecutorContext, executor: string, fallback: string): string {
  const name = context.projectName ?? 'compute';
  const targets = context.projectsConfigurations?.projects?.[name]?.targets ?? {};
  const target = Object.keys(targets).find((t) => targets[t]?.executor === executor) ?? fallback;
  return `npx nx run ${name}:${target}`;
}

/** The validation gate's command. */
export const testCommandOf = (context: ExecutorContext): string => commandOf(context, '@compute/nx:test', 'test');

/** The listing's command. */
export const listCommandOf = (context: ExecutorContext): string => commandOf(context, '@compute/nx:list', 'list');
