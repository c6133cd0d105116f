import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';
import type { App } from './types';

/**
 * Security headers on every response (UI, API, files), by helmet. The policy fits the SPA as
 * Vite builds it: scripts only from our origin (no inline script, no eval); styles also inline, because
 * Mantine injects <style> elements and style attributes; images and media also from data:/blob: URLs
 * (icons, recordings); fetches, SSE and WebSockets to our own origin only. No page may frame ours
 * (clickjacking), nothing is sniffed, no Referer leaves (URLs carry session ids and filters). HSTS is
 * sent when cookies are Secure (served over HTTPS). Files that set a stricter policy of their own (the
 * HTML export's sandbox) keep it.
 */
export function registerSecurityHeaders(app: App, options: { https: boolean }): void {
  const headers = headersOf(
    helmet({
      contentSecurityPolicy: {
        useDefaults: false,
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          scriptSrcAttr: ["'none'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          fontSrc: ["'self'", 'data:'],
          mediaSrc: ["'self'", 'blob:'],
          connectSrc: ["'self'"],
          objectSrc: ["'none'"],
          baseUri: ["'none'"],
          formAction: ["'self'"],
          frameAncestors: ["'none'"],
          ...(options.https ? { upgradeInsecureRequests: [] } : {}),
        },
      },
      strictTransportSecurity: options.https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
      xFrameOptions: { action: 'deny' },
      referrerPolicy: { policy: 'no-referrer' },
      // Recordings and exports are opened in new tabs; nothing cross-origin is embedded.
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.addHook('onRequest', (_request, reply, done) => {
    for (const [name, value] of headers) reply.raw.setHeader(name, value);
    done();
  });
}

/**
 * The headers helmet's middleware sets, read once: nothing in this policy depends on the request (no
 * nonce, no per-route option), and running its twelve middlewares for every request cost ~0.06 ms of a
 * 1.6 ms API answer (@fastify/helmet even builds them again per request). Throws if helmet ever
 * needs the request, the response's state or a callback later, so a policy that stops being static
 * fails at start, not silently.
 */
function headersOf(middleware: ReturnType<typeof helmet>): (readonly [string, string])[] {
  const headers: (readonly [string, string])[] = [];
  let finished = false;
  const request = new Proxy({} as IncomingMessage, {
    get: (_target, property) => {
      throw new Error(`security headers: helmet read the request's ${String(property)}`);
    },
  });
  const response = {
    setHeader: (name: string, value: string | number | readonly string[]) => {
      headers.push([name, Array.isArray(value) ? value.join(', ') : String(value)]);
    },
    // X-Powered-By: never set by this server in the first place.
    removeHeader: () => undefined,
  } as unknown as ServerResponse;
  middleware(request, response, (error?: unknown) => {
    if (error) throw error instanceof Error ? error : new Error('security headers: helmet failed');
    finished = true;
  });
  if (!finished) throw new Error('security headers: helmet did not finish at once');
  return headers;
}
