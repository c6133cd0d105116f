import type { ServerOptions } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from './types';

/**
 * How long a client may take, set deliberately (docs/operations.md, "Timeouts"). A slow client holds a
 * socket and memory; without limits, a few hundred connections trickling a byte every few seconds keep
 * the server busy forever.
 */
export interface HttpTimeouts {
  /** The request line and headers must arrive within this (Node's headersTimeout). */
  headersMs: number;
  /** A request body must arrive completely within this, unless its route allows more. */
  bodyMs: number;
  /** …and never pause longer than this between two chunks, whatever the route allows. */
  bodyIdleMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveMs: number;
  /** How often Node checks the headers deadline. */
  checkIntervalMs: number;
}

export const defaultTimeouts: HttpTimeouts = {
  headersMs: 10_000,
  bodyMs: 30_000,
  bodyIdleMs: 10_000,
  keepAliveMs: 5_000,
  checkIntervalMs: 1_000,
};

declare module 'fastify' {
  interface FastifyContextConfig {
    /** This route's body may take longer than the default (a streamed import). */
    bodyTimeoutSeconds?: number;
  }
}

/** Options for Fastify and Node's HTTP server. The whole-request timeout is ours, per route (below). */
export function serverTimeoutOptions(timeouts: HttpTimeouts): {
  keepAliveTimeout: number;
  requestTimeout: number;
  http: ServerOptions;
} {
  return {
    keepAliveTimeout: timeouts.keepAliveMs,
    requestTimeout: 0,
    http: {
      headersTimeout: timeouts.headersMs,
      requestTimeout: 0,
      connectionsCheckingInterval: timeouts.checkIntervalMs,
    },
  };
}

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined;
}

/** Answers 408 on the raw connection and closes it; Fastify is told the reply is not its own. */
function timedOut(request: FastifyRequest, reply: FastifyReply, message: string): void {
  if (request.raw.complete || reply.sent || reply.raw.headersSent) return;
  request.log.info({ code: 'request_timeout' }, message);
  reply.hijack();
  const body = JSON.stringify({ code: 'request_timeout', message });
  reply.raw.writeHead(408, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
    'x-content-type-options': 'nosniff',
    connection: 'close',
  });
  reply.raw.end(body, () => (request.raw.socket as { destroy?: () => void } | null)?.destroy?.());
}

export function registerBodyTimeouts(app: App, timeouts: HttpTimeouts): void {
  app.addHook('onRequest', async (request, reply) => {
    if (!hasBody(request)) return;
    const seconds = request.routeOptions.config.bodyTimeoutSeconds;
    const totalMs = seconds !== undefined ? seconds * 1000 : timeouts.bodyMs;
    const total = setTimeout(() => {
      timedOut(request, reply, `The request body did not arrive within ${totalMs / 1000} s.`);
    }, totalMs);
    // Progress is read from the socket's byte count: listening for 'data' would start the body flowing
    // before its parser (or the route) reads it.
    const socket = request.raw.socket as { bytesRead?: number } | null;
    let seen = socket?.bytesRead;
    const idle = setInterval(() => {
      // No byte count (app.inject's stand-in socket): only the total deadline applies.
      if (typeof seen !== 'number' || socket?.bytesRead !== seen) {
        seen = socket?.bytesRead;
        return;
      }
      timedOut(request, reply, `The request body paused for more than ${timeouts.bodyIdleMs / 1000} s.`);
    }, timeouts.bodyIdleMs);
    const done = () => {
      clearTimeout(total);
      clearInterval(idle);
    };
    request.raw.once('end', done);
    request.raw.once('close', done);
  });
}
