/** The part of a generator's schema.json that holds its defaults. */
export interface OptionsSchema {
  properties: Record<string, object>;
}

/**
 * The options with every `default` of the generator's schema.json filled in, so a
 * default is written once, there. Nx fills them in for `nx g`; a generator called
 * from code (another generator, a test) gets the same values through this.
 * `defaulted` names the options the code relies on having a value; each must have
 * a default in the schema.
 */
export function withSchemaDefaults<T extends object, K extends keyof T & string>(
  schema: OptionsSchema,
  options: T,
  defaulted: readonly K[],
): T & { [P in K]-?: Exclude<T[P], undefined> } {
  const result: Record<string, unknown> = { ...(options as Record<string, unknown>) };
  for (const [key, property] of Object.entries(schema.properties)) {
    if (result[key] === undefined && 'default' in property) result[key] = property.default;
  }
  const missing = defaulted.filter((key) => result[key] === undefined);
  if (missing.length > 0) throw new Error(`schema.json has no default for ${missing.join(', ')}`);
  return result as T & { [P in K]-?: Exclude<T[P], undefined> };
}
