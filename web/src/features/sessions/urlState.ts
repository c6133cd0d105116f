import { DEFAULT_SORT } from '../../../../common/columns';
import { splitFilterKey as splitCommonFilterKey, type FilterSuffix } from '../../../../common/filter-keys';

/**
 * The screen's state lives in the address, so a copied link reproduces it and Back works:
 * `view`, `q`, `sort`, `cols` (column override), `open` + `tab` + `hit` (the detail panel) and every
 * filter under exactly the name the API uses (`channel=whatsapp,messenger`, `createdAt.min=…`).
 */

export type View = 'history' | 'live';
export const detailTabs = ['transcript', 'info', 'params', 'notes', 'routing', 'recordings'] as const;
export type DetailTab = (typeof detailTabs)[number];

const reserved = new Set(['view', 'q', 'sort', 'cols', 'open', 'tab', 'hit', 'cursor', 'limit', 'search']);

export interface ScreenState {
  view: View;
  q: string;
  sort: string;
  /** Column ids from the link, overriding the user's saved choice; null = use the saved choice. */
  cols: string[] | null;
  /** API filter parameters, sorted by name. */
  filters: [string, string][];
  open: string | null;
  tab: DetailTab;
  hit: string | null;
}

export function readState(params: URLSearchParams): ScreenState {
  const filters: [string, string][] = [];
  for (const [key, value] of params) {
    if (!reserved.has(key) && isFilterKey(key) && value !== '') filters.push([key, value]);
  }
  filters.sort(([a], [b]) => a.localeCompare(b));
  const tab = params.get('tab');
  const cols = params.get('cols');
  return {
    view: params.get('view') === 'live' ? 'live' : 'history',
    q: params.get('q') ?? '',
    sort: params.get('sort') || DEFAULT_SORT,
    cols: cols ? cols.split(',').filter((id) => id !== '') : null,
    filters,
    open: params.get('open') || null,
    tab: (detailTabs as readonly string[]).includes(tab ?? '') ? (tab as DetailTab) : 'transcript',
    hit: params.get('hit') || null,
  };
}

export function writeState(state: ScreenState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.view === 'live') params.set('view', 'live');
  if (state.q.trim() !== '') params.set('q', state.q);
  if (state.sort !== DEFAULT_SORT) params.set('sort', state.sort);
  if (state.cols) params.set('cols', state.cols.join(','));
  for (const [key, value] of state.filters) params.set(key, value);
  if (state.open) {
    params.set('open', state.open);
    if (state.tab !== 'transcript') params.set('tab', state.tab);
    if (state.hit) params.set('hit', state.hit);
  }
  return params;
}

/** A filter parameter names a column (`channel`, `param.vip`) optionally with an operator suffix. */
export function isFilterKey(key: string): boolean {
  return /^[A-Za-z][\w]*(\.[\w-]+)*$/.test(key) || key.startsWith('param.');
}

/** `createdAt.min` → { column: 'createdAt', op: 'min' }; `param.vip.contains` → { column: 'param.vip', op: 'contains' }. */
export function splitFilterKey(key: string): { column: string; op: FilterSuffix | 'is' } {
  const { column, op } = splitCommonFilterKey(key);
  return { column, op: op ?? 'is' };
}

/** The list query: everything that decides which sessions are listed and in which order. */
export function listParams(
  state: Pick<ScreenState, 'view' | 'q' | 'sort' | 'filters'>,
): Record<string, string> {
  const params: Record<string, string> = { view: state.view, sort: state.sort };
  if (state.q.trim() !== '') params.q = state.q.trim();
  for (const [key, value] of state.filters) params[key] = value;
  return params;
}

/** The same query without one column's own filters, for that column's facet counts. */
export function paramsWithoutColumn(params: Record<string, string>, column: string): Record<string, string> {
  const rest: Record<string, string> = {};
  for (const [key, value] of Object.entries(params)) {
    if (key === 'sort') continue;
    if (splitFilterKey(key).column === column) continue;
    rest[key] = value;
  }
  return rest;
}

/** Comma-separated values; the API does not escape commas, so values never contain them here either. */
export function splitValues(value: string | undefined): string[] {
  return value ? value.split(',').filter((v) => v !== '') : [];
}
