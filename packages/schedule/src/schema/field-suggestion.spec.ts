import { z } from 'zod';
import { buildCatalog } from '../catalog/build-catalog';
import { validScheduleInput } from '@compute/schedule/testing';
import { suggestField } from './field-suggestion';

const schema = z.strictObject({
  region: z.string().default('x'),
  maxVcpus: z.number(),
  roster: z
    .discriminatedUnion('source', [
      z.strictObject({ source: z.literal('file'), path: z.string() }),
      z.strictObject({ source: z.literal('github'), repository: z.string(), tokenEnv: z.string() }),
    ])
    .optional(),
  sizes: z.record(z.string(), z.strictObject({ memoryMiB: z.number() })),
});

describe('suggestField', () => {
  it('names the field a typo meant: swapped, missing, extra letters and case', () => {
    expect(suggestField(schema, {}, [], 'regoin')).toBe('region');
    expect(suggestField(schema, {}, [], 'maxVcpu')).toBe('maxVcpus');
    expect(suggestField(schema, {}, [], 'Region')).toBe('region');
  });

  it('suggests nothing for a field that is not close to any', () => {
    expect(suggestField(schema, {}, [], 'colour')).toBeUndefined();
    // Short names need a closer match: "pat" is one edit from "path", "xy" is not near anything.
    expect(suggestField(schema, {}, [], 'xy')).toBeUndefined();
  });

  it('does not suggest a field that is already written', () => {
    expect(suggestField(schema, { region: 'a' }, [], 'regoin')).toBeUndefined();
  });

  it('follows records and unions (by their discriminator) to the object that holds the field', () => {
    expect(suggestField(schema, { sizes: { small: {} } }, ['sizes', 'small'], 'memoryMib')).toBe('memoryMiB');
    expect(suggestField(schema, { roster: { source: 'file' } }, ['roster'], 'paht')).toBe('path');
    expect(suggestField(schema, { roster: { source: 'github' } }, ['roster'], 'tokenENV')).toBe('tokenEnv');
    expect(suggestField(schema, { roster: { source: 'gitlab' } }, ['roster'], 'paht')).toBeUndefined();
  });
});

describe('unknown fields in compute.json and schedule files', () => {
  const messages = (config: object, schedule: object) =>
    buildCatalog({
      projectRoot: 'schedules',
      config: { path: 'schedules/compute.json', text: JSON.stringify(config) },
      schedules: [{ path: 'schedules/job.schedule.json', text: JSON.stringify(schedule) }],
    }).problems.map((p) => `${p.file} ${p.path} ${p.message}`);

  it('says which field was meant, wherever it is', () => {
    expect(messages({ regoin: 'eu-west-1', state: { backend: 's3', bucket: 'tf-state', dynamoTable: 'locks' } }, { ...validScheduleInput(), timeZone: 'UTC' })).toEqual([
      'schedules/compute.json /regoin unknown field "regoin": did you mean "region"?',
      'schedules/compute.json /state/dynamoTable unknown field "dynamoTable": did you mean "dynamodbTable"?',
      'schedules/job.schedule.json /timeZone unknown field "timeZone": did you mean "timezone"?',
    ]);
  });
});
