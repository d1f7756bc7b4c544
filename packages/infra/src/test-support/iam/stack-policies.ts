// Every IAM policy of a synthesized stack, with its Terraform references resolved to the
// deterministic values a test can form requests against.
import type { TerraformDoc } from '../../spec-helpers';
import { unliteral } from '../../terraform-text';
import { AWS_MANAGED_POLICIES } from './managed-policies';
import type { PolicyDocument } from './evaluate';

export const TEST_ACCOUNT = '123456789012';
export const TEST_PARTITION = 'aws';

export type PolicyKind = 'identity' | 'trust' | 'resource' | 'key';

export interface StackPolicy {
  kind: PolicyKind;
  /** Where it comes from, for messages: `aws_iam_role_policy.scheduler`. */
  source: string;
  /** identity and trust: the role's Terraform name; resource and key: the resource's ARN. */
  attachedTo: string;
  document: PolicyDocument;
  /** An AWS managed policy: not ours to change. */
  managed?: boolean;
}

export interface ResolvedStack {
  account: string;
  partition: string;
  region: string;
  /** `${TYPE.NAME.ATTR}` resolved, e.g. ref('aws_batch_job_queue.small.arn'). */
  ref(address: string): string;
  /** The ARN of a role by its Terraform name. */
  roleArn(role: string): string;
  policies: StackPolicy[];
  /** Every policy a role carries (inline and attached). */
  identityPolicies(role: string): StackPolicy[];
}

type Config = Record<string, any>;

