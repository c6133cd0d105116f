import type { Filter } from './session-filters';
import { filtersKey, matchedBy, type CompiledFilter } from './session-facts-filters';
import { factsFacet, type FactCount, type TenantFacts } from './session-facts-memory';
import { scaled } from './session-facts-search';
import type { FactsAsk } from './session-facts';

/**
 * The facet index's estimates under filters it cannot apply (a content search, text filters, a
 * parameter it does not hold): a systematic sample of the sessions passing the filters it can apply,
 * checked in SQL against every condition, counted and scaled up.
 */

/** A parted sample is checked this many parts at a time. */
const PARTS_AT_ONCE = 2;

/**
 * A sampled share of sessions that pass a check (a content search) is reused this long: the same list
 * asked again (back from a session's detail, another sort, the columns changed) gets its estimate from
 * the share and the filters' current population instead of checking a sample again (2,000 documents,
 * two-thirds of a common word's first page at a million sessions). A word's share of a tenant's sessions
 * moves far less in two minutes than the sample's own ±10 %.
 */
export const SHARE_KEEP_MS = 120_000;
/** At most this many shares are kept (the least recently drawn goes first). */
const SHARES_KEPT = 256;

/** What the samples are drawn from: a tenant's facts brought up to date, with the filters it can apply. */
export interface SampleIndex {
  servedOf: (
    tenantId: string,
    filters: readonly Filter[],
    ask: FactsAsk,
  ) => Promise<{ facts: TenantFacts; served: Filter[]; compiled: CompiledFilter[] } | undefined>;
  /** The index's clock (a share is kept SHARE_KEEP_MS). */
  now: () => number;
}

export function factsSamples({ servedOf, now }: SampleIndex) {
  /** Shares of samples that passed a check, by tenant, filters and check (`estimateCount`). */
  const shares = new Map<string, { share: number; at: number }>();

  /**
   * The sessions passing the filters the index serves (a sample's population), and how many; undefined
   * when the index cannot answer.
   */
  async function servedBy(tenantId: string, filters: readonly Filter[], ask: FactsAsk) {
    const got = await servedOf(tenantId, filters, ask);
    if (!got) return undefined;
    const { facts, served, compiled } = got;
    const matched = matchedBy(facts, compiled, served);
    const population = facts.remember(`count ${filtersKey(served)}`, () => facts.count(matched));
    return { facts, served, matched, population };
  }

  /**
   * A systematic sample of `sampleSize` of the History sessions passing the filters the index can
   * apply (`servedBy`), and those of them `check` (SQL, with every condition of the scope: the other
   * filters, a content search, the caller's visibility) keeps, of `checked`; `scale` is how many
   * sessions each stands for (1: the sample is all of them). Undefined when `check` gives up.
   *
   * With `parted`, the sample is checked in interleaved parts of `part` sessions, two at a time (each a
   * systematic sample of the whole), stopping once `enough` sessions matched or when `check` gives up
   * (then the parts checked before are the sample): a common word is estimated from 2,000 sessions
   * instead of 5,000 (each a heap read of its search document), a rarer one from as many as time allows.
   */
  async function sampled(
    { facts, served, matched, population }: NonNullable<Awaited<ReturnType<typeof servedBy>>>,
    sampleSize: number,
    check: (ids: string[]) => Promise<string[] | undefined>,
    parted?: { part: number; enough: number },
  ) {
    const sample = facts.remember(`sample ${sampleSize} ${filtersKey(served)}`, () =>
      facts.idsOf(facts.sample(matched, sampleSize)),
    );
    if (sample.length === 0) return { matching: [], checked: 0, scale: 1 };
    const parts = parted ? Math.ceil(sample.length / parted.part) : 1;
    const enough = parted?.enough ?? Number.POSITIVE_INFINITY;
    const matching: string[] = [];
    let checked = 0;
    // Two parts at a time, each on its own connection (a common word needs two parts of 1,000).
    for (let part = 0; part < parts && matching.length < enough; part += PARTS_AT_ONCE) {
      const batch = Array.from({ length: Math.min(PARTS_AT_ONCE, parts - part) }, (_, i) =>
        parts === 1 ? sample : sample.filter((_, at) => at % parts === part + i),
      );
      const found = await Promise.all(batch.map((ids) => check(ids)));
      found.forEach((ids, i) => {
        if (ids === undefined) return;
        matching.push(...ids);
        checked += batch[i]!.length;
      });
      if (found.includes(undefined)) break;
    }
    if (checked === 0) return undefined;
    return { matching, checked, scale: population / checked };
  }

  /**
   * An estimate of the History facet of a kept column under filters and a content search the index
   * cannot apply (see `sampled`): each value's count among the sample's matching sessions, scaled up
   * by how many the sample stands for. When the sample is every such session the counts are exact
   * (`exact`); `seen` is how many sessions of the sample matched. Undefined when the index cannot
   * answer or `check` gives up.
   */
  async function estimateFacet(
    tenantId: string,
    columnId: string,
    filters: readonly Filter[],
    sampleSize: number,
    check: (ids: string[]) => Promise<string[] | undefined>,
    ask: FactsAsk,
  ): Promise<{ counts: FactCount[]; exact: boolean; seen: number } | undefined> {
    if (!factsFacet(columnId)) return undefined;
    const passing = await servedBy(tenantId, filters, ask);
    const found = passing && (await sampled(passing, sampleSize, check));
    if (!found) return undefined;
    const { matching, scale } = found;
    const { facts } = passing;
    const counts = facts.facet(columnId, facts.passOf(matching));
    if (!counts) return undefined;
    return {
      counts: scaled(counts, scale),
      exact: scale === 1,
      seen: matching.length,
    };
  }

  /**
   * An estimate of how many History sessions match, as for `estimateFacet` (exact when `exact`).
   * With `checkKey` (what `check` applies beyond `filters`), an estimate's share of its sample is kept
   * for SHARE_KEEP_MS and applied to the filters' population as it is then; an exact count is not kept.
   */
  async function estimateCount(
    tenantId: string,
    filters: readonly Filter[],
    sample: { size: number; part: number; enough: number },
    check: (ids: string[]) => Promise<string[] | undefined>,
    ask: FactsAsk,
    checkKey?: string,
  ): Promise<{ count: number; exact: boolean } | undefined> {
    const passing = await servedBy(tenantId, filters, ask);
    if (!passing) return undefined;
    const key = checkKey === undefined ? undefined : `${tenantId} ${filtersKey(filters)} ${checkKey}`;
    const kept = key === undefined ? undefined : shares.get(key);
    // A population the sample would now cover whole is counted exactly instead.
    if (kept && now() - kept.at < SHARE_KEEP_MS && passing.population > sample.size)
      return { count: Math.round(kept.share * passing.population), exact: false };
    const found = await sampled(passing, sample.size, check, sample);
    if (!found) return undefined;
    const { matching, checked, scale } = found;
    const exact = scale === 1;
    if (key !== undefined && !exact) {
      shares.delete(key);
      if (shares.size >= SHARES_KEPT) shares.delete(shares.keys().next().value!);
      shares.set(key, { share: matching.length / checked, at: now() });
    }
    return { count: Math.round(matching.length * scale), exact };
  }

  return { estimateFacet, estimateCount };
}
