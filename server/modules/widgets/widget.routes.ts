import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ADMINS, MANAGERS } from '../../platform/auth/principal';
import { principalOf } from '../../platform/auth/authorize';
import type { App } from '../../platform/http/types';
import { errorResponses, errorSchema, idParams, isoDate, isoDateOrNull } from '../../platform/http/schemas';
import type { Services } from '../../services';

/** `https://shop.example` or `http://localhost:8080`: scheme, host and port only, as browsers send Origin. */
const originSchema = z
  .string()
  .max(300)
  .regex(
    /^https?:\/\/[a-z0-9.-]+(:\d{1,5})?$/,
    'must be an origin such as https://www.example.com (no path)',
  );

const widgetSchema = z.object({
  id: z.string(),
  name: z.string(),
  publicKey: z.string(),
  allowedOrigins: z.array(z.string()).describe('sites allowed to start chats (Origin); empty: any'),
  createdAt: isoDate,
  keyRotatedAt: isoDateOrNull,
  embedSnippet: z.string(),
});

const bodyFields = {
  name: z.string().trim().min(1).max(200),
  allowedOrigins: z.array(originSchema).max(50),
};
const conflict = errorSchema.describe('`widgets.name_taken`');

/** The URL the server is reached at, as the browser sees it (behind a proxy with TRUST_PROXY). */
function serverUrl(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

export function widgetRoutes(app: App, services: Services): void {
  app.get(
    '/api/v1/widgets',
    {
      config: { access: MANAGERS },
      schema: {
        tags: ['widgets'],
        summary: 'Web chat widgets with their public keys, allowed origins and embed snippets',
        response: { 200: z.object({ items: z.array(widgetSchema) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await services.widgets.list(principalOf(request), serverUrl(request)) }),
  );

  app.post(
    '/api/v1/widgets',
    {
      config: { access: ADMINS },
      bodyLimit: 16 * 1024,
      schema: {
        tags: ['widgets'],
        summary: 'Create a web chat widget: `{ name, allowedOrigins? }` → 201 with its public key; audited',
        body: z.object(bodyFields).partial().required({ name: true }).strict(),
        response: { 201: widgetSchema, ...errorResponses, 409: conflict },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await services.widgets.create(principalOf(request), request.body, serverUrl(request))),
  );

  app.patch(
    '/api/v1/widgets/:id',
    {
      config: { access: ADMINS },
      bodyLimit: 16 * 1024,
      schema: {
        tags: ['widgets'],
        summary: 'Rename a widget or change its allowed origins; audited before/after',
        description:
          'With allowed origins, the client API refuses a browser request from any other Origin (403 `live.origin_not_allowed`); ' +
          'requests without Origin (servers) are not affected.',
        params: idParams,
        body: z.object(bodyFields).partial().strict(),
        response: { 200: widgetSchema, ...errorResponses, 409: conflict },
      },
    },
    async (request) =>
      services.widgets.update(principalOf(request), request.params.id, request.body, serverUrl(request)),
  );

  app.post(
    '/api/v1/widgets/:id/rotate-key',
    {
      config: { access: ADMINS },
      bodyLimit: 1024,
      schema: {
        tags: ['widgets'],
        summary: 'Give the widget a new public key; the old one stops working at once; audited',
        params: idParams,
        response: { 200: widgetSchema, ...errorResponses },
      },
    },
    async (request) =>
      services.widgets.rotateKey(principalOf(request), request.params.id, serverUrl(request)),
  );
}