export function resolveStack(doc: TerraformDoc): ResolvedStack {
  const region: string = doc.provider.aws[0]?.region ?? doc.provider.aws.region;
  const account = TEST_ACCOUNT;
  const partition = TEST_PARTITION;
  const arn = (service: string, resource: string, regional = true) => `arn:${partition}:${service}:${regional ? region : ''}:${account}:${resource}`;

  const builders: Record<string, (c: Config, name: string) => Record<string, string>> = {
    aws_batch_job_queue: (c) => ({ arn: arn('batch', `job-queue/${c.name}`), name: c.name }),
    aws_batch_compute_environment: (c) => ({ arn: arn('batch', `compute-environment/${c.name ?? `${c.name_prefix}0001`}`) }),
    aws_batch_job_definition: (c) => ({ arn: arn('batch', `job-definition/${c.name}:1`), name: c.name }),
    aws_sqs_queue: (c) => ({ arn: arn('sqs', c.name), name: c.name, url: `https://sqs.${region}.amazonaws.com/${account}/${c.name}` }),
    aws_sns_topic: (c) => ({ arn: arn('sns', c.name), name: c.name }),
    aws_cloudwatch_event_rule: (c) => ({ arn: arn('events', `rule/${c.name}`), name: c.name }),
    aws_cloudwatch_metric_alarm: (c) => ({ arn: arn('cloudwatch', `alarm:${c.alarm_name}`), alarm_name: c.alarm_name }),
    aws_cloudwatch_log_group: (c) => ({ arn: arn('logs', `log-group:${c.name}`), name: c.name }),
    aws_scheduler_schedule_group: (c) => ({ arn: arn('scheduler', `schedule-group/${c.name}`), name: c.name }),
    aws_kms_key: (_c, name) => {
      const keyId = `0000${name}`.padStart(8, '0').slice(-8) + '-0000-4000-8000-000000000000';
      return { arn: arn('kms', `key/${keyId}`), key_id: keyId, id: keyId };
    },
    aws_iam_role: (c) => ({ arn: arn('iam', `role/${c.name}`, false), name: c.name, id: c.name }),
    aws_iam_instance_profile: (c) => ({ arn: arn('iam', `instance-profile/${c.name}`, false), name: c.name }),
  };
  const dataBuilders: Record<string, (c: Config) => Record<string, string>> = {
    aws_iam_role: (c) => ({ arn: arn('iam', `role/${c.name}`, false), name: c.name }),
    aws_caller_identity: () => ({ account_id: account }),
    aws_partition: () => ({ partition }),
  };

  const ref = (address: string): string => {
    const parts = address.split('.');
    const [isData, type, name, attribute] = parts[0] === 'data' ? [true, parts[1], parts[2], parts[3]] : [false, parts[0], parts[1], parts[2]];
    const config = isData ? doc.data?.[type]?.[name] : doc.resource?.[type]?.[name];
    const build = isData ? dataBuilders[type] : builders[type];
    if (!config || !build) throw new Error(`cannot resolve Terraform reference \${${address}}: no ${isData ? 'data source' : 'resource'} or no rule for ${type}`);
    const value = build(config, name)[attribute];
    if (value === undefined) throw new Error(`cannot resolve Terraform reference \${${address}}: no rule for attribute ${attribute}`);
    return value;
  };
  // References first; then "$${" escapes become the literal "${" they stand for.
  const resolve = (text: string): string => unliteral(text.replace(/(?<!\$)\$\{([^}]+)\}/g, (_, address: string) => ref(address)));
  const parse = (text: string): PolicyDocument => JSON.parse(resolve(text));
  const roleName = (reference: string): string => {
    const match = /^\$\{aws_iam_role\.([^.]+)\.(?:id|name)\}$/.exec(reference);
    if (!match) throw new Error(`a role policy names its role by ${reference}, not by a reference to a role of the stack`);
    return match[1];
  };

  const policies: StackPolicy[] = [];
  for (const [name, role] of Object.entries(doc.resource.aws_iam_role ?? {})) {
    policies.push({ kind: 'trust', source: `aws_iam_role.${name}`, attachedTo: name, document: parse(role.assume_role_policy) });
  }
  for (const [name, policy] of Object.entries(doc.resource.aws_iam_role_policy ?? {})) {
    policies.push({ kind: 'identity', source: `aws_iam_role_policy.${name}`, attachedTo: roleName(policy.role), document: parse(policy.policy) });
  }
  for (const [name, attachment] of Object.entries(doc.resource.aws_iam_role_policy_attachment ?? {})) {
    const policyArn = resolve(attachment.policy_arn);
    const document = AWS_MANAGED_POLICIES[policyArn.replace(/^arn:[^:]+:iam::aws:policy\//, '')];
    if (!document) throw new Error(`aws_iam_role_policy_attachment.${name}: no copy of managed policy ${policyArn} in test support`);
    policies.push({ kind: 'identity', source: `aws_iam_role_policy_attachment.${name}`, attachedTo: roleName(attachment.role), document, managed: true });
  }
  for (const [name, policy] of Object.entries(doc.resource.aws_sns_topic_policy ?? {})) {
    policies.push({ kind: 'resource', source: `aws_sns_topic_policy.${name}`, attachedTo: resolve(policy.arn), document: parse(policy.policy) });
  }
  for (const [name, policy] of Object.entries(doc.resource.aws_sqs_queue_policy ?? {})) {
    const url = resolve(policy.queue_url);
    const queue = Object.entries(doc.resource.aws_sqs_queue ?? {}).find(([n]) => ref(`aws_sqs_queue.${n}.url`) === url);
    if (!queue) throw new Error(`aws_sqs_queue_policy.${name}: no queue has URL ${url}`);
    policies.push({ kind: 'resource', source: `aws_sqs_queue_policy.${name}`, attachedTo: ref(`aws_sqs_queue.${queue[0]}.arn`), document: parse(policy.policy) });
  }
  for (const [name, key] of Object.entries(doc.resource.aws_kms_key ?? {})) {
    if (key.policy) policies.push({ kind: 'key', source: `aws_kms_key.${name}`, attachedTo: ref(`aws_kms_key.${name}.arn`), document: parse(key.policy) });
  }

  return {
    account,
    partition,
    region,
    ref,
    roleArn: (role) => ref(`aws_iam_role.${role}.arn`),
    policies,
    identityPolicies: (role) => policies.filter((p) => p.kind === 'identity' && p.attachedTo === role),
  };
}
