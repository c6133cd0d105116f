import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../../db/database';
import { withConnection } from '../../db/connection';
import { copyOut, readCopyText } from '../../db/copy-out';
import type { Log } from '../../platform/log';
import type { TenantFacts } from './session-facts-memory';

/**
 * The facet index's text orders: when more sessions with a value pass a text sort's filters than SQL
 * sorts quickly, the index reads the column's order once, in the background (the ids of the tenant's
 * sessions with a value, as PostgreSQL sorts them), keeps it beside the tenant's columns, and from then
 * on a page walks it from the cursor's place to the few rows SQL has to read and order. Rows written
 * since the read may have moved, so they are tracked and left to SQL; an order is read again once too
 * many changed, and dropped when no page walked it for an hour. The index's columns
 * (session-facts-memory.ts) hold a tenant's `TextOrders`; its service (session-facts.ts) asks
 * `textOrdering` for a page's rows.
 */

/**
 * A text column's order as PostgreSQL sorts it (its collation), read once: the rows of the sessions
 * with a value in `(value, id)` order (-1: a session not held yet), and each row's place in it (-1: no
 * value when read). Rows written since the read (`changed`) may have another value now; their order is
 * left to SQL.
 */
export interface TextOrder {
  rows: Int32Array;
  places: Int32Array;
  changed: Set<number>;
  /** When a page last walked it (the clock of `TextOrders.use`). */
  usedAt: number;
}

/**
 * About what one session's facts take in memory (its stores' bytes: ~60); a text order's bytes are
 * weighed against it, so that the process's bound counts them as sessions.
 */
export const SESSION_BYTES = 60;

/** One tenant's text columns' orders (`TextOrder`), by column id. */
export class TextOrders {
  private readonly orders = new Map<string, TextOrder>();

  constructor(private readonly facts: TenantFacts) {}

  /** Keeps a text column's order: the ids of its sessions with a value, in order, as read since `track()`. */
  set(columnId: string, ids: readonly number[], changed: Set<number>, now: number): void {
    const rows = new Int32Array(ids.length);
    const places = new Int32Array(this.facts.size).fill(-1);
    for (let place = 0; place < ids.length; place++) {
      // A session the index has not read yet is written later, and so is among `changed`.
      const row = this.facts.rowOf(ids[place]!) ?? -1;
      rows[place] = row;
      if (row >= 0 && row < places.length) places[row] = place;
    }
    const before = this.orders.get(columnId);
    if (before) this.facts.untrack(before.changed);
    this.orders.set(columnId, { rows, places, changed, usedAt: now });
  }

  get(columnId: string): TextOrder | undefined {
    return this.orders.get(columnId);
  }

  /** The column's order for a page, marked as used at `now`. */
  use(columnId: string, now: number): TextOrder | undefined {
    const order = this.orders.get(columnId);
    if (order) order.usedAt = now;
    return order;
  }

  /** Drops the orders no page has walked since `time` (their rows written since stop being tracked). */
  dropUnusedSince(time: number): void {
    for (const [columnId, order] of this.orders) {
      if (order.usedAt >= time) continue;
      this.facts.untrack(order.changed);
      this.orders.delete(columnId);
    }
  }

  /** What the orders hold, in sessions' worth of memory (`TenantFacts.weight`). */
  get weight(): number {
    let bytes = 0;
    for (const order of this.orders.values()) bytes += order.rows.byteLength + order.places.byteLength;
    return Math.ceil(bytes / SESSION_BYTES);
  }

  /**
   * For a text sort's part with a value: a superset of the page's rows — the first `limit` matched rows
   * unchanged since the order was read, walking it in the sort's direction from the cursor's row; and
   * every matched row with a value that changed since (SQL sorts them all and keeps the page).
   * Undefined when there is no order, the cursor's row has no place in it, or more than `cap` matched
   * rows changed.
   */
  candidates(
    columnId: string,
    matched: Uint8Array,
    desc: boolean,
    limit: number,
    afterId: string | undefined,
    cap: number,
  ): number[] | undefined {
    const order = this.orders.get(columnId);
    if (!order) return undefined;
    const { rows, places, changed } = order;
    const step = desc ? -1 : 1;
    let start = desc ? rows.length - 1 : 0;
    if (afterId !== undefined) {
      const row = this.facts.rowOf(Number(afterId));
      if (row === undefined || changed.has(row) || !(row < places.length) || places[row]! < 0)
        return undefined;
      start = places[row]! + step;
    }
    const { mask, bits } = this.facts.valued(columnId);
    const found: number[] = [];
    for (const row of changed) {
      if (!matched[row] || !(bits[row]! & mask)) continue;
      if (found.length === cap) return undefined;
      found.push(row);
    }
    const extra = found.length;
    for (let at = start; at >= 0 && at < rows.length && found.length - extra < limit; at += step) {
      const row = rows[at]!;
      if (row >= 0 && matched[row] && !changed.has(row)) found.push(row);
    }
    return found;
  }
}

