import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../../db/database';
import { withConnection } from '../../db/connection';
import { copyOut, readCopyText } from '../../db/copy-out';
import type { Log } from '../../platform/log';
import type { Filter } from './session-filters';
import type { TsqueryPart } from '../search/content-query';
import { compile, filtersKey, matchedBy, type CompiledFilter } from './session-facts-filters';
import { factsPages } from './session-facts-pages';
import { factsSamples } from './session-facts-samples';
import { factsSearch } from './session-facts-search';
import {
  SELECT_LIST,
  TenantFacts,
  VALUED_COLUMNS,
  factsFacet,
  specById,
  type FactCount,
} from './session-facts-memory';
import type { ParamLimits } from './session-facts-stores';
import { SESSION_BYTES, textOrdering } from './session-facts-orders';
import { SAMPLED_SESSION_BYTES, WORD_SAMPLE_SIZE, wordSampling } from './session-facts-words';
import { postingsReading } from './session-facts-postings';

export { factsFacet, factsKeep, type FactCount } from './session-facts-memory';
export { SHARE_KEEP_MS } from './session-facts-samples';

/**
 * The facet index: each large tenant's sessions in this process's memory, one typed array per
 * filterable column, so a filter list (or a total) under any combination of value and range filters is
 * counted exactly in a few milliseconds instead of a scan of a million rows in PostgreSQL (1.4–2 s).
 *
 * Exact, not eventually: before every count the index reads what changed since it last looked. Every
 * write to `sessions` stamps the row with its transaction's id (`change_xid`, migration 0015); the index
 * remembers the oldest transaction still running when it read (`pg_snapshot_xmin`) and next asks for
 * `change_xid >=` that, so a change committed after a read is never missed (ARCHITECTURE.md, "Facet
 * index"). Sessions are never deleted but with their tenant.
 *
 * It also holds the parameters of few values (`ParamStore`): their filter lists and filters. What it
 * cannot serve — text filters, text contained in a parameter, a parameter of many values, a tenant not
 * loaded yet (content search: the postings and the sample, below) — it says so (undefined) and the
 * caller counts in SQL. A tenant is loaded in the background (COPY, ~60 bytes per session) once it has
 * `minSessions`; the least recently used tenants are dropped when the process holds more than
 * `maxSessions`' worth (text orders weighed in), and a text order no page walked for an hour is dropped.
 */

export interface FactsOptions {
  log: Log;
  /** Tenants with fewer sessions are counted in SQL (fast enough, no memory spent). */
  minSessions?: number;
  /** At most this many sessions in memory over all tenants. */
  maxSessions?: number;
  /** A read of changes larger than this reloads the tenant instead (a bulk import). */
  maxChanges?: number;
  /** The clock of text orders' use (tests move it past TEXT_ORDER_IDLE_MS). */
  now?: () => number;
  /**
   * A tenant's sample of search documents (session-facts-words.ts): how many sessions (0: none), and
   * from how many History sessions a tenant gets one.
   */
  words?: { size: number; minSessions: number };
  /**
   * A tenant's postings of common words (session-facts-postings.ts): from how many sessions a tenant
   * gets them (Infinity: none), the share of sessions a word is held from (tests: lower), and the share
   * written since after which they are read again (tests: higher).
   */
  postings?: { minSessions: number; heldShare?: number; rereadShare?: number };
  /** How many parameter names a tenant holds, and how many values each may have (tests: fewer). */
  params?: ParamLimits;
}

const SIZE_CHECK_MS = 60_000;
export const FACTS_DEFAULTS = {
  minSessions: 20_000,
  maxSessions: 4_000_000,
  maxChanges: 50_000,
  words: { size: WORD_SAMPLE_SIZE, minSessions: 20_000 },
  // Below this, a common word's matches are collected and sorted in SQL within ~200 ms.
  postings: { minSessions: 150_000 } as NonNullable<FactsOptions['postings']>,
};

/** Who asks: when their request arrived (performance.now()), and the tenant's size if not loaded. */
export interface FactsAsk {
  asOf: number;
  /** An estimate of the tenant's History sessions, asked only when the tenant is not loaded. */
  size: () => Promise<number>;
}

