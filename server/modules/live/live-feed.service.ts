import type { LabelLanguage } from '../../../common/labels';
import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../../db/database';
import type { Principal } from '../../platform/auth/principal';
import type { EventBus, LiveEvent } from '../../platform/events/event-bus';
import { parseFilters, type RawQuery } from '../sessions/session-filters';
import { visibilityCondition, type SessionVisibility } from '../sessions/session-visibility';
import { filterCondition } from '../sessions/session-sql';
import { presentActivity } from './live.schemas';
import { liveRepository, type SessionSnapshot } from './live.repository';
import { TYPING_SHOWN_SECONDS, type LiveClient, type LiveService } from './live.service';

/**
 * The live feeds: which events each party receives and in what shape. Transports (WebSocket, SSE)
 * only carry what these hand them, so the rules of who sees what live here, beside the repository
 * reads they need, and nowhere near HTTP.
 */

/** The events the Live table receives; the others are for the parties' WebSockets. */
const tableKinds = new Set<LiveEvent['kind']>([
  'session.created',
  'session.updated',
  'session.ended',
  'session.routing',
]);

export type Send = (payload: Record<string, unknown>) => void;

type Overview = Awaited<ReturnType<LiveService['operatorOverview']>>;

export function presentOffer(offer: Overview['offers'][number]) {
  return {
    sessionId: offer.session_id,
    offeredAt: offer.offered_at,
    expiresAt: offer.expires_at,
    groupId: offer.group_id,
    groupName: offer.group_name,
    channel: offer.channel,
    clientName: offer.client_name,
    pageUrl: offer.page_url,
    createdAt: offer.created_at,
  };
}

export function presentOverview(overview: Overview) {
  return {
    user: overview.user,
    offers: overview.offers.map(presentOffer),
    sessions: overview.sessions.map((session) => ({
      id: session.id,
      status: session.status,
      channel: session.channel,
      clientName: session.client_name,
      acceptedAt: session.accepted_at,
      messageCount: session.message_count,
    })),
  };
}

