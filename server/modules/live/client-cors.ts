import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors';
import { CLIENT_TOKEN_HEADER, WIDGET_KEY_HEADER } from './live.schemas';
import type { LiveService } from './live.service';

/**
 * CORS for the web chat's public API. The widget runs on the tenant's own site and calls us from that
 * origin, with its key and the client token in headers (never cookies: no credentials are allowed).
 *
 * - A request with an Origin gets `Access-Control-Allow-Origin: <that origin>` only when its widget (the
 *   `X-Widget-Key` header, or `key` in the WebSocket's query) lists the origin among its allowed origins,
 *   or lists none; an origin the widget does not allow is refused with 403 `live.origin_not_allowed`
 *   before the route runs, so nothing is done for a foreign page. A request without Origin (a server) is
 *   not a page embedding the widget and passes.
 * - A preflight (OPTIONS) carries no widget key — browsers send no custom header values with it — so it
 *   cannot name the widget: it is answered for any origin, and grants nothing by itself; the request that
 *   follows is checked as above.
 *
 * Every answer says `Vary: Origin`, so a cache never hands one site's answer to another.
 */
export const CLIENT_CORS = {
  methods: 'GET, POST',
  headers: ['content-type', WIDGET_KEY_HEADER, CLIENT_TOKEN_HEADER].join(', '),
  maxAgeSeconds: 600,
} as const;

export function clientCors(live: Pick<LiveService, 'originVerdict'>) {
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    void reply.header('vary', 'Origin');
    const origin = request.headers.origin;
    if (origin === undefined) return;
    const fromHeader = request.headers[WIDGET_KEY_HEADER];
    const fromQuery = (request.query as { key?: unknown } | undefined)?.key;
    const key =
      typeof fromHeader === 'string' ? fromHeader : typeof fromQuery === 'string' ? fromQuery : undefined;
    switch (await live.originVerdict(key, origin)) {
      case 'allowed':
        void reply.header('access-control-allow-origin', origin);
        return;
      case 'refused':
        throw new AppError('live.origin_not_allowed', 'This widget may not be used on this web site.');
      case 'unknown':
        return;
    }
  };
}

/** The answer to a preflight of the client API (see above: it cannot know the widget yet). */
export function clientPreflight(request: FastifyRequest, reply: FastifyReply): FastifyReply {
  void reply.header('vary', 'Origin');
  const origin = request.headers.origin;
  if (origin !== undefined && request.headers['access-control-request-method'] !== undefined) {
    void reply
      .header('access-control-allow-origin', origin)
      .header('access-control-allow-methods', CLIENT_CORS.methods)
      .header('access-control-allow-headers', CLIENT_CORS.headers)
      .header('access-control-max-age', String(CLIENT_CORS.maxAgeSeconds));
  }
  return reply.status(204).send();
}
