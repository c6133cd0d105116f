import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { ADMINS } from '../../platform/auth/principal';
import { principalOf } from '../../platform/auth/authorize';
import { invalid } from '../../platform/errors';
import type { App } from '../../platform/http/types';
import { errorResponses } from '../../platform/http/schemas';
import type { Services } from '../../services';
import type { AuditFilter } from './audit.service';
import {
  auditEventSchema,
  auditExportQuery,
  auditListQuery,
  parseActions,
  type auditFilterQuery,
} from './audit.schemas';

function filterOf(query: z.infer<typeof auditFilterQuery>): AuditFilter {
  const actions = parseActions(query.action);
  if (actions instanceof Error) throw invalid(actions.message, { parameter: 'action' });
  if (query.from && query.to && query.from >= query.to) {
    throw invalid('from: must be before to.', { parameter: 'from' });
  }
  return {
    actorUserId: query.actor,
    actorApiKeyId: query.apiKey,
    actions,
    objectType: query.objectType,
    objectId: query.objectId,
    from: query.from,
    to: query.to,
  };
}

/**
 * The audit log, read only: no route updates or deletes an event (and the database refuses it, see
 * migration 0010). Admins only.
 */
export function auditRoutes(app: App, services: Services): void {
  app.get(
    '/api/v1/audit-events',
    {
      config: { access: ADMINS },
      schema: {
        tags: ['audit'],
        summary: 'Audit events newest first, filtered by actor, action, object and time, paged by keyset',
        description:
          'Every audited event: sign-ins (and failed ones of known accounts), views of transcripts, exports and ' +
          'downloads, redirects, notes, settings and people changes, API keys. `nextCursor` fetches the next page.',
        querystring: auditListQuery,
        response: {
          200: z.object({ items: z.array(auditEventSchema), nextCursor: z.string().nullable() }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { limit, cursor, ...filter } = request.query;
      return services.audit.list(principalOf(request), filterOf(filter), cursor, limit);
    },
  );

  app.get(
    '/api/v1/audit-events/actions',
    {
      config: { access: ADMINS },
      schema: {
        tags: ['audit'],
        summary: "The actions that occur in the tenant's audit log, for the action filter",
        response: { 200: z.object({ items: z.array(z.string()) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await services.audit.actions(principalOf(request)) }),
  );

  app.get(
    '/api/v1/audit-events/export.csv',
    {
      config: { access: ADMINS },
      schema: {
        tags: ['audit'],
        summary: 'The filtered audit log as CSV for Excel (UTF-8 with BOM, CRLF; audited)',
        description:
          "Times in the tenant's time zone; text starting with = + - @ tab or CR gets a leading ' so it never " +
          'runs as a formula.',
        querystring: auditExportQuery,
        produces: ['text/csv'],
        response: { 200: z.string().describe('the CSV file'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const { lang, separator, ...filter } = request.query;
      const result = await services.audit.exportCsv(principalOf(request), filterOf(filter), {
        lang,
        separator,
        ip: request.ip,
      });
      const raw: FastifyReply = reply;
      return raw
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${result.fileName}"`)
        .header('cache-control', 'no-store')
        .send(Readable.from(result.body));
    },
  );
}
