import type { Readable } from 'node:stream';
import { ADMINS } from '../../platform/auth/principal';
import { principalOf } from '../../platform/auth/authorize';
import { AppError } from '../../platform/errors';
import type { App } from '../../platform/http/types';
import { errorResponses, errorSchema } from '../../platform/http/schemas';
import type { Services } from '../../services';
import { importSummarySchema } from './import.schemas';
import { IMPORT_LIMITS } from './import.service';

export const NDJSON = 'application/x-ndjson';

function isStream(body: unknown): body is Readable {
  return typeof body === 'object' && body !== null && Symbol.asyncIterator in body;
}

export function importRoutes(app: App, services: Services): void {
  // Its own scope, so the raw-stream body parser applies to this route only.
  void app.register(async (scope: App) => {
    scope.addContentTypeParser(NDJSON, (_request, payload, done) => {
      done(null, payload);
    });

    scope.post(
      '/api/v1/imports',
      {
        // Up to 2 GiB streamed: an hour to arrive (bodies elsewhere get 30 s), never pausing over 10 s.
        config: { access: ADMINS, bodyTimeoutSeconds: 3600 },
        schema: {
          tags: ['imports'],
          summary: 'Import historical sessions from NDJSON (one session per line; see docs/import.md)',
          description:
            `Send the file as the body with \`Content-Type: ${NDJSON}\`; it is read as a stream (up to 2 GiB, ` +
            'lines up to 1 MiB). Good lines are written, bad ones listed with their line number and reason. ' +
            'Re-importing a line updates its session (by externalId); an identical line changes nothing.',
          response: {
            200: importSummarySchema,
            ...errorResponses,
            413: errorSchema,
            415: errorSchema,
          },
        },
      },
      async (request) => {
        const contentType = request.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
        if (contentType !== NDJSON || !isStream(request.body)) {
          throw new AppError(
            'unsupported_media_type',
            `Send the import as NDJSON with Content-Type: ${NDJSON} (one JSON session per line).`,
          );
        }
        const declared = Number(request.headers['content-length'] ?? 0);
        if (declared > IMPORT_LIMITS.maxBodyBytes) {
          throw new AppError(
            'payload_too_large',
            `An import may be at most ${IMPORT_LIMITS.maxBodyBytes} bytes; split the file.`,
          );
        }
        const principal = principalOf(request);
        return services.imports.importNdjson(
          { tenantId: principal.tenantId, actor: principal, ip: request.ip },
          request.body,
          { maxBodyBytes: IMPORT_LIMITS.maxBodyBytes },
        );
      },
    );
  });
}
