import type { Filter } from './session-filters';
import { filtersKey, matchedBy } from './session-facts-filters';
import { factsFacet, type FactCount, type TenantFacts } from './session-facts-memory';
import type { PageIndex } from './session-facts-pages';
import type { WordSample } from './session-facts-words';
import type { FactsAsk } from './session-facts';
import { MATCHES_KEEP_MS } from './session-facts-postings';
import type { TsqueryPart } from '../search/content-query';

/**
 * A content search's estimates from the facet index's sample of search documents (session-facts-words.ts):
 * how many sessions passing some filters match it, and a kept column's facet among them, counted on the
 * sampled sessions and scaled up, with no document read.
 */

/** An estimated count to two significant digits (never 0: the sample saw it). */
function roughly(count: number): number {
  if (count < 10) return Math.max(1, Math.round(count));
  const unit = 10 ** (Math.floor(Math.log10(count)) - 1);
  return Math.round(count / unit) * unit;
}

/** A sample's counts, each standing for `scale` sessions (to two significant digits unless 1). */
export function scaled(counts: FactCount[], scale: number): FactCount[] {
  return scale === 1 ? counts : counts.map((fact) => ({ ...fact, count: roughly(fact.count * scale) }));
}

/**
 * What the index lends: a tenant's facts brought up to date with the filters as passes, its sample, and its
 * postings of common words.
 */
export type SearchIndex = Pick<PageIndex, 'passesOf'> & {
  sampleOf: (tenantId: string, facts: TenantFacts) => WordSample | undefined;
  hitsOf: PageIndex['hitsOf'];
  /** The index's clock (a search's exact count is kept as long as its matches: MATCHES_KEEP_MS). */
  now: () => number;
};

/**
 * At most this many sessions written since the postings were read are confirmed in SQL for an exact
 * count (~2–4 ms a thousand, each read by key); more, and the count is estimated from the sample.
 */
export const CONFIRM_MAX = 5_000;

