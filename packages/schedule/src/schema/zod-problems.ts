import type { z } from 'zod';
import { jsonPointer, type Problem } from '../problems';

/** Turns zod issues into problems people can act on, one per issue. */
export function problemsFromZod(
  error: z.ZodError,
  file: string,
  schedule?: string,
): Problem[] {
  const problems: Problem[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        problems.push({ file, schedule, path: jsonPointer([...issue.path, key]), severity: 'error', message: `unknown field "${key}": remove it or fix its spelling` });
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
