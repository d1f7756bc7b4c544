export interface ListExecutorSchema {
  /** How many upcoming runs to show for each schedule (default 1). */
  next?: number;
  /** text: a table; json: an array with one object per schedule. */
  format?: 'text' | 'json';
  /** Write the listing to this file (relative to the workspace root) instead of stdout. */
  outputFile?: string;
}
