import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../../db/database';
import type { TsqueryPart } from '../search/content-query';
import { HEADLINE_OPTIONS } from '../search/snippet';
import { typed, typedArray, type ColumnSql, type LabelSource } from './session-columns';
import type { FactCount } from './session-facts';
import type { Filter } from './session-filters';
import { visibilityCondition, type Visibility } from './session-visibility';

/**
 * The SQL of the sessions list, facets, detail and transcript. Queries are assembled from the column
 * catalogue's SQL (session-columns.ts); every one is scoped by tenant_id first.
 */

export interface ListScope {
  tenantId: string;
  view: 'history' | 'live';
  filters: Filter[];
  /** Content search: every part must match the session's document. */
  search?: TsqueryPart[];
  /** Which sessions the caller may see (session-visibility.ts). */
  visibility: Visibility;
}

export interface ListSort {
  key: string;
  column: ColumnSql;
  desc: boolean;
}

export interface SessionRow {
  id: string;
  external_id: string | null;
  status: string;
  channel: string;
  source: string;
  created_at: Date;
  accepted_at: Date | null;
  ended_at: Date | null;
  waiting_time: number | null;
  duration: number | null;
  operators: { id: string; name: string }[];
  group_id: string | null;
  group_name: string | null;
  chatbot_id: string | null;
  chatbot_name: string | null;
  end_reason: string | null;
  client_left: string | null;
  page_url: string | null;
  widget_id: string | null;
  widget_name: string | null;
  client_name: string | null;
  client_email: string | null;
  client_phone: string | null;
  client_ip: string | null;
  client_language: string | null;
  client_browser: string | null;
  client_os: string | null;
  tags: string[];
  rating: number | null;
  feedback: string | null;
  message_count: number;
  has_recording: boolean;
  banned: boolean;
  restored_from_id: string | null;
  restored_as_id: string | null;
  params: Record<string, unknown>;
  sort_value: string | null;
}

const and = (parts: RawBuilder<unknown>[]): RawBuilder<unknown> =>
  parts.length === 0 ? sql`true` : sql.join(parts, sql` AND `);

const escapeLike = (value: string): string => value.replace(/[\\%_]/g, (char) => `\\${char}`);

const isEmpty = (column: ColumnSql): RawBuilder<unknown> =>
  column.valueType === 'text'
    ? sql`(${column.expr} IS NULL OR ${column.expr} = '')`
    : sql`${column.expr} IS NULL`;

/** One filter as a condition on `s`. */
export function filterCondition(filter: Filter): RawBuilder<unknown> {
  const { column } = filter;
  switch (filter.op) {
    case 'in': {
      const parts: RawBuilder<unknown>[] = [];
      if (column.shape === 'array') {
        if (filter.values.length > 0)
          parts.push(sql`${column.expr} && ${typedArray(filter.values, column.valueType)}`);
        if (filter.includeEmpty) parts.push(sql`cardinality(${column.expr}) = 0`);
      } else if (column.paramName !== undefined) {
        const name = column.paramName;
        for (const value of filter.values) {
          parts.push(sql`s.params @> ${JSON.stringify({ [name]: value })}::jsonb`);
        }
        if (filter.includeEmpty) parts.push(isEmpty(column));
      } else {
        // One value as `=`: the planner estimates `= ANY(array)` of one value far worse (one group
        // over 90 days at 200 k sessions: 320 ms against 1 ms, a different index).
        if (filter.values.length === 1)
          parts.push(sql`${column.expr} = ${typed(filter.values[0]!, column.valueType)}`);
        else if (filter.values.length > 1)
          parts.push(sql`${column.expr} = ANY(${typedArray(filter.values, column.valueType)})`);
        if (filter.includeEmpty) parts.push(isEmpty(column));
      }
      return parts.length === 0 ? sql`false` : sql`(${sql.join(parts, sql` OR `)})`;
    }
    case 'min':
      return sql`${column.expr} >= ${typed(filter.value, column.valueType)}`;
    case 'max':
      return sql`${column.expr} <= ${typed(filter.value, column.valueType)}`;
    case 'eq':
      return sql`${column.expr} = ${typed(filter.value, column.valueType)}`;
    case 'contains': {
      const pattern = `%${escapeLike(filter.value)}%`;
      return column.valueType === 'text'
        ? sql`${column.expr} ILIKE ${pattern}`
        : sql`${column.expr}::text LIKE ${pattern}`;
    }
    case 'empty':
      return filter.value ? isEmpty(column) : sql`NOT ${isEmpty(column)}`;
  }
}

