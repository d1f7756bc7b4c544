/**
 * File names and defaults of Compute, written once. The compute.json schema (and so
 * the JSON Schema made from it), the Nx plugin and the generators all read them here.
 * This module imports nothing: the plugin's graph inference imports it directly
 * (`@compute/schedule/src/defaults`) without loading zod through the package index.
 */

/** Each compute project has one, and it makes the folder a compute project. */
export const CONFIG_FILE_NAME = 'compute.json';
/** Schedule names come from file names only: `<name>.schedule.json`. */
export const SCHEDULE_FILE_SUFFIX = '.schedule.json';
/** compute.json `roster.path` when the roster is a file. */
export const DEFAULT_ROSTER_PATH = 'maintainers.json';
/** compute.json `review.maintainerEnv`: the variable naming the current maintainer. */
export const DEFAULT_MAINTAINER_ENV = 'COMPUTE_MAINTAINER';
/** compute.json `namePrefix`: the prefix of every AWS name (and the Terraform stack's folder). */
export const DEFAULT_NAME_PREFIX = 'compute';
