export interface TestExecutorSchema {
  /** text: problems grouped by file, then a summary line; json: one JSON document on stdout. */
  format?: 'text' | 'json';
  /** Treat every stale review as an error, not only the current maintainer's. */
  strict?: boolean;
  /** Write the report to this file (relative to the workspace root); stdout keeps the text report. */
  outputFile?: string;
}