/** The tsquery of content search parts: all of them (sessions) or any (hits in activities). */
export function tsquery(parts: TsqueryPart[], combine: 'all' | 'any'): RawBuilder<unknown> {
  const each = parts.map((part) => {
    const alternatives = [sql`to_tsquery('sessiondesk', ${part.parsed})`];
    if (part.literal !== null) alternatives.push(sql`${part.literal}::tsquery`);
    if (part.phrase !== null) alternatives.push(sql`phraseto_tsquery('sessiondesk', ${part.phrase})`);
    return alternatives.length === 1 ? alternatives[0] : sql`(${sql.join(alternatives, sql` || `)})`;
  });
  return sql`(${sql.join(each, combine === 'all' ? sql` && ` : sql` || `)})`;
}

/** A rollup the facet query may use: its column and the moment up to which it counts. */
export interface FacetRollup {
  columnId: string;
  coversUntil: Date;
}

/** What a facet counts: the value per session (per element for array columns; '' counts as empty). */
function facetSource(column: ColumnSql) {
  const value = column.shape === 'array' ? sql`v.value` : sql`${column.expr}`;
  const source =
    column.shape === 'array'
      ? sql`sessions s LEFT JOIN LATERAL unnest(${column.expr}) AS v (value) ON true`
      : sql`sessions s`;
  return { value: column.valueType === 'text' ? sql`nullif(${value}, '')` : value, source };
}

/** A value stored as text (in a rollup) back in its column's type. */
function castText(expr: RawBuilder<unknown>, valueType: ColumnSql['valueType']): RawBuilder<unknown> {
  switch (valueType) {
    case 'text':
      return expr;
    case 'bigint':
      return sql`(${expr})::bigint`;
    case 'int':
      return sql`(${expr})::int`;
    case 'timestamptz':
      return sql`(${expr})::timestamptz`;
    case 'boolean':
      return sql`(${expr})::boolean`;
  }
}

/** A facet's query: values of one column with their counts, most frequent first, and their labels. */
function facetQuery(
  scope: ListScope,
  column: ColumnSql,
  options: { search?: string; limit: number; rollup?: FacetRollup; precounted?: readonly FactCount[] },
) {
  const { value, source } = facetSource(column);
  const label = column.labels
    ? sql`(SELECT l.name FROM ${labelTables[column.labels]} l WHERE l.tenant_id = ${scope.tenantId} AND l.id = c.value)`
    : sql`c.value::text`;
  const search =
    options.search !== undefined && options.search !== ''
      ? sql`WHERE lower(unaccent(coalesce(f.label, ${'(empty)'}))) LIKE lower(unaccent(${`%${escapeLike(options.search)}%`}))`
      : sql``;
  const { rollup, precounted } = options;
  const counted = precounted
    ? sql`
        SELECT ${castText(sql`r.value`, column.valueType)} AS value, r.count
        FROM jsonb_to_recordset(${JSON.stringify(precounted)}::jsonb) AS r (value text, count int)`
    : rollup
      ? sql`
        SELECT value, sum(count)::int AS count FROM (
          SELECT ${castText(sql`r.value`, column.valueType)} AS value, r.count
          FROM facet_rollups fr CROSS JOIN LATERAL jsonb_to_recordset(fr.counts) AS r (value text, count int)
          WHERE fr.tenant_id = ${scope.tenantId} AND fr.column_id = ${rollup.columnId}
          UNION ALL
          SELECT ${value} AS value, count(*)::int AS count
          FROM ${source}
          WHERE ${scopeConditions(scope)} AND s.ended_at > ${rollup.coversUntil}::timestamptz
          GROUP BY 1
        ) parts GROUP BY value`
      : sql`
        SELECT ${value} AS value, count(*)::int AS count
        FROM ${source}
        WHERE ${scopeConditions(scope)}
        GROUP BY 1`;
  return sql<{ value: string | null; label: string | null; count: number }>`
      WITH counted AS (${counted}), labelled AS (
        SELECT c.value::text AS value, ${label} AS label, c.count FROM counted c
      )
      SELECT f.value, f.label, f.count FROM labelled f
      ${search}
      ORDER BY f.count DESC, f.value NULLS LAST
      LIMIT ${options.limit + 1}`;
}

