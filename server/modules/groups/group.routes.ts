import { z } from 'zod';
import { ADMINS, MANAGERS } from '../../platform/auth/principal';
import { principalOf } from '../../platform/auth/authorize';
import type { App } from '../../platform/http/types';
import { errorResponses, errorSchema, idParams } from '../../platform/http/schemas';
import type { Services } from '../../services';
import { createGroupBody, groupSchema, patchGroupBody } from './group.schemas';

const conflict = errorSchema.describe(
  '`groups.name_taken`, or `groups.in_use` (a rule sends to it or a live session is in it) on delete',
);

export function groupRoutes(app: App, services: Services): void {
  app.get(
    '/api/v1/groups',
    {
      config: { access: MANAGERS },
      schema: {
        tags: ['groups'],
        summary: 'Operator groups with their members, the rules that use them and their live sessions',
        response: { 200: z.object({ items: z.array(groupSchema) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await services.groups.list(principalOf(request)) }),
  );

  app.post(
    '/api/v1/groups',
    {
      config: { access: ADMINS },
      bodyLimit: 64 * 1024,
      schema: {
        tags: ['groups'],
        summary: 'Create a group (routing uses it at once on every instance); audited',
        body: createGroupBody,
        response: { 201: groupSchema, ...errorResponses, 409: conflict },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await services.groups.create(principalOf(request), request.body)),
  );

  app.get(
    '/api/v1/groups/:id',
    {
      config: { access: MANAGERS },
      schema: {
        tags: ['groups'],
        summary: 'One group',
        params: idParams,
        response: { 200: groupSchema, ...errorResponses },
      },
    },
    async (request) => services.groups.get(principalOf(request), request.params.id),
  );

  app.patch(
    '/api/v1/groups/:id',
    {
      config: { access: ADMINS },
      bodyLimit: 64 * 1024,
      schema: {
        tags: ['groups'],
        summary: 'Change a group or its members (`members` replaces the membership); audited before/after',
        description:
          'The routing engine reads groups from the database on every decision: the change applies at once.',
        params: idParams,
        body: patchGroupBody,
        response: { 200: groupSchema, ...errorResponses, 409: conflict },
      },
    },
    async (request) => services.groups.update(principalOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/v1/groups/:id',
    {
      config: { access: ADMINS },
      schema: {
        tags: ['groups'],
        summary: 'Delete a group; 409 `groups.in_use` while a rule sends to it or a live session is in it',
        params: idParams,
        response: { 204: z.null(), ...errorResponses, 409: conflict },
      },
    },
    async (request, reply) => {
      await services.groups.remove(principalOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );
}
