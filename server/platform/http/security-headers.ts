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
  // helmet's middleware is built once: @fastify/helmet builds it again for every request (~0.2 ms of
  // a 2 ms API answer), to allow options per route, which nothing here uses.
  const setHeaders = helmet({
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
  });
  app.addHook('onRequest', (request, reply, done) => {
    setHeaders(request.raw, reply.raw, (error?: unknown) => done(error as Error | undefined));
  });
}
