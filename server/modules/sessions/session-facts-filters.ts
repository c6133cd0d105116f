import type { Filter } from './session-filters';
import { specById, type TenantFacts } from './session-facts-memory';
import { DictStore, type Dictionary, type MultiStore, type NumberStore } from './session-facts-stores';

/**
 * Filters as passes over the facet index's memory: each clears the rows of the sessions it does not
 * let through, exactly as its SQL condition does (session-sql.ts, `filterCondition`).
 */

export type CompiledFilter = (facts: TenantFacts, matched: Uint8Array) => void;

/** A value filter's codes as a lookup table (1 = the code passes). */
function passing(
  dict: Dictionary,
  values: readonly string[],
  includeEmpty: boolean,
  text: boolean,
): Uint8Array {
  const table = new Uint8Array(dict.values.length + 1);
  for (const value of values) {
    const code = dict.find(value);
    if (code !== undefined) table[code] = 1;
  }
  if (includeEmpty) {
    table[0] = 1;
    const blank = text ? dict.find('') : undefined;
    if (blank !== undefined) table[blank] = 1;
  }
  return table;
}

/** Clears the matched rows whose code in a dictionary column does not pass (`passing`). */
function keepCodes(facts: TenantFacts, store: DictStore, passes: Uint8Array, matched: Uint8Array): void {
  const codes = store.codes;
  for (let row = 0; row < facts.size; row++) if (matched[row] && !passes[codes[row]!]) matched[row] = 0;
}

/**
 * A filter as a pass over the index, or undefined when the index cannot apply it exactly. `bounds`
 * holds range values of time columns converted by PostgreSQL (µs since the epoch), so a date-time
 * without an offset means what it means in SQL.
 */
export function compile(
  filter: Filter,
  bounds: ReadonlyMap<string, number>,
  facts: TenantFacts,
): CompiledFilter | undefined {
  if (filter.column.paramName !== undefined) return compileParam(filter, filter.column.paramName, facts);
  const kept = specById.get(filter.columnId);
  if (!kept) return undefined;
  const { spec, index } = kept;
  if (filter.op === 'in' && spec.kind !== 'number') {
    return (facts, matched) => {
      const store = facts.stores[index] as DictStore | MultiStore;
      if (store instanceof DictStore) {
        // (empty) is NULL, or '' for text, as in SQL.
        keepCodes(facts, store, passing(store.dict, filter.values, filter.includeEmpty, spec.text), matched);
        return;
      }
      // Arrays: any element among the values (`&&`), or (empty) = no elements at all.
      const table = passing(store.dict, filter.values, false, spec.text);
      for (let row = 0; row < facts.size; row++) {
        if (!matched[row]) continue;
        let pass = filter.includeEmpty && store.lengths[row] === 0;
        if (!pass) store.forEach(row, (code) => (pass ||= table[code] === 1));
        if (!pass) matched[row] = 0;
      }
    };
  }
  if ((filter.op === 'min' || filter.op === 'max') && spec.kind === 'number') {
    const bound = spec.time ? bounds.get(filter.value) : Number(filter.value);
    if (bound === undefined || Number.isNaN(bound)) return undefined;
    const atLeast = filter.op === 'min';
    return (facts, matched) => {
      const values = (facts.stores[index] as NumberStore).values;
      for (let row = 0; row < facts.size; row++) {
        // NaN (NULL) passes neither bound, as in SQL.
        const value = values[row]!;
        if (matched[row] && !(atLeast ? value >= bound : value <= bound)) matched[row] = 0;
      }
    };
  }
  return undefined;
}

/**
 * A parameter's filter, when the tenant's index holds the parameter (`ParamStore`; which it holds is
 * fixed for the index, so the pass stays valid for it): its values (`params @> {"name": "value"}`, a
 * string equal to one of them; (empty): NULL or '') and whether it is empty. Text contained in a value
 * (`ILIKE`, PostgreSQL's case rules) is left to SQL.
 */
function compileParam(filter: Filter, name: string, facts: TenantFacts): CompiledFilter | undefined {
  if (!facts.param(name)) return undefined;
  const rowsWhere =
    (table: (dict: Dictionary) => Uint8Array): CompiledFilter =>
    (of, matched) => {
      const store = of.param(name)!;
      keepCodes(of, store, table(store.dict), matched);
    };
  if (filter.op === 'in') {
    return rowsWhere((dict) => passing(dict, filter.values, filter.includeEmpty, true));
  }
  if (filter.op === 'empty') {
    return rowsWhere((dict) => {
      const empty = passing(dict, [], true, true);
      return filter.value ? empty : empty.map((pass) => 1 - pass);
    });
  }
  return undefined;
}

/** What identifies a set of filters (time bounds are read the same way every time). */
export function filtersKey(filters: readonly Filter[]): string {
  return JSON.stringify(
    filters.map((filter) =>
      filter.op === 'in'
        ? [filter.columnId, filter.op, filter.values, filter.includeEmpty]
        : [filter.columnId, filter.op, filter.value],
    ),
  );
}

/** The rows passing the filters, shared by every answer under the same filters until a change. */
export function matchedBy(
  facts: TenantFacts,
  compiled: readonly CompiledFilter[],
  filters: readonly Filter[],
) {
  return facts.remember(`match ${filtersKey(filters)}`, () => facts.match(compiled));
}
