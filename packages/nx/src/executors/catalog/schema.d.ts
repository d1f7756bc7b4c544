export interface CatalogExecutorSchema {
  /** Folder for index.html and catalog.json, relative to the workspace root (default dist/compute-catalog). */
  outputPath?: string;
  /** The zone the heatmap shows next to UTC; defaults to compute.json fleet.timezone. */
  timezone?: string;
  /** How many upcoming runs the table shows for each schedule (default 3). */
  next?: number;
}
