export interface DeployExecutorSchema {
  /** Folder for the synthesized stack, relative to the workspace root (default dist/compute). */
  outputPath?: string;
  /** Run terraform init and plan after synthesis. */
  plan?: boolean;
  /** Run terraform init and apply after synthesis. */
  apply?: boolean;
  /** With apply: do not ask for confirmation. */
  autoApprove?: boolean;
}
