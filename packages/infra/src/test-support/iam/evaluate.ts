// A small model of how AWS authorizes one request against identity, resource and key
// policies: explicit Deny wins, then any Allow; IAM's wildcards; NotAction/NotResource;
// the condition operators the stack uses. Unknown operators fail loudly rather than guess.
import { arnMatch, wildcardMatch } from './wildcard';

export type Principal = '*' | { Service?: string | string[]; AWS?: string | string[] };

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: Principal;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version: string;
  Statement: PolicyStatement[];
}

/** Who calls: a role of this account (its ARN) or an AWS service acting for it. */
export type Caller = { roleArn: string; account: string } | { service: string };

export interface AuthorizationRequest {
  caller: Caller;
  action: string;
  /** Every resource AWS authorizes the call against; the call is allowed only if all are. */
  resources: string[];
  /** Request context keys (aws:SourceArn, aws:SecureTransport, kms:EncryptionContext:...). */
  context?: Record<string, string | string[]>;
}

export interface PolicySet {
  /** Policies of the calling role. */
  identity: PolicyDocument[];
  /** Resource ARN -> its resource policy (SNS topic, SQS queue) or key policy (KMS). */
  resource: Map<string, PolicyDocument>;
}

export type Decision = 'allowed' | 'explicit deny' | 'implicit deny';

export function authorize(policies: PolicySet, request: AuthorizationRequest): Decision {
  const decisions = request.resources.map((resource) => authorizeOne(policies, request, resource));
  if (decisions.includes('explicit deny')) return 'explicit deny';
  return decisions.every((d) => d === 'allowed') ? 'allowed' : 'implicit deny';
}

function authorizeOne(policies: PolicySet, request: AuthorizationRequest, resource: string): Decision {
  const resourcePolicy = policies.resource.get(resource);
  const identity = 'roleArn' in request.caller ? policies.identity : [];
  const applies = (statement: PolicyStatement, checkPrincipal: boolean) =>
    (!checkPrincipal || principalMatches(statement.Principal, request.caller)) &&
    actionMatches(statement, request.action) &&
    resourceMatches(statement, resource) &&
    conditionsHold(statement.Condition, request.context ?? {});

  const identityStatements = identity.flatMap((d) => d.Statement);
  const resourceStatements = resourcePolicy?.Statement ?? [];
  if ([...identityStatements.filter((s) => s.Effect === 'Deny' && applies(s, false)), ...resourceStatements.filter((s) => s.Effect === 'Deny' && applies(s, true))].length > 0) {
    return 'explicit deny';
  }
  const identityAllows = identityStatements.some((s) => s.Effect === 'Allow' && applies(s, false));
  const resourceAllows = resourceStatements.some((s) => s.Effect === 'Allow' && applies(s, true));
  if (isKmsKey(resource)) {
    // A key policy is the root of KMS access: IAM policies count only where it delegates to the account.
    const caller = request.caller;
    const delegates =
      'roleArn' in caller &&
      resourceStatements.some((s) => s.Effect === 'Allow' && principalNames(s.Principal, `arn:aws:iam::${caller.account}:root`) && applies({ ...s, Principal: '*' }, true));
    return resourceAllows || (delegates && identityAllows) ? 'allowed' : 'implicit deny';
  }
  return identityAllows || resourceAllows ? 'allowed' : 'implicit deny';
}

function isKmsKey(arn: string): boolean {
  return /^arn:[^:]+:kms:[^:]*:[^:]*:key\//.test(arn);
}

function list<T>(value: T | T[] | undefined): T[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function principalNames(principal: Principal | undefined, arn: string): boolean {
  if (principal === undefined || principal === '*') return false;
  return list(principal.AWS).some((p) => p.replace(/^arn:[^:]+:/, 'arn:aws:') === arn || p === arn.split(':')[4]);
}

function principalMatches(principal: Principal | undefined, caller: Caller): boolean {
  if (principal === undefined) return false;
  if (principal === '*') return true;
  if ('service' in caller) return list(principal.Service).includes(caller.service);
  return list(principal.AWS).some((p) => p === '*' || p === caller.roleArn);
}

function actionMatches(statement: PolicyStatement, action: string): boolean {
  const matches = (patterns: string[]) => patterns.some((p) => wildcardMatch(p, action, { ignoreCase: true }));
  if (statement.NotAction !== undefined) return !matches(list(statement.NotAction));
  return matches(list(statement.Action));
}

function resourceMatches(statement: PolicyStatement, resource: string): boolean {
  if (statement.NotResource !== undefined) return !list(statement.NotResource).some((p) => arnMatch(p, resource));
  // Trust policies have no Resource: they are about the role itself.
  if (statement.Resource === undefined) return true;
  return list(statement.Resource).some((p) => arnMatch(p, resource));
}

type Operator = (policyValue: string, contextValue: string) => boolean;

const OPERATORS: Record<string, { test: Operator; negated?: boolean }> = {
  StringEquals: { test: (p, c) => p === c },
  StringNotEquals: { test: (p, c) => p === c, negated: true },
  StringEqualsIgnoreCase: { test: (p, c) => p.toLowerCase() === c.toLowerCase() },
  StringLike: { test: (p, c) => wildcardMatch(p, c) },
  StringNotLike: { test: (p, c) => wildcardMatch(p, c), negated: true },
  ArnEquals: { test: (p, c) => arnMatch(p, c) },
  ArnLike: { test: (p, c) => arnMatch(p, c) },
  ArnNotEquals: { test: (p, c) => arnMatch(p, c), negated: true },
  ArnNotLike: { test: (p, c) => arnMatch(p, c), negated: true },
  Bool: { test: (p, c) => p.toLowerCase() === c.toLowerCase() },
};

function conditionsHold(condition: PolicyStatement['Condition'], context: Record<string, string | string[]>): boolean {
  if (!condition) return true;
  const lowerContext = new Map(Object.entries(context).map(([k, v]) => [k.toLowerCase(), list(v)]));
  return Object.entries(condition).every(([name, keys]) => {
    const ifExists = name.endsWith('IfExists');
    const operator = OPERATORS[ifExists ? name.slice(0, -'IfExists'.length) : name];
    if (!operator) throw new Error(`the evaluator does not model condition operator ${name}`);
    return Object.entries(keys).every(([key, expected]) => {
      const actual = lowerContext.get(key.toLowerCase());
      if (actual === undefined) return ifExists || operator.negated === true;
      const any = list(expected).some((p) => actual.some((c) => operator.test(p, c)));
      return operator.negated ? !any : any;
    });
  });
}
