import { sql, type RawBuilder } from 'kysely';
import { staticColumns, type Column } from '../../../common/columns';
import { invalid } from '../../platform/errors';
import { resolveColumn } from '../sessions/session-columns';
import { enumLabel } from '../../../common/labels';
import { booleanLabel, type ExportLanguage } from './export-labels';

/**
 * The columns of an export: chosen by id from the sessions column catalogue (common/columns.ts), read
 * with the catalogue's own SQL (server/modules/sessions/session-columns.ts) and formatted for people.
 * Times are formatted by PostgreSQL in the requested time zone (fast, and exactly what Excel parses);
 * names of operators, groups, chatbots and widgets come from lookups loaded once per export.
 */

export const MAX_EXPORT_COLUMNS = 200;

export interface ExportColumn {
  id: string;
  column: Column;
  /** The value read from `s` (a sessions row) for formatting in Node. */
  select: RawBuilder<unknown>;
  /** The value itself, in its own SQL type (arrays as arrays), for cells PostgreSQL renders. */
  value: RawBuilder<unknown>;
}

/** Names of the tenant's referenced rows, by id. */
export interface Lookups {
  users: Map<string, string>;
  groups: Map<string, string>;
  chatbots: Map<string, string>;
  widgets: Map<string, string>;
}

const EXCEL_TIME = 'YYYY-MM-DD HH24:MI:SS';

/** The same "up to now" values the list shows for live sessions (session.repository.ts, itemFields). */
const computed: Record<string, RawBuilder<unknown>> = {
  waitingTime: sql`coalesce(s.waiting_seconds, CASE
    WHEN s.accepted_at IS NOT NULL THEN extract(epoch FROM s.accepted_at - s.created_at)
    WHEN s.status <> 'closed' THEN extract(epoch FROM now() - s.created_at) END)::int`,
  duration: sql`coalesce(s.duration_seconds, CASE
    WHEN s.status <> 'closed' AND s.accepted_at IS NOT NULL THEN extract(epoch FROM now() - s.accepted_at) END)::int`,
};

export const defaultExportColumns = (): string[] =>
  staticColumns.filter((column) => column.defaultVisible).map((column) => column.id);

/** `columns=a,b,c` (or the default-visible set) → the export's columns, in the given order. */
export function exportColumns(ids: readonly string[], timeZone: string): ExportColumn[] {
  if (ids.length === 0) throw invalid('columns: name at least one column.', { parameter: 'columns' });
  if (ids.length > MAX_EXPORT_COLUMNS) {
    throw invalid(`columns: at most ${MAX_EXPORT_COLUMNS} columns.`, { parameter: 'columns' });
  }
  const seen = new Set<string>();
  const result: ExportColumn[] = [];
  for (const id of ids) {
    const resolved = resolveColumn(id);
    if (!resolved) {
      throw invalid(`columns: "${id.slice(0, 100)}" is not a column; see GET /api/v1/sessions/columns.`, {
        parameter: 'columns',
      });
    }
    if (seen.has(id)) continue;
    seen.add(id);
    const expr = computed[id] ?? resolved.sql.expr;
    const select =
      resolved.column.type === 'datetime'
        ? sql`to_char(${expr} AT TIME ZONE ${timeZone}::text, ${EXCEL_TIME}::text)`
        : resolved.column.type === 'id' || resolved.column.type === 'ref'
          ? sql`(${expr})::text`
          : resolved.column.type === 'people'
            ? // A comma-separated string parses faster than a PostgreSQL array; names are looked up in JS.
              sql`array_to_string(${expr}, ',')`
            : resolved.column.type === 'tags'
              ? sql`array_to_string(${expr}, ', ')`
              : expr;
    result.push({ id, column: resolved.column, select, value: expr });
  }
  return result;
}

/** The header of a column in the chosen language; times name their zone, durations their unit. */
export function columnHeader(column: Column, lang: ExportLanguage, timeZone: string): string {
  if (column.type === 'duration') return `${column.label[lang]} (s)`;
  if (column.type === 'datetime') return `${column.label[lang]} (${timeZone})`;
  return column.label[lang];
}

function asText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** The names a reference column shows, by id; undefined for references shown as their id. */
export function namesOf(columnId: string, lookups: Lookups): Map<string, string> | undefined {
  return columnId === 'group'
    ? lookups.groups
    : columnId === 'chatbot'
      ? lookups.chatbots
      : columnId === 'widget'
        ? lookups.widgets
        : undefined;
}

const nameOf = (map: Map<string, string>, id: string): string => map.get(id) ?? `#${id}`;

/** One value as a cell: text, a number, or null for "no value". */
export function formatValue(
  column: Column,
  raw: unknown,
  lookups: Lookups,
  lang: ExportLanguage,
): string | number | null {
  if (raw === null || raw === undefined) return null;
  switch (column.type) {
    case 'enum':
      return enumLabel(column.id, asText(raw), lang);
    case 'boolean':
      return booleanLabel(raw === true || raw === 'true', lang);
    case 'duration':
    case 'number':
      return typeof raw === 'number' ? raw : Number(raw);
    case 'people': {
      const ids = asText(raw);
      return ids === ''
        ? ''
        : ids
            .split(',')
            .map((id) => nameOf(lookups.users, id))
            .join(', ');
    }
    case 'ref': {
      const id = asText(raw);
      const map = namesOf(column.id, lookups);
      return map ? nameOf(map, id) : id;
    }
    case 'tags':
      return asText(raw);
    case 'id':
    case 'text':
    case 'datetime':
      return asText(raw);
  }
}
