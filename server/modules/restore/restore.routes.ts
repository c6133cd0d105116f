import { principalOf } from '../../platform/auth/authorize';
import { ADMINS, ANY_ROLE } from '../../platform/auth/principal';
import type { App } from '../../platform/http/types';
import { errorResponses, errorSchema, idParams } from '../../platform/http/schemas';
import type { Services } from '../../services';
import {
  restoreBody,
  restoreOptionsSchema,
  restoreResultSchema,
  templateListSchema,
} from './restore.schemas';

/** Restore of ended messaging sessions, and the WhatsApp templates it may send. */
export function restoreRoutes(app: App, services: Services): void {
  app.get(
    '/api/v1/sessions/:id/restore',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['sessions'],
        summary: 'What restoring this ended session allows now: the option, why, until when, the templates',
        description:
          "Computed from the client's last message on the session's account (whichever session it was in) " +
          'by the messaging window the outbox applies too (docs/channels.md). `blocked` says why a session ' +
          'cannot be restored (another channel, still live, not linked to a platform client, account ' +
          'disabled, client banned, window closed). Same visibility as the session (404 otherwise).',
        params: idParams,
        response: { 200: restoreOptionsSchema, ...errorResponses },
      },
    },
    async (request) => services.restore.options(principalOf(request), request.params.id),
  );

  app.post(
    '/api/v1/sessions/:id/restore',
    {
      config: { access: ANY_ROLE },
      bodyLimit: 64 * 1024,
      schema: {
        tags: ['sessions'],
        summary: 'Restore an ended messaging session: a new session with the same client, linked to this one',
        description:
          'Body: `text` (inside the window) or `template: { name, language, parameters }` (WhatsApp; required ' +
          'outside the 24-hour window), and optionally `groupId` to offer it to a group instead of taking it. ' +
          'The new session (`source: restored`, `restoredFrom`) is taken by the caller or queued in the group; ' +
          'its first message goes through the outbox, and both transcripts get a system message. When the ' +
          'client already has a live session on the account, that one is answered (200, `created: false`). ' +
          "Errors: 404 `not_found` (unknown or invisible session — also another tenant's — or group), " +
          '409 `restore.session_live`, `restore.account_disabled`, 403 `restore.client_banned`, 422 ' +
          '`restore.not_messaging`, `restore.no_platform_client`, `restore.window_closed`, ' +
          '`restore.template_required`, `restore.template_not_allowed`, `restore.template_unknown`, ' +
          '`restore.template_parameters`, `restore.group_required`, 409 `routing.group_full`. Audited.',
        params: idParams,
        body: restoreBody,
        response: {
          200: restoreResultSchema,
          201: restoreResultSchema,
          ...errorResponses,
          409: errorSchema,
          422: errorSchema,
        },
      },
    },
    async (request, reply) => {
      const result = await services.restore.restore(principalOf(request), request.params.id, request.body);
      return reply.status(result.created ? 201 : 200).send(result);
    },
  );

  app.get(
    '/api/v1/channels/:id/templates',
    {
      config: { access: ADMINS },
      schema: {
        tags: ['channels'],
        summary: "A WhatsApp account's message templates as last synchronised from the platform",
        params: idParams,
        response: { 200: templateListSchema, ...errorResponses, 409: errorSchema },
      },
    },
    async (request) => services.whatsappTemplates.list(principalOf(request), request.params.id),
  );

  app.post(
    '/api/v1/channels/:id/templates/sync',
    {
      config: { access: ADMINS },
      bodyLimit: 1024,
      schema: {
        tags: ['channels'],
        summary: "Synchronise a WhatsApp account's message templates from the platform now",
        description:
          "Reads `GET /{version}/{WABA-ID}/message_templates` with the account's token (the account needs " +
          '`businessAccountId`) and replaces the stored list; also done daily. 502 ' +
          "`channels.templates_unavailable` with the platform's reason when it refuses. Audited.",
        params: idParams,
        response: { 200: templateListSchema, ...errorResponses, 409: errorSchema, 502: errorSchema },
      },
    },
    async (request) => services.whatsappTemplates.refresh(principalOf(request), request.params.id),
  );
}
