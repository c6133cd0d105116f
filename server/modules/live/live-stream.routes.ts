import { z } from 'zod';
import { principalOf } from '../../platform/auth/authorize';
import { ANY_ROLE } from '../../platform/auth/principal';
import type { App } from '../../platform/http/types';
import { errorResponses } from '../../platform/http/schemas';
import type { Services } from '../../services';

/** Query parameters of the stream that are not column filters. */
const RESERVED = new Set(['view', 'heartbeatSeconds']);

const streamQuery = z
  .object({
    view: z.literal('live').optional().describe('Always live; accepted so the list URL can be reused'),
    heartbeatSeconds: z.coerce.number().int().min(1).max(120).optional(),
  })
  .catchall(z.union([z.string(), z.array(z.string())]))
  .describe(
    'Any column filter of GET /api/v1/sessions (channel=…, status=…, operator=…, group=…, param.<name>=…)',
  );

/**
 * Server-Sent Events for the Live table: the transport of the live feed's table (live-feed.service.ts
 * decides what each caller receives).
 */
export function liveStreamRoutes(app: App, services: Services): void {
  // Open streams end when the server closes (they would otherwise hold it open).
  const open = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of open) end();
  });

  app.get(
    '/api/v1/sessions/live/events',
    {
      config: { access: ANY_ROLE, stream: true },
      schema: {
        tags: ['live'],
        summary: 'Server-Sent Events: live sessions appearing, changing and ending',
        description:
          'A `text/event-stream`. Events: `session.created`, `session.updated` (data.changed lists the fields), ' +
          '`session.ended`, `session.routing` (a routing step: refetch GET /sessions/:id/routing), and ' +
          '`session.removed` (a session sent before no longer matches the filters). Each data is JSON ' +
          '`{ sessionId, kind, changed, session, publishedAt }`, where `session` holds the Live table fields. ' +
          'Comments (`: heartbeat`) every 15 s keep proxies from closing the stream. Filters: the column ' +
          'filters of GET /api/v1/sessions. Operators receive their own sessions unless the tenant lets them see all. ' +
          'No resume: after a reconnect, refetch the list (Last-Event-ID is not replayed).',
        querystring: streamQuery,
        response: { 200: z.string().describe('text/event-stream'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { heartbeatSeconds, ...rawFilters } = request.query;
      const feed = await services.liveFeed.table(principalOf(request), rawFilters, RESERVED);

      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': request.id,
      });
      raw.write(': connected\n\n');

      let sequence = 0;
      const unsubscribe = feed.follow(
        (kind, payload) => {
          sequence += 1;
          raw.write(`id: ${sequence}\nevent: ${kind}\ndata: ${JSON.stringify(payload)}\n\n`);
        },
        (error) => request.log.warn({ err: error }, 'live event not delivered'),
      );
      const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), (heartbeatSeconds ?? 15) * 1000);
      const close = () => {
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(end);
      };
      const end = () => {
        close();
        raw.end();
      };
      open.add(end);
      request.raw.on('close', close);
      raw.on('error', close);
    },
  );
}