/** Whether a scope holds fewer sessions than the whole view: filters, a content search, or a caller's own. */
export function narrowed(scope: ListScope): boolean {
  return scope.filters.length > 0 || scope.search !== undefined || scope.visibility.kind !== 'all';
}

/** Every condition of a list/facet scope, on `s`. */
export function scopeConditions(scope: ListScope): RawBuilder<unknown> {
  const parts: RawBuilder<unknown>[] = [sql`s.tenant_id = ${scope.tenantId}`];
  parts.push(scope.view === 'live' ? sql`s.status <> 'closed'` : sql`s.status = 'closed'`);
  if (scope.visibility.kind !== 'all') parts.push(visibilityCondition(scope.visibility));
  for (const filter of scope.filters) parts.push(filterCondition(filter));
  if (scope.search !== undefined) parts.push(sql`s.search_document @@ ${tsquery(scope.search, 'all')}`);
  return and(parts);
}

/** The list's ORDER BY; exports reuse it so an export's rows come in the list's order. */
export function listOrderBy(sort: ListSort): RawBuilder<unknown> {
  const direction = sort.desc ? sql`DESC` : sql`ASC`;
  // Nullable columns put missing values last in both directions (their indexes say NULLS LAST);
  // NOT NULL columns keep PostgreSQL's default so the plain indexes serve them.
  const nulls = sort.column.nullable ? sql` NULLS LAST` : sql``;
  return sql`${sort.column.expr} ${direction}${nulls}, s.id ${direction}`;
}

function keysetCondition(sort: ListSort, after: { v: string | null; id: string }): RawBuilder<unknown> {
  const op = sort.desc ? sql`<` : sql`>`;
  const expr = sort.column.expr;
  if (after.v === null) return sql`(${expr} IS NULL AND s.id ${op} ${after.id}::bigint)`;
  const row = sql`(${expr}, s.id) ${op} (${typed(after.v, sort.column.valueType)}, ${after.id}::bigint)`;
  return sort.column.nullable ? sql`(${row} OR ${expr} IS NULL)` : row;
}

/**
 * How long a page may follow the sort's index while checking filters or searched words on the way,
 * before the matching sessions are collected and sorted instead (sessionRepository.page).
 */
export const ORDERED_BUDGET_MS = 200;

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

