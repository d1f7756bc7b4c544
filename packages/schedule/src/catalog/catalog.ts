import type { ComputeConfig, EnvironmentConfig, SizeConfig } from '../schema/compute-config';
import type { ScheduleFile } from '../schema/schedule-file';

/** A schedule that passed every check, with its size and environment resolved. */
export interface Schedule {
  name: string;
  /** Path from the workspace root. */
  file: string;
  definition: ScheduleFile;
  size: SizeConfig & { name: string };
  environment: EnvironmentConfig & { name: string };
}

export interface Catalog {
  /** The compute project, from the workspace root ("schedules"). */
  projectRoot: string;
  /** compute.json, from the workspace root. */
  configFile: string;
  config: ComputeConfig;
  /** Valid schedules, sorted by name. */
  schedules: Schedule[];
}

/** A text file, path from the workspace root. */
export interface SourceFile {
  path: string;
  text: string;
}

export const CONFIG_FILE_NAME = 'compute.json';
