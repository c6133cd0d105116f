import { z } from 'zod';
import { ADMINS } from '../../platform/auth/principal';
import { principalOf } from '../../platform/auth/authorize';
import type { App } from '../../platform/http/types';
import { errorResponses, idParams, isoDate, isoDateOrNull } from '../../platform/http/schemas';
import { apiKeyRoles } from '../../../common/roles';
import type { Services } from '../../services';

const apiKeySchema = z.object({
  id: z.string(),
  name: z.string(),
  role: z.enum(apiKeyRoles),
  createdAt: isoDate,
  lastUsedAt: isoDateOrNull,
  revokedAt: isoDateOrNull,
  createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
});

export function apiKeyRoutes(app: App, services: Services): void {
  app.get(
    '/api/v1/api-keys',
    {
      config: { access: ADMINS },
      schema: {
        tags: ['api keys'],
        summary: "The tenant's API keys (never their secrets)",
        response: { 200: z.object({ items: z.array(apiKeySchema) }), ...errorResponses },
      },
    },
    async (request) => {
      const keys = await services.apiKeys.list(principalOf(request).tenantId);
      return {
        items: keys.map((key) => ({
          id: key.id,
          name: key.name,
          role: key.role,
          createdAt: key.created_at,
          lastUsedAt: key.last_used_at,
          revokedAt: key.revoked_at,
          createdBy: key.created_by ? { id: key.created_by, name: key.created_by_name ?? '' } : null,
        })),
      };
    },
  );

  app.post(
    '/api/v1/api-keys',
    {
      config: { access: ADMINS },
      bodyLimit: 16 * 1024,
      schema: {
        tags: ['api keys'],
        summary: 'Create an API key; the response is the only time its secret is shown',
        body: z.object({ name: z.string().trim().min(1).max(200), role: z.enum(apiKeyRoles) }),
        response: {
          201: z.object({ id: z.string(), name: z.string(), role: z.enum(apiKeyRoles), key: z.string() }),
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const created = await services.apiKeys.create(principalOf(request), request.body);
      return reply
        .status(201)
        .send({ id: created.id, name: created.name, role: created.role, key: created.key });
    },
  );

  app.delete(
    '/api/v1/api-keys/:id',
    {
      config: { access: ADMINS },
      schema: {
        tags: ['api keys'],
        summary: 'Revoke an API key; it stops working at once',
        params: idParams,
        response: { 200: z.object({ id: z.string(), revokedAt: isoDate }), ...errorResponses },
      },
    },
    async (request) => {
      const revoked = await services.apiKeys.revoke(principalOf(request), request.params.id);
      return { id: revoked.id, revokedAt: revoked.revoked_at ?? new Date() };
    },
  );
}
