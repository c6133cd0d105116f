import { sql, type RawBuilder } from 'kysely';
import { z } from 'zod';
import { principalOf } from '../../platform/auth/authorize';
import { ANY_ROLE } from '../../platform/auth/principal';
import type { LiveEvent } from '../../platform/events/event-bus';
import type { App } from '../../platform/http/types';
import { errorResponses } from '../../platform/http/schemas';
import type { Services } from '../../services';
import { parseFilters } from '../sessions/session-filters';
import { filterCondition } from '../sessions/session.repository';
import { visibilityCondition } from '../sessions/session-visibility';
import type { SessionSnapshot } from './live.repository';

/** The events the Live table receives; the others are for the parties' WebSockets. */
const streamKinds = new Set<LiveEvent['kind']>([
  'session.created',
  'session.updated',
  'session.ended',
  'session.routing',
]);

/** Query parameters of the stream that are not column filters. */
const RESERVED = new Set(['view', 'heartbeatSeconds']);

const streamQuery = z
  .object({
    view: z.literal('live').optional().describe('Always live; accepted so the list URL can be reused'),
    heartbeatSeconds: z.coerce.number().int().min(1).max(120).optional(),
  })
  .catchall(z.union([z.string(), z.array(z.string())]))
  .describe(
    'Any column filter of GET /api/v1/sessions (channel=…, status=…, operator=…, group=…, param.<name>=…)',
  );

/**
 * Server-Sent Events for the Live table. Each event's session is loaded once per instance (shared by
 * every stream of the tenant), each distinct filter is evaluated once per event, then written to the
 * streams whose caller may see it.
 */
