import { createHash } from 'node:crypto';
import { sortedRecord } from '@compute/schedule';

/**
 * Terraform reads every string of a .tf.json file as a template, so text written by
 * people ("${GIT_CLONE_TOKEN}" in a shell command) would become an interpolation.
 * Doubling the introducers keeps it literal: Terraform turns "$${" back into "${".
 */
export function literal(text: string): string {
  // Function replacers: in a replacement string "$$" itself means "$".
  return text.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/** What Terraform makes of a string produced by `literal` (for tests and summaries). */
export function unliteral(text: string): string {
  return text.replace(/\$\$\{/g, () => '${').replace(/%%\{/g, () => '%{');
}

const TERRAFORM_NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;

/**
 * A Terraform resource name for a user-given value (a role name, an e-mail address): the
 * value itself when it is a valid identifier, otherwise a sanitised form plus a short hash
 * of the original, so values that sanitise alike (a.b, a_b) never collide and the name
 * never depends on what else is in the stack.
 */
export function terraformName(value: string): string {
  if (TERRAFORM_NAME.test(value)) return value;
  const hash = createHash('sha256').update(value).digest('hex').slice(0, 8);
  return `_${value.replace(/[^A-Za-z0-9_-]/g, '_')}_${hash}`;
}

/** `literal` on both keys and values (Terraform reads JSON object keys as templates too). */
export function literalMap(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(sortedRecord(record)).map(([key, value]) => [literal(key), literal(value)]));
}
