import { z } from 'zod';
import { ADMINS, ANY_ROLE, MANAGERS } from '../../platform/auth/principal';
import { principalOf } from '../../platform/auth/authorize';
import type { App } from '../../platform/http/types';
import { errorResponses, errorSchema, idParams } from '../../platform/http/schemas';
import type { Services } from '../../services';
import {
  changePasswordBody,
  createdUserSchema,
  createUserBody,
  patchUserBody,
  userSchema,
} from './user.schemas';

const conflict = errorSchema.describe(
  '`users.email_taken` (the e-mail is in use) or `users.last_admin` (the last active admin would be lost)',
);

export function userRoutes(app: App, services: Services): void {
  app.get(
    '/api/v1/users',
    {
      config: { access: MANAGERS },
      schema: {
        tags: ['users'],
        summary: "The tenant's people: role, state, groups, capacity, languages, last sign-in",
        description: 'Admins and supervisors; only admins change people.',
        response: { 200: z.object({ items: z.array(userSchema) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await services.users.list(principalOf(request)) }),
  );

  app.post(
    '/api/v1/users',
    {
      config: { access: ADMINS },
      bodyLimit: 16 * 1024,
      schema: {
        tags: ['users'],
        summary: 'Add a person; without `password` a one-time password is generated and returned once',
        description:
          'Body `{ email, name, role, password?, capacity?, languages? }`. 409 `users.email_taken` when the ' +
          'e-mail is already used in this tenant. Audited (`user.create`).',
        body: createUserBody,
        response: { 201: createdUserSchema, ...errorResponses, 409: conflict },
      },
    },
    async (request, reply) => {
      const created = await services.users.create(principalOf(request), request.body);
      return reply.status(201).send({ ...created.user, password: created.password });
    },
  );

  app.get(
    '/api/v1/users/:id',
    {
      config: { access: MANAGERS },
      schema: {
        tags: ['users'],
        summary: 'One person',
        params: idParams,
        response: { 200: userSchema, ...errorResponses },
      },
    },
    async (request) => services.users.get(principalOf(request), request.params.id),
  );

  app.patch(
    '/api/v1/users/:id',
    {
      config: { access: ADMINS },
      bodyLimit: 16 * 1024,
      schema: {
        tags: ['users'],
        summary: 'Change role, name, capacity or languages; deactivate (`active: false`) or reactivate',
        description:
          'A deactivated user keeps their sessions and history, cannot sign in (their logins end at once), ' +
          'is offered no session (pending offers are handed on) and their API keys stop working. ' +
          '409 `users.last_admin` when the change would leave the tenant without an active admin. ' +
          'Audited with the values before and after.',
        params: idParams,
        body: patchUserBody,
        response: { 200: userSchema, ...errorResponses, 409: conflict },
      },
    },
    async (request) => services.users.update(principalOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/v1/users/:id/reset-password',
    {
      config: { access: ADMINS },
      bodyLimit: 1024,
      schema: {
        tags: ['users'],
        summary: "Set a new generated password (returned once); the person's logins end",
        params: idParams,
        response: { 200: z.object({ password: z.string() }), ...errorResponses },
      },
    },
    async (request) => services.users.resetPassword(principalOf(request), request.params.id),
  );

  app.post(
    '/api/v1/me/password',
    {
      config: { access: ANY_ROLE },
      bodyLimit: 4 * 1024,
      schema: {
        tags: ['users'],
        summary: 'Change your own password; your other logins end',
        description:
          '400 `users.wrong_password` when `currentPassword` is not right; 403 for an API key acting for no user.',
        body: changePasswordBody,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await services.users.changeOwnPassword(principalOf(request), request.body);
      return reply.status(204).send(null);
    },
  );
}
