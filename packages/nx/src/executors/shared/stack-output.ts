import { DEFAULT_OUTPUT_PATH, workspacePath } from './output-path';

/**
 * The folder synth writes the stack to and deploy runs terraform in, relative to
 * the workspace root, or the message for an outputPath outside the workspace.
 */
export function stackOutputPath(target: 'synth' | 'deploy', workspaceRoot: string, outputPath: string | undefined): { path: string } | { problem: string } {
  const path = workspacePath(workspaceRoot, outputPath ?? DEFAULT_OUTPUT_PATH);
  if (path !== undefined) return { path };
  return { problem: `${target}: outputPath "${outputPath}" must be a folder inside the workspace, e.g. ${DEFAULT_OUTPUT_PATH}: the stack's paths are relative to it, the same on every machine.` };
}
