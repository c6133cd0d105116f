import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyRequest } from 'fastify';
import { jsonSchemaTransform, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import { z } from 'zod';
import type { Config } from '../../config';
import { pendingMigrations, type Database } from '../../db/database';
import type { Authenticator } from '../auth/authenticator';
import { assertRouteDeclaresAccess, authorizeRequest } from '../auth/authorize';
import { clientErrorHandler } from './client-errors';
import { registerDocumentedBodyErrors } from './documented-errors';
import { errorHandler } from './error-mapper';
import { registerInputGuard } from './input-guard';
import { registerSecurityHeaders } from './security-headers';
import { responseSerializer } from './sent-as-built';
import { defaultTimeouts, registerBodyTimeouts, serverTimeoutOptions, type HttpTimeouts } from './timeouts';
import { registerWebSocketOriginCheck } from './websocket-origin';
import type { ApiRoute, App } from './types';

const REQUEST_ID = /^[A-Za-z0-9._-]{1,100}$/;
const WEB_ROOT = path.resolve(import.meta.dirname, '../../../dist/web');
const ASSETS_ROOT = path.join(WEB_ROOT, 'assets') + path.sep;

export interface AppOptions {
  config: Config;
  /** Turns an API key or a login cookie into a principal (the auth module). */
  authenticator: Authenticator;
  /** The database /readyz checks. */
  db: Database;
  /** Adds the feature routes; the composition root (server/app.ts) knows them, the platform does not. */
  registerRoutes: (app: App) => void;
  /** Test runs pass false to keep output quiet. */
  logger?: boolean;
  /** Where log lines go (default: standard output); tests read them. */
  logStream?: NodeJS.WritableStream;
  /** Slow-client limits (default: `defaultTimeouts`); tests shorten them. */
  timeouts?: Partial<HttpTimeouts>;
}

/** Query parameters that carry secrets (a web chat client's WebSocket cannot send headers). */
const SECRET_QUERY = /([?&](?:token|access_token|password|secret|api_?key)=)[^&#]*/gi;

/** A request as logged: Fastify's usual fields, with secrets in the query replaced. */
export function requestForLog(request: FastifyRequest) {
  return {
    method: request.method,
    url: request.url.replace(SECRET_QUERY, '$1[redacted]'),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket.remotePort,
  };
}

export async function buildApp({
  config,
  authenticator,
  db,
  registerRoutes,
  logger = true,
  logStream,
  timeouts: timeoutOverrides = {},
}: AppOptions): Promise<App> {
  const timeouts = { ...defaultTimeouts, ...timeoutOverrides };
  const app = Fastify({
    ...serverTimeoutOptions(timeouts),
    logger: logger
      ? {
          level: config.logLevel,
          redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
          serializers: { req: requestForLog },
          ...(logStream ? { stream: logStream } : {}),
        }
      : false,
    bodyLimit: 1024 * 1024,
    trustProxy: config.trustProxy,
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
    routerOptions: { maxParamLength: 200 },
    // Errors before routing (bad URL, path segment too long, HTTP the parser refuses) as { code, message }.
    frameworkErrors: (error, request, reply) => {
      void errorHandler(error, request, reply);
    },
    clientErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializer({ trustBuilt: config.env === 'production' }));
  app.setErrorHandler(errorHandler);
  registerInputGuard(app);
  registerWebSocketOriginCheck(app);
  registerBodyTimeouts(app, timeouts);
  registerDocumentedBodyErrors(app);
  const apiRoutes: ApiRoute[] = [];
  app.decorate('apiRoutes', apiRoutes);
  app.addHook('onRoute', (route) => {
    assertRouteDeclaresAccess(route);
    const access = route.config?.access;
    if (access === undefined || !route.url.startsWith('/api/v1')) return;
    for (const method of [route.method].flat()) {
      if (method === 'HEAD') continue;
      const transport = route.websocket ? 'websocket' : route.config?.stream ? 'stream' : 'http';
      apiRoutes.push({ method, url: route.url, access, transport });
    }
  });
  // A callback hook, not an async one: it runs for every response, and an async hook costs a promise.
  app.addHook('onSend', (request, reply, payload, done) => {
    void reply.header('x-request-id', request.id);
    done(null, payload);
  });

  registerSecurityHeaders(app, { https: config.cookieSecure });
  await app.register(fastifyCookie);
  // WebSockets for the live parties (web chat clients, operators); small frames only.
  await app.register(fastifyWebsocket, { options: { maxPayload: 64 * 1024 } });
  // After the cookie parser, which is itself an onRequest hook.
  app.addHook('onRequest', authorizeRequest(authenticator));
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Sessiondesk API',
        version: '1',
        description:
          'The Sessions section of a multichannel contact centre. Authenticate with `Authorization: Bearer <api key>` ' +
          'or the login cookie (then send `X-CSRF-Token` on changes). Every error is `{ code, message }`, ' +
          'including those raised before a route is found: 400 `validation_failed` (malformed URL or HTTP), ' +
          '408 `request_timeout` (headers or body too slow), 414 `uri_too_long` (a path segment over 200 ' +
          'characters), 431 `headers_too_large` (request line and headers over 16 KiB), 404 `not_found`.',
      },
      components: {
        securitySchemes: {
          apiKey: {
            type: 'http',
            scheme: 'bearer',
            description: 'sdk_… key from `sessiondesk apikey create`',
          },
          loginCookie: { type: 'apiKey', in: 'cookie', name: 'sd_session' },
        },
      },
      security: [{ apiKey: [] }, { loginCookie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  app.get(
    '/healthz',
    {
      schema: {
        tags: ['health'],
        summary: 'The process is up',
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
  app.get(
    '/readyz',
    {
      schema: {
        tags: ['health'],
        summary: 'The database answers and its schema is current',
        response: {
          200: z.object({ status: z.literal('ready') }),
          503: z.object({ code: z.string(), message: z.string() }),
        },
      },
    },
    async (_request, reply) => {
      try {
        await sql`SELECT 1`.execute(db);
        const pending = await pendingMigrations(db);
        if (pending.length > 0) {
          return reply
            .status(503)
            .send({ code: 'unavailable', message: `Migrations pending: ${pending.join(', ')}` });
        }
        return { status: 'ready' as const };
      } catch {
        return reply.status(503).send({ code: 'unavailable', message: 'The database does not answer.' });
      }
    },
  );

  registerRoutes(app);
  await registerWebUi(app);
  return app;
}

/** The built SPA; any unknown non-API GET gets index.html so client-side routes survive a reload. */
async function registerWebUi(app: App): Promise<void> {
  const built = fs.existsSync(path.join(WEB_ROOT, 'index.html'));
  if (built) {
    await app.register(fastifyStatic, {
      root: WEB_ROOT,
      wildcard: false,
      index: false,
      // Brotli/gzip siblings written at build (scripts/precompress.ts), chosen by Accept-Encoding.
      preCompressed: true,
      cacheControl: false,
      setHeaders(response, filePath) {
        // Vite names every built asset by its content hash: it never changes, so it is cached for good.
        const hashed = filePath.startsWith(ASSETS_ROOT);
        response.setHeader('Cache-Control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
        // The web chat is embedded by other sites' pages: their <script> may load it (helmet's default
        // Cross-Origin-Resource-Policy, same-origin, would block it), and it carries no credentials.
        if (/^widget\.js(\.br|\.gz)?$/.test(path.basename(filePath))) {
          response.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
          response.setHeader('Access-Control-Allow-Origin', '*');
        }
      },
    });
  }

  app.setNotFoundHandler(async (request, reply) => {
    const isPage =
      request.method === 'GET' &&
      !request.url.startsWith('/api/') &&
      request.headers.accept?.includes('text/html');
    if (isPage && built) return reply.type('text/html').sendFile('index.html', { maxAge: 0 });
    if (isPage) {
      return reply
        .type('text/plain')
        .status(503)
        .send('The web UI is not built yet: run `npm run build:web`.');
    }
    return reply
      .status(404)
      .send({ code: 'not_found', message: `No route ${request.method} ${request.url.split('?')[0] ?? ''}.` });
  });
}
