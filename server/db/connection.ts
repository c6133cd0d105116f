import { Kysely, PostgresDialect, type LogConfig, type PostgresPoolClient } from 'kysely';
import pg from 'pg';
import type { DB } from './types.generated';

/**
 * One connection of the pool, held for a unit of work that needs the raw client as well as Kysely:
 * `COPY … FROM STDIN` (the bulk write path) is not something a query builder can send.
 */
export interface Connection {
  client: pg.PoolClient;
  /** Kysely on this one connection: its statements and the client's COPY share one transaction. */
  db: Kysely<DB>;
}

const pools = new WeakMap<object, { pool: pg.Pool; log: LogConfig | undefined }>();
/** Kysely on one client, per log (a handle's statements on a held connection are logged as its own). */
const bound = new WeakMap<pg.PoolClient, Map<LogConfig | undefined, Kysely<DB>>>();

/**
 * Remembers which pool a Kysely handle runs on, so `withConnection` can check a client out of it;
 * `log` is the handle's own log config, for the statements run on that client (benchmarks, tests).
 */
export function attachPool(db: Kysely<DB>, pool: pg.Pool, log?: LogConfig): void {
  pools.set(db, { pool, log });
}

function kyselyOn(client: pg.PoolClient, log: LogConfig | undefined): Kysely<DB> {
  let byLog = bound.get(client);
  if (!byLog) {
    byLog = new Map();
    bound.set(client, byLog);
  }
  let db = byLog.get(log);
  if (!db) {
    // Every "connection" Kysely asks for is this client; releasing it is the caller's business.
    const shared: PostgresPoolClient = {
      query: client.query.bind(client),
      release: () => {},
    };
    db = new Kysely<DB>({
      dialect: new PostgresDialect({ pool: { connect: async () => shared, end: async () => {} } }),
      ...(log ? { log } : {}),
    });
    byLog.set(log, db);
  }
  return db;
}

/** A connection checked out of the pool; `release(error)` discards it instead of returning it. */
export interface HeldConnection extends Connection {
  release(error?: Error): void;
}

/**
 * Checks one connection out of the handle's pool for work that outlives a callback (a stream the
 * caller reads at its own pace). The caller must release it; `withConnection` is the safer form.
 */
export async function checkout(db: Kysely<DB>): Promise<HeldConnection> {
  const attached = pools.get(db);
  if (!attached) throw new Error('This database handle has no pool attached (open it with connectDatabase).');
  const client = await attached.pool.connect();
  let released = false;
  return {
    client,
    db: kyselyOn(client, attached.log),
    release: (error) => {
      if (released) return;
      released = true;
      client.release(error);
    },
  };
}

/**
 * Runs `work` on one connection checked out of the handle's pool. A connection that failed below SQL
 * (socket, protocol) is discarded rather than returned to the pool.
 */
export async function withConnection<T>(
  db: Kysely<DB>,
  work: (connection: Connection) => Promise<T>,
): Promise<T> {
  const connection = await checkout(db);
  let broken: Error | undefined;
  try {
    return await work(connection);
  } catch (error) {
    if (!(error instanceof pg.DatabaseError))
      broken = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    connection.release(broken);
  }
}
