import { EMPTY_VALUE } from '../../../common/columns';
import { splitFilterKey } from '../../../common/filter-keys';
import { invalid } from '../../platform/errors';
import { isParamColumn, resolveColumn, type ColumnSql } from './session-columns';

/**
 * Per-column filters as they arrive in the query string (`channel=whatsapp,messenger`,
 * `createdAt.min=…`, `pageUrl.contains=…`, `param.orderId=…`), parsed and checked against the column
 * catalogue. Anything unknown or malformed is a 400 naming the parameter and what was expected.
 */

export type Filter =
  | { columnId: string; column: ColumnSql; op: 'in'; values: string[]; includeEmpty: boolean }
  | { columnId: string; column: ColumnSql; op: 'min' | 'max'; value: string }
  | { columnId: string; column: ColumnSql; op: 'eq' | 'contains'; value: string }
  | { columnId: string; column: ColumnSql; op: 'empty'; value: boolean };

export type RawQuery = Record<string, unknown>;

const MAX_VALUES = 200;
const MAX_TEXT = 1000;
const ISO_DATE_TIME =
  /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-](?:0\d|1[0-5])(?::?[0-5]\d)?)?)?$/;
const ID = /^[1-9]\d{0,17}$/;
const INTEGER = /^-?\d{1,9}$/;

/** A real calendar date-time (no 30 February), so PostgreSQL never rejects the cast. */
export function isValidTimestamp(value: string): boolean {
  const head = value.replace(' ', 'T').slice(0, 19);
  const full = head.length === 10 ? `${head}T00:00:00` : head.length === 16 ? `${head}:00` : head;
  const parsed = new Date(`${full}Z`);
  return (
    !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 19) === full && !full.startsWith('0000')
  );
}

function single(parameter: string, raw: unknown): string {
  if (typeof raw === 'string') return raw;
  throw invalid(`${parameter} may be given only once.`, { parameter });
}

function splitValues(raw: unknown): string[] {
  const parts = (Array.isArray(raw) ? raw : [raw]).filter((part): part is string => typeof part === 'string');
  return parts.flatMap((part) => part.split(',')).map((value) => value.trim());
}

/** Checks one value of a value-set filter; returns it normalised. */
function checkValue(parameter: string, column: ColumnSql, value: string): string {
  if (column.enumValues && !column.enumValues.includes(value)) {
    throw invalid(`${parameter}: "${value.slice(0, 50)}" is not one of ${column.enumValues.join(', ')}.`, {
      parameter,
    });
  }
  if (column.valueType === 'bigint' && !ID.test(value)) {
    throw invalid(`${parameter}: "${value.slice(0, 50)}" is not a numeric id.`, { parameter });
  }
  if (column.valueType === 'boolean' && value !== 'true' && value !== 'false') {
    throw invalid(`${parameter}: expected true or false.`, { parameter });
  }
  if (value.length > MAX_TEXT) throw invalid(`${parameter}: a value is too long.`, { parameter });
  return value;
}

function checkRangeValue(parameter: string, column: ColumnSql, value: string): string {
  if (column.valueType === 'timestamptz') {
    if (!ISO_DATE_TIME.test(value) || !isValidTimestamp(value)) {
      throw invalid(`${parameter}: expected an ISO 8601 date-time such as 2025-01-31T12:00:00Z.`, {
        parameter,
      });
    }
    return value;
  }
  if (!INTEGER.test(value)) throw invalid(`${parameter}: expected a whole number.`, { parameter });
  return value;
}

function parseBoolean(parameter: string, value: string): boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw invalid(`${parameter}: expected true or false.`, { parameter });
}

/**
 * Filters from the query string. `reserved` names the parameters that are not filters (view, sort, …);
 * `except` drops one column's own filters (facets).
 */
export function parseFilters(query: RawQuery, reserved: ReadonlySet<string>, except?: string): Filter[] {
  const filters: Filter[] = [];
  for (const [parameter, raw] of Object.entries(query)) {
    if (reserved.has(parameter) || raw === undefined) continue;
    const { column: columnId, op: suffix } = splitFilterKey(parameter);
    const resolved = resolveColumn(columnId);
    if (!resolved) {
      throw invalid(`Unknown parameter ${parameter.slice(0, 100)}: not a column filter or option.`, {
        parameter: parameter.slice(0, 100),
      });
    }
    if (columnId === except) continue;
    const { column, sql: columnSql } = resolved;
    const kind = isParamColumn(columnId) ? 'param' : column.filter;
    const op = suffix ?? 'eq';

    if (kind === 'values' && op === 'eq') {
      const values = splitValues(raw);
      if (values.length > MAX_VALUES)
        throw invalid(`${parameter}: at most ${MAX_VALUES} values.`, { parameter });
      const includeEmpty = values.includes(EMPTY_VALUE);
      const chosen = values.filter((value) => value !== EMPTY_VALUE && value !== '');
      if (chosen.length === 0 && !includeEmpty) {
        throw invalid(`${parameter}: expected one or more comma-separated values.`, { parameter });
      }
      filters.push({
        columnId,
        column: columnSql,
        op: 'in',
        values: [...new Set(chosen.map((value) => checkValue(parameter, columnSql, value)))],
        includeEmpty,
      });
    } else if (kind === 'range' && (op === 'min' || op === 'max')) {
      filters.push({
        columnId,
        column: columnSql,
        op,
        value: checkRangeValue(parameter, columnSql, single(parameter, raw)),
      });
    } else if ((kind === 'text' || kind === 'param') && (op === 'eq' || op === 'contains')) {
      const value = single(parameter, raw);
      if (value.length === 0 || value.length > MAX_TEXT) {
        throw invalid(`${parameter}: expected text of 1 to ${MAX_TEXT} characters.`, { parameter });
      }
      if (kind === 'param' && op === 'eq') {
        const values = [...new Set(splitValues(raw))];
        const includeEmpty = values.includes(EMPTY_VALUE);
        filters.push({
          columnId,
          column: columnSql,
          op: 'in',
          values: values.filter((v) => v !== EMPTY_VALUE && v !== '').slice(0, MAX_VALUES),
          includeEmpty,
        });
      } else if (op === 'eq' && columnSql.valueType === 'bigint' && !ID.test(value)) {
        throw invalid(`${parameter}: "${value.slice(0, 50)}" is not a numeric id.`, { parameter });
      } else {
        filters.push({ columnId, column: columnSql, op, value });
      }
    } else if ((kind === 'text' || kind === 'param') && op === 'empty') {
      filters.push({
        columnId,
        column: columnSql,
        op: 'empty',
        value: parseBoolean(parameter, single(parameter, raw)),
      });
    } else {
      const expected =
        kind === 'values'
          ? `${columnId}=v1,v2`
          : kind === 'range'
            ? `${columnId}.min= / ${columnId}.max=`
            : kind === 'text'
              ? `${columnId}=, ${columnId}.contains=, ${columnId}.empty=`
              : 'no filter';
      throw invalid(`${parameter}: the column ${columnId} is filtered with ${expected}.`, { parameter });
    }
  }
  return filters;
}
