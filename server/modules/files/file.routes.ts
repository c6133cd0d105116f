import { z } from 'zod';
import { ANY_ROLE } from '../../platform/auth/principal';
import { principalOf } from '../../platform/auth/authorize';
import { sendObject } from '../../platform/http/object-reply';
import { errorResponses, errorSchema, idSchema } from '../../platform/http/schemas';
import type { App } from '../../platform/http/types';
import type { Services } from '../../services';

/** Reading the files of a session's transcript (uploads are the parties' routes, in live.routes.ts). */
export function fileRoutes(app: App, services: Services): void {
  app.get(
    '/api/v1/sessions/:id/files/:activityId',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['sessions'],
        summary:
          "A file of a session's transcript (sent by the client, an operator, or through a messaging platform)",
        description:
          'Same visibility as the session; recorded in the audit log. Sniffed raster images (PNG, JPEG, GIF, ' +
          'WebP) are shown inline unless `?download=1`; everything else is served as an attachment of type ' +
          'application/octet-stream with nosniff and a sandboxing CSP, so nothing uploaded runs in this origin. ' +
          'Range requests are answered with 206.',
        params: z.object({ id: idSchema, activityId: idSchema }),
        querystring: z.object({ download: z.enum(['0', '1', 'true', 'false']).optional() }).strict(),
        response: {
          200: z.any().describe('the file'),
          206: z.any().describe('the requested byte range(s)'),
          ...errorResponses,
          410: errorSchema.describe('files.deleted (by retention) or files.missing'),
          416: errorSchema.describe('range_not_satisfiable'),
        },
      },
    },
    async (request, reply) => {
      const download = request.query.download === '1' || request.query.download === 'true';
      const object = await services.files.open(
        principalOf(request),
        request.params.id,
        request.params.activityId,
        {
          download,
          ip: request.ip,
        },
      );
      return sendObject(request, reply, object);
    },
  );
}
