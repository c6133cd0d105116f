import { sql } from 'kysely';
import type { Database } from '../../db/database';
import type { Filter } from './session-filters';
import { matchedBy, type CompiledFilter } from './session-facts-filters';
import { specById, type NumberColumn, type TenantFacts } from './session-facts-memory';
import type { DictStore, Dictionary, MultiStore } from './session-facts-stores';
import type { FactsAsk } from './session-facts';
import type { WordPostings } from './session-facts-postings';
import type { TsqueryPart } from '../search/content-query';

/**
 * History pages from the facet index (session-facts.ts): the sessions passing the filters in a kept
 * column's order — a number's, or a value's in PostgreSQL's order of what it sorts by (its text, the
 * name behind an id) — after a keyset cursor, for the sorts no b-tree index serves. With a content
 * search: by the postings of common words, or else the sessions walked in that order and SQL keeping
 * those that match.
 */

/** What the index lends its pages: a tenant's facts brought up to date with the filters as passes, time as µs. */
export interface PageIndex {
  /** The tenant's facts brought up to date and the filters as passes over them, if it can apply them all. */
  passesOf: (
    tenantId: string,
    filters: readonly Filter[],
    ask: FactsAsk,
  ) => Promise<{ facts: TenantFacts; compiled: CompiledFilter[] } | undefined>;
  micros: (values: readonly string[]) => Promise<Map<string, number>>;
  /** A content search's matches by the tenant's postings of common words (session-facts-postings.ts). */
  hitsOf: (
    tenantId: string,
    facts: TenantFacts,
    parts: readonly TsqueryPart[],
  ) => Promise<SearchHits | undefined>;
}

/** A content search's matches by the postings of common words (`WordPostings.matches`), and the postings. */
export interface SearchHits {
  postings: WordPostings;
  hits: Uint8Array;
}

/** A content search walked in the list's order, SQL keeping the sessions of each chunk that match. */
export interface WalkCheck {
  chunk: number;
  keep: (ids: string[]) => Promise<string[] | undefined>;
}

/**
 * A content search matched by the postings of common words; SQL confirms the sessions written since
 * they were read that reach the page (`confirm`: those of the ids that match; undefined: gave up).
 */
export interface PostingsCheck {
  parts: readonly TsqueryPart[];
  confirm: (ids: string[]) => Promise<string[] | undefined>;
}

/**
 * How many times a page from the postings asks SQL about sessions written since they were read (each time
 * some that did not match leave the page, the next in order take their place).
 */
const CONFIRM_ROUNDS = 8;

