import { ANY_ROLE, MANAGERS } from '../../platform/auth/principal';
import { principalOf } from '../../platform/auth/authorize';
import type { App } from '../../platform/http/types';
import { errorResponses, errorSchema, idParams } from '../../platform/http/schemas';
import type { Services } from '../../services';
import {
  banListQuery,
  banPageSchema,
  banSchema,
  createBanBody,
  liftBanBody,
  sessionClientSchema,
} from './ban.schemas';

const badIdentity = errorSchema.describe(
  '`validation_failed` (with `parameter`) or `bans.invalid_identity`: an identity that is not one of its kind or channel',
);

export function banRoutes(app: App, services: Services): void {
  app.post(
    '/api/v1/bans',
    {
      config: { access: ANY_ROLE },
      bodyLimit: 32 * 1024,
      schema: {
        tags: ['bans'],
        summary: 'Ban a client on a channel: several identities, a reason, an optional expiry; audited',
        description:
          'Admins and supervisors always; operators only where the tenant allows it (`operatorsMayBan`) and from ' +
          'a session they see (`sessionId`). The client’s live sessions on the channel end at once with end ' +
          'reason `banned`; from then on the client cannot start a session there (web chat 403 `live.banned`, ' +
          'messaging webhooks answered 200 and dropped, each attempt counted on the ban).',
        body: createBanBody,
        response: { 201: banSchema, ...errorResponses, 400: badIdentity },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await services.bans.create(principalOf(request), request.body)),
  );

  app.get(
    '/api/v1/bans',
    {
      config: { access: MANAGERS },
      schema: {
        tags: ['bans'],
        summary: 'The Blacklist: bans newest first, filtered, keyset paged',
        querystring: banListQuery,
        response: { 200: banPageSchema, ...errorResponses },
      },
    },
    async (request) => {
      const { limit, cursor, active, from, to, ...filter } = request.query;
      return services.bans.list(
        principalOf(request),
        {
          ...filter,
          ...(active === undefined ? {} : { active: active === 'true' }),
          ...(from ? { from: new Date(from) } : {}),
          ...(to ? { to: new Date(to) } : {}),
        },
        { limit, ...(cursor ? { cursor } : {}) },
      );
    },
  );

  app.get(
    '/api/v1/bans/:id',
    {
      config: { access: MANAGERS },
      schema: {
        tags: ['bans'],
        summary: 'One ban',
        params: idParams,
        response: { 200: banSchema, ...errorResponses },
      },
    },
    async (request) => services.bans.get(principalOf(request), request.params.id),
  );

  app.post(
    '/api/v1/bans/:id/lift',
    {
      config: { access: MANAGERS },
      bodyLimit: 8 * 1024,
      schema: {
        tags: ['bans'],
        summary: 'Lift a ban with a reason: it stops applying at once on every instance; audited',
        params: idParams,
        body: liftBanBody,
        response: {
          200: banSchema,
          ...errorResponses,
          409: errorSchema.describe('`bans.already_lifted`'),
        },
      },
    },
    async (request) => services.bans.lift(principalOf(request), request.params.id, request.body.reason),
  );

  app.get(
    '/api/v1/sessions/:id/client-identities',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['bans'],
        summary: "The session's client identities on its channel, for the Ban dialog, and its bans in force",
        params: idParams,
        response: { 200: sessionClientSchema, ...errorResponses },
      },
    },
    async (request) => services.bans.sessionClient(principalOf(request), request.params.id),
  );
}
