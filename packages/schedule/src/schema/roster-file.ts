import { z } from 'zod';

export const rosterFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    members: z
      .array(
        z.strictObject({
          username: z.string().min(1),
          name: z.string().optional(),
          emails: z.array(z.email()).default([]).describe('git e-mail addresses of this person, to recognise the current maintainer.'),
        }),
      )
      .describe('People who may maintain schedules (still have access to the repository).'),
  })
  .describe('The maintainer roster: who still has access and may maintain schedules.');

export type RosterFile = z.output<typeof rosterFileSchema>;
