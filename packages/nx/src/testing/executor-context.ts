import type { ExecutorContext } from '@nx/devkit';

/**
 * The context Nx hands an executor running `targetName` of the compute project
 * (root `schedules`) in the workspace at `root`; `extra` overrides any field.
 */
export function executorContext(root: string, targetName: string, extra: Partial<ExecutorContext> = {}): ExecutorContext {
  return {
    root,
    cwd: root,
    isVerbose: false,
    projectName: 'compute',
    targetName,
    projectsConfigurations: { version: 2, projects: { compute: { root: 'schedules' } } },
    nxJsonConfiguration: {},
    projectGraph: { nodes: {}, dependencies: {} },
    ...extra,
  };
}
