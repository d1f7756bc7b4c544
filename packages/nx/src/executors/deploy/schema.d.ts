export interface DeployExecutorSchema {
  /** Where the synth target wrote the stack, relative to the workspace root (default dist/compute). */
  outputPath?: string;
  /** Run terraform init and plan in the stack folder. */
  plan?: boolean;
  /** Run terraform init and apply in the stack folder. */
  apply?: boolean;
  /** With apply: do not ask for confirmation. */
  autoApprove?: boolean;
}
