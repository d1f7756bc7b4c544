// Regenerates packages/schedule/schemas/*.json from the zod schemas.
// Run: npx nx run @compute/schedule:schemas
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSON_SCHEMA_FILES, renderJsonSchema } from '../src/json-schemas';

for (const name of Object.keys(JSON_SCHEMA_FILES) as (keyof typeof JSON_SCHEMA_FILES)[]) {
  writeFileSync(join(__dirname, '..', 'schemas', name), renderJsonSchema(name));
  console.log(`wrote schemas/${name}`);
}
