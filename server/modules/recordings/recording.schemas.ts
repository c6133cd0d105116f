import { z } from 'zod';
import { isoDate } from '../../platform/http/schemas';
import { recordingKinds } from './recording.service';

export const recordingKindSchema = z
  .enum(Object.keys(recordingKinds) as [keyof typeof recordingKinds, ...(keyof typeof recordingKinds)[]])
  .describe('client, operator, all (all participants), screen (screen share) or phone (a phone call)');

export const recordingSchema = z.object({
  id: z.string(),
  kind: recordingKindSchema,
  track: z
    .string()
    .describe('the stored track: client_av, operator_av, all_participants, screen_share or phone_call'),
  startedAt: isoDate,
  durationSeconds: z.number().nullable().describe('null until probed, or where the container does not say'),
  sizeBytes: z.number().nullable(),
  mediaType: z.string(),
  state: z
    .string()
    .describe('processing (being received or probed), ready, failed (see failureReason), recording'),
  failureReason: z.string().nullable(),
  mediaUrl: z
    .string()
    .nullable()
    .describe(
      'streams the file with HTTP range support (206 for Range requests); add ?download=1 to download it',
    ),
});

export const recordingsResponseSchema = z.object({ recordings: z.array(recordingSchema) });

export const ingestQuery = z
  .object({
    kind: recordingKindSchema,
    startedAt: z.iso.datetime({ offset: true }).describe('when the recorded track started (ISO 8601)'),
  })
  .strict();

export const mediaQuery = z.object({ download: z.enum(['0', '1', 'true', 'false']).optional() }).strict();
