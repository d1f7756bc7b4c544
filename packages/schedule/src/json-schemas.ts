import { z } from 'zod';
import { computeConfigSchema } from './schema/compute-config';
import { rosterFileSchema } from './schema/roster-file';
import { scheduleFileSchema } from './schema/schedule-file';

/** The JSON Schemas editors use, generated from the zod schemas (the single source of truth). */
export const JSON_SCHEMA_FILES = {
  'schedule.schema.json': scheduleFileSchema,
  'compute.schema.json': computeConfigSchema,
  'roster.schema.json': rosterFileSchema,
} as const;

export function renderJsonSchema(name: keyof typeof JSON_SCHEMA_FILES): string {
  const schema = z.toJSONSchema(JSON_SCHEMA_FILES[name], { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  const titled = { ...schema, title: TITLES[name] };
  return JSON.stringify(titled, null, 2) + '\n';
}

const TITLES: Record<keyof typeof JSON_SCHEMA_FILES, string> = {
  'schedule.schema.json': 'Compute schedule',
  'compute.schema.json': 'Compute configuration',
  'roster.schema.json': 'Compute maintainer roster',
};
