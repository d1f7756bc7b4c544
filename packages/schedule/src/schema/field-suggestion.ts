import type { z } from 'zod';

interface Def {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  valueType?: z.ZodType;
  element?: z.ZodType;
  options?: z.ZodType[];
  discriminator?: string;
  values?: unknown[];
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/**
 * The known field closest to an unknown one ("regoin" -> "region"), or undefined
 * when none is close: a typo is named with its fix, anything else stays "unknown".
 * `path` leads from the document (`input`) to the object holding the field.
 */
export function suggestField(schema: z.ZodType, input: unknown, path: readonly PropertyKey[], unknown: string): string | undefined {
  const found = fieldsAt(schema, input, path);
  if (!found) return undefined;
  let best: { field: string; distance: number } | undefined;
  // A field already written is not the one meant.
  for (const field of found.fields.filter((f) => !Object.hasOwn(found.value, f))) {
    const distance = field.toLowerCase() === unknown.toLowerCase() ? 0 : editDistance(field.toLowerCase(), unknown.toLowerCase());
    if (!best || distance < best.distance) best = { field, distance };
  }
  // Two edits catch a swapped or missing letter; short names need a closer match.
  const limit = unknown.length <= 4 ? 1 : 2;
  return best && best.distance <= limit ? best.field : undefined;
}

/**
 * The fields the object schema at `path` allows, following the input through
 * unions by their discriminator, and the object written there.
 */
function fieldsAt(schema: z.ZodType, input: unknown, path: readonly PropertyKey[]): { fields: string[]; value: object } | undefined {
  let current: z.ZodType | undefined = schema;
  let value = input;
  let i = 0;
  while (current) {
    const def = defOf(current);
    if (def.innerType) current = def.innerType;
    else if (def.type === 'pipe') current = def.in;
    else if (def.type === 'union' && def.options) current = unionBranch(def, value);
    else if (i === path.length) {
      const isObject = def.type === 'object' && def.shape && typeof value === 'object' && value !== null;
      return isObject ? { fields: Object.keys(def.shape!), value: value as object } : undefined;
    }
    else {
      const key = path[i++];
      value = typeof value === 'object' && value !== null ? (value as Record<PropertyKey, unknown>)[key] : undefined;
      if (def.type === 'object' && def.shape) current = Object.hasOwn(def.shape, key) ? def.shape[key as string] : undefined;
      else if (def.type === 'record') current = def.valueType;
      else if (def.type === 'array') current = def.element;
      else current = undefined;
    }
  }
  return undefined;
}

function unionBranch(def: Def, value: unknown): z.ZodType | undefined {
  const options = def.options ?? [];
  if (!def.discriminator || typeof value !== 'object' || value === null) return options.length === 1 ? options[0] : undefined;
  const tag = (value as Record<string, unknown>)[def.discriminator];
  return options.find((option) => {
    const literal = defOf(option).shape?.[def.discriminator as string];
    return literal !== undefined && (defOf(literal).values ?? []).includes(tag);
  });
}

/** Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}
