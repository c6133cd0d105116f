import { sql } from 'kysely';
import type { Database } from '../../db/database';
import pg from 'pg';

/**
 * Live events across every server instance. `publish` sends a PostgreSQL NOTIFY on one channel; every
 * instance (the publishing one included) LISTENs on its own connection and hands each event to its
 * local subscribers. So an event on instance A reaches an SSE or WebSocket client of instance B, and
 * one code path serves one instance and many.
 *
 * The payload stays small (tenant, session, kind and a few ids): receivers load what they need. Call
 * `publish` after the transaction commits — never from inside one (NOTIFY inside a transaction would
 * only be sent at commit, but a rolled-back change must not be announced, and readers must find the
 * committed rows when the event arrives).
 */
export const LIVE_CHANNEL = 'sessiondesk_live';

/**
 * Configuration changes (tenant settings, groups, rules, widgets): every instance drops what it
 * cached of that tenant's configuration when a notice arrives.
 */
export const CONFIG_CHANNEL = 'sessiondesk_config';

export interface ConfigChange {
  tenantId: string;
  /** What changed: `settings`, `routing`, `widgets`, `users`, `credentials`. */
  topic: string;
}

export type ConfigListener = (change: ConfigChange) => void;

export const liveEventKinds = [
  'session.created',
  'session.updated',
  'session.ended',
  'session.routing',
  'session.message',
  'session.left',
  'offer.created',
  'offer.closed',
  'session.typing',
] as const;
export type LiveEventKind = (typeof liveEventKinds)[number];

export interface LiveEvent {
  tenantId: string;
  sessionId: string;
  kind: LiveEventKind;
  /** The operator an offer is for (offer.*), or who left the session (session.left). */
  userId?: string;
  /** The activity added (session.message). */
  activityId?: string;
  /** Who is typing (session.typing): the client, or the operator named by `userId`. Never stored. */
  party?: 'client' | 'operator';
  /** Session fields that changed (session.updated), in API names. */
  fields?: string[];
  /** Milliseconds since the epoch when the change committed; lets receivers measure delivery. */
  at: number;
}

export type LiveListener = (event: LiveEvent) => void;

export interface EventBusLog {
  warn(message: string, error?: unknown): void;
}