export function liveEventStream(app: App, services: Services): void {
  const { events, live } = services;
  // Loads for one moment's events are batched: one query per tenant for the snapshots, and one per
  // tenant and distinct filter for the matches, however many streams and events.
  const loadSnapshots = batched((tenantId, ids) => live.repository.snapshots(tenantId, ids));
  const matchers = new Map<string, (tenantId: string, id: string) => Promise<boolean | undefined>>();
  const matcherFor = (conditionKey: string, condition: RawBuilder<unknown>) => {
    let matcher = matchers.get(conditionKey);
    if (!matcher) {
      matcher = batched(async (tenantId, ids) => {
        const matching = await live.repository.sessionsMatching(tenantId, ids, condition);
        return new Map(ids.map((id) => [id, matching.has(id)]));
      });
      matchers.set(conditionKey, matcher);
    }
    return matcher;
  };
  const snapshots = new WeakMap<LiveEvent, Promise<SessionSnapshot | undefined>>();
  const matches = new WeakMap<LiveEvent, Map<string, Promise<boolean>>>();
  // Open streams end when the server closes (they would otherwise hold it open).
  const open = new Set<() => void>();
  app.addHook('preClose', async () => {
    for (const end of open) end();
  });

  const snapshotOf = (event: LiveEvent) => {
    let found = snapshots.get(event);
    if (!found) {
      found = loadSnapshots(event.tenantId, event.sessionId);
      snapshots.set(event, found);
    }
    return found;
  };
  const matchOf = (event: LiveEvent, key: string, condition: RawBuilder<unknown>) => {
    let perEvent = matches.get(event);
    if (!perEvent) {
      perEvent = new Map();
      matches.set(event, perEvent);
    }
    let found = perEvent.get(key);
    if (!found) {
      found = matcherFor(key, condition)(event.tenantId, event.sessionId).then((value) => value ?? false);
      perEvent.set(key, found);
    }
    return found;
  };

  app.get(
    '/api/v1/sessions/live/events',
    {
      config: { access: ANY_ROLE, stream: true },
      schema: {
        tags: ['live'],
        summary: 'Server-Sent Events: live sessions appearing, changing and ending',
        description:
          'A `text/event-stream`. Events: `session.created`, `session.updated` (data.changed lists the fields), ' +
          '`session.ended`, `session.routing` (a routing step: refetch GET /sessions/:id/routing), and ' +
          '`session.removed` (a session sent before no longer matches the filters). Each data is JSON ' +
          '`{ sessionId, kind, changed, session, publishedAt }`, where `session` holds the Live table fields. ' +
          'Comments (`: heartbeat`) every 15 s keep proxies from closing the stream. Filters: the column ' +
          'filters of GET /api/v1/sessions. Operators receive their own sessions unless the tenant lets them see all. ' +
          'No resume: after a reconnect, refetch the list (Last-Event-ID is not replayed).',
        querystring: streamQuery,
        response: { 200: z.string().describe('text/event-stream'), ...errorResponses },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { heartbeatSeconds, ...rawFilters } = request.query;
      const filters = parseFilters(rawFilters, RESERVED);
      const parts: RawBuilder<unknown>[] = filters.map(filterCondition);
      const visibility = await services.visibility.of(principal);
      if (visibility.kind !== 'all') parts.push(visibilityCondition(visibility));
      const condition = parts.length > 0 ? sql`(${sql.join(parts, sql` AND `)})` : undefined;
      // Streams with the same conditions share one evaluation per event.
      const conditionKey = condition ? JSON.stringify(condition.compile(services.db)) : '';

      reply.hijack();
      const raw = reply.raw;
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': request.id,
      });
      raw.write(': connected\n\n');

      let sequence = 0;
      const sent = new Set<string>();
      const write = (kind: string, payload: unknown) => {
        sequence += 1;
        raw.write(`id: ${sequence}\nevent: ${kind}\ndata: ${JSON.stringify(payload)}\n\n`);
      };
      const deliver = (event: LiveEvent, session: SessionSnapshot | undefined, visible: boolean) => {
        if (!session) return;
        const base = { sessionId: event.sessionId, publishedAt: event.at };
        if (!visible) {
          if (sent.delete(event.sessionId))
            write('session.removed', { ...base, kind: 'session.removed', session });
          return;
        }
        if (event.kind === 'session.ended') sent.delete(event.sessionId);
        else sent.add(event.sessionId);
        write(event.kind, { ...base, kind: event.kind, changed: event.fields ?? [], session });
      };

      let chain = Promise.resolve();
      const unsubscribe = events.subscribe(principal.tenantId, (event) => {
        if (!streamKinds.has(event.kind)) return;
        // Loading starts at once (batched with the other events of this moment); only the writes wait
        // for each other, in order. A failed load skips that event rather than the stream.
        const loaded = Promise.all([
          snapshotOf(event),
          condition ? matchOf(event, conditionKey, condition) : Promise.resolve(true),
        ]);
        chain = chain
          .then(() => loaded)
          .then(([session, visible]) => deliver(event, session, visible))
          .catch((error: unknown) => {
            request.log.warn({ err: error }, 'live event not delivered');
          });
      });
      const heartbeat = setInterval(() => raw.write(': heartbeat\n\n'), (heartbeatSeconds ?? 15) * 1000);
      const close = () => {
        clearInterval(heartbeat);
        unsubscribe();
        open.delete(end);
      };
      const end = () => {
        close();
        raw.end();
      };
      open.add(end);
      request.raw.on('close', close);
      raw.on('error', close);
    },
  );
}

/**
 * Collects the lookups made while the event loop is busy and answers them with one load per tenant;
 * an id asked for several times in one batch is loaded once.
 */
function batched<V>(load: (tenantId: string, ids: string[]) => Promise<Map<string, V>>) {
  type Waiter = { resolve: (value: V | undefined) => void; reject: (error: unknown) => void };
  let pending = new Map<string, Map<string, Waiter[]>>();
  let scheduled = false;
  const flush = () => {
    scheduled = false;
    const batch = pending;
    pending = new Map();
    for (const [tenantId, waiting] of batch) {
      load(tenantId, [...waiting.keys()]).then(
        (values) => {
          for (const [id, waiters] of waiting) for (const waiter of waiters) waiter.resolve(values.get(id));
        },
        (error: unknown) => {
          for (const waiters of waiting.values()) for (const waiter of waiters) waiter.reject(error);
        },
      );
    }
  };
  return (tenantId: string, id: string): Promise<V | undefined> =>
    new Promise<V | undefined>((resolve, reject) => {
      let waiting = pending.get(tenantId);
      if (!waiting) {
        waiting = new Map();
        pending.set(tenantId, waiting);
      }
      const waiters = waiting.get(id) ?? [];
      waiters.push({ resolve, reject });
      waiting.set(id, waiters);
      if (!scheduled) {
        scheduled = true;
        setImmediate(flush);
      }
    });
}
