export interface DiffExecutorSchema {
  /** The git ref to compare with (default: NX_BASE, else defaultBase in nx.json, else main). */
  base?: string;
  /** text (default), markdown (a pull-request comment) or json (one document). */
  format?: 'text' | 'markdown' | 'json';
  /** How many next runs to show per schedule (default 5). */
  next?: number;
  /** Count runs after this instant instead of now (ISO 8601 with zone). */
  at?: string;
  /** Write the report (in --format) to this file, relative to the workspace root, instead of stdout. */
  outputFile?: string;
}
