import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../../db/database';
import type { TsqueryPart } from '../search/content-query';
import { HEADLINE_OPTIONS } from '../search/snippet';
import {
  and,
  itemFields,
  keysetCondition,
  listOrderBy,
  narrowed,
  planRows,
  rowColumns,
  scopeConditions,
  tsquery,
  withBudget,
  type ListScope,
  type ListSort,
  type SessionRow,
} from './session-sql';
import { typed } from './session-columns';

/**
 * The plans of a History or Live page: the plain keyset query; a text sort's two parts (the sessions
 * with a value along the column's index, then those without by id); and, when the sort's index may be
 * walked far (filters, a content search), that walk within a budget before the matching sessions are
 * collected and sorted instead.
 */

/**
 * How long a page may follow the sort's index while checking filters or searched words on the way,
 * before the matching sessions are collected and sorted instead (`readPage`).
 */
export const ORDERED_BUDGET_MS = 200;

/** How long a search of several words walks the sort's index before the planner's own plan runs. */
const WALK_FIRST_MS = 60;
/**
 * About how many sessions that walk checks in its time (~120 a millisecond at a million sessions, each
 * one's words read from its document), and the margin the planner's estimate of the words' matches is
 * given: it multiplies the words' frequencies as if they were independent, and is off by up to ~2× for
 * common Czech prefixes. Only words estimated at a tenth of what the walk could find a page among are
 * left to the planner at once (a parcel number and a word: 310 sessions of a million, 130 → 30 ms p50).
 */
const WALK_REACH = 7_000;
const ESTIMATE_MARGIN = 10;

/**
 * A searched part the planner puts at no more sessions than this is looked up alone in the search index,
 * the other parts checked on each of its sessions (a few µs each). A word outside the statistics' most
 * common ones is put at half the least common one's frequency (~2,000 of a million), so this takes
 * every such word and no common one ("dr" of every parcel number: 92,000).
 */
const LOOKUP_ROWS = 5_000;

/** Searched words too rare for a walk (`rareWords`), and the one the search index looks up alone. */
export interface RareWords {
  /** The part the planner puts at few sessions (`ListScope.searchLookup`), if one is. */
  lookup: number | undefined;
}

/**
 * Whether searched words are too rare for a walk along the sort's index to fill a page: the planner's
 * estimate of their share of the scope's sessions, times what a walk reaches, is under a tenth of a
 * page. Their matches are then looked up in the search index at once (`readPage`), and counted
 * before any sample is drawn (session-estimates.ts); one of them the planner puts at few sessions is
 * looked up alone. One plan per word and one without them, no execution (~1–2 ms, side by side); the
 * words' share is the product of theirs, as the planner takes it.
 */
export async function rareWords(
  db: Database,
  scope: ListScope,
  limit: number,
  walkReach = WALK_REACH,
): Promise<RareWords | undefined> {
  const parts = scope.search ?? [];
  const [all = 0, ...each] = await Promise.all([
    planRows(db, sql`SELECT 1 FROM sessions s WHERE ${scopeConditions({ ...scope, search: undefined })}`),
    ...parts.map((part) =>
      planRows(db, sql`SELECT 1 FROM sessions s WHERE ${scopeConditions({ ...scope, search: [part] })}`),
    ),
  ]);
  if (all <= 0) return undefined;
  const share = each.reduce((product, rows) => product * (rows / all), 1);
  if (share * walkReach >= (limit + 1) / ESTIMATE_MARGIN) return undefined;
  const fewest = Math.min(...each);
  return { lookup: fewest <= LOOKUP_ROWS ? each.indexOf(fewest) : undefined };
}

/** The sort's value of a row, as text, for the next page's cursor. */
const sortValue = (sort: ListSort) => sql`(to_json(${sort.column.expr}) #>> '{}') AS sort_value`;

/**
 * Whether a page in this sort is read in two parts (`splitPage`): a nullable column whose b-tree index
 * holds its values in order (session-columns.ts, `sortIndex`). One ORDER BY … NULLS LAST over both
 * parts cannot follow such an index the other way round, and a cursor's `… OR column IS NULL` cannot
 * start an index scan; each part alone can.
 */
function splitSort(sort: ListSort): boolean {
  const index = sort.column.sortIndex;
  return sort.column.nullable && (index === 'asc' || (index === 'desc' && sort.desc));
}

