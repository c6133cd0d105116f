import { sql, type RawBuilder } from 'kysely';
import {
  EMPTY_VALUE,
  PARAM_PREFIX,
  staticColumns,
  type Column,
  type StaticColumnId,
} from '../../../common/columns';
import { channels, clientLeftValues, endReasons, sources, statuses } from '../../../common/domain';

/**
 * How each column of the catalogue (common/columns.ts) is read, filtered, sorted and counted in SQL.
 * This is the one place that knows; the list, facets and exports build their queries from it. Every
 * expression refers to the sessions row as `s`.
 */

/** The SQL type of a column's values, for casting cursor values and filter operands. */
export type ValueType = 'text' | 'bigint' | 'int' | 'timestamptz' | 'boolean';

/** Where the names of referenced rows (operators, groups, …) come from, for facet labels. */
export type LabelSource = 'users' | 'operator_groups' | 'chatbots' | 'widgets';

export interface ColumnSql {
  /** The value as stored on the session (scalar) or the array of values (array columns). */
  expr: RawBuilder<unknown>;
  /** scalar: one value per session; array: a set of values (`&&` filters, `unnest` facets). */
  shape: 'scalar' | 'array';
  valueType: ValueType;
  nullable: boolean;
  /** Allowed values of enumerations; anything else in a filter is a 400. */
  enumValues?: readonly string[];
  labels?: LabelSource;
  /** Set for `param.<name>` columns: exact filters use `params @> {name: value}` (GIN). */
  paramName?: string;
  /** What the column sorts by when that is not its stored value (the names behind ids). */
  sortBy?: RawBuilder<unknown>;
  /**
   * The stored column whose NULLs are exactly the sort's: `left(x, 500)` is NULL when `x` is, and the
   * planner has statistics of `x`, not of `left(x, 500)` (a page of sessions without a page address
   * was planned as 147 rows of 30,000 and sorted: 160 ms instead of an index walk).
   */
  sortNullsOf?: RawBuilder<unknown>;
  /**
   * The b-tree index that serves the sort, if any; the facet index picks the pages of every other sort.
   * - `both`: a NOT NULL column, `(tenant_id, column, id)` read either way;
   * - `asc`: `(tenant_id, column, id) WHERE column IS NOT NULL` (text columns, migration 0018), both
   *   directions: the sessions with a value read forwards or backwards, then those without by id;
   * - `desc`: `(tenant_id, column DESC NULLS LAST, id DESC)`, descending only (ascending, the sessions
   *   that match a date range are the index's far end, so the facet index serves it).
   */
  sortIndex?: 'both' | 'asc' | 'desc';
}

const col = (name: string): RawBuilder<unknown> => sql.ref(`s.${name}`);

const scalar = (
  name: string,
  valueType: ValueType,
  nullable: boolean,
  extra: Partial<ColumnSql> = {},
): ColumnSql => ({ expr: col(name), shape: 'scalar', valueType, nullable, ...extra });

