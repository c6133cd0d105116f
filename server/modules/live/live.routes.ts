import { languageFromHeader } from '../../../common/system-messages';
import type { LabelLanguage } from '../../../common/labels';
import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import { z } from 'zod';
import { principalOf } from '../../platform/auth/authorize';
import { AppError } from '../../platform/errors';
import { ANY_ROLE } from '../../platform/auth/principal';
import type { App } from '../../platform/http/types';
import { errorResponses } from '../../platform/http/schemas';
import type { Services } from '../../services';
import { userStates } from '../../../common/domain';
import {
  activitySchema,
  CLIENT_TOKEN_HEADER,
  WIDGET_KEY_HEADER,
  clientHeaders,
  clientSessionHeaders,
  clientSocketQuery,
  createdActivity,
  messageBody,
  operatorOverview,
  presentActivity,
  sessionEndResponse,
  sessionIdParams,
  snapshotSchema,
  startChatBody,
  startChatResponse,
} from './live.schemas';
import type { LiveClient } from './live.service';
import { presentOverview } from './live-feed.service';
import { clientCors, clientPreflight } from './client-cors';
import { sendObject } from '../../platform/http/object-reply';
import { idSchema } from '../../platform/http/schemas';

const clientTag = ['live: web chat client'];
const CLIENT_API = '/api/v1/live/client/';
const operatorTag = ['live: operator'];
const conflict = { 409: errorResponses[400] };

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return typeof value === 'string' ? value : undefined;
}

const fileQuery = z
  .object({ name: z.string().min(1).max(1000).describe('the file name as the sender calls it') })
  .strict();

/** An upload's body, name and declared length. */
function uploadOf(request: FastifyRequest) {
  const body = request.body;
  if (!(body instanceof Readable))
    throw new AppError('validation_failed', 'Send the file as the request body.');
  const length = request.headers['content-length'];
  return {
    name: (request.query as { name: string }).name,
    body,
    contentLength: length === undefined ? undefined : Number(length),
  };
}

function send(socket: WebSocket, payload: unknown): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(payload));
}

