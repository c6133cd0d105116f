import { languageFromHeader } from '../../../common/system-messages';
import { z } from 'zod';
import { ANY_ROLE } from '../../platform/auth/principal';
import { principalOf } from '../../platform/auth/authorize';
import type { App } from '../../platform/http/types';
import { errorResponses, idParams } from '../../platform/http/schemas';
import { sentAsBuilt } from '../../platform/http/sent-as-built';
import type { Services } from '../../services';
import {
  columnSchema,
  countQuerySchema,
  countResponseSchema,
  detailSchema,
  facetQuerySchema,
  facetResponseSchema,
  listQuerySchema,
  listResponseSchema,
  transcriptQuerySchema,
  transcriptResponseSchema,
} from './session.schemas';

export function sessionRoutes(app: App, services: Services): void {
  app.get(
    '/api/v1/sessions/columns',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['sessions'],
        summary: 'The column catalogue: every column, plus one per parameter name the tenant has seen',
        response: { 200: z.object({ columns: z.array(columnSchema) }), ...errorResponses },
      },
    },
    async (request) => ({ columns: await services.sessions.columns(principalOf(request).tenantId) }),
  );

  app.get(
    '/api/v1/sessions',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['sessions'],
        summary: 'Sessions, filtered by any column, searched in content, sorted, keyset-paginated',
        description:
          'Filters: value sets (`channel=whatsapp,messenger`, "(empty)" = no value), ranges (`createdAt.min=`, ' +
          '`duration.max=`), text (`pageUrl.contains=`, `clientPhone=`, `feedback.empty=true`), parameters ' +
          '(`param.<name>=…`, `.contains=`, `.empty=`). Operators see only sessions they took part in unless the ' +
          'tenant allows more. `total` is exact when `totalIsEstimate` is false.',
        querystring: listQuerySchema,
        response: { 200: sentAsBuilt(listResponseSchema), ...errorResponses },
      },
    },
    async (request) => services.sessions.list(principalOf(request), request.query),
  );

  app.get(
    '/api/v1/sessions/count',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['sessions'],
        summary:
          'How many sessions the list with these filters and search holds: exact, or a labelled estimate',
        description:
          "Takes the list's filters and `q`. Counts exactly within a few seconds; beyond that `total` is an " +
          'estimate of this query from a sample of the sessions and `totalIsEstimate` is true.',
        querystring: countQuerySchema,
        response: { 200: countResponseSchema, ...errorResponses },
      },
    },
    async (request) => services.sessions.count(principalOf(request), request.query),
  );

  app.get(
    '/api/v1/sessions/facets/:column',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['sessions'],
        summary: "A column's values with counts under the other filters, most frequent first",
        params: z.object({ column: z.string().min(1).max(300) }),
        querystring: facetQuerySchema,
        response: { 200: facetResponseSchema, ...errorResponses },
      },
    },
    async (request) => services.sessions.facet(principalOf(request), request.params.column, request.query),
  );

  app.get(
    '/api/v1/sessions/:id',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['sessions'],
        summary: 'One session: every list field, the client, parameters, participants, restore links',
        params: idParams,
        response: { 200: detailSchema, ...errorResponses },
      },
    },
    async (request) => services.sessions.detail(principalOf(request), request.params.id),
  );

  app.get(
    '/api/v1/sessions/:id/transcript',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['sessions'],
        summary:
          'The transcript in order (messages, files, system messages), paged; recorded in the audit log',
        params: idParams,
        querystring: transcriptQuerySchema,
        response: { 200: transcriptResponseSchema, ...errorResponses },
      },
    },
    async (request) =>
      services.sessions.transcript(
        principalOf(request),
        request.params.id,
        request.query,
        languageFromHeader(request.headers['accept-language']),
      ),
  );
}
