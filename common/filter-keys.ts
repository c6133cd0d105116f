import { PARAM_PREFIX } from './columns';

/**
 * The grammar of a filter's query-string key, shared by the server's parser and the UI: a column id
 * (`channel`, `param.order.number`) optionally followed by an operator suffix (`createdAt.min`,
 * `pageUrl.contains`, `param.vip.empty`). Parameter names may contain dots, so only a known suffix
 * after the last dot is an operator, and `param.<suffix>` is the parameter named like the suffix.
 */
export const filterSuffixes = ['min', 'max', 'contains', 'empty'] as const;
export type FilterSuffix = (typeof filterSuffixes)[number];

const isSuffix = (value: string): value is FilterSuffix =>
  (filterSuffixes as readonly string[]).includes(value);

export function splitFilterKey(key: string): { column: string; op: FilterSuffix | undefined } {
  const dot = key.lastIndexOf('.');
  if (dot > 0) {
    const column = key.slice(0, dot);
    const suffix = key.slice(dot + 1);
    if (isSuffix(suffix) && `${column}.` !== PARAM_PREFIX) return { column, op: suffix };
  }
  return { column: key, op: undefined };
}