export function liveFeedService(
  db: Database,
  deps: { events: EventBus; visibility: SessionVisibility; live: Pick<LiveService, 'operatorOverview'> },
) {
  const repo = liveRepository(db);
  const { events } = deps;

  // The Live table's loads for one moment's events are batched: one query per tenant for the
  // snapshots, and one per tenant and distinct filter for the matches, however many streams and events.
  const loadSnapshots = batched((tenantId, ids) => repo.snapshots(tenantId, ids));
  const matchers = new Map<string, (tenantId: string, id: string) => Promise<boolean | undefined>>();
  const matcherFor = (conditionKey: string, condition: RawBuilder<unknown>) => {
    let matcher = matchers.get(conditionKey);
    if (!matcher) {
      matcher = batched(async (tenantId, ids) => {
        const matching = await repo.sessionsMatching(tenantId, ids, condition);
        return new Map(ids.map((id) => [id, matching.has(id)]));
      });
      matchers.set(conditionKey, matcher);
    }
    return matcher;
  };
  const snapshots = new WeakMap<LiveEvent, Promise<SessionSnapshot | undefined>>();
  const matches = new WeakMap<LiveEvent, Map<string, Promise<boolean>>>();
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

  return {
    /**
     * The Live table of one caller: the sessions they may see that match the list's filters (a bad
     * filter throws here, before anything is sent). Each event's session is loaded once per instance
     * (shared by every stream of the tenant) and each distinct filter is evaluated once per event.
     */
    async table(principal: Principal, rawFilters: RawQuery, reserved: ReadonlySet<string>) {
      const parts: RawBuilder<unknown>[] = parseFilters(rawFilters, reserved).map(filterCondition);
      const visibility = await deps.visibility.of(principal);
      if (visibility.kind !== 'all') parts.push(visibilityCondition(visibility));
      const condition = parts.length > 0 ? sql`(${sql.join(parts, sql` AND `)})` : undefined;
      // Streams with the same conditions share one evaluation per event.
      const conditionKey = condition ? JSON.stringify(condition.compile(db)) : '';

      return {
        /** Delivers `(kind, payload)` in order; a failed load skips that event rather than the stream. */
        follow(
          send: (kind: string, payload: unknown) => void,
          onError: (error: unknown) => void,
        ): () => void {
          const sent = new Set<string>();
          const deliver = (event: LiveEvent, session: SessionSnapshot | undefined, visible: boolean) => {
            if (!session) return;
            const base = { sessionId: event.sessionId, publishedAt: event.at };
            if (!visible) {
              if (sent.delete(event.sessionId))
                send('session.removed', { ...base, kind: 'session.removed', session });
              return;
            }
            if (event.kind === 'session.ended') sent.delete(event.sessionId);
            else sent.add(event.sessionId);
            send(event.kind, { ...base, kind: event.kind, changed: event.fields ?? [], session });
          };

          let chain = Promise.resolve();
          return events.subscribe(principal.tenantId, (event) => {
            if (!tableKinds.has(event.kind)) return;
            // Loading starts at once (batched with the other events of this moment); only the
            // deliveries wait for each other, in order.
            const loaded = Promise.all([
              snapshotOf(event),
              condition ? matchOf(event, conditionKey, condition) : Promise.resolve(true),
            ]);
            chain = chain
              .then(() => loaded)
              .then(([session, visible]) => deliver(event, session, visible))
              .catch(onError);
          });
        },
      };
    },

    /** A web chat client's own session: messages, status changes and its end. */
    client(
      client: LiveClient,
      send: Send,
      close: (code: number, reason: string) => void,
      lang: LabelLanguage = 'en',
    ): () => void {
      const forward = async (event: LiveEvent) => {
        switch (event.kind) {
          case 'session.message': {
            const activity = event.activityId
              ? await repo.activity(client.tenantId, client.sessionId, event.activityId)
              : undefined;
            if (activity) send({ type: 'message', activity: presentActivity(activity, lang) });
            return;
          }
          case 'session.updated': {
            if (!event.fields?.includes('status')) return;
            const session = await repo.snapshot(client.tenantId, client.sessionId);
            if (session) send({ type: 'status', status: session.status });
            return;
          }
          case 'session.ended': {
            const session = await repo.snapshot(client.tenantId, client.sessionId);
            send({ type: 'ended', endReason: session?.endReason ?? null });
            close(1000, 'session ended');
            return;
          }
          case 'session.typing': {
            if (event.party !== 'operator' || !event.userId) return;
            const user = await repo.operator(client.tenantId, event.userId);
            send({ type: 'typing', userName: user?.name ?? null, expiresInSeconds: TYPING_SHOWN_SECONDS });
            return;
          }
          case 'session.created':
          case 'session.routing':
          case 'session.left':
          case 'offer.created':
          case 'offer.closed':
            return;
        }
      };
      const unsubscribe = events.subscribe(client.tenantId, (event) => {
        if (event.sessionId !== client.sessionId) return;
        void forward(event).catch(() => close(1011, 'internal error'));
      });
      send({ type: 'hello', sessionId: client.sessionId });
      return unsubscribe;
    },

    /**
     * An operator's seat: offers for them, sessions they join, leave and end, and the messages of
     * their sessions, in order, after a `hello` with their overview. Subscribes before reading the
     * overview, so nothing that happens meanwhile is missed.
     */
    operator(
      principal: Principal,
      userId: string,
      send: Send,
      close: (code: number, reason: string) => void,
      lang: LabelLanguage = 'en',
    ): { unsubscribe: () => void; ready: Promise<void> } {
      const tenantId = principal.tenantId;
      const mine = new Set<string>();
      let startAfterHello: () => void = () => {};
      let chain: Promise<void> = new Promise<void>((resolve) => {
        startAfterHello = resolve;
      });

      const forward = async (event: LiveEvent): Promise<void> => {
        switch (event.kind) {
          case 'offer.created': {
            if (event.userId !== userId) return;
            const offers = await repo.offersOf(tenantId, userId);
            const offer = offers.find((row) => row.session_id === event.sessionId);
            if (offer) send({ type: 'offer', offer: presentOffer(offer) });
            return;
          }
          case 'offer.closed':
            if (event.userId === userId) send({ type: 'offer.closed', sessionId: event.sessionId });
            return;
          case 'session.updated':
            if (event.fields?.includes('operatorIds') && !mine.has(event.sessionId)) {
              if (await repo.isCurrentParticipant(tenantId, event.sessionId, userId)) {
                mine.add(event.sessionId);
                send({ type: 'session.joined', sessionId: event.sessionId });
              }
            }
            return;
          case 'session.left':
            if (event.userId === userId && mine.delete(event.sessionId)) {
              send({ type: 'session.left', sessionId: event.sessionId });
            }
            return;
          case 'session.message': {
            if (!mine.has(event.sessionId) || !event.activityId) return;
            const activity = await repo.activity(tenantId, event.sessionId, event.activityId);
            if (activity) {
              send({
                type: 'message',
                sessionId: event.sessionId,
                activity: presentActivity(activity, lang),
              });
            }
            return;
          }
          case 'session.ended': {
            if (!mine.delete(event.sessionId)) return;
            const session = await repo.snapshot(tenantId, event.sessionId);
            send({
              type: 'session.ended',
              sessionId: event.sessionId,
              endReason: session?.endReason ?? null,
            });
            return;
          }
          case 'session.typing':
            if (event.party === 'client' && mine.has(event.sessionId)) {
              send({ type: 'typing', sessionId: event.sessionId, expiresInSeconds: TYPING_SHOWN_SECONDS });
            }
            return;
          case 'session.created':
          case 'session.routing':
            return;
        }
      };
      const unsubscribe = events.subscribe(tenantId, (event) => {
        // One event at a time per socket, so the operator sees them in order.
        chain = chain.then(() => forward(event)).catch(() => close(1011, 'internal error'));
      });

      const ready = (async () => {
        try {
          const overview = await deps.live.operatorOverview(principal);
          for (const session of overview.sessions) mine.add(session.id);
          send({ type: 'hello', ...presentOverview(overview) });
        } finally {
          startAfterHello();
        }
      })();
      return { unsubscribe, ready };
    },
  };
}

export type LiveFeedService = ReturnType<typeof liveFeedService>;

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
