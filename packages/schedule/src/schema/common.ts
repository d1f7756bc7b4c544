import { z } from 'zod';

/** Environment variable names a container accepts; AWS_BATCH* is reserved by Batch. */
export const variableName = z
  .string()
  .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'must be a valid environment variable name: letters, digits and "_", not starting with a digit')
  .refine((name) => !name.startsWith('AWS_BATCH'), 'names starting with AWS_BATCH are reserved by AWS Batch')
  .describe('An environment variable name.');

const TAG_CHARS = /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u;

/** AWS tag rules: key 1-128 and value 0-256 characters from the allowed set; "aws:" is reserved. */
export const tagMap = z
  .record(
    z
      .string()
      .min(1, 'tag keys must not be empty')
      .max(128, 'tag keys are at most 128 characters')
      .regex(TAG_CHARS, 'tag keys may contain letters, digits, spaces and _ . : / = + - @')
      .refine((key) => !key.toLowerCase().startsWith('aws:'), 'tag keys starting with "aws:" are reserved by AWS'),
    z
      .string()
      .max(256, 'tag values are at most 256 characters')
      .regex(TAG_CHARS, 'tag values may contain letters, digits, spaces and _ . : / = + - @'),
  )
  .refine((tags) => Object.keys(tags).length <= 40, 'at most 40 tags (Batch fails jobs with more than 50 propagated tags; Compute adds its own)');

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

// Each refinement only judges values of the right form: a wrong form is one problem, not two.
export const isoDate = z
  .string()
  .regex(DATE, 'must be a date written YYYY-MM-DD')
  .refine((value) => !DATE.test(value) || isCalendarDate(value), 'is not a real calendar date');

export function isCalendarDate(value: string): boolean {
  const [y, m, d] = value.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

export const isoDateTime = z
  .string()
  .regex(DATE_TIME, 'must be an ISO 8601 date-time with a zone, e.g. 2027-01-01T00:00:00Z')
  .refine((value) => !DATE_TIME.test(value) || !Number.isNaN(Date.parse(value)), 'is not a real date-time');
