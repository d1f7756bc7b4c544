export interface SynthExecutorSchema {
  /** Folder for the synthesized stack, relative to the workspace root (default dist/compute). */
  outputPath?: string;
}