/** The fields of a list item / the detail, from a row `s` of sessions. */
const itemFields = sql`
  s.id, s.external_id, s.status, s.channel, s.source, s.created_at, s.accepted_at, s.ended_at,
  coalesce(s.waiting_seconds, CASE
    WHEN s.accepted_at IS NOT NULL THEN extract(epoch FROM s.accepted_at - s.created_at)
    WHEN s.status <> 'closed' THEN extract(epoch FROM now() - s.created_at) END)::int AS waiting_time,
  coalesce(s.duration_seconds, CASE
    WHEN s.status <> 'closed' AND s.accepted_at IS NOT NULL THEN extract(epoch FROM now() - s.accepted_at) END)::int AS duration,
  (SELECT coalesce(json_agg(json_build_object('id', u.id::text, 'name', u.name) ORDER BY o.ord), '[]'::json)
     FROM unnest(s.operator_ids) WITH ORDINALITY AS o (id, ord)
     JOIN users u ON u.tenant_id = s.tenant_id AND u.id = o.id) AS operators,
  s.group_id, (SELECT g.name FROM operator_groups g WHERE g.tenant_id = s.tenant_id AND g.id = s.group_id) AS group_name,
  s.chatbot_id, (SELECT c.name FROM chatbots c WHERE c.tenant_id = s.tenant_id AND c.id = s.chatbot_id) AS chatbot_name,
  s.end_reason, s.client_left, s.page_url,
  s.widget_id, (SELECT w.name FROM widgets w WHERE w.tenant_id = s.tenant_id AND w.id = s.widget_id) AS widget_name,
  s.client_name, s.client_email, s.client_phone, s.client_ip, s.client_language, s.client_browser, s.client_os,
  s.tags, s.rating, s.feedback, s.message_count, s.has_recording, s.banned, s.restored_from_id, s.restored_as_id,
  s.params`;

/** The sessions columns the page query carries out of its inner, limited scan. */
const rowColumns = sql`
  s.tenant_id, s.id, s.external_id, s.status, s.channel, s.source, s.created_at, s.accepted_at, s.ended_at,
  s.waiting_seconds, s.duration_seconds, s.operator_ids, s.group_id, s.chatbot_id, s.end_reason, s.client_left,
  s.page_url, s.widget_id, s.client_name, s.client_email, s.client_phone, s.client_ip, s.client_language,
  s.client_browser, s.client_os, s.tags, s.rating, s.feedback, s.message_count, s.has_recording, s.banned,
  s.restored_from_id, s.restored_as_id, s.params`;

/** What counting within a budget found out. */
export type CountResult =
  { kind: 'exact'; count: number } | { kind: 'over'; atLeast: number } | { kind: 'unknown' };

/**
 * Runs `work` in a transaction whose statements stop after `budgetMs`; undefined when they did
 * (57014 query_canceled) — or when the answer has not come a little after the budget: PostgreSQL
 * checks for the cancel only now and then (building a bitmap from two large GIN posting lists took
 * 130–200 ms to notice a 40 ms timeout at a million sessions), so the caller does not wait for that;
 * the statement still ends by its timeout on its own connection.
 */
