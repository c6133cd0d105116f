import { z } from 'zod';
import { ADMINS } from '../../platform/auth/principal';
import { principalOf } from '../../platform/auth/authorize';
import type { App } from '../../platform/http/types';
import { errorResponses, idParams } from '../../platform/http/schemas';
import type { Services } from '../../services';
import { channelSchema, createChannelBody, updateChannelBody } from './channel.schemas';

/** Channel accounts: admins connect the tenant's WhatsApp, Messenger, Apple and VK accounts. */
export function channelAccountRoutes(app: App, services: Services): void {
  app.post(
    '/api/v1/channels',
    {
      config: { access: ADMINS },
      bodyLimit: 64 * 1024,
      schema: {
        tags: ['channels'],
        summary: 'Connect a messaging platform account (secrets are stored encrypted and never returned)',
        body: createChannelBody,
        response: { 201: channelSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await services.channelAccounts.create(principalOf(request), request.body)),
  );

  app.get(
    '/api/v1/channels',
    {
      config: { access: ADMINS },
      schema: {
        tags: ['channels'],
        summary: "The tenant's channel accounts",
        response: { 200: z.object({ items: z.array(channelSchema) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await services.channelAccounts.list(principalOf(request)) }),
  );

  app.get(
    '/api/v1/channels/:id',
    {
      config: { access: ADMINS },
      schema: {
        tags: ['channels'],
        summary: 'One channel account',
        params: idParams,
        response: { 200: channelSchema, ...errorResponses },
      },
    },
    async (request) => services.channelAccounts.get(principalOf(request), request.params.id),
  );

  app.patch(
    '/api/v1/channels/:id',
    {
      config: { access: ADMINS },
      bodyLimit: 64 * 1024,
      schema: {
        tags: ['channels'],
        summary: 'Rename, reconfigure, disable or enable a channel account (secrets left out are kept)',
        params: idParams,
        body: updateChannelBody,
        response: { 200: channelSchema, ...errorResponses },
      },
    },
    async (request) => services.channelAccounts.update(principalOf(request), request.params.id, request.body),
  );
}