export const columnSql: Record<StaticColumnId, ColumnSql> = {
  id: scalar('id', 'bigint', false, { sortIndex: 'both' }),
  externalId: scalar('external_id', 'text', true, { sortIndex: 'asc' }),
  status: scalar('status', 'text', false, { enumValues: statuses }),
  channel: scalar('channel', 'text', false, { enumValues: channels }),
  source: scalar('source', 'text', false, { enumValues: sources }),
  createdAt: scalar('created_at', 'timestamptz', false, { sortIndex: 'both' }),
  acceptedAt: scalar('accepted_at', 'timestamptz', true),
  endedAt: scalar('ended_at', 'timestamptz', true, { sortIndex: 'desc' }),
  waitingTime: scalar('waiting_seconds', 'int', true, { sortIndex: 'desc' }),
  duration: scalar('duration_seconds', 'int', true, { sortIndex: 'desc' }),
  operator: {
    expr: col('operator_ids'),
    shape: 'array',
    valueType: 'bigint',
    nullable: false,
    labels: 'users',
    // The first operator's name (who took the session first). No index serves it: the facet index
    // (session-facts.ts) ranks the names and picks the page; without it, a scan of the filtered sessions.
    sortBy: sql`(SELECT u.name FROM users u WHERE u.tenant_id = s.tenant_id AND u.id = s.operator_ids[1])`,
  },
  group: scalar('group_id', 'bigint', true, {
    labels: 'operator_groups',
    sortBy: sql`(SELECT g.name FROM operator_groups g WHERE g.tenant_id = s.tenant_id AND g.id = s.group_id)`,
  }),
  chatbot: scalar('chatbot_id', 'bigint', true, { labels: 'chatbots' }),
  endReason: scalar('end_reason', 'text', true, { enumValues: endReasons }),
  clientLeft: scalar('client_left', 'text', true, { enumValues: clientLeftValues }),
  // Longer than a b-tree entry may hold: sorted by the first 500 characters (migration 0018).
  pageUrl: scalar('page_url', 'text', true, {
    sortBy: sql`left(s.page_url, 500)`,
    sortNullsOf: col('page_url'),
    sortIndex: 'asc',
  }),
  widget: scalar('widget_id', 'bigint', true, { labels: 'widgets' }),
  clientName: scalar('client_name', 'text', true, { sortIndex: 'asc' }),
  clientEmail: scalar('client_email', 'text', true, { sortIndex: 'asc' }),
  clientPhone: scalar('client_phone', 'text', true, { sortIndex: 'asc' }),
  clientIp: scalar('client_ip', 'text', true, { sortIndex: 'asc' }),
  language: scalar('client_language', 'text', true),
  browser: scalar('client_browser', 'text', true),
  os: scalar('client_os', 'text', true),
  tags: { expr: col('tags'), shape: 'array', valueType: 'text', nullable: false },
  rating: scalar('rating', 'int', true),
  feedback: scalar('feedback', 'text', true, {
    sortBy: sql`left(s.feedback, 500)`,
    sortNullsOf: col('feedback'),
    sortIndex: 'asc',
  }),
  messageCount: scalar('message_count', 'int', false),
  hasRecording: scalar('has_recording', 'boolean', false),
  banned: scalar('banned', 'boolean', false),
  restoredFrom: scalar('restored_from_id', 'bigint', true),
  restoredAs: scalar('restored_as_id', 'bigint', true),
};

const staticById = new Map<string, Column>(staticColumns.map((column) => [column.id, column]));

export function isParamColumn(id: string): boolean {
  return id.startsWith(PARAM_PREFIX) && id.length > PARAM_PREFIX.length;
}

export function paramName(id: string): string {
  return id.slice(PARAM_PREFIX.length);
}

/** A parameter column: `params ->> name`, text. */
export function paramColumnSql(name: string): ColumnSql {
  return {
    expr: sql`(s.params ->> ${name}::text)`,
    shape: 'scalar',
    valueType: 'text',
    nullable: true,
    paramName: name,
  };
}

/** The catalogue entry and SQL of a column id, static or `param.<name>`; undefined when unknown. */
export function resolveColumn(id: string): { column: Column; sql: ColumnSql } | undefined {
  const known = staticById.get(id);
  if (known) return { column: known, sql: columnSql[known.id as StaticColumnId] };
  if (isParamColumn(id) && paramName(id).length <= 200) {
    return {
      column: {
        id,
        label: { cs: paramName(id), en: paramName(id) },
        type: 'text',
        filter: 'values',
        sortable: true,
        defaultVisible: false,
      },
      sql: paramColumnSql(paramName(id)),
    };
  }
  return undefined;
}

/** `value::type`, so parameters compare with the column in its own type. */
export function typed(value: unknown, valueType: ValueType): RawBuilder<unknown> {
  switch (valueType) {
    case 'text':
      return sql`${value}::text`;
    case 'bigint':
      return sql`${value}::bigint`;
    case 'int':
      return sql`${value}::int`;
    case 'timestamptz':
      return sql`${value}::timestamptz`;
    case 'boolean':
      return sql`${value}::boolean`;
  }
}

/** Typed array parameter. */
export function typedArray(values: readonly string[], valueType: ValueType): RawBuilder<unknown> {
  switch (valueType) {
    case 'text':
      return sql`${values}::text[]`;
    case 'bigint':
      return sql`${values}::bigint[]`;
    case 'int':
      return sql`${values}::int[]`;
    case 'timestamptz':
      return sql`${values}::timestamptz[]`;
    case 'boolean':
      return sql`${values}::boolean[]`;
  }
}

export { EMPTY_VALUE };
