/** Options of `nx g @compute/nx:schedule`; mirrors schema.json. */
export interface ScheduleGeneratorSchema {
  /** Schedule name, also the file name. */
  name?: string;
  /** The compute project; defaults to "compute" or the only compute project. */
  project?: string;
  /** One shell-like string, or each argument verbatim. */
  /** Nx passes `true` for a value yargs took for a flag (a bare option, or one starting with a dash). */
  command?: string | (string | boolean)[] | boolean;
  scheduleExpression?: string;
  /** Usernames, separated by commas or spaces. */
  maintainers?: string | (string | boolean)[] | boolean;
  /** What the job does and why (at least 25 characters). */
  description?: string;
  timezone?: string;
  size?: string;
  awsRole?: string;
  attempts?: number;
  timeout?: number;
  /** Seconds a run usually takes; a string when typed at the prompt, where empty skips it. */
  expectedDuration?: number | string | boolean;
  parallel?: number;
  enabled?: boolean;
  image?: string;
  flexibleWindowMinutes?: number;
  startDate?: string;
  endDate?: string;
  /** NAME=value entries. */
  environment?: string | (string | boolean)[] | boolean;
  /** Secret variable names, separated by commas or spaces. */
  secrets?: string | (string | boolean)[] | boolean;
  /** key=value entries. */
  tags?: string | (string | boolean)[] | boolean;
  requiredBy?: string | (string | boolean)[] | boolean;
  /** YYYY-MM-DD; defaults to today (UTC). */
  lastReview?: string;
  skipFormat?: boolean;
}