export function sessionFacts(db: Database, options: FactsOptions) {
  const settings = { ...FACTS_DEFAULTS, ...options };
  const { log } = options;
  const now = options.now ?? Date.now;
  const tenants = new Map<string, TenantFacts>();
  const loading = new Map<string, Promise<void>>();
  /** The read of changes in flight per tenant, and whether another must follow it. */
  const syncing = new Map<string, { done: Promise<boolean>; queuedAt: number }>();
  /** When the last read of changes that completed for a tenant's index was queued. */
  const readAt = new WeakMap<TenantFacts, number>();
  /** The tenants' indexes whose sample of search documents was asked for after a read of changes. */
  const warmed = new WeakSet<TenantFacts>();
  const used = new Map<string, number>();
  /** When a tenant was last found too small to load. */
  const small = new Map<string, number>();

  async function load(tenantId: string): Promise<void> {
    if (!/^\d+$/.test(tenantId)) throw new Error('tenant id');
    const started = Date.now();
    const facts = new TenantFacts(1024, options.params);
    await withConnection(db, async ({ client }) => {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      try {
        // The first statement fixes the transaction's snapshot; COPY reads in the same one.
        const snapshot = await client.query<{ xmin: string }>(
          'SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin',
        );
        facts.since = snapshot.rows[0]!.xmin;
        const stream = copyOut(
          client,
          sql`SELECT ${sql.raw(SELECT_LIST)} FROM sessions s WHERE s.tenant_id = ${tenantId} ORDER BY s.id`.compile(
            db,
          ),
          '',
        );
        await readCopyText(stream, (fields) => facts.put(fields));
        facts.settle();
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      }
    });
    tenants.set(tenantId, facts);
    used.set(tenantId, Date.now());
    evict(tenantId);
    log.info({ tenantId, sessions: facts.size, ms: Date.now() - started }, 'facet index loaded the tenant');
  }

  /** The text columns' orders (session-facts-orders.ts). */
  const ordering = textOrdering(db, { log, now, evict });
  /** The tenants' samples of search documents (session-facts-words.ts). */
  const wording = wordSampling(db, { log, ...settings.words, evict });
  /** The tenants' postings of common words (session-facts-postings.ts). */
  const posting = postingsReading(db, {
    log,
    ...settings.postings,
    room: (bytes) => heldWeight() + bytes / SESSION_BYTES <= settings.maxSessions,
    evict,
  });

  /** What the process holds, in sessions' worth (`TenantFacts.weight`). */
  function heldWeight(): number {
    return [...tenants.values()].reduce((sum, facts) => sum + facts.weight, 0);
  }

  /**
   * Drops the least recently used tenants while the process holds more than `maxSessions`' worth
   * (a tenant weighs its sessions and its text orders, `TenantFacts.weight`).
   */
  function evict(keep: string): void {
    let held = heldWeight();
    const byAge = [...used.entries()].sort((a, b) => a[1] - b[1]);
    for (const [tenantId] of byAge) {
      if (held <= settings.maxSessions) break;
      if (tenantId === keep) continue;
      held -= tenants.get(tenantId)?.weight ?? 0;
      tenants.delete(tenantId);
      used.delete(tenantId);
    }
  }

  function loadSoon(tenantId: string): void {
    if (loading.has(tenantId)) return;
    const run = load(tenantId)
      .catch((error: unknown) => log.error({ err: error, tenantId }, 'facet index load failed'))
      .finally(() => loading.delete(tenantId));
    loading.set(tenantId, run);
  }

  /** Reads the tenant's changes since the last read; false when there were too many (reloading). */
  async function readChanges(tenantId: string, facts: TenantFacts): Promise<boolean> {
    const result = await sql<{ xmin: string; fields: (string | null)[] | null }>`
      SELECT x.xmin, c.fields
      FROM (SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin) x
      LEFT JOIN LATERAL (
        SELECT ARRAY[${sql.raw(SELECT_LIST)}] AS fields
        FROM sessions s
        WHERE s.tenant_id = ${tenantId} AND s.change_xid >= ${facts.since}::bigint
        LIMIT ${settings.maxChanges + 1}
      ) c ON true`.execute(db);
    if (result.rows.length > settings.maxChanges) {
      tenants.delete(tenantId);
      loadSoon(tenantId);
      return false;
    }
    for (const row of result.rows) if (row.fields) facts.put(row.fields);
    facts.since = result.rows[0]!.xmin;
    if (!warmed.has(facts)) {
      warmed.add(facts);
      warmWords(tenantId, facts);
    }
    return true;
  }

  /**
   * Starts reading the tenant's sample of search documents after the first read of changes since the
   * tenant was loaded (which may bring back sessions the load already held: every one committed since the
   * oldest transaction then running — the sample would count them as written since its read), rather
   * than on the tenant's first search: that search's total and filter lists, and its pages in an order no
   * index serves (walked on the sample's share), are then served by it too (~2 s of reading in the
   * background at a million sessions). Only when the process has room for it without dropping a tenant:
   * a sample weighs ~1 KB a session, and a tenant of 20,000 would weigh fifteen times its own sessions,
   * held for a search that may never come.
   */
  function warmWords(tenantId: string, facts: TenantFacts): void {
    const sampleWeight = (Math.min(settings.words.size, facts.size) * SAMPLED_SESSION_BYTES) / SESSION_BYTES;
    if (heldWeight() + sampleWeight <= settings.maxSessions) sampleOf(tenantId, facts);
    // The postings of common words, likewise when there is room (`postingsReading`).
    posting.postings(tenantId, facts);
  }

  /**
   * Brings the tenant up to date with every change committed before this call. A read already under
   * way may have started before the caller's own write committed, so the caller waits for the next.
   */
  function catchUp(tenantId: string, facts: TenantFacts, asOf: number): Promise<boolean> {
    const last = syncing.get(tenantId);
    // A read queued after the caller's request arrived sees everything committed before it, whether
    // it is under way or done (a search's sample after its page and count).
    if (last && last.queuedAt >= asOf) return last.done;
    if ((readAt.get(facts) ?? -Infinity) >= asOf) return Promise.resolve(true);
    const queuedAt = performance.now();
    const done = (last?.done ?? Promise.resolve(true))
      .catch(() => true)
      .then(() => (tenants.get(tenantId) === facts ? readChanges(tenantId, facts) : false));
    const entry = { done, queuedAt };
    syncing.set(tenantId, entry);
    void done
      .then((fresh) => {
        if (fresh) readAt.set(facts, Math.max(readAt.get(facts) ?? -Infinity, queuedAt));
      })
      .catch(() => undefined)
      .finally(() => {
        if (syncing.get(tenantId) === entry) syncing.delete(tenantId);
      });
    return done;
  }

  /** The tenant's index, current, or undefined (and loading starts when the tenant is large enough). */
  async function current(tenantId: string, ask: FactsAsk) {
    const facts = tenants.get(tenantId);
    if (!facts) {
      // A small tenant is asked about again after a minute, not on every request.
      const checked = small.get(tenantId);
      if (loading.has(tenantId) || (checked !== undefined && Date.now() - checked < SIZE_CHECK_MS))
        return undefined;
      if ((await ask.size()) >= settings.minSessions) loadSoon(tenantId);
      else small.set(tenantId, Date.now());
      return undefined;
    }
    used.set(tenantId, Date.now());
    ordering.dropIdle(facts);
    const fresh = await catchUp(tenantId, facts, ask.asOf).catch((error: unknown) => {
      log.error({ err: error, tenantId }, 'facet index could not read changes');
      return false;
    });
    return fresh ? facts : undefined;
  }

  /** Time bounds as PostgreSQL reads them, in µs since the epoch. */
  async function timeBounds(filters: readonly Filter[]): Promise<Map<string, number>> {
    const values = filters
      .filter(
        (filter) => (filter.op === 'min' || filter.op === 'max') && filter.column.valueType === 'timestamptz',
      )
      .map((filter) => (filter as { value: string }).value);
    return micros(values);
  }

  /** Date-times as PostgreSQL reads them (a value without an offset in its time zone), in µs. */
  async function micros(values: readonly string[]): Promise<Map<string, number>> {
    if (values.length === 0) return new Map();
    const result = await sql<{ v: string; us: string }>`
      SELECT v, (extract(epoch FROM v::timestamptz) * 1000000)::bigint::text AS us
      FROM unnest(${values}::text[]) AS v`.execute(db);
    return new Map(result.rows.map((row) => [row.v, Number(row.us)]));
  }

  /**
   * The tenant's index brought up to date, with the filters as passes over it; undefined when it is not
   * loaded or cannot apply one of them.
   */
  async function passesOf(tenantId: string, filters: readonly Filter[], ask: FactsAsk) {
    // Kept columns' and parameters' filters; whether the index holds a parameter, it knows once current.
    if (!filters.every((filter) => specById.has(filter.columnId) || filter.column.paramName !== undefined))
      return undefined;
    const got = await servedOf(tenantId, filters, ask);
    return got && got.served.length === filters.length ? got : undefined;
  }

  /** The tenant's index brought up to date, with the filters it can apply as passes (the rest left out). */
  async function servedOf(tenantId: string, filters: readonly Filter[], ask: FactsAsk) {
    const bounds = await timeBounds(filters);
    const facts = await current(tenantId, ask);
    if (!facts) return undefined;
    const served: Filter[] = [];
    const compiled: CompiledFilter[] = [];
    for (const filter of filters) {
      const pass = compile(filter, bounds, facts);
      if (!pass) continue;
      served.push(filter);
      compiled.push(pass);
    }
    return { facts, served, compiled };
  }

  /**
   * The tenant's sample of search documents once read; asking starts the read in the background when
   * it is missing or out of date (session-facts-words.ts).
   */
  function sampleOf(tenantId: string, facts: TenantFacts) {
    const history = () => matchedBy(facts, [], []);
    return wording.sample(tenantId, facts, history, () =>
      facts.remember(`count ${filtersKey([])}`, () => facts.count(history())),
    );
  }

  /**
   * A content search's matches by the tenant's postings of common words, with the postings (which say
   * for which rows they stand); undefined when there are none current or they cannot answer it.
   */
  async function hitsOf(tenantId: string, facts: TenantFacts, parts: readonly TsqueryPart[]) {
    const postings = posting.postings(tenantId, facts);
    const hits =
      postings && (await postings.matches(parts, posting.lookupOf(tenantId), (id) => facts.rowOf(id), now()));
    return postings && hits ? { postings, hits } : undefined;
  }

  /** Pages sorted by a kept column (session-facts-pages.ts). */
  const paging = factsPages(db, {
    passesOf,
    micros,
    hitsOf,
  });
  /** Estimates under filters the index cannot apply, from samples checked in SQL (session-facts-samples.ts). */
  const sampling = factsSamples({ servedOf, now });
  /** A content search's estimates from the sample of search documents (session-facts-search.ts). */
  const searching = factsSearch({
    passesOf,
    sampleOf,
    hitsOf,
    now,
  });

  return {
    /**
     * The ids of a History page sorted by a kept column, in the list's order, from the index; a content
     * search walked with `check` (session-facts-pages.ts).
     */
    page: paging.page,

    /**
     * The History facet of a kept column under value and range filters, counted exactly; undefined when
     * the index cannot answer (the caller counts in SQL).
     */
    async facet(
      tenantId: string,
      columnId: string,
      filters: readonly Filter[],
      ask: FactsAsk,
    ): Promise<FactCount[] | undefined> {
      if (!factsFacet(columnId)) return undefined;
      const got = await passesOf(tenantId, filters, ask);
      if (!got) return undefined;
      const { facts, compiled } = got;
      return facts.remember(`facet ${columnId} ${filtersKey(filters)}`, () =>
        facts.facet(columnId, matchedBy(facts, compiled, filters)),
      );
    },

    /**
     * Estimates of a filter list and of a count under filters the index cannot apply, from a sample of
     * the sessions passing those it can, checked in SQL (session-facts-samples.ts).
     */
    estimateFacet: sampling.estimateFacet,
    estimateCount: sampling.estimateCount,

    /**
     * A content search's count, and a kept column's facet under it, estimated from the tenant's sample of
     * search documents with no document read (`FactsSearch`).
     */
    estimateSearch: searching.estimateSearch,
    estimateSearchFacet: searching.estimateSearchFacet,

    /**
     * A content search's count, and a kept column's facet under it, exactly from the postings of common
     * words, the sessions written since confirmed by SQL (`FactsSearch`).
     */
    countSearch: searching.countSearch,
    searchFacet: searching.searchFacet,

    /** How many History sessions pass the filters, exactly; undefined as for `facet`. */
    async count(tenantId: string, filters: readonly Filter[], ask: FactsAsk): Promise<number | undefined> {
      const got = await passesOf(tenantId, filters, ask);
      if (!got) return undefined;
      const { facts, compiled } = got;
      return facts.remember(`count ${filtersKey(filters)}`, () =>
        facts.count(matchedBy(facts, compiled, filters)),
      );
    },

    /** Waits for the loads, text orders and word samples being read in the background (tests, benchmarks). */
    async settled(): Promise<void> {
      await Promise.all([...loading.values(), ...ordering.reads(), ...wording.reads(), ...posting.reads()]);
    },

    /** Loads the tenant now, whatever its size (tests, and a warm-up after start). */
    async load(tenantId: string): Promise<void> {
      await load(tenantId);
    },

    /**
     * For a History page in a text column's order: the ids of every session with a value that may be on
     * the page, for SQL to check and sort (its sessions without a value follow by id); undefined when the
     * index cannot say. With `page` (the caller sees every session and searches nothing) and filters
     * the index all serves, from the column's order (`TextOrders.candidates`; the first ask reads
     * it in the background); else, or meanwhile, every such session passing the filters the index
     * serves, when there are at most `cap`.
     */
    async textSortIds(
      tenantId: string,
      filters: readonly Filter[],
      sort: { columnId: string; desc: boolean; expr: RawBuilder<unknown> },
      page: { limit: number; after: { v: string | null; id: string } | undefined } | undefined,
      cap: number,
      ask: FactsAsk,
    ): Promise<string[] | undefined> {
      if (!VALUED_COLUMNS.some(([id]) => id === sort.columnId)) return undefined;
      const got = await servedOf(tenantId, filters, ask);
      if (!got) return undefined;
      const { facts, served, compiled } = got;
      const matched = matchedBy(facts, compiled, served);
      if (page && page.after?.v !== null && served.length === filters.length) {
        const ordered = await ordering.orderedRows(tenantId, facts, sort, matched, page.limit, page.after);
        if (ordered) return facts.idsOf(ordered);
      }
      const rows = facts.valuedRows(matched, sort.columnId, cap);
      return rows && facts.idsOf(rows);
    },

    /** Starts bringing a loaded tenant up to date for a question soon to come with the same `ask`. */
    prepare(tenantId: string, ask: FactsAsk): void {
      if (tenants.has(tenantId)) current(tenantId, ask).catch(() => undefined);
    },

    /** Whether the tenant is loaded (it may still need to read changes before it answers). */
    holds(tenantId: string): boolean {
      return tenants.has(tenantId);
    },

    /** The text columns whose order the index keeps for a tenant (operations, tests). */
    ordered(tenantId: string): string[] {
      const facts = tenants.get(tenantId);
      return VALUED_COLUMNS.map(([id]) => id).filter((id) => facts?.textOrders.get(id) !== undefined);
    },

    /**
     * The tenant's postings of common words (operations, tests): the sessions they were read from, how
     * many words are held and rare, what they take, and how many sessions were written since.
     */
    postings(tenantId: string) {
      const postings = tenants.get(tenantId)?.postings;
      return postings && postings.summary();
    },

    /** Sessions held per tenant (operations, tests). */
    held(): Record<string, number> {
      return Object.fromEntries([...tenants.entries()].map(([id, facts]) => [id, facts.size]));
    },

    /**
     * The tenant's parameters of many values (left out of the index at its load); undefined when the
     * tenant is not loaded (a small tenant's lists are counted in SQL quickly enough).
     */
    paramsOfManyValues(tenantId: string): ReadonlySet<string> | undefined {
      return tenants.get(tenantId)?.paramsOfManyValues();
    },

    /** What each tenant held weighs, in sessions' worth (`TenantFacts.weight`, against `maxSessions`). */
    weights(): Record<string, number> {
      return Object.fromEntries([...tenants.entries()].map(([id, facts]) => [id, facts.weight]));
    },
  };
}

export type SessionFacts = ReturnType<typeof sessionFacts>;
