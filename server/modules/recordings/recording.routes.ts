import type { Readable } from 'node:stream';
import { z } from 'zod';
import { ANY_ROLE, MEDIA } from '../../platform/auth/principal';
import { principalOf } from '../../platform/auth/authorize';
import { AppError } from '../../platform/errors';
import { sendObject } from '../../platform/http/object-reply';
import { errorResponses, errorSchema, idSchema, idParams } from '../../platform/http/schemas';
import type { App } from '../../platform/http/types';
import type { Services } from '../../services';
import { recordingMediaTypes } from '../../platform/storage/media-types';
import { ingestQuery, mediaQuery, recordingSchema, recordingsResponseSchema } from './recording.schemas';

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

export function recordingRoutes(app: App, services: Services): void {
  app.get(
    '/api/v1/sessions/:id/recordings',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['recordings'],
        summary:
          "The session's recordings (kind, start, length, size, state, mediaUrl), in the order they started",
        description: 'Same visibility as the session.',
        params: idParams,
        response: { 200: recordingsResponseSchema, ...errorResponses },
      },
    },
    async (request) => services.recordings.list(principalOf(request), request.params.id),
  );

  app.get(
    '/api/v1/sessions/:id/recordings/:recordingId/media',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['recordings'],
        summary: 'The recording file, streamed; Range requests are answered with 206 (seeking)',
        description:
          'Same visibility as the session. A request from the first byte (a playback starting) and every ' +
          'download (`?download=1`, served as an attachment) are recorded in the audit log.',
        params: z.object({ id: idSchema, recordingId: idSchema }),
        querystring: mediaQuery,
        response: {
          200: z.any().describe('the whole file'),
          206: z.any().describe('the requested byte range(s)'),
          ...errorResponses,
          409: errorSchema.describe('recordings.not_ready'),
          410: errorSchema.describe('recordings.file_missing'),
          416: errorSchema.describe('range_not_satisfiable'),
        },
      },
    },
    async (request, reply) => {
      const download = request.query.download === '1' || request.query.download === 'true';
      const range = request.headers.range;
      const object = await services.recordings.media(
        principalOf(request),
        request.params.id,
        request.params.recordingId,
        {
          download,
          first: range === undefined || /^bytes=0-/.test(range),
          ip: request.ip,
        },
      );
      return sendObject(request, reply, object);
    },
  );

  // The ingest takes the raw file as the body, streamed to storage: no parser reads it here.
  void app.register(async (scope: App) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

    scope.post(
      '/api/v1/sessions/:id/recordings',
      {
        // Large files: up to an hour to arrive (other bodies get 30 s), never pausing over 10 s.
        config: { access: MEDIA, bodyTimeoutSeconds: 3600 },
        schema: {
          tags: ['recordings'],
          summary: 'Send a recorded track of a session (API keys of role media)',
          description:
            'The file is the raw body with its Content-Type (' +
            recordingMediaTypes.join(', ') +
            '), streamed to storage. Its first bytes must be that container; the size limit is MAX_RECORDING_MB. ' +
            'Refused when the workspace does not record that kind. With an Idempotency-Key header, sending ' +
            'the same recording again answers the first (200) instead of storing it twice. The answer is ' +
            '`processing`; the length is read in the background and the recording becomes `ready` (a live ' +
            '`session.updated` event with field `recordings`) or `failed` with a reason.',
          params: idParams,
          querystring: ingestQuery,
          headers: z.object({ 'idempotency-key': z.string().regex(IDEMPOTENCY_KEY).optional() }).loose(),
          response: {
            200: recordingSchema.describe('the recording sent earlier with this Idempotency-Key'),
            201: recordingSchema,
            ...errorResponses,
            409: errorSchema.describe(
              'recordings.wrong_channel, or the same Idempotency-Key arriving right now',
            ),
            413: errorSchema.describe('recordings.too_large'),
            415: errorSchema.describe('recordings.wrong_type'),
          },
        },
      },
      async (request, reply) => {
        const body = request.body as Readable | undefined;
        if (!body || typeof body.pipe !== 'function')
          throw new AppError(
            'recordings.wrong_type',
            'Send the recording as the request body with its Content-Type.',
          );
        const length = request.headers['content-length'];
        const result = await services.recordings.ingest(principalOf(request), request.params.id, {
          kind: request.query.kind,
          startedAt: new Date(request.query.startedAt),
          contentType: request.headers['content-type'],
          contentLength: length === undefined ? undefined : Number(length),
          idempotencyKey: request.headers['idempotency-key'],
          body,
        });
        return reply.code(result.created ? 201 : 200).send(result.recording);
      },
    );
  });
}