/** A text sort's candidates from the column's order: at most this many changed since it was read. */
const TEXT_CHANGED_CAP = 4_000;
/** A text column's order is read again once this share of the tenant's sessions changed since. */
const TEXT_REORDER_SHARE = 0.01;
/** A text column's order no page walked for this long is dropped (read again when asked). */
const TEXT_ORDER_IDLE_MS = 60 * 60 * 1000;

export interface OrderingOptions {
  log: Log;
  /** The clock of text orders' use. */
  now: () => number;
  /** Drops other tenants while the process holds too much (an order just read weighs in). */
  evict: (keep: string) => void;
}

/** The facet index's reads of text orders (session-facts.ts holds one for all its tenants). */
export function textOrdering(db: Database, { log, now, evict }: OrderingOptions) {
  /** The text columns' orders being read, by tenant and column. */
  const reading = new Map<string, Promise<void>>();

  /**
   * Reads a text column's order in the background (the ids of the tenant's sessions with a value, by
   * one ordered read of the column's index) and keeps it in the tenant's index; rows written meanwhile
   * are tracked from the start, so the order never claims a place it may have lost.
   */
  function orderSoon(tenantId: string, facts: TenantFacts, columnId: string, expr: RawBuilder<unknown>) {
    const key = `${tenantId} ${columnId}`;
    if (reading.has(key)) return;
    // Rows written from now on may move in the order; `set` keeps them (`untrack` when the read fails).
    const changed = facts.track();
    const started = Date.now();
    const run = withConnection(db, async ({ client }) => {
      const ids: number[] = [];
      const stream = copyOut(
        client,
        sql`SELECT s.id FROM sessions s WHERE s.tenant_id = ${tenantId} AND ${expr} IS NOT NULL
          ORDER BY ${expr}, s.id`.compile(db),
        '',
      );
      await readCopyText(stream, (fields) => ids.push(Number(fields[0])));
      facts.textOrders.set(columnId, ids, changed, now());
      evict(tenantId);
      log.info(
        { tenantId, columnId, sessions: ids.length, ms: Date.now() - started },
        'facet index read an order',
      );
    })
      .catch((error: unknown) => {
        facts.untrack(changed);
        log.error({ err: error, tenantId, columnId }, 'facet index could not read an order');
      })
      .finally(() => reading.delete(key));
    reading.set(key, run);
  }

  return {
    /**
     * The rows that may be a text sort's page with a value, from the column's order kept in the index
     * (read soon when missing or stale); undefined when there is none yet or the cursor's place is not
     * known. The cursor's place is its session's place in the order, which holds while the session keeps
     * the cursor's value (it may have changed before the order was read, after the cursor was).
     */
    async orderedRows(
      tenantId: string,
      facts: TenantFacts,
      sort: { columnId: string; desc: boolean; expr: RawBuilder<unknown> },
      matched: Uint8Array,
      limit: number,
      after: { v: string | null; id: string } | undefined,
    ): Promise<number[] | undefined> {
      const order = facts.textOrders.use(sort.columnId, now());
      if (!order || order.changed.size > facts.size * TEXT_REORDER_SHARE)
        orderSoon(tenantId, facts, sort.columnId, sort.expr);
      if (!order) return undefined;
      if (after) {
        const same = await sql<{ same: boolean | null }>`
          SELECT ${sort.expr} = ${after.v} AS same FROM sessions s
          WHERE s.tenant_id = ${tenantId} AND s.id = ${after.id}::bigint`.execute(db);
        if (same.rows[0]?.same !== true) return undefined;
      }
      return facts.textOrders.candidates(
        sort.columnId,
        matched,
        sort.desc,
        limit,
        after?.id,
        TEXT_CHANGED_CAP,
      );
    },

    /** Drops the tenant's orders no page walked for TEXT_ORDER_IDLE_MS. */
    dropIdle(facts: TenantFacts): void {
      facts.textOrders.dropUnusedSince(now() - TEXT_ORDER_IDLE_MS);
    },

    /** The reads of orders under way (tests, benchmarks wait for them). */
    reads(): Promise<void>[] {
      return [...reading.values()];
    },
  };
}
