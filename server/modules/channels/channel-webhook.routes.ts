import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { channelAccountTypes } from '../../../common/domain';
import type { App } from '../../platform/http/types';
import { errorSchema, idSchema } from '../../platform/http/schemas';
import type { Services } from '../../services';

const webhookParams = z.object({ type: z.enum(channelAccountTypes), accountId: idSchema });
const webhookErrors = {
  400: errorSchema,
  401: errorSchema.describe('channels.invalid_signature: the body is not signed with the account’s secret'),
  403: errorSchema.describe('channels.verification_failed or channels.account_disabled'),
  404: errorSchema,
  503: errorSchema,
};

/**
 * The platforms' webhooks, in each platform's own format: public (the platform calls them), and
 * authenticated by the platform's signature over the raw body, so the body is kept as bytes. They sit
 * outside /api/v1 and declare no `config.access`, so the API's authorisation hook leaves them alone:
 * Apple's MSP API sends its own `Authorization: Bearer <JWT>`, which is not one of our API keys.
 */
export function channelWebhookRoutes(app: App, services: Services): void {
  void app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    // The signature is over the exact bytes: no JSON parsing before it is checked.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: 1024 * 1024 }, (_request, body, done) => {
      done(null, body);
    });

    scope.get(
      '/webhooks/:type/:accountId',
      {
        schema: {
          tags: ['webhooks'],
          summary: "A platform's webhook verification (Meta: hub.mode, hub.verify_token, hub.challenge)",
          params: webhookParams,
          querystring: z
            .object({
              'hub.mode': z.string().max(100).optional(),
              'hub.verify_token': z.string().max(1000).optional(),
              'hub.challenge': z.string().max(1000).optional(),
            })
            .loose(),
          response: { 200: z.string(), ...webhookErrors },
        },
      },
      async (request, reply) => {
        const challenge = await services.channels.verify(
          request.params.type,
          request.params.accountId,
          request.query,
        );
        return reply.type('text/plain').send(challenge);
      },
    );

    scope.post(
      '/webhooks/:type/:accountId',
      {
        schema: {
          tags: ['webhooks'],
          summary: "A platform's webhook: messages and statuses in the platform's own format, signed",
          params: webhookParams,
          response: { 200: z.string(), ...webhookErrors },
        },
      },
      async (request, reply) => {
        const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
        const received = await services.channels.receive(request.params.type, request.params.accountId, {
          raw,
          headers: request.headers,
        });
        return reply.type('text/plain').send(received.reply);
      },
    );
  });
}