export function factsSearch({ passesOf, sampleOf, hitsOf, now }: SearchIndex) {
  /**
   * The History sessions passing the filters that match a content search, exactly, by the postings of
   * common words (session-facts-postings.ts); those written since they were read confirmed by `confirm`
   * (SQL: which of the ids match). Undefined when the postings cannot answer (not read, a phrase, too
   * many rare words, too many written since) or `confirm` gives up.
   */
  async function searchPassing(
    tenantId: string,
    filters: readonly Filter[],
    parts: readonly TsqueryPart[],
    confirm: (ids: string[]) => Promise<string[] | undefined>,
    ask: FactsAsk,
  ) {
    const got = await passesOf(tenantId, filters, ask);
    if (!got) return undefined;
    const { facts, compiled } = got;
    // Until the next change the index reads, for as long as the search's matches are kept: a list's
    // total, its count and filter lists ask alike.
    const key = `search ${filtersKey(filters)} ${JSON.stringify(parts)}`;
    const compute = async () => {
      const searched = await hitsOf(tenantId, facts, parts);
      if (!searched) return undefined;
      const { postings, hits } = searched;
      const split = postings.split(matchedBy(facts, compiled, filters), hits, facts.size);
      if (split.unsure.length > CONFIRM_MAX) return undefined;
      if (split.unsure.length > 0) {
        const kept = await confirm(facts.idsOf(split.unsure));
        if (!kept) return undefined;
        const confirmed = facts.passOf(kept);
        for (const row of split.unsure) split.pass[row] = confirmed[row]!;
      }
      return { pass: split.pass, count: facts.count(split.pass), at: now() };
    };
    let pass = await facts.remember(key, compute);
    if (pass && now() - pass.at >= MATCHES_KEEP_MS) {
      facts.forget(key);
      pass = await facts.remember(key, compute);
    }
    // Not answered now (the postings not read yet, SQL gave up): asked again next time.
    if (!pass) facts.forget(key);
    return pass && { facts, ...pass };
  }

  /** How many History sessions pass the filters and match a content search, exactly (`searchPassing`). */
  async function countSearch(
    tenantId: string,
    filters: readonly Filter[],
    parts: readonly TsqueryPart[],
    confirm: (ids: string[]) => Promise<string[] | undefined>,
    ask: FactsAsk,
  ): Promise<number | undefined> {
    return (await searchPassing(tenantId, filters, parts, confirm, ask))?.count;
  }

  /** The History facet of a kept column under filters and a content search, exactly (`searchPassing`). */
  async function searchFacet(
    tenantId: string,
    columnId: string,
    filters: readonly Filter[],
    parts: readonly TsqueryPart[],
    confirm: (ids: string[]) => Promise<string[] | undefined>,
    ask: FactsAsk,
  ): Promise<FactCount[] | undefined> {
    if (!factsFacet(columnId)) return undefined;
    const found = await searchPassing(tenantId, filters, parts, confirm, ask);
    return found && found.facts.facet(columnId, found.pass);
  }

  /**
   * The sampled sessions (session-facts-words.ts) passing the filters that match a content search
   * (`rows`), how many sessions each stands for (`scale`: the sessions passing the filters over the
   * sampled ones that do) and how many pass the filters (`population`). Undefined when the index cannot
   * answer: a filter it does not serve, no sample yet, a search the sample cannot evaluate, no sampled
   * session passing the filters.
   */
  async function searchedSample(
    tenantId: string,
    filters: readonly Filter[],
    parts: readonly TsqueryPart[],
    ask: FactsAsk,
  ) {
    const got = await passesOf(tenantId, filters, ask);
    if (!got) return undefined;
    const { facts, compiled } = got;
    const sample = sampleOf(tenantId, facts);
    const hits = sample?.matches(parts);
    if (!sample || !hits) return undefined;
    const matched = matchedBy(facts, compiled, filters);
    const rows: number[] = [];
    let passing = 0;
    for (let place = 0; place < hits.length; place++) {
      const row = sample.rows[place]!;
      // A session written since the sample was read may hold other words now.
      if (!matched[row] || sample.changed.has(row)) continue;
      passing++;
      if (hits[place]) rows.push(row);
    }
    if (passing === 0) return undefined;
    const population = facts.remember(`count ${filtersKey(filters)}`, () => facts.count(matched));
    return { facts, rows, scale: population / passing, population };
  }

  /**
   * An estimate of how many History sessions pass the filters and match a content search, from the
   * tenant's sample of search documents, with no document read (`searchedSample`); `seen`: how many
   * sampled sessions matched (its precision), `population`: how many pass the filters.
   */
  async function estimateSearch(
    tenantId: string,
    filters: readonly Filter[],
    parts: readonly TsqueryPart[],
    ask: FactsAsk,
  ): Promise<{ count: number; seen: number; population: number } | undefined> {
    const found = await searchedSample(tenantId, filters, parts, ask);
    if (!found) return undefined;
    const { rows, scale, population } = found;
    return { count: Math.round(rows.length * scale), seen: rows.length, population };
  }

  /**
   * An estimate of the History facet of a kept column under filters and a content search, from the
   * tenant's sample of search documents (`searchedSample`): each value's count among the matching
   * sampled sessions, scaled up; `seen` and `population` as for `estimateSearch`.
   */
  async function estimateSearchFacet(
    tenantId: string,
    columnId: string,
    filters: readonly Filter[],
    parts: readonly TsqueryPart[],
    ask: FactsAsk,
  ): Promise<{ counts: FactCount[]; seen: number; population: number } | undefined> {
    if (!factsFacet(columnId)) return undefined;
    const found = await searchedSample(tenantId, filters, parts, ask);
    if (!found) return undefined;
    const { facts, rows, scale, population } = found;
    const pass = new Uint8Array(facts.size);
    for (const row of rows) pass[row] = 1;
    const counts = facts.facet(columnId, pass);
    if (!counts) return undefined;
    return {
      counts: scaled(counts, scale),
      seen: rows.length,
      population,
    };
  }

  return { countSearch, estimateSearch, estimateSearchFacet, searchFacet };
}