export function liveRoutes(app: App, services: Services): void {
  const { live } = services;
  const clients = new WeakMap<FastifyRequest, LiveClient>();
  const authenticateClient = async (request: FastifyRequest) => {
    clients.set(
      request,
      await live.authenticateClient(
        header(request, WIDGET_KEY_HEADER),
        (request.params as { id: string }).id,
        header(request, CLIENT_TOKEN_HEADER),
      ),
    );
  };
  const clientOf = (request: FastifyRequest): LiveClient => {
    const client = clients.get(request);
    if (!client) throw new Error('client authentication did not run');
    return client;
  };

  // --- the web chat client (public: the widget key and the client token prove who is calling) ---
  // Every client route answers pages of the widget's allowed origins (CORS, see client-cors.ts).
  const cors = clientCors(live);
  app.addHook('onRequest', async (request, reply) => {
    const route = request.routeOptions.url;
    if (route?.startsWith(CLIENT_API) && request.method !== 'OPTIONS') await cors(request, reply);
  });

  app.options(
    '/api/v1/live/client/*',
    { config: { access: 'public' }, schema: { hide: true } },
    async (request, reply) => clientPreflight(request, reply),
  );

  app.post(
    '/api/v1/live/client/sessions',
    {
      config: { access: 'public' },
      bodyLimit: 64 * 1024,
      schema: {
        tags: clientTag,
        summary: 'Start a chat: creates a session and routes it at once',
        description:
          "Send the widget's public key as `X-Widget-Key`. A client banned on web chat gets 403 `live.banned`; " +
          "a browser page whose Origin is not among the widget's allowed origins 403 `live.origin_not_allowed`. " +
          'When no rule or group can take the session it is created already ended (`status: closed`, ' +
          '`endReason: routing_failed`).',
        headers: clientHeaders,
        body: startChatBody,
        response: { 201: startChatResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const started = await live.startChat(
        header(request, WIDGET_KEY_HEADER),
        request.body,
        request.ip,
        header(request, 'origin'),
      );
      return reply.status(201).send({
        sessionId: started.session.id,
        status: started.session.status,
        endReason: started.session.end_reason,
        clientToken: started.clientToken,
      });
    },
  );

  app.get(
    '/api/v1/live/client/sessions/:id',
    {
      config: { access: 'public' },
      preHandler: authenticateClient,
      schema: {
        tags: clientTag,
        summary: "The client's session and its transcript so far",
        headers: clientSessionHeaders,
        params: sessionIdParams,
        response: {
          200: z.object({
            session: snapshotSchema,
            transcript: z.array(activitySchema),
            maxFileBytes: z.number().describe('the largest file `…/files` takes (MAX_FILE_MB)'),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const view = await live.clientView(clientOf(request));
      const lang = readerLanguage(request);
      return {
        session: view.session,
        transcript: view.transcript.map((row) => presentActivity(row, lang)),
        maxFileBytes: services.files.maxBytes,
      };
    },
  );

  app.post(
    '/api/v1/live/client/sessions/:id/messages',
    {
      config: { access: 'public' },
      bodyLimit: 64 * 1024,
      preHandler: authenticateClient,
      schema: {
        tags: clientTag,
        summary: 'The client sends a message or a file (metadata)',
        headers: clientSessionHeaders,
        params: sessionIdParams,
        body: messageBody,
        response: { 201: createdActivity, ...errorResponses, ...conflict },
      },
    },
    async (request, reply) => {
      const activity = await live.clientMessage(clientOf(request), request.body);
      return reply.status(201).send(activity);
    },
  );

  // File uploads: the raw file as the body, streamed to storage (no parser reads it in this scope).
  void app.register(async (scope: App) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => done(null, payload));
    const description =
      'The file is the raw request body (any Content-Type; the type kept is sniffed from the bytes), its ' +
      'name in `?name=`; up to MAX_FILE_MB. It becomes a file line of the transcript, which both parties ' +
      'see; colleagues open it at `/api/v1/sessions/:id/files/:activityId`.';

    scope.post(
      '/api/v1/live/client/sessions/:id/files',
      {
        config: { access: 'public', bodyTimeoutSeconds: 300 },
        preHandler: authenticateClient,
        schema: {
          tags: clientTag,
          summary: 'The client sends a file',
          description,
          headers: clientSessionHeaders,
          params: sessionIdParams,
          querystring: fileQuery,
          response: { 201: createdActivity, ...errorResponses, ...conflict, 413: errorResponses[400] },
        },
      },
      async (request, reply) => {
        const client = clientOf(request);
        const activity = await services.files.upload(client.tenantId, uploadOf(request), (file, link) =>
          live.clientMessage(client, { file }, { inTransaction: link }),
        );
        return reply.status(201).send(activity);
      },
    );

    scope.post(
      '/api/v1/live/operator/sessions/:id/files',
      {
        config: { access: ANY_ROLE, bodyTimeoutSeconds: 300 },
        schema: {
          tags: operatorTag,
          summary: 'Send a file to the client of a session you are in',
          description,
          params: sessionIdParams,
          querystring: fileQuery,
          response: { 201: createdActivity, ...errorResponses, ...conflict, 413: errorResponses[400] },
        },
      },
      async (request, reply) => {
        const principal = principalOf(request);
        const activity = await services.files.upload(principal.tenantId, uploadOf(request), (file, link) =>
          live.operatorMessage(principal, request.params.id, { file }, { inTransaction: link }),
        );
        return reply.status(201).send(activity);
      },
    );
  });

  app.post(
    '/api/v1/live/client/sessions/:id/typing',
    {
      config: { access: 'public' },
      bodyLimit: 1024,
      preHandler: authenticateClient,
      schema: {
        tags: clientTag,
        summary: 'The client is typing: the operators see "typing…" for a few seconds; nothing is stored',
        description:
          'Send it while the client types, at most every 2 seconds (more often is accepted and not passed ' +
          'on). Operators in the session get `{ type: "typing", sessionId, expiresInSeconds }` on their ' +
          'WebSocket and show it until that many seconds pass without another.',
        headers: clientSessionHeaders,
        params: sessionIdParams,
        response: { 204: z.null(), ...errorResponses, ...conflict },
      },
    },
    async (request, reply) => {
      await live.clientTyping(clientOf(request));
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/live/client/sessions/:id/files/:activityId',
    {
      config: { access: 'public' },
      preHandler: authenticateClient,
      schema: {
        tags: clientTag,
        summary: "A file of the client's own session (sent by the client or an operator)",
        description:
          "Served like the colleagues' file route: sniffed PNG, JPEG, GIF and WebP images inline (unless " +
          '`?download=1`), anything else as application/octet-stream to save, never to render.',
        headers: clientSessionHeaders,
        params: z.object({ id: idSchema, activityId: idSchema }),
        querystring: z.object({ download: z.enum(['0', '1', 'true', 'false']).optional() }).strict(),
        response: {
          200: z.any().describe('the file'),
          206: z.any().describe('the requested byte range(s)'),
          ...errorResponses,
          410: errorResponses[400],
        },
      },
    },
    async (request, reply) => {
      const client = clientOf(request);
      const download = request.query.download === '1' || request.query.download === 'true';
      const object = await services.files.openForClient(
        client.tenantId,
        client.sessionId,
        request.params.activityId,
        { download },
      );
      return sendObject(request, reply, object);
    },
  );

  app.post(
    '/api/v1/live/client/sessions/:id/leave',
    {
      config: { access: 'public' },
      preHandler: authenticateClient,
      schema: {
        tags: clientTag,
        summary: 'The client leaves: the queue (client_abandoned) or the conversation (client_left)',
        headers: clientSessionHeaders,
        params: sessionIdParams,
        response: { 200: sessionEndResponse, ...errorResponses, ...conflict },
      },
    },
    async (request) => {
      const session = await live.clientLeave(clientOf(request));
      return { sessionId: session.id, status: session.status, endReason: session.end_reason };
    },
  );

  app.get(
    '/api/v1/live/client/sessions/:id/ws',
    {
      websocket: true,
      config: { access: 'public' },
      preHandler: async (
        request: FastifyRequest<{ Params: { id: string }; Querystring: { key: string; token: string } }>,
      ) => {
        const client = await live.authenticateClient(
          request.query.key,
          request.params.id,
          request.query.token,
          header(request, 'origin'),
        );
        await live.refuseBanned(client);
        clients.set(request, client);
      },
      schema: { params: sessionIdParams, querystring: clientSocketQuery },
    },
    (socket, request) => {
      const unsubscribe = services.liveFeed.client(
        clientOf(request),
        (payload) => send(socket, payload),
        (code, reason) => socket.close(code, reason),
        readerLanguage(request),
      );
      socket.on('close', unsubscribe);
    },
  );

  // --- the operator (a user login, or an API key acting for a user) ---

  app.get(
    '/api/v1/live/operator',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: operatorTag,
        summary: "The calling operator's state, pending offers and current sessions",
        response: {
          200: operatorOverview.extend({
            maxFileBytes: z.number().describe('the largest file `…/files` takes (MAX_FILE_MB)'),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const overview = await live.operatorOverview(principalOf(request));
      return { ...presentOverview(overview), maxFileBytes: services.files.maxBytes };
    },
  );

  app.put(
    '/api/v1/live/operator/state',
    {
      config: { access: ANY_ROLE },
      bodyLimit: 1024,
      schema: {
        tags: operatorTag,
        summary: 'Set the operator state; only online operators get offers',
        description: 'Leaving `online` hands the pending offers on to other operators.',
        body: z.object({ state: z.enum(userStates) }).strict(),
        response: {
          200: z.object({ id: z.string(), state: z.enum(userStates), capacity: z.number() }),
          ...errorResponses,
        },
      },
    },
    async (request) => live.setState(principalOf(request), request.body.state),
  );

  app.post(
    '/api/v1/live/operator/sessions/:id/accept',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: operatorTag,
        summary: 'Accept a session offered to you; the first accept wins',
        params: sessionIdParams,
        response: { 200: sessionEndResponse, ...errorResponses, ...conflict },
      },
    },
    async (request) => {
      const session = await live.accept(principalOf(request), request.params.id);
      return { sessionId: session.id, status: session.status, endReason: session.end_reason };
    },
  );

  app.post(
    '/api/v1/live/operator/sessions/:id/decline',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: operatorTag,
        summary: 'Decline a session offered to you; it moves on to the next operator',
        params: sessionIdParams,
        response: { 204: z.null(), ...errorResponses, ...conflict },
      },
    },
    async (request, reply) => {
      await live.decline(principalOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/live/operator/sessions/:id/messages',
    {
      config: { access: ANY_ROLE },
      bodyLimit: 64 * 1024,
      schema: {
        tags: operatorTag,
        summary: 'Send a message or a file (metadata) to the client of a session you are in',
        params: sessionIdParams,
        body: messageBody,
        response: { 201: createdActivity, ...errorResponses, ...conflict },
      },
    },
    async (request, reply) => {
      const activity = await live.operatorMessage(principalOf(request), request.params.id, request.body);
      return reply.status(201).send(activity);
    },
  );

  app.post(
    '/api/v1/live/operator/sessions/:id/typing',
    {
      config: { access: ANY_ROLE },
      bodyLimit: 1024,
      schema: {
        tags: operatorTag,
        summary: 'You are typing to the client of a session you are in; nothing is stored',
        description:
          'At most one event every 2 seconds is passed on. The client gets `{ type: "typing", userName, ' +
          'expiresInSeconds }` on its WebSocket and shows it until that many seconds pass without another.',
        params: sessionIdParams,
        response: { 204: z.null(), ...errorResponses, ...conflict },
      },
    },
    async (request, reply) => {
      await live.operatorTyping(principalOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/live/operator/sessions/:id/end',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: operatorTag,
        summary: 'End a session you are in (operator_ended; it closes at once)',
        description: 'An optional `result` (the outcome, e.g. "vyřešeno") is kept as the session result.',
        params: sessionIdParams,
        body: z
          .object({ result: z.string().trim().min(1).max(200).optional() })
          .strict()
          .nullish(),
        response: { 200: sessionEndResponse, ...errorResponses, ...conflict },
      },
    },
    async (request) => {
      const session = await live.operatorEnd(principalOf(request), request.params.id, request.body?.result);
      return { sessionId: session.id, status: session.status, endReason: session.end_reason };
    },
  );

  app.get(
    '/api/v1/live/operator/sessions/:id/transcript',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: operatorTag,
        summary: 'The transcript of a session you are in or were offered',
        params: sessionIdParams,
        response: { 200: z.object({ items: z.array(activitySchema) }), ...errorResponses },
      },
    },
    async (request) => {
      const rows = await live.operatorTranscript(principalOf(request), request.params.id);
      const lang = readerLanguage(request);
      return { items: rows.map((row) => presentActivity(row, lang)) };
    },
  );

  app.get(
    '/api/v1/live/operator/ws',
    {
      websocket: true,
      config: { access: ANY_ROLE },
      // Before the upgrade: a key acting for no user gets 403 live.no_user, not a socket that drops.
      preValidation: async (request) => {
        live.operatorId(principalOf(request));
      },
    },
    async (socket, request) => {
      const principal = principalOf(request);
      const { unsubscribe, ready } = services.liveFeed.operator(
        principal,
        live.operatorId(principal),
        (payload) => send(socket, payload),
        (code, reason) => socket.close(code, reason),
        readerLanguage(request),
      );
      socket.on('close', unsubscribe);
      await ready;
    },
  );
}

/** The reader's language (`Accept-Language`): system messages the engine wrote are worded in it. */
function readerLanguage(request: FastifyRequest): LabelLanguage {
  return languageFromHeader(request.headers['accept-language']);
}
