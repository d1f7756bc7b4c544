import type { z } from 'zod';
import { jsonPointer, type Problem } from '../problems';
import { suggestField } from './field-suggestion';

/** The schema and the document it rejected, so an unknown field can be matched to the field meant. */
export interface ZodSource {
  schema: z.ZodType;
  input: unknown;
}

/** Turns zod issues into problems people can act on, one per issue. */
export function problemsFromZod(
  error: z.ZodError,
  file: string,
  schedule?: string,
  source?: ZodSource,
): Problem[] {
  const problems: Problem[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        const meant = source ? suggestField(source.schema, source.input, issue.path, key) : undefined;
        const message = meant ? `unknown field "${key}": did you mean "${meant}"?` : `unknown field "${key}": remove it or fix its spelling`;
        problems.push({ file, schedule, path: jsonPointer([...issue.path, key]), severity: 'error', message });
      }
      continue;
    }
    problems.push({ file, schedule, path: jsonPointer(issue.path), severity: 'error', message: messageOf(issue) });
  }
  return problems;
}

function messageOf(issue: z.core.$ZodIssue): string {
  if (issue.code === 'invalid_type') {
    const received = (issue as { input?: unknown }).input;
    if (received === undefined) return `is required (${issue.expected})`;
    return `must be ${article(issue.expected)}, not ${describeValue(received)}`;
  }
  if (issue.code === 'invalid_union' && 'discriminator' in issue) {
    return `${issue.message}`;
  }
  return issue.message;
}

function article(expected: string): string {
  return /^[aeiou]/.test(expected) ? `an ${expected}` : `a ${expected}`;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${JSON.stringify(value)}`;
}
