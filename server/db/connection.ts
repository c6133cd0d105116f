import { Kysely, PostgresDialect, sql, type LogConfig, type PostgresPoolClient } from 'kysely';
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
  return releasing(
    (error) => connection.release(error),
    () => work(connection),
  );
}

/** Runs `work`, then releases its connection: discarded when it failed below SQL (socket, protocol). */
async function releasing<T>(release: (error?: Error) => void, work: () => Promise<T>): Promise<T> {
  let broken: Error | undefined;
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof pg.DatabaseError))
      broken = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    release(broken);
  }
}

/**
 * What a statement within a budget runs under: its timeout, and whether the planner may use bitmap
 * scans (a walk along the sort's index is told so).
 */
export interface BudgetSettings {
  /** Whole milliseconds, at least 1. */
  statementTimeoutMs: number;
  bitmapScans: boolean;
}

/**
 * The budgeted pools beside each pool (`withBudgetedConnection`), made when first asked: one for
 * statements the planner may plan with bitmap scans and one for those it may not (a walk along the sort's
 * index, a sample checked by key). The two kinds alternate within one request (a search's page and
 * its sample beside it), and a pool hands out its last released connection: in one pool nearly every
 * statement paid a `SET` first.
 */
const budgetedPools = new WeakMap<pg.Pool, Map<boolean, pg.Pool>>();
/** The settings each of a budgeted pool's connections holds. */
const held = new WeakMap<pg.PoolClient, BudgetSettings>();

function budgetedPool(pool: pg.Pool, bitmapScans: boolean): pg.Pool {
  let lanes = budgetedPools.get(pool);
  if (!lanes) {
    lanes = new Map<boolean, pg.Pool>();
    budgetedPools.set(pool, lanes);
  }
  let budgeted = lanes.get(bitmapScans);
  if (!budgeted) {
    // The same server, user and size; idle connections close (and let the process exit) on their own.
    budgeted = new pg.Pool({ ...pool.options, allowExitOnIdle: true });
    budgeted.on('error', () => {
      // An idle client lost its connection; the pool replaces it.
    });
    lanes.set(bitmapScans, budgeted);
  }
  return budgeted;
}

/**
 * Runs one statement's `work` on a connection of a pool kept for statements within a budget, beside
 * the handle's pool. Its connections keep their session settings from one statement to the next, so a
 * statement with the same budget as the connection's last one costs no round trip besides its own;
 * otherwise one `SET` first. A transaction carried the budget before (`BEGIN; SET LOCAL …`, the
 * statement, `COMMIT`): on a 1 ms page that was a third of an order number's search at a million
 * sessions. Only budgeted statements run here, each stating every setting, so none inherits another's.
 */
export async function withBudgetedConnection<T>(
  db: Kysely<DB>,
  settings: BudgetSettings,
  work: (connection: Connection) => Promise<T>,
): Promise<T> {
  const attached = pools.get(db);
  if (!attached) throw new Error('This database handle has no pool attached (open it with connectDatabase).');
  const client = await budgetedPool(attached.pool, settings.bitmapScans).connect();
  const on = kyselyOn(client, attached.log);
  return releasing(
    (error) => client.release(error),
    async () => {
      const was = held.get(client);
      const changes = [
        ...(was?.statementTimeoutMs === settings.statementTimeoutMs
          ? []
          : [`SET statement_timeout = ${settings.statementTimeoutMs}`]),
        ...(was?.bitmapScans === settings.bitmapScans
          ? []
          : [`SET enable_bitmapscan = ${settings.bitmapScans ? 'on' : 'off'}`]),
      ];
      if (changes.length > 0) {
        // Forgotten first: a failed SET leaves the connection's settings unknown.
        held.delete(client);
        // Through the handle, so its log shows the settings (one simple query: no parameters).
        await sql.raw(changes.join('; ')).execute(on);
        held.set(client, { ...settings });
      }
      return work({ client, db: on });
    },
  );
}

/** Closes the budgeted pools beside `pool`, if any were made (with the handle's own pool). */
export async function closeBudgetedPool(pool: pg.Pool): Promise<void> {
  const lanes = budgetedPools.get(pool);
  if (!lanes) return;
  budgetedPools.delete(pool);
  await Promise.all([...lanes.values()].map((budgeted) => budgeted.end()));
}

/** Whether a statement is under way on `pool` or the budgeted pools beside it (tests wait for quiet). */
export function poolBusy(pool: pg.Pool): boolean {
  return [pool, ...(budgetedPools.get(pool)?.values() ?? [])].some(
    (each) => each.idleCount < each.totalCount || each.waitingCount > 0,
  );
}
