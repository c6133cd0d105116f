import { z } from 'zod';
import { principalOf } from '../../platform/auth/authorize';
import { ANY_ROLE, MANAGERS } from '../../platform/auth/principal';
import type { App } from '../../platform/http/types';
import { errorResponses, idParams, idSchema, isoDate, isoDateOrNull } from '../../platform/http/schemas';
import type { Services } from '../../services';
import { routingEventKinds, statuses } from '../../../common/domain';

const ref = z.object({ id: z.string(), name: z.string() }).nullable();

const routingViewSchema = z.object({
  current: z
    .object({
      state: z.enum(statuses).describe('queued, offered, active or after_work'),
      groupId: z.string().nullable(),
      groupName: z.string().nullable(),
      queuePosition: z.number().nullable().describe('1-based place in the group queue while waiting'),
      offeredTo: z.array(
        z.object({ id: z.string(), name: z.string(), since: isoDate, expiresAt: isoDateOrNull }),
      ),
      waitingSeconds: z.number().describe('Waiting so far, or until it was accepted'),
    })
    .nullable()
    .describe('null once the session has ended'),
  events: z.array(
    z.object({
      id: z.string(),
      at: isoDate,
      kind: z.enum(routingEventKinds),
      actor: ref.describe('Who caused the step (redirect: the manager)'),
      user: ref.describe('The operator concerned (offered to, accepted by, redirected to)'),
      group: ref,
      data: z.record(z.string(), z.unknown()),
    }),
  ),
});

const redirectBody = z.union([
  z.object({ operatorId: idSchema }).strict(),
  z.object({ groupId: idSchema }).strict(),
]);

export function routingRoutes(app: App, services: Services): void {
  app.get(
    '/api/v1/sessions/:id/routing',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['sessions'],
        summary: 'Routing of a session: where it is now and every step so far',
        description:
          'Same visibility as the session. Live updates: the SSE stream sends `session.routing` when a step is added.',
        params: idParams,
        response: { 200: routingViewSchema, ...errorResponses },
      },
    },
    async (request) => services.routingView.view(principalOf(request), request.params.id),
  );

  app.post(
    '/api/v1/sessions/:id/redirect',
    {
      config: { access: MANAGERS },
      bodyLimit: 1024,
      schema: {
        tags: ['sessions'],
        summary: 'Redirect a live session to an operator or a group; it is offered there at once',
        description:
          'Body `{ operatorId }` or `{ groupId }`. The session leaves its current operator or queue. Errors: ' +
          "404 `not_found` (unknown session, operator or group — also another tenant's), 409 `routing.session_ended`, " +
          '`routing.operator_unavailable` (not online), `routing.operator_full` (no free capacity), ' +
          '`routing.group_full` (queue full), `routing.already_there`.',
        params: idParams,
        body: redirectBody,
        response: { 200: routingViewSchema, ...errorResponses, 409: errorResponses[400] },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      await services.routing.redirect(principal, request.params.id, request.body);
      return services.routingView.view(principal, request.params.id);
    },
  );
}
