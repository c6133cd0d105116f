import { sql, type RawBuilder } from 'kysely';
import { withBudgetedConnection } from '../../db/connection';
import type { Database } from '../../db/database';
import type { TsqueryPart } from '../search/content-query';
import { typed, typedArray, type ColumnSql } from './session-columns';
import type { Filter } from './session-filters';
import { visibilityCondition, type Visibility } from './session-visibility';

/**
 * The building blocks of the sessions' SQL, shared by the list's pages (session-pages.ts), the
 * repository's facets, counts and detail, exports and the live feed: a scope's conditions, the list's
 * order and keyset, the fields of a row, and a statement run within a time budget.
 */

export interface ListScope {
  tenantId: string;
  view: 'history' | 'live';
  filters: Filter[];
  /** Content search: every part must match the session's document. */
  search?: TsqueryPart[];
  /**
   * The one searched part the search index looks up, the others checked on its sessions (`rareWords`:
   * a parcel number and a word). Unset: the index looks up every part at once.
   */
  searchLookup?: number;
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
  /** A content search's page: the session's first activity matching any searched part, if one does. */
  match_activity_id?: string | null;
  /** …and ts_headline's snippet of it (`HEADLINE_OPTIONS`' markers). */
  match_headline?: string | null;
}
export const and = (parts: RawBuilder<unknown>[]): RawBuilder<unknown> =>
  parts.length === 0 ? sql`true` : sql.join(parts, sql` AND `);

export const escapeLike = (value: string): string => value.replace(/[\\%_]/g, (char) => `\\${char}`);

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
/**
 * Every searched part matches the session's document. With `lookup`, that part alone is the search
 * index's to look up: the others are the same test written `(… @@ …) IS TRUE`, which the index cannot
 * serve, so the planner checks them on the looked-up sessions. The index would otherwise intersect
 * every part's whole posting list — a common word's prefix across every tenant: 21–70 ms at a million
 * sessions for one session with a parcel number and "dopravci", 0.03 ms looked up alone.
 */
function searchCondition(parts: TsqueryPart[], lookup: number | undefined): RawBuilder<unknown> {
  const lead = lookup === undefined ? undefined : parts[lookup];
  if (lead === undefined || parts.length < 2) return sql`s.search_document @@ ${tsquery(parts, 'all')}`;
  const others = parts.filter((_, index) => index !== lookup);
  return sql`s.search_document @@ ${tsquery([lead], 'all')}
    AND (s.search_document @@ ${tsquery(others, 'all')}) IS TRUE`;
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
  if (scope.search !== undefined) parts.push(searchCondition(scope.search, scope.searchLookup));
  return and(parts);
}

/** The planner's row estimate of a query, from EXPLAIN (nothing is executed). */
export async function planRows(db: Database, query: RawBuilder<unknown>): Promise<number> {
  const result = await sql<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>`
    EXPLAIN (FORMAT JSON) ${query}`.execute(db);
  return Math.round(result.rows[0]?.['QUERY PLAN'][0].Plan['Plan Rows'] ?? 0);
}

/** The list's ORDER BY; exports reuse it so an export's rows come in the list's order. */
export function listOrderBy(sort: ListSort): RawBuilder<unknown> {
  const direction = sort.desc ? sql`DESC` : sql`ASC`;
  // Nullable columns put missing values last in both directions (their indexes say NULLS LAST);
  // NOT NULL columns keep PostgreSQL's default so the plain indexes serve them.
  const nulls = sort.column.nullable ? sql` NULLS LAST` : sql``;
  return sql`${sort.column.expr} ${direction}${nulls}, s.id ${direction}`;
}

export function keysetCondition(
  sort: ListSort,
  after: { v: string | null; id: string },
): RawBuilder<unknown> {
  const op = sort.desc ? sql`<` : sql`>`;
  const expr = sort.column.expr;
  if (after.v === null) return sql`(${expr} IS NULL AND s.id ${op} ${after.id}::bigint)`;
  const row = sql`(${expr}, s.id) ${op} (${typed(after.v, sort.column.valueType)}, ${after.id}::bigint)`;
  return sort.column.nullable ? sql`(${row} OR ${expr} IS NULL)` : row;
}
/** The fields of a list item / the detail, from a row `s` of sessions. */
export const itemFields = sql`
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
export const rowColumns = sql`
  s.tenant_id, s.id, s.external_id, s.status, s.channel, s.source, s.created_at, s.accepted_at, s.ended_at,
  s.waiting_seconds, s.duration_seconds, s.operator_ids, s.group_id, s.chatbot_id, s.end_reason, s.client_left,
  s.page_url, s.widget_id, s.client_name, s.client_email, s.client_phone, s.client_ip, s.client_language,
  s.client_browser, s.client_os, s.tags, s.rating, s.feedback, s.message_count, s.has_recording, s.banned,
  s.restored_from_id, s.restored_as_id, s.params`;
/** What counting within a budget found out. */
export type CountResult =
  { kind: 'exact'; count: number } | { kind: 'over'; atLeast: number } | { kind: 'unknown' };

/**
 * Runs `work`, one statement, so that it stops after `budgetMs`; undefined when it did (57014
 * query_canceled) — or when the answer has not come a little after the budget: PostgreSQL checks for
 * the cancel only now and then (building a bitmap from two large GIN posting lists took 130–200 ms to
 * notice a 40 ms timeout at a million sessions), so the caller does not wait for that; the statement
 * still ends by its timeout on its own connection.
 *
 * The statement runs on a connection kept for budgeted statements (`withBudgetedConnection`), whose
 * settings — the timeout, and the planner's `planner` settings — stay from one statement to the next:
 * the same budget asked again costs no round trip besides the statement's. The server's timeout is the
 * budget rounded up to whole `TIMEOUT_STEP_MS` (within the grace the caller waits anyway), so budgets
 * that count down to a deadline (a sample's parts) mostly ask for the timeout the connection holds.
 */
export async function withBudget<T>(
  db: Database,
  budgetMs: number,
  work: (trx: Database) => Promise<T>,
  planner: Partial<Record<'enable_bitmapscan', 'on' | 'off'>> = {},
): Promise<T | undefined> {
  const settings = {
    statementTimeoutMs: Math.max(1, Math.ceil(budgetMs / TIMEOUT_STEP_MS) * TIMEOUT_STEP_MS),
    bitmapScans: planner.enable_bitmapscan !== 'off',
  };
  const running = withBudgetedConnection(db, settings, ({ db: on }) => work(on)).catch((error: unknown) => {
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
/** A budget's timeout in the server is rounded up to this (less than the grace). */
const TIMEOUT_STEP_MS = 10;
