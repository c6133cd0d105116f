import { principalOf } from '../../platform/auth/authorize';
import { ANY_ROLE, MANAGERS } from '../../platform/auth/principal';
import type { App } from '../../platform/http/types';
import { errorResponses, idParams } from '../../platform/http/schemas';
import type { Services } from '../../services';
import { redirectBody, routingTargetsSchema, routingViewSchema } from './routing.schemas';

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

  app.get(
    '/api/v1/routing/targets',
    {
      config: { access: MANAGERS },
      schema: {
        tags: ['sessions'],
        summary: 'Operators and groups a live session can be redirected to',
        description:
          "The tenant's enabled users with state and load (`activeSessions` of `capacity`) and its groups " +
          'with their queue (`queued` of `queueSize`). Only online operators with free capacity and groups ' +
          'with room in the queue accept a redirect.',
        response: { 200: routingTargetsSchema, ...errorResponses },
      },
    },
    async (request) => services.routingView.targets(principalOf(request)),
  );
}
