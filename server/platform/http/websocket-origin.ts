import type { FastifyRequest } from 'fastify';
import { forbidden } from '../errors';
import type { App } from './types';

/**
 * A WebSocket is not covered by the browser's same-origin rule: a page on any site can open one to us,
 * and the browser sends our login cookie with it. So every WebSocket route that is not public (may be
 * opened with the login cookie) accepts an upgrade only from our own origin, and refuses any other with
 * 403 before upgrading. Programs that send no Origin (API-key clients) are not browsers and pass.
 *
 * The web chat client's socket is public: it authenticates by widget key and client token in the URL,
 * not by an ambient cookie, and widgets are embedded on customers' sites; it checks the Origin against
 * its widget's allowed origins itself (403 `live.origin_not_allowed`, see live/client-cors.ts).
 */
export function ownOrigin(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`.toLowerCase();
}

function checkOrigin(request: FastifyRequest): void {
  const origin = request.headers.origin;
  if (origin === undefined) return;
  if (origin.toLowerCase() !== ownOrigin(request)) {
    throw forbidden(`A WebSocket from ${origin} is refused: only pages of this application may open it.`);
  }
}

export function registerWebSocketOriginCheck(app: App): void {
  app.addHook('onRoute', (route) => {
    if (!route.websocket || route.config?.access === 'public') return;
    const hooks = route.preValidation ? [route.preValidation].flat() : [];
    route.preValidation = [async (request: FastifyRequest) => checkOrigin(request), ...hooks];
  });
}