async function withBudget<T>(
  db: Database,
  budgetMs: number,
  work: (trx: Database) => Promise<T>,
): Promise<T | undefined> {
  const running = db
    .transaction()
    .execute(async (trx) => {
      await sql`SELECT set_config('statement_timeout', ${String(Math.max(1, Math.round(budgetMs)))}, true)`.execute(
        trx,
      );
      return work(trx);
    })
    .catch((error: unknown) => {
      if ((error as { code?: string }).code === '57014') return undefined;
      throw error;
    });
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = setTimeout(() => resolve(undefined), budgetMs + BUDGET_GRACE_MS);
  });
  // A late failure after the caller moved on is the cancel it no longer waits for.
  running.catch(() => undefined);
  try {
    return await Promise.race([running, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** How long past its budget an answer is still awaited (the round trip itself). */
const BUDGET_GRACE_MS = 15;

/** The planner's row estimate of a query. */
async function planRows(db: Database, query: RawBuilder<unknown>): Promise<number> {
  const result = await sql<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>`
    EXPLAIN (FORMAT JSON) ${query}`.execute(db);
  return Math.round(result.rows[0]?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? 0);
}

const labelTables: Record<LabelSource, RawBuilder<unknown>> = {
  users: sql`users`,
  operator_groups: sql`operator_groups`,
  chatbots: sql`chatbots`,
  widgets: sql`widgets`,
};

export function sessionRepository(db: Database) {
  return {
    /** One page of sessions in (sort, id) order after the cursor; one row more than asked tells "more". */
    async page(
      scope: ListScope,
      sort: ListSort,
      limit: number,
      after?: { v: string | null; id: string },
      options: {
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
      } = {},
    ) {
      const { ids, valuedIds, orderedBudgetMs = ORDERED_BUDGET_MS } = options;
      const read = (runner: Database, rows: RawBuilder<unknown>) =>
        sql<SessionRow>`
          SELECT ${itemFields}, s.sort_value FROM (${rows}) s
          ORDER BY ${listOrderBy(sort)}`
          .execute(runner)
          .then((result) => result.rows);
      /** The page by the plan that follows the sort's index, within the budget; else by the one that collects the matching sessions, then sorts them. */
      const followedElseCollected = async (followed: RawBuilder<unknown>, collected: RawBuilder<unknown>) =>
        (orderedBudgetMs > 0
          ? await withBudget(db, orderedBudgetMs, (trx) => read(trx, followed))
          : undefined) ?? read(db, collected);
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
          splitPage(scope, sort, limit, after, 'sort'),
        );
      }
      const parts = [scopeConditions(scope)];
      if (after) parts.push(keysetCondition(sort, after));
      if (ids) parts.push(sql`s.id = ANY(${ids}::bigint[])`);
      const plain = sql`SELECT ${rowColumns}, ${sortValue(sort)} FROM sessions s WHERE ${and(parts)}
        ORDER BY ${listOrderBy(sort)} LIMIT ${limit + 1}`;
      if (ids || scope.search === undefined) return read(db, plain);
      // A content search: PostgreSQL often walks the sort's index and checks each session against the
      // words, which finds a page of a common word at once but reads every session when the words are
      // rare or absent (an order number the tenant does not have: 4.7 s at 3 M sessions). Past the
      // budget the matching sessions are collected from the search index first, then sorted.
      return followedElseCollected(
        plain,
        sql`WITH matched AS MATERIALIZED (SELECT ${rowColumns} FROM sessions s WHERE ${and(parts)})
          SELECT s.*, ${sortValue(sort)} FROM matched s ORDER BY ${listOrderBy(sort)} LIMIT ${limit + 1}`,
      );
    },

    /**
     * The exact count when it is at most `cap` and counting takes at most `budgetMs`; else undefined (the
     * caller estimates). The budget is a statement timeout local to the counting transaction.
     */
    async countUpTo(scope: ListScope, cap: number, budgetMs?: number): Promise<number | undefined> {
      const count = (runner: Database) =>
        sql<{ count: number }>`
          SELECT count(*)::int AS count
          FROM (SELECT 1 FROM sessions s WHERE ${scopeConditions(scope)} LIMIT ${cap + 1}) x`
          .execute(runner)
          .then((result) => {
            const counted = result.rows[0]?.count ?? 0;
            return counted > cap ? undefined : counted;
          });
      if (budgetMs === undefined) return count(db);
      try {
        return await db.transaction().execute(async (trx) => {
          await sql`SELECT set_config('statement_timeout', ${String(budgetMs)}, true)`.execute(trx);
          return count(trx);
        });
      } catch (error) {
        // 57014 query_canceled: the budget ran out.
        if ((error as { code?: string }).code === '57014') return undefined;
        throw error;
      }
    },

    /**
     * Counts the scope's sessions up to `cap` within `budgetMs` (a statement timeout local to the
     * counting transaction; 0 or less: do not count). Says which of the three happened: counted, more
     * than the cap, or the budget ran out — an unknown count is never reported as a large one.
     */
    async countWithin(scope: ListScope, cap: number, budgetMs: number): Promise<CountResult> {
      if (budgetMs <= 0) return { kind: 'unknown' };
      const counted = await withBudget(db, budgetMs, (trx) =>
        sql<{ count: number }>`
          SELECT count(*)::int AS count
          FROM (SELECT 1 FROM sessions s WHERE ${scopeConditions(scope)} LIMIT ${cap + 1}) x`
          .execute(trx)
          .then((result) => result.rows[0]?.count ?? 0),
      );
      if (counted === undefined) return { kind: 'unknown' };
      return counted > cap ? { kind: 'over', atLeast: cap + 1 } : { kind: 'exact', count: counted };
    },

    /**
     * An estimate of how many sessions match, from a sample: `TABLESAMPLE SYSTEM` reads each page of
     * `sessions` with probability p, chosen so that about `targetRows` of the tenant's sessions in the
     * view are read, and every condition of the scope (filters, content search, visibility) is checked on
     * them; the count found, divided by p, estimates the whole. Undefined when the budget runs out.
     */
    async sampleEstimate(
      scope: ListScope,
      targetRows: number,
      budgetMs: number,
    ): Promise<number | undefined> {
      if (budgetMs <= 0) return undefined;
      const view = scope.view === 'live' ? sql`s.status <> 'closed'` : sql`s.status = 'closed'`;
      const tenantRows = await planRows(
        db,
        sql`SELECT 1 FROM sessions s WHERE s.tenant_id = ${scope.tenantId} AND ${view}`,
      );
      const percent = Math.min(100, (100 * targetRows) / Math.max(1, tenantRows));
      return withBudget(db, budgetMs, async (trx) => {
        const result = await sql<{ hits: number }>`
          SELECT count(*)::int AS hits
          FROM sessions s TABLESAMPLE SYSTEM (${percent}) REPEATABLE (21)
          WHERE ${scopeConditions(scope)}`.execute(trx);
        return Math.round(((result.rows[0]?.hits ?? 0) * 100) / percent);
      });
    },

    /**
     * Which of the given sessions match the scope (every filter and the content search), within a
     * budget; undefined when it ran out. Reads the sessions by their key, so its cost is the sample's
     * size, not the tenant's.
     */
    async matchingIds(scope: ListScope, ids: readonly string[], budgetMs: number) {
      return withBudget(db, budgetMs, async (trx) => {
        const result = await sql<{ id: string }>`
          SELECT s.id::text AS id FROM sessions s
          WHERE s.id = ANY(${ids}::bigint[]) AND ${scopeConditions(scope)}`.execute(trx);
        return result.rows.map((row) => row.id);
      });
    },

    /** The planner's estimate of how many sessions match. */
    async estimateCount(scope: ListScope): Promise<number> {
      return planRows(db, sql`SELECT 1 FROM sessions s WHERE ${scopeConditions(scope)}`);
    },

    /**
     * For each session, its first activity matching any search part and a headline of it;
     * only the page's sessions are read.
     */
    async matches(tenantId: string, sessionIds: string[], search: TsqueryPart[]) {
      if (sessionIds.length === 0) return [];
      const result = await sql<{ session_id: string; activity_id: string | null; headline: string | null }>`
        SELECT p.id::text AS session_id, m.id AS activity_id,
               CASE WHEN m.id IS NOT NULL THEN ts_headline('sessiondesk', m.doc, q.query, ${HEADLINE_OPTIONS}) END AS headline
        FROM unnest(${sessionIds}::bigint[]) AS p (id)
        CROSS JOIN (SELECT ${tsquery(search, 'any')} AS query) q
        LEFT JOIN LATERAL (
          SELECT a.id, translate(activity_search_text(a.text, a.file_name), E'\\x01\\x02\\x03', '') AS doc
          FROM activities a
          WHERE a.tenant_id = ${tenantId} AND a.session_id = p.id
            AND to_tsvector('sessiondesk', activity_search_text(a.text, a.file_name)) @@ q.query
          ORDER BY a.at, a.id
          LIMIT 1
        ) m ON true`.execute(db);
      return result.rows;
    },

    /**
     * Values of one column with their counts, most frequent first; labels for referenced rows. With a
     * rollup (unfiltered History only), the rollup's counts plus the sessions closed since it; with
     * counts from the facet index, those.
     */
    async facetValues(
      scope: ListScope,
      column: ColumnSql,
      options: {
        search?: string;
        limit: number;
        rollup?: FacetRollup;
        precounted?: readonly FactCount[];
      },
    ) {
      return (await facetQuery(scope, column, options).execute(db)).rows;
    },

    /** `facetValues` counted in SQL, or undefined when counting takes longer than `budgetMs`. */
    async facetValuesWithin(
      scope: ListScope,
      column: ColumnSql,
      options: { search?: string; limit: number },
      budgetMs: number,
    ) {
      return withBudget(
        db,
        budgetMs,
        async (trx) => (await facetQuery(scope, column, options).execute(trx)).rows,
      );
    },

    /** The tenant's rollup of a column, when it was computed under the tenant's current history epoch. */
    async facetRollup(tenantId: string, columnId: string) {
      return db
        .selectFrom('facet_rollups as fr')
        .innerJoin('tenant_settings as ts', (join) =>
          join.onRef('ts.tenant_id', '=', 'fr.tenant_id').onRef('ts.history_epoch', '=', 'fr.epoch'),
        )
        .select(['fr.covers_until', 'fr.computed_at'])
        .where('fr.tenant_id', '=', tenantId)
        .where('fr.column_id', '=', columnId)
        .executeTakeFirst();
    },

    /**
     * Recounts the rollups of the given columns over the tenant's sessions closed up to five minutes ago,
     * in one snapshot, under the epoch that snapshot sees (a write bumping it meanwhile voids them).
     */
    async refreshFacetRollups(tenantId: string, columns: readonly { id: string; sql: ColumnSql }[]) {
      await db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute(async (trx) => {
          const state = await sql<{ epoch: string; until: Date }>`
            SELECT history_epoch AS epoch, now() - interval '5 minutes' AS until
            FROM tenant_settings WHERE tenant_id = ${tenantId}`.execute(trx);
          const { epoch, until } = state.rows[0] ?? { epoch: null, until: null };
          if (epoch === null || until === null) return;
          for (const column of columns) {
            const { value, source } = facetSource(column.sql);
            await sql`
              INSERT INTO facet_rollups (tenant_id, column_id, epoch, covers_until, counts)
              SELECT ${tenantId}::bigint, ${column.id}, ${epoch}::bigint, ${until}::timestamptz,
                     coalesce(jsonb_agg(jsonb_build_object('value', c.value::text, 'count', c.count)), '[]'::jsonb)
              FROM (
                SELECT ${value} AS value, count(*)::int AS count
                FROM ${source}
                WHERE s.tenant_id = ${tenantId} AND s.status = 'closed' AND s.ended_at <= ${until}::timestamptz
                GROUP BY 1
              ) c
              ON CONFLICT (tenant_id, column_id) DO UPDATE
              SET epoch = excluded.epoch, covers_until = excluded.covers_until, counts = excluded.counts,
                  computed_at = now()`.execute(trx);
          }
        });
    },

    /** One session with the list's fields and the client's visitor id; undefined when not visible. */
    async findVisible(tenantId: string, sessionId: string, visibility: Visibility) {
      const result = await sql<
        SessionRow & { visitor_id: string | null; contact_id: string | null; result: string | null }
      >`
        SELECT ${itemFields}, NULL AS sort_value, s.visitor_id, s.contact_id, s.result
        FROM sessions s
        WHERE s.tenant_id = ${tenantId} AND s.id = ${sessionId}::bigint AND ${visibilityCondition(visibility)}`.execute(
        db,
      );
      return result.rows[0];
    },

    async participants(tenantId: string, sessionId: string) {
      return db
        .selectFrom('session_participants as p')
        .leftJoin('users as u', (join) =>
          join.onRef('u.tenant_id', '=', 'p.tenant_id').onRef('u.id', '=', 'p.user_id'),
        )
        .leftJoin('chatbots as c', (join) =>
          join.onRef('c.tenant_id', '=', 'p.tenant_id').onRef('c.id', '=', 'p.chatbot_id'),
        )
        .select([
          'p.kind',
          'p.user_id',
          'p.chatbot_id',
          'p.joined_at',
          'p.left_at',
          'u.name as user_name',
          'c.name as chatbot_name',
        ])
        .where('p.tenant_id', '=', tenantId)
        .where('p.session_id', '=', sessionId)
        .orderBy('p.joined_at')
        .orderBy('p.id')
        .execute();
    },

    /** The session's recordings in the order they started (deleted ones too: that one existed matters). */
    async restoredInto(tenantId: string, sessionId: string) {
      const rows = await db
        .selectFrom('sessions')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('restored_from_id', '=', sessionId)
        .orderBy('id')
        .execute();
      return rows.map((row) => row.id);
    },

    /** Activities in (at, id) order after / before a position; `limit + 1` rows tell whether more exist. */
    async activities(
      tenantId: string,
      sessionId: string,
      options: { limit: number; after?: { at: string; id: string }; before?: { at: string; id: string } },
    ) {
      const position = options.after
        ? sql`AND (a.at, a.id) > (${options.after.at}::timestamptz, ${options.after.id}::bigint)`
        : options.before
          ? sql`AND (a.at, a.id) < (${options.before.at}::timestamptz, ${options.before.id}::bigint)`
          : sql``;
      const direction = options.before ? sql`DESC` : sql`ASC`;
      const result = await sql<{
        id: string;
        at: Date;
        at_text: string;
        sender: string;
        type: string;
        text: string | null;
        sender_name: string | null;
        file_name: string | null;
        file_size: string | null;
        file_mime_type: string | null;
        system_code: string | null;
        system_data: unknown;
        file_object_key: string | null;
        delivery_state: string | null;
        delivery_reason: string | null;
        delivery_error_code: string | null;
        delivery_updated_at: Date | null;
      }>`
        SELECT a.id, a.at, to_json(a.at) #>> '{}' AS at_text, a.sender, a.type, a.text, a.file_object_key,
               d.state AS delivery_state, d.reason AS delivery_reason, d.error_code AS delivery_error_code,
               greatest(d.created_at, d.sent_at, d.delivered_at, d.read_at, d.failed_at) AS delivery_updated_at,
               CASE a.sender
                 WHEN 'operator' THEN (SELECT u.name FROM users u WHERE u.tenant_id = a.tenant_id AND u.id = a.user_id)
                 WHEN 'chatbot' THEN (SELECT c.name FROM chatbots c WHERE c.tenant_id = a.tenant_id AND c.id = a.chatbot_id)
                 WHEN 'client' THEN (SELECT s.client_name FROM sessions s WHERE s.tenant_id = a.tenant_id AND s.id = a.session_id)
               END AS sender_name,
               a.file_name, a.file_size, a.file_mime_type, a.system_code, a.system_data
        FROM activities a
        -- An outbound line of a messaging session: its delivery state (channels' outbox).
        LEFT JOIN channel_deliveries d ON d.tenant_id = a.tenant_id AND d.activity_id = a.id
        WHERE a.tenant_id = ${tenantId} AND a.session_id = ${sessionId}::bigint ${position}
        ORDER BY a.at ${direction}, a.id ${direction}
        LIMIT ${options.limit + 1}`.execute(db);
      return result.rows;
    },

    async activityPosition(tenantId: string, sessionId: string, activityId: string) {
      const result = await sql<{ at: string; id: string }>`
        SELECT to_json(a.at) #>> '{}' AS at, a.id FROM activities a
        WHERE a.tenant_id = ${tenantId} AND a.session_id = ${sessionId}::bigint AND a.id = ${activityId}::bigint`.execute(
        db,
      );
      return result.rows[0];
    },
  };
}

export type SessionRepository = ReturnType<typeof sessionRepository>;
