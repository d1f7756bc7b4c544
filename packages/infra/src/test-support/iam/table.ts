// Tables of requests that must be allowed and must be denied, run against a resolved stack.
import { authorize, type Caller, type PolicyDocument, type PolicySet } from './evaluate';
import type { ResolvedStack } from './stack-policies';

/** A role of the stack (Terraform name), an AWS service, or a person holding a given policy. */
export type RowCaller = { role: string } | { service: string } | { person: string; policy: PolicyDocument };

export interface Row {
  /** Named so a failure says which grant broke. */
  name: string;
  caller: RowCaller;
  action: string;
  resources: string[];
  context?: Record<string, string | string[]>;
  expect: 'allowed' | 'denied';
}

/** The names of the rows whose decision is not the expected one, with what happened. */
export function failingRows(stack: ResolvedStack, rows: readonly Row[]): string[] {
  const resource = new Map<string, PolicyDocument>();
  for (const policy of stack.policies) {
    if (policy.kind === 'resource' || policy.kind === 'key') resource.set(policy.attachedTo, policy.document);
    if (policy.kind === 'trust') resource.set(stack.roleArn(policy.attachedTo), policy.document);
  }
  const failing: string[] = [];
  for (const row of rows) {
    let caller: Caller;
    let identity: PolicyDocument[];
    if ('role' in row.caller) {
      caller = { roleArn: stack.roleArn(row.caller.role), account: stack.account };
      identity = stack.identityPolicies(row.caller.role).map((p) => p.document);
    } else if ('person' in row.caller) {
      caller = { roleArn: `arn:${stack.partition}:iam::${stack.account}:role/${row.caller.person}`, account: stack.account };
      identity = [row.caller.policy];
    } else {
      caller = { service: row.caller.service };
      identity = [];
    }
    const policies: PolicySet = { identity, resource };
    const decision = authorize(policies, { caller, action: row.action, resources: row.resources, context: row.context });
    const allowed = decision === 'allowed';
    if (allowed !== (row.expect === 'allowed')) failing.push(`${row.name} (expected ${row.expect}, got ${decision})`);
  }
  return failing;
}
