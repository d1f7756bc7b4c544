import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSON_SCHEMA_FILES, renderJsonSchema } from './json-schemas';

describe('committed JSON Schemas', () => {
  it.each(Object.keys(JSON_SCHEMA_FILES) as (keyof typeof JSON_SCHEMA_FILES)[])('%s matches the zod schema (run `npx nx run @compute/schedule:schemas` to update)', (name) => {
    const committed = readFileSync(join(__dirname, '..', 'schemas', name), 'utf8');
    expect(committed).toBe(renderJsonSchema(name));
  });

  it('rejects unknown fields and lists the fields editors complete', () => {
    const schema = JSON.parse(renderJsonSchema('schedule.schema.json'));
    expect(schema.additionalProperties).toBe(false);
    expect(schema.required).toEqual(expect.arrayContaining(['scheduleExpression', 'command', 'size', 'awsRole', 'attempts', 'timeout', 'meta']));
    expect(schema.required).not.toContain('enabled');
    expect(Object.keys(schema.properties)).toEqual(expect.arrayContaining(['$schema', 'enabled', 'timezone', 'parallel', 'environment', 'secrets', 'tags', 'flexibleWindowMinutes']));
  });
});