/**
 * The rows of a page in a split sort: the sessions with a value in the sort's order (its index read
 * forwards or backwards), then the sessions without one by id, stopping as soon as the page is full.
 * A cursor among the sessions without a value skips the first part. Same rows, same order as the plain
 * query with `listOrderBy` and `keysetCondition`.
 */
function splitPage(
  scope: ListScope,
  sort: ListSort,
  limit: number,
  after: { v: string | null; id: string } | undefined,
  /** `index`: follow the sort's index; `sort`: sort the matching sessions (`|| ''` hides the index). */
  plan: 'index' | 'sort',
  /** Every session with a value that may be on the page (from the facet index), to sort those only. */
  valuedIds?: readonly string[],
): RawBuilder<unknown> {
  const expr = sort.column.expr;
  const key = plan === 'sort' ? sql`(${expr} || '')` : expr;
  const direction = sort.desc ? sql`DESC` : sql`ASC`;
  const op = sort.desc ? sql`<` : sql`>`;
  // Without NULLs either placement is the same order; say the one the index is read in.
  const nulls = sort.column.sortIndex === 'desc' ? (sort.desc ? sql` NULLS LAST` : sql` NULLS FIRST`) : sql``;
  const base = scopeConditions(scope);
  const parts: RawBuilder<unknown>[] = [];
  if ((!after || after.v !== null) && valuedIds?.length !== 0) {
    const valued = [base, sql`${expr} IS NOT NULL`];
    if (valuedIds) valued.push(sql`s.id = ANY(${valuedIds}::bigint[])`);
    if (after) {
      valued.push(sql`(${expr}, s.id) ${op} (${typed(after.v, sort.column.valueType)}, ${after.id}::bigint)`);
    }
    parts.push(sql`SELECT ${rowColumns}, ${sortValue(sort)} FROM sessions s WHERE ${and(valued)}
      ORDER BY ${key} ${direction}${nulls}, s.id ${direction} LIMIT ${limit + 1}`);
  }
  const empty = [base, sql`${sort.column.sortNullsOf ?? expr} IS NULL`];
  if (after?.v === null) empty.push(sql`s.id ${op} ${after.id}::bigint`);
  parts.push(sql`SELECT ${rowColumns}, ${sortValue(sort)} FROM sessions s WHERE ${and(empty)}
    ORDER BY s.id ${direction} LIMIT ${limit + 1}`);
  const [first, second] = parts;
  return second ? sql`(${first}) UNION ALL (${second}) LIMIT ${limit + 1}` : first!;
}
/**
 * A content search's page carries each session's first activity matching any searched part, with its
 * snippet (`SessionRow.match_*`), in the page's own statement: only the page's sessions are read, and
 * a second statement after the page cost a round trip and a plan (~0.3 ms of a 2 ms search for an
 * order number at a million sessions). The row one past the page is matched too (one in 51).
 */
function matchOf(rows: RawBuilder<unknown>, search: TsqueryPart[]): RawBuilder<unknown> {
  return sql`, m.id AS match_activity_id,
      CASE WHEN m.id IS NOT NULL THEN ts_headline('sessiondesk', m.doc, q.query, ${HEADLINE_OPTIONS}) END AS match_headline
    FROM (${rows}) s
    CROSS JOIN (SELECT ${tsquery(search, 'any')} AS query) q
    LEFT JOIN LATERAL (
      SELECT a.id, translate(activity_search_text(a.text, a.file_name), E'\\x01\\x02\\x03', '') AS doc
      FROM activities a
      WHERE a.tenant_id = s.tenant_id AND a.session_id = s.id
        AND to_tsvector('sessiondesk', activity_search_text(a.text, a.file_name)) @@ q.query
      ORDER BY a.at, a.id
      LIMIT 1
    ) m ON true`;
}

/** What the facet index and the caller's budget tell a page read. */
export interface PageOptions {
  /** The page's sessions when the facet index chose them; the conditions are checked again. */
  ids?: readonly string[];
  /**
   * A text sort: every session with a value that may be on the page, when the facet index found
   * few (they are sorted; the conditions are checked again).
   */
  valuedIds?: readonly string[];
  /**
   * How long a text sort's index (under filters) or a content search's ordered plan may run before
   * the matching sessions are collected and sorted instead (ms; ≤ 0: collect and sort at once).
   */
  orderedBudgetMs?: number;
  /** Several searched words the planner believes rare (`rareWords`): not walked along the sort first. */
  rareWords?: boolean;
}

