import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../../db/database';
import type { ColumnSql, LabelSource } from './session-columns';
import type { FactCount } from './session-facts';
import { rareWords, readPage, type PageOptions } from './session-pages';
import {
  escapeLike,
  itemFields,
  scopeConditions,
  planRows,
  withBudget,
  type CountResult,
  type ListScope,
  type ListSort,
  type SessionRow,
} from './session-sql';
import { visibilityCondition, type Visibility } from './session-visibility';

/**
 * The SQL of the sessions list, facets, detail and transcript. Queries are assembled from the column
 * catalogue's SQL (session-columns.ts); every one is scoped by tenant_id first.
 */

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

const labelTables: Record<LabelSource, RawBuilder<unknown>> = {
  users: sql`users`,
  operator_groups: sql`operator_groups`,
  chatbots: sql`chatbots`,
  widgets: sql`widgets`,
};

/** The scope's sessions counted up to one past `cap` (reading no further). */
async function cappedCount(runner: Database, scope: ListScope, cap: number): Promise<number> {
  const result = await sql<{ count: number }>`
    SELECT count(*)::int AS count
    FROM (SELECT 1 FROM sessions s WHERE ${scopeConditions(scope)} LIMIT ${cap + 1}) x`.execute(runner);
  return result.rows[0]?.count ?? 0;
}

export function sessionRepository(db: Database) {
  return {
    /** Whether several searched words are too rare to walk the sort's index for (session-pages.ts). */
    rareWords: (scope: ListScope, limit: number, walkReach?: number) =>
      rareWords(db, scope, limit, walkReach),

    /** One page of sessions in (sort, id) order after the cursor (session-pages.ts). */
    page: (
      scope: ListScope,
      sort: ListSort,
      limit: number,
      after?: { v: string | null; id: string },
      options?: PageOptions,
    ) => readPage(db, scope, sort, limit, after, options),

    /** The exact count when it is at most `cap`; else undefined (exports: how large it is). */
    async countUpTo(scope: ListScope, cap: number): Promise<number | undefined> {
      const counted = await cappedCount(db, scope, cap);
      return counted > cap ? undefined : counted;
    },

    /**
     * Counts the scope's sessions up to `cap` within `budgetMs` (the counting statement's timeout;
     * 0 or less: do not count). Says which of the three happened: counted, more
     * than the cap, or the budget ran out — an unknown count is never reported as a large one.
     */
    async countWithin(scope: ListScope, cap: number, budgetMs: number): Promise<CountResult> {
      if (budgetMs <= 0) return { kind: 'unknown' };
      const counted = await withBudget(db, budgetMs, (trx) => cappedCount(trx, scope, cap));
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
      // Said so to the planner: words it believes rare (a parcel number) it would otherwise look up
      // in the search index first, a bitmap of every tenant's sessions with each word (40–100 ms at a
      // million sessions, against ~2–4 ms for a part's 1,000 sessions read by their key). The ids are
      // joined, not `s.id = ANY(ids)`: with that and a filter the planner read the filter's index with
      // the ids checked on each entry — every WhatsApp session of the tenant, 17–30 ms — and estimating
      // the array's 1,000 values took ~1 ms of planning.
      return withBudget(
        db,
        budgetMs,
        async (trx) => {
          const result = await sql<{ id: string }>`
            SELECT s.id::text AS id
            FROM unnest(${ids}::bigint[]) AS p (id)
            JOIN sessions s ON s.tenant_id = ${scope.tenantId} AND s.id = p.id
            WHERE ${scopeConditions(scope)}`.execute(trx);
          return result.rows.map((row) => row.id);
        },
        { enable_bitmapscan: 'off' },
      );
    },

    /** The planner's estimate of how many sessions match. */
    async estimateCount(scope: ListScope): Promise<number> {
      return planRows(db, sql`SELECT 1 FROM sessions s WHERE ${scopeConditions(scope)}`);
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