export function factsPages(db: Database, { passesOf, micros, hitsOf }: PageIndex) {
  /** What a dictionary column sorts by: its value, or the name behind its id (groups, first operator). */
  function sortName(columnId: string, tenantId: string) {
    if (columnId === 'group')
      return sql`(SELECT g.name FROM operator_groups g WHERE g.tenant_id = ${tenantId} AND g.id = d.value::bigint)`;
    if (columnId === 'operator')
      return sql`(SELECT u.name FROM users u WHERE u.tenant_id = ${tenantId} AND u.id = d.value::bigint)`;
    return sql`d.value`;
  }

  /**
   * Ranks of a dictionary's codes in PostgreSQL's order of what they sort by (so text compares by the
   * database's collation), NaN for NULL; and where a cursor's text value falls among them (an equal
   * value's rank, or half a rank below the next).
   */
  async function rank(
    tenantId: string,
    columnId: string,
    dict: Dictionary,
    cursor: string | null | undefined,
  ) {
    const named = sql`
      WITH d AS (SELECT value, ord FROM unnest(${dict.values}::text[]) WITH ORDINALITY AS d (value, ord)),
      named AS (SELECT ord, ${sortName(columnId, tenantId)} AS key FROM d)`;
    const result = await sql<{ ord: number; rank: number | null }>`
      ${named}
      SELECT ord::int, CASE WHEN key IS NOT NULL THEN dense_rank() OVER (ORDER BY key) END::int AS rank
      FROM named`.execute(db);
    const ranks = new Float64Array(dict.values.length + 1).fill(Number.NaN);
    for (const row of result.rows) ranks[row.ord] = row.rank ?? Number.NaN;
    if (cursor === undefined || cursor === null) return { ranks, cursorKey: Number.NaN };
    const place = await sql<{ below: number; equal: boolean }>`
      ${named}
      SELECT count(DISTINCT key) FILTER (WHERE key < ${cursor}::text)::int AS below,
             coalesce(bool_or(key = ${cursor}::text), false) AS equal
      FROM named`.execute(db);
    const { below, equal } = place.rows[0]!;
    return { ranks, cursorKey: equal ? below + 1 : below + 0.5 };
  }

  /** A cursor's value as a sort key of a number column (time: µs, as PostgreSQL reads it). */
  async function numberKey(spec: NumberColumn, value: string | null): Promise<number> {
    if (value === null) return Number.NaN;
    if (!spec.time) return Number(value);
    return (await micros([value])).get(value)!;
  }

  /**
   * The ids of a History page sorted by a kept column (both directions, NULLS LAST, after a keyset
   * cursor), in the list's order; undefined when the index cannot answer. The caller reads the rows.
   *
   * With a content search, which the index applies only with the postings of common words: by them
   * (`PostingsCheck`) when the tenant has them and the search is of words and prefixes, the sessions
   * written since they were read that reach the page confirmed in SQL; undefined otherwise. Or
   * (`WalkCheck`) the sessions passing the filters are walked in the list's order `chunk` at a time,
   * and `keep` (SQL, reading them by key) keeps those that match, until the page is full; undefined when
   * it gives up (its budget ran out).
   */
  async function page(
    tenantId: string,
    filters: readonly Filter[],
    sort: { columnId: string; desc: boolean },
    limit: number,
    after: { v: string | null; id: string } | undefined,
    ask: FactsAsk,
    check?: WalkCheck | PostingsCheck,
  ): Promise<string[] | undefined> {
    const kept = specById.get(sort.columnId);
    if (!kept && sort.columnId !== 'id') return undefined;
    const got = await passesOf(tenantId, filters, ask);
    if (!got) return undefined;
    const { facts, compiled } = got;
    let keys: Float64Array;
    let cursorKey = Number.NaN;
    if (!kept) {
      keys = facts.idKeys();
      if (after) cursorKey = Number(after.id);
    } else if (kept.spec.kind === 'number') {
      const { spec, index } = kept;
      keys = facts.sortKeys(index);
      if (after) cursorKey = await numberKey(spec, after.v);
    } else {
      const store = facts.stores[kept.index] as DictStore | MultiStore;
      const ranked = await rank(tenantId, sort.columnId, store.dict, after?.v);
      keys = facts.sortKeys(kept.index, ranked.ranks);
      cursorKey = ranked.cursorKey;
    }
    const matched = matchedBy(facts, compiled, filters);
    let from = after ? { key: cursorKey, id: Number(after.id) } : undefined;
    if (!check) return facts.idsOf(facts.top(keys, matched, sort.desc, limit, from));
    if ('parts' in check) {
      const searched = await hitsOf(tenantId, facts, check.parts);
      if (!searched) return undefined;
      const { postings, hits } = searched;
      // The sessions passing the filters that match, or were written since the postings were read.
      const { pass: candidates, unsure: written } = postings.split(matched, hits, facts.size);
      const unknown = new Set(written);
      for (const row of written) candidates[row] = 1;
      for (let round = 0; round < CONFIRM_ROUNDS; round++) {
        const rows = facts.top(keys, candidates, sort.desc, limit, from);
        const unsure = rows.filter((row) => unknown.has(row));
        if (unsure.length === 0) return facts.idsOf(rows);
        const kept = await check.confirm(facts.idsOf(unsure));
        if (!kept) return undefined;
        const keep = new Set(kept);
        let dropped = false;
        for (const row of unsure) {
          unknown.delete(row);
          if (!keep.has(facts.idsOf([row])[0]!)) {
            candidates[row] = 0;
            dropped = true;
          }
        }
        if (!dropped) return facts.idsOf(rows);
      }
      return undefined;
    }
    const found: string[] = [];
    for (;;) {
      const rows = facts.top(keys, matched, sort.desc, check.chunk, from);
      if (rows.length === 0) return found;
      const ids = facts.idsOf(rows);
      const kept = await check.keep(ids);
      if (!kept) return undefined;
      const keep = new Set(kept);
      for (const id of ids) {
        if (!keep.has(id)) continue;
        found.push(id);
        if (found.length === limit) return found;
      }
      const last = rows[rows.length - 1]!;
      from = { key: keys[last]!, id: facts.idKeys()[last]! };
    }
  }

  return { page };
}