/** One page of sessions in (sort, id) order after the cursor; one row more than asked tells "more". */
export async function readPage(
  db: Database,
  scope: ListScope,
  sort: ListSort,
  limit: number,
  after?: { v: string | null; id: string },
  options: PageOptions = {},
): Promise<SessionRow[]> {
  const { ids, valuedIds, orderedBudgetMs = ORDERED_BUDGET_MS, rareWords: rare = false } = options;
  const read = (runner: Database, rows: RawBuilder<unknown>) =>
    sql<SessionRow>`
      SELECT ${itemFields}, s.sort_value${scope.search ? matchOf(rows, scope.search) : sql` FROM (${rows}) s`}
      ORDER BY ${listOrderBy(sort)}`
      .execute(runner)
      .then((result) => result.rows);
  const within = (rows: RawBuilder<unknown>, budgetMs: number, alongIndex: boolean) =>
    withBudget(db, budgetMs, (trx) => read(trx, rows), alongIndex ? { enable_bitmapscan: 'off' } : {});
  /**
   * The page by the plan that follows the sort's index, within the budget; else by collecting the
   * matching sessions and sorting them. Several searched words are first walked along the index for
   * a moment, said so to the planner: it may plan them as bitmaps of every tenant's sessions with
   * each word (three common words at a 200 k tenant beside a 1 M one: estimated at 1,565 matches of
   * 3,173, planned as bitmaps, 735 ms; walking 3,000 sessions by creation time finds the page in 25
   * ms). One word is left to the planner: a rare one is a bitmap of its few sessions (~10 ms). So are
   * several words the planner's statistics put at too few for a walk to find a page (`rareWords`).
   * Sessions are collected by every searched part, not one looked up alone (`searchLookup`): a part
   * the planner believes rare that is not would have each of its sessions read and checked.
   */
  const followedElseCollected = async (along: RawBuilder<unknown>, collected: RawBuilder<unknown>) => {
    if (orderedBudgetMs <= 0) return read(db, collected);
    const walked =
      (scope.search?.length ?? 0) > 1 && !rare
        ? await within(along, Math.min(WALK_FIRST_MS, orderedBudgetMs), true)
        : undefined;
    return walked ?? (await within(along, orderedBudgetMs, false)) ?? read(db, collected);
  };
  const everyPart: ListScope = { ...scope, searchLookup: undefined };
  if (!ids && splitSort(sort)) {
    // A text column's index read in order finds a page at once when many sessions match. When the
    // filters leave few with a value (WhatsApp sessions have no IP address) or only those at the
    // index's far end (ascending external ids of the last month), it would read most of the index:
    // past the budget the matching sessions are sorted instead, which is fast when few match.
    if (valuedIds) return read(db, splitPage(scope, sort, limit, after, 'sort', valuedIds));
    if (!narrowed(scope) || sort.column.sortIndex !== 'asc')
      return read(db, splitPage(scope, sort, limit, after, 'index'));
    return followedElseCollected(
      splitPage(scope, sort, limit, after, 'index'),
      splitPage(everyPart, sort, limit, after, 'sort'),
    );
  }
  const conditions = (of: ListScope) => {
    const parts = [scopeConditions(of)];
    if (after) parts.push(keysetCondition(sort, after));
    if (ids) parts.push(sql`s.id = ANY(${ids}::bigint[])`);
    return and(parts);
  };
  const plain = sql`SELECT ${rowColumns}, ${sortValue(sort)} FROM sessions s WHERE ${conditions(scope)}
    ORDER BY ${listOrderBy(sort)} LIMIT ${limit + 1}`;
  if (ids || scope.search === undefined) return read(db, plain);
  // A content search: PostgreSQL often walks the sort's index and checks each session against the
  // words, which finds a page of a common word at once but reads every session when the words are
  // rare or absent (an order number the tenant does not have: 4.7 s at 3 M sessions). Past the
  // budget the matching sessions are collected from the search index first, then sorted.
  return followedElseCollected(
    plain,
    sql`WITH matched AS MATERIALIZED (SELECT ${rowColumns} FROM sessions s WHERE ${conditions(everyPart)})
      SELECT s.*, ${sortValue(sort)} FROM matched s ORDER BY ${listOrderBy(sort)} LIMIT ${limit + 1}`,
  );
}
