/** The parts of a synthesized stack (cdk.tf.json) that hold infrastructure. */
export interface TerraformDocument {
  resource?: Record<string, Record<string, Record<string, unknown>>>;
  data?: Record<string, Record<string, Record<string, unknown>>>;
  [block: string]: unknown;
}

/** One IAM permission: a single action on a single resource (or principal, in a trust policy). */
export interface Permission {
  effect: string;
  action: string;
  /** The resource, or for a trust policy the principal, as written (Terraform references left in place). */
  resource: string;
  /** The statement's condition, as JSON, when it has one. */
  condition?: string;
}

export interface AddressedPermission extends Permission {
  /** The Terraform address of the resource holding the policy. */
  address: string;
  /** The attribute holding the policy, as a JSON pointer ("/policy", "/assume_role_policy"). */
  attribute: string;
}

export interface AttributeChange {
  /** JSON pointer into the resource's arguments; JSON held in strings (container properties, policies) is followed. */
  path: string;
  before?: unknown;
  after?: unknown;
  /** For a policy document: permissions it now grants and no longer grants. */
  granted?: Permission[];
  revoked?: Permission[];
}

export interface ResourceChange {
  address: string;
  attributes: AttributeChange[];
}

export interface InfrastructureDiff {
  /** Terraform addresses ("aws_batch_job_definition.nightly", "data.aws_vpc.default"), sorted. */
  added: string[];
  removed: string[];
  changed: ResourceChange[];
  /** Every permission granted or revoked by the change, from added, removed and changed policies alike. */
  permissions: { granted: AddressedPermission[]; revoked: AddressedPermission[] };
}

/**
 * Compares two synthesized stacks by Terraform address. Policy documents are compared
 * permission by permission (action and resource), so a reworded statement that grants the
 * same is no change and a new resource in a list is exactly one grant.
 */
export function diffTerraform(before: TerraformDocument, after: TerraformDocument): InfrastructureDiff {
  const a = elements(before);
  const b = elements(after);
  const result: InfrastructureDiff = { added: [], removed: [], changed: [], permissions: { granted: [], revoked: [] } };
  for (const address of [...new Set([...a.keys(), ...b.keys()])].sort()) {
    const old = a.get(address);
    const now = b.get(address);
    if (old === undefined) result.added.push(address);
    else if (now === undefined) result.removed.push(address);
    if (old !== undefined && now !== undefined && JSON.stringify(old) === JSON.stringify(now)) continue;
    const attributes = diffValues(old ?? {}, now ?? {}, []);
    for (const change of attributes) {
      for (const p of change.granted ?? []) result.permissions.granted.push({ address, attribute: change.path, ...p });
      for (const p of change.revoked ?? []) result.permissions.revoked.push({ address, attribute: change.path, ...p });
    }
    if (old !== undefined && now !== undefined && attributes.length > 0) result.changed.push({ address, attributes });
  }
  return result;
}

function elements(doc: TerraformDocument): Map<string, Record<string, unknown>> {
  const map = new Map<string, Record<string, unknown>>();
  for (const [prefix, block] of [['', doc.resource], ['data.', doc.data]] as const) {
    for (const [type, byName] of Object.entries(block ?? {})) {
      for (const [name, body] of Object.entries(byName)) map.set(`${prefix}${type}.${name}`, body);
    }
  }
  return map;
}

function diffValues(before: unknown, after: unknown, path: string[]): AttributeChange[] {
  if (isRecord(before) && isRecord(after)) {
    const keys = [...Object.keys(before), ...Object.keys(after).filter((k) => !Object.hasOwn(before, k))];
    return keys.flatMap((key) => diffValues(before[key], after[key], [...path, key]));
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    return before.flatMap((value, index) => diffValues(value, after[index], [...path, String(index)]));
  }
  if (before === after || (before !== undefined && after !== undefined && JSON.stringify(before) === JSON.stringify(after))) return [];

  // Strings holding JSON (policies, container properties, the scheduler's input) are compared inside.
  const parsedBefore = before === undefined ? undefined : jsonInside(before);
  const parsedAfter = after === undefined ? undefined : jsonInside(after);
  const policyBefore = before === undefined ? [] : permissionsOf(parsedBefore);
  const policyAfter = after === undefined ? [] : permissionsOf(parsedAfter);
  // At least one side is a policy document, and the other is one too or absent.
  if (policyBefore !== undefined && policyAfter !== undefined && (parsedBefore !== undefined || parsedAfter !== undefined)) {
    const keysBefore = new Set(policyBefore.map(permissionKey));
    const keysAfter = new Set(policyAfter.map(permissionKey));
    const granted = policyAfter.filter((p) => !keysBefore.has(permissionKey(p)));
    const revoked = policyBefore.filter((p) => !keysAfter.has(permissionKey(p)));
    if (granted.length > 0 || revoked.length > 0) return [{ path: pointer(path), granted, revoked }];
  }
  if (parsedBefore !== undefined && parsedAfter !== undefined) return diffValues(parsedBefore, parsedAfter, path);
  return [{ path: pointer(path), ...(before !== undefined ? { before } : {}), ...(after !== undefined ? { after } : {}) }];
}

function jsonInside(value: unknown): unknown {
  if (typeof value !== 'string' || !/^\s*[[{]/.test(value)) return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined;
  }
}

interface Statement {
  Effect?: string;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Principal?: unknown;
  Condition?: unknown;
}

/** The permissions of an IAM policy document, one per action and resource; undefined when it is not one. */
function permissionsOf(document: unknown): Permission[] | undefined {
  if (!isRecord(document) || document.Statement === undefined) return undefined;
  const statements = (Array.isArray(document.Statement) ? document.Statement : [document.Statement]) as Statement[];
  const permissions: Permission[] = [];
  for (const s of statements) {
    const actions = s.Action !== undefined ? list(s.Action) : list(s.NotAction).map((a) => `NOT ${a}`);
    const resources =
      s.Resource !== undefined ? list(s.Resource) : s.NotResource !== undefined ? list(s.NotResource).map((r) => `NOT ${r}`) : principals(s.Principal);
    const condition = s.Condition === undefined ? {} : { condition: JSON.stringify(s.Condition) };
    for (const action of actions) for (const resource of resources) permissions.push({ effect: s.Effect ?? 'Allow', action, resource, ...condition });
  }
  return permissions;
}

function principals(principal: unknown): string[] {
  if (principal === undefined) return ['*'];
  if (!isRecord(principal)) return [String(principal)];
  return Object.entries(principal).flatMap(([kind, values]) => list(values as string | string[]).map((v) => `${kind}:${v}`));
}

function permissionKey(p: Permission): string {
  return `${p.effect}\u0000${p.action}\u0000${p.resource}\u0000${p.condition ?? ''}`;
}

function list(value: string | string[] | undefined): string[] {
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

function pointer(path: string[]): string {
  return path.map((part) => '/' + part.replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
