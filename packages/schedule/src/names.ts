import { SCHEDULE_FILE_SUFFIX } from './defaults';

export { SCHEDULE_FILE_SUFFIX };
export const SCHEDULE_NAME_PATTERN = /^[a-z][a-z0-9_]*$/;
/** Leaves room for a 15-character prefix in 64-character AWS names. */
export const SCHEDULE_NAME_MAX_LENGTH = 48;

/** The schedule name a file path implies, or undefined when it is not a schedule file. */
export function scheduleNameFromFile(file: string): string | undefined {
  const base = file.split(/[\\/]/).pop() ?? '';
  if (!base.endsWith(SCHEDULE_FILE_SUFFIX)) return undefined;
  return base.slice(0, -SCHEDULE_FILE_SUFFIX.length);
}

/** Why a schedule name is not acceptable, or undefined when it is. */
export function scheduleNameProblem(name: string): string | undefined {
  if (!SCHEDULE_NAME_PATTERN.test(name)) {
    return `schedule name "${name}" must start with a lowercase letter and contain only lowercase letters, digits and "_" (rename the file)`;
  }
  if (name.length > SCHEDULE_NAME_MAX_LENGTH) {
    return `schedule name "${name}" is ${name.length} characters long; the limit is ${SCHEDULE_NAME_MAX_LENGTH} so derived AWS names fit (rename the file)`;
  }
  return undefined;
}
