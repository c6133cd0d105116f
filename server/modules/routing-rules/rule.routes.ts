import { z } from 'zod';
import { ADMINS, MANAGERS } from '../../platform/auth/principal';
import { principalOf } from '../../platform/auth/authorize';
import type { App } from '../../platform/http/types';
import { errorResponses, idParams } from '../../platform/http/schemas';
import type { Services } from '../../services';
import { createRuleBody, patchRuleBody, reorderBody, ruleSchema, testRuleBody } from './rule.schemas';

const ruleList = z.object({ items: z.array(ruleSchema) });

export function ruleRoutes(app: App, services: Services): void {
  app.get(
    '/api/v1/routing-rules',
    {
      config: { access: MANAGERS },
      schema: {
        tags: ['routing rules'],
        summary: 'The routing rules in the order they are tried, with their targets',
        response: { 200: ruleList, ...errorResponses },
      },
    },
    async (request) => ({ items: await services.rules.list(principalOf(request)) }),
  );

  app.post(
    '/api/v1/routing-rules',
    {
      config: { access: ADMINS },
      bodyLimit: 64 * 1024,
      schema: {
        tags: ['routing rules'],
        summary: 'Add a rule at the end; routing uses it for the next session on every instance; audited',
        description:
          'Body `{ name, conditions: { channel?, source?, pageUrlContains?, params? }, target: { groupId } | { chatbotId }, enabled?, isFallback? }`.',
        body: createRuleBody,
        response: { 201: ruleSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await services.rules.create(principalOf(request), request.body)),
  );

  app.put(
    '/api/v1/routing-rules/order',
    {
      config: { access: ADMINS },
      bodyLimit: 64 * 1024,
      schema: {
        tags: ['routing rules'],
        summary: 'Put the rules in a new order: `ids` lists every rule exactly once; audited',
        body: reorderBody,
        response: { 200: ruleList, ...errorResponses },
      },
    },
    async (request) => ({ items: await services.rules.reorder(principalOf(request), request.body.ids) }),
  );

  app.post(
    '/api/v1/routing-rules/test',
    {
      config: { access: MANAGERS },
      bodyLimit: 16 * 1024,
      schema: {
        tags: ['routing rules'],
        summary: 'Which rule would take a session with this channel, source, page URL and parameters',
        description:
          'The enabled rules in order, picked by the same function the routing engine uses; `rule` is null when none would.',
        body: testRuleBody,
        response: { 200: z.object({ rule: ruleSchema.nullable() }), ...errorResponses },
      },
    },
    async (request) => services.rules.test(principalOf(request), request.body),
  );

  app.patch(
    '/api/v1/routing-rules/:id',
    {
      config: { access: ADMINS },
      bodyLimit: 64 * 1024,
      schema: {
        tags: ['routing rules'],
        summary: 'Change a rule (name, conditions, target, enabled, fallback); audited before/after',
        params: idParams,
        body: patchRuleBody,
        response: { 200: ruleSchema, ...errorResponses },
      },
    },
    async (request) => services.rules.update(principalOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/v1/routing-rules/:id',
    {
      config: { access: ADMINS },
      schema: {
        tags: ['routing rules'],
        summary: 'Delete a rule; audited',
        params: idParams,
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await services.rules.remove(principalOf(request), request.params.id);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/chatbots',
    {
      config: { access: MANAGERS },
      schema: {
        tags: ['routing rules'],
        summary: "The tenant's chatbots (targets of routing rules)",
        response: {
          200: z.object({ items: z.array(z.object({ id: z.string(), name: z.string() })) }),
          ...errorResponses,
        },
      },
    },
    async (request) => ({ items: await services.rules.chatbots(principalOf(request)) }),
  );
}