export function eventBus(db: Database) {
  /** Listeners per tenant: delivery touches only the listeners of the event's tenant. */
  const listeners = new Map<string, Set<LiveListener>>();
  const configListeners = new Set<ConfigListener>();
  let client: pg.Client | undefined;
  let connectionOptions: pg.ClientConfig | undefined;
  let log: EventBusLog = { warn: () => {} };
  let stopped = true;
  let reconnectTimer: NodeJS.Timeout | undefined;

  let outbox: { payloads: string[]; resolve: () => void; reject: (error: unknown) => void }[] = [];
  let flushing = false;
  const flush = async (): Promise<void> => {
    const batch = outbox;
    outbox = [];
    const target = client;
    try {
      const payloads = batch.flatMap((entry) => entry.payloads);
      if (target) {
        await target.query(
          `SELECT pg_notify('${LIVE_CHANNEL}', payload) FROM unnest($1::text[]) AS payload`,
          [payloads],
        );
      } else {
        await sql`SELECT pg_notify(${LIVE_CHANNEL}, payload) FROM unnest(${payloads}::text[]) AS payload`.execute(
          db,
        );
      }
      for (const entry of batch) entry.resolve();
    } catch (error) {
      for (const entry of batch) entry.reject(error);
    } finally {
      if (outbox.length > 0) setImmediate(() => void flush());
      else flushing = false;
    }
  };

  const deliver = (event: LiveEvent): void => {
    const set = listeners.get(event.tenantId);
    if (!set) return;
    for (const listener of set) {
      try {
        listener(event);
      } catch (error) {
        log.warn('live event listener failed', error);
      }
    }
  };

  const parse = (payload: string | undefined): LiveEvent | undefined => {
    if (!payload) return undefined;
    try {
      const value = JSON.parse(payload) as Partial<LiveEvent>;
      if (typeof value.tenantId !== 'string' || typeof value.sessionId !== 'string') return undefined;
      if (!liveEventKinds.includes(value.kind as LiveEventKind)) return undefined;
      return value as LiveEvent;
    } catch {
      return undefined;
    }
  };

  const parseConfig = (payload: string | undefined): ConfigChange | undefined => {
    try {
      const value = JSON.parse(payload ?? '') as Partial<ConfigChange>;
      return typeof value.tenantId === 'string' && typeof value.topic === 'string'
        ? { tenantId: value.tenantId, topic: value.topic }
        : undefined;
    } catch {
      return undefined;
    }
  };

  const connect = async (): Promise<void> => {
    if (stopped || !connectionOptions) return;
    const next = new pg.Client({ ...connectionOptions, application_name: 'sessiondesk-events' });
    next.on('notification', (message) => {
      if (message.channel === CONFIG_CHANNEL) {
        const change = parseConfig(message.payload);
        if (change) for (const listener of configListeners) listener(change);
        return;
      }
      if (message.channel !== LIVE_CHANNEL) return;
      const event = parse(message.payload);
      if (event) deliver(event);
    });
    next.on('error', (error) => {
      log.warn('live event connection lost; reconnecting', error);
      scheduleReconnect(next);
    });
    next.on('end', () => scheduleReconnect(next));
    try {
      await next.connect();
      await next.query(`LISTEN ${LIVE_CHANNEL}; LISTEN ${CONFIG_CHANNEL}`);
      client = next;
    } catch (error) {
      log.warn('live event connection failed; retrying', error);
      scheduleReconnect(next);
    }
  };

  const scheduleReconnect = (lost: pg.Client): void => {
    if (client === lost) client = undefined;
    lost.removeAllListeners('end');
    void lost.end().catch(() => {});
    if (stopped || reconnectTimer) return;
    reconnectTimer = setTimeout(() => {
      reconnectTimer = undefined;
      void connect();
    }, 1_000);
  };

  return {
    /** Starts listening (server and tests); without it, publishing still works but nothing is received here. */
    async start(options: pg.ClientConfig, logger?: EventBusLog): Promise<void> {
      if (!stopped) return;
      stopped = false;
      connectionOptions = options;
      if (logger) log = logger;
      await connect();
    },

    async stop(): Promise<void> {
      stopped = true;
      if (reconnectTimer) clearTimeout(reconnectTimer);
      reconnectTimer = undefined;
      const current = client;
      client = undefined;
      if (current) {
        current.removeAllListeners('end');
        await current.end().catch(() => {});
      }
    },

    /**
     * Announces committed changes to every instance. While listening, NOTIFYs go out on the listening
     * connection, batched per turn of the event loop: one round trip for many events, and never stuck
     * behind requests waiting for a pool connection. Otherwise (CLI, tests without the runtime) through
     * the pool.
     */
    async publish(events: readonly Omit<LiveEvent, 'at'>[]): Promise<void> {
      if (events.length === 0) return;
      const at = Date.now();
      const payloads = events.map((event) => JSON.stringify({ ...event, at }));
      if (!client) {
        await sql`SELECT pg_notify(${LIVE_CHANNEL}, payload) FROM unnest(${payloads}::text[]) AS payload`.execute(
          db,
        );
        return;
      }
      await new Promise<void>((resolve, reject) => {
        outbox.push({ payloads, resolve, reject });
        if (!flushing) {
          flushing = true;
          setImmediate(() => void flush());
        }
      });
    },

    /** Tells every instance (this one included, when listening) that a tenant's configuration changed. */
    async publishConfig(change: ConfigChange): Promise<void> {
      await sql`SELECT pg_notify(${CONFIG_CHANNEL}, ${JSON.stringify(change)})`.execute(db);
    },

    /** Receives configuration notices of every tenant on this instance; returns the unsubscribe function. */
    onConfig(listener: ConfigListener): () => void {
      configListeners.add(listener);
      return () => configListeners.delete(listener);
    },

    /** Receives the events of one tenant on this instance; returns the unsubscribe function. */
    subscribe(tenantId: string, listener: LiveListener): () => void {
      let set = listeners.get(tenantId);
      if (!set) {
        set = new Set();
        listeners.set(tenantId, set);
      }
      set.add(listener);
      return () => {
        const current = listeners.get(tenantId);
        current?.delete(listener);
        if (current?.size === 0) listeners.delete(tenantId);
      };
    },

    /** Whether this instance is connected and receiving (health, tests). */
    get listening(): boolean {
      return client !== undefined;
    },
  };
}

export type EventBus = ReturnType<typeof eventBus>;
