import { resolveColumn, type ColumnSql } from './session-columns';
import { factsFacet, type FactsAsk, type SessionFacts } from './session-facts';
import type { Filter } from './session-filters';
import type { CountResult, ListScope } from './session-sql';
import type { SessionRepository } from './session.repository';

/**
 * How a total is counted. The list counts exactly up to a cap within a small budget, beside its page
 * query, so a page is never slowed; beyond that its total is an estimate of that very query (a sample
 * of the tenant's sessions checked against every filter and the content search), labelled as such.
 * `GET /sessions/count` then counts the same scope exactly within a larger budget, and the UI replaces
 * the estimate with it.
 */
export interface CountPolicy {
  /** Up to this many matching sessions are counted exactly. */
  exactCap: number;
  /** With content search the cap is lower: each match is a tsvector recheck. */
  exactSearchCap: number;
  /** Counting stops after this long (0: do not count); the total is then estimated. */
  budgetMs: number;
  /** About this many of the tenant's sessions are sampled for an estimate. */
  sampleRows: number;
  /** Sampling stops after this long; the planner's estimate is the last resort. */
  sampleBudgetMs: number;
  /**
   * A list's one searched term that the planner puts at this many times the search cap is not counted:
   * its sample is the estimate. The planner's estimates of Czech prefixes run up to ~2.2× high at a
   * million sessions, so a word it puts at ten times the cap has far more matches than the cap.
   */
  plannerSkipsCountFactor: number;
}

/**
 * How long a list's count in SQL waits for its page before it starts beside it: a page that answers
 * sooner and proves its total (a first page with no more rows) needs no count at all.
 */
export const COUNT_WAITS_FOR_PAGE_MS = 10;

/**
 * How long a search of one term waits for its page before the planner is asked whether the term is too
 * common to count (then its sample starts beside the page): an order number's page answers sooner and
 * proves its own total, and a question beside it slowed it by a fifth on two cores.
 */
export const PLANNER_WAITS_FOR_PAGE_MS = 2;

/** `needed` settles when the page answers (whether the total needs counting), or after `waitMs` as true. */
function pageGate(waitMs: number) {
  let answered: (needed: boolean) => void = () => undefined;
  const needed = new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(true), waitMs);
    answered = (value) => {
      clearTimeout(timer);
      resolve(value);
    };
  });
  return { needed, answered: (value: boolean) => answered(value) };
}

/** A content search whose sample estimates this many times the exact cap is not counted at all. */
export const SAMPLE_SKIPS_COUNT_FACTOR = 2;

export const LIST_COUNT: CountPolicy = {
  exactCap: 10_000,
  exactSearchCap: 1_000,
  budgetMs: 40,
  sampleRows: 10_000,
  sampleBudgetMs: 120,
  plannerSkipsCountFactor: 10,
};

export const FULL_COUNT: CountPolicy = {
  exactCap: 50_000_000,
  exactSearchCap: 50_000_000,
  budgetMs: 5_000,
  sampleRows: 40_000,
  sampleBudgetMs: 2_000,
  // `GET /sessions/count` counts whatever the planner thinks.
  plannerSkipsCountFactor: Infinity,
};

/**
 * Filter lists the facet index cannot count alone (content search, text and parameter filters):
 * `sampleSize` sessions passing the filters the index can apply are checked in SQL and the counts
 * scaled, labelled as estimates (`exact=true` asks for the exact count however long it takes). When
 * fewer than `fewSeen` of the sample match, SQL counts exactly if it can within `exactBudgetMs`.
 */
export interface FacetEstimatePolicy {
  sampleSize: number;
  /**
   * A list total's sample is checked in interleaved parts of `countPart` sessions until `countEnough`
   * matched (facet counts check the whole sample: each value needs its share).
   */
  countPart: number;
  countEnough: number;
  checkBudgetMs: number;
  fewSeen: number;
  exactBudgetMs: number;
}

/** `exactBudgetMs` is the FACET_RARE_COUNT_MS setting. */
export const FACET_ESTIMATE: FacetEstimatePolicy = {
  sampleSize: 5_000,
  // 400 matches: ±10 % at 95 % confidence.
  countPart: 1_000,
  countEnough: 400,
  checkBudgetMs: 1_000,
  fewSeen: 50,
  exactBudgetMs: 80,
};

/** The operator column, whose filter stands for an operator's visibility in the facet index. */
const OPERATOR_COLUMN = resolveColumn('operator')!.sql;

/**
 * Totals and filter lists beyond what counting can do in time: the facet index's exact counts, its
 * samples checked in SQL, `TABLESAMPLE`, and the planner's estimate, in that order of preference.
 */
export function sessionEstimates(
  repo: SessionRepository,
  facts: SessionFacts | undefined,
  facetEstimate: FacetEstimatePolicy,
) {
  /** The planner's idea of the tenant's History size, asked when the facet index has not loaded it. */
  const askOf = (tenantId: string, asOf: number): FactsAsk => ({
    asOf,
    size: () => repo.estimateCount({ tenantId, view: 'history', filters: [], visibility: { kind: 'all' } }),
  });

  /** History of everyone's sessions with no content search. */
  const everyone = (scope: ListScope) =>
    scope.view === 'history' && scope.search === undefined && scope.visibility.kind === 'all';

  /**
   * The filters under which the facet index counts a scope as its caller sees it: History with no
   * content search, everyone's sessions under the scope's filters, or an operator's own (visibility
   * `participant`) under those and the operator filter of that operator — the same sessions
   * (`operator_ids && [id]` is `@> [id]` for one id), which the index keeps, so an operator's console
   * counts as an administrator's does (32 → ~4 ms for an operator of 88,000 sessions at a million).
   * Undefined otherwise (and for a caller who sees nothing: SQL's `false` answers at once).
   */
  function indexedFilters(scope: ListScope): readonly Filter[] | undefined {
    return scope.search === undefined ? visibleFilters(scope) : undefined;
  }

  /** `indexedFilters` whatever the scope searches: the sessions a content search looks among. */
  function visibleFilters(scope: ListScope): readonly Filter[] | undefined {
    if (scope.view !== 'history') return undefined;
    if (scope.visibility.kind === 'all') return scope.filters;
    if (scope.visibility.kind === 'none') return undefined;
    const own: Filter = {
      columnId: 'operator',
      column: OPERATOR_COLUMN,
      op: 'in',
      values: [scope.visibility.userId],
      includeEmpty: false,
    };
    return [...scope.filters, own];
  }

  /** Which of some sessions written since the postings of common words were read match a scope. */
  const confirmOf = (scope: ListScope) => (ids: string[]) =>
    repo.matchingIds(scope, ids, facetEstimate.checkBudgetMs);

  /**
   * A content search's exact count from the facet index's postings of common words
   * (session-facts-postings.ts), under the filters it serves (everyone's sessions or an operator's own);
   * undefined when they cannot answer. Reads the index's changes: asked when a page needs a total.
   */
  function searchCount(scope: ListScope, asOf: number): Promise<number | undefined> {
    const visible = visibleFilters(scope);
    if (!facts || !scope.search || !visible || !facts.holds(scope.tenantId))
      return Promise.resolve(undefined);
    return facts.countSearch(
      scope.tenantId,
      visible,
      scope.search,
      confirmOf(scope),
      askOf(scope.tenantId, asOf),
    );
  }

  /**
   * An exact count from the facet index, when it can give one: `indexedFilters`, value and range
   * filters of the columns it keeps.
   */
  function indexedCount(scope: ListScope, asOf: number): Promise<number | undefined> {
    const filters = indexedFilters(scope);
    if (!facts || !filters) return Promise.resolve(undefined);
    return facts.count(scope.tenantId, filters, askOf(scope.tenantId, asOf));
  }

  type FacetRows = Awaited<ReturnType<typeof repo.facetValues>>;

  /**
   * The tenant's sample of search documents answers a content search (no document read) when its
   * sampled matches are as many as a SQL sample's parts stop at (the same ±10 %), and more sessions
   * pass the filters than a SQL sample would check (it would count them exactly).
   */
  const precise = (found: { seen: number; population: number } | undefined) =>
    found !== undefined &&
    found.seen >= facetEstimate.countEnough &&
    found.population > facetEstimate.sampleSize;

  /**
   * The sample of search documents' estimate of a History search as its caller sees it, however few
   * sampled sessions matched (`precise` says whether it is the total's); undefined when there is none.
   */
  async function searchSampled(scope: ListScope, asOf: number) {
    const visible = visibleFilters(scope);
    if (!facts || !scope.search || !visible || !facts.holds(scope.tenantId)) return undefined;
    return facts.estimateSearch(scope.tenantId, visible, scope.search, askOf(scope.tenantId, asOf));
  }

  /**
   * How a History page of a content search, in an order no b-tree index serves, is walked in the facet
   * index: the filters it walks under (the caller's visibility among them) and the share of the
   * sessions passing them the search matches, from the sample of search documents. Undefined when the
   * sample has not seen the search often enough (`precise`): a rarer one is found sooner through the
   * search index, its few sessions sorted.
   */
  async function searchWalk(scope: ListScope, asOf: number) {
    const visible = visibleFilters(scope);
    const found = await searchSampled(scope, asOf);
    if (!visible || !found || !precise(found)) return undefined;
    return { filters: visible, share: found.count / found.population };
  }

  /**
   * A History facet under a content search or filters the facet index cannot apply (text, parameters),
   * at a tenant the index holds. A search its sample of search documents answers precisely enough
   * (`precise`) is estimated from it, for everyone's sessions or an operator's own. Otherwise, for
   * everyone's: a sample the index draws and SQL checks
   * first — exact when it is every session passing the other filters; when it finds few matches (a
   * rare word, whose count in SQL is cheap) SQL counts them within `exactBudgetMs`; otherwise the
   * sample's estimate. Undefined when the index cannot answer (not loaded, a column it does not
   * keep): the caller counts in SQL.
   */
  async function quickOrEstimated(
    scope: ListScope,
    columnId: string,
    column: ColumnSql,
    options: { limit: number; search?: string },
    asOf: number,
  ): Promise<{ rows: FacetRows; countsAreEstimates: boolean } | undefined> {
    if (!facts || !facts.holds(scope.tenantId) || !factsFacet(columnId)) return undefined;
    // Under a content search, exactly from the postings of common words, else estimated from the sample
    // of search documents, for an operator's own sessions too.
    const visible = visibleFilters(scope);
    const exact =
      scope.search && visible
        ? await facts.searchFacet(
            scope.tenantId,
            columnId,
            visible,
            scope.search,
            confirmOf(scope),
            askOf(scope.tenantId, asOf),
          )
        : undefined;
    if (exact) {
      const rows = await repo.facetValues(scope, column, { ...options, precounted: exact });
      return { rows, countsAreEstimates: false };
    }
    const fromWords =
      scope.search && visible
        ? await facts.estimateSearchFacet(
            scope.tenantId,
            columnId,
            visible,
            scope.search,
            askOf(scope.tenantId, asOf),
          )
        : undefined;
    if (fromWords && precise(fromWords)) {
      const rows = await repo.facetValues(scope, column, { ...options, precounted: fromWords.counts });
      return { rows, countsAreEstimates: true };
    }
    if (scope.view !== 'history' || scope.visibility.kind !== 'all') return undefined;
    const sampled = await facts.estimateFacet(
      scope.tenantId,
      columnId,
      scope.filters,
      facetEstimate.sampleSize,
      (ids) => repo.matchingIds(scope, ids, facetEstimate.checkBudgetMs),
      askOf(scope.tenantId, asOf),
    );
    if (!sampled) return undefined;
    const quick =
      !sampled.exact && sampled.seen < facetEstimate.fewSeen && facetEstimate.exactBudgetMs > 0
        ? await repo.facetValuesWithin(scope, column, options, facetEstimate.exactBudgetMs)
        : undefined;
    if (quick) return { rows: quick, countsAreEstimates: false };
    const rows = await repo.facetValues(scope, column, { ...options, precounted: sampled.counts });
    return { rows, countsAreEstimates: !sampled.exact };
  }

  /**
   * An estimate of how many sessions a scope holds, from a sample. For a History scope of a tenant the
   * facet index holds, its sample of that tenant's sessions (passing the filters it can apply) checked
   * in SQL — exact when the sample is all of them; else `TABLESAMPLE`, whose pages hold every
   * tenant's sessions (1 M sessions beside 5 M of other tenants: 6× the pages for the same sample).
   */
  async function sampleEstimate(
    scope: ListScope,
    policy: CountPolicy,
    asOf = performance.now(),
    words = () => searchSampled(scope, asOf),
  ): Promise<{ count: number; exact: boolean } | undefined> {
    if (facts && scope.view === 'history' && facts.holds(scope.tenantId)) {
      const fromWords = await words();
      if (fromWords && precise(fromWords)) return { count: fromWords.count, exact: false };
      // One budget for every part of the sample the index checks (it stops at the first part that
      // runs out, and estimates from the parts before it).
      const deadline = performance.now() + policy.sampleBudgetMs;
      const estimate = await facts.estimateCount(
        scope.tenantId,
        scope.filters,
        { size: facetEstimate.sampleSize, part: facetEstimate.countPart, enough: facetEstimate.countEnough },
        (ids) => {
          const left = deadline - performance.now();
          return left > 0 ? repo.matchingIds(scope, ids, left) : Promise.resolve(undefined);
        },
        askOf(scope.tenantId, asOf),
        // What the check applies beyond the filters: the same list asked again reuses its share.
        JSON.stringify([scope.view, scope.search ?? null, scope.visibility]),
      );
      if (estimate) return estimate;
    }
    const count = await repo.sampleEstimate(scope, policy.sampleRows, policy.sampleBudgetMs);
    return count === undefined ? undefined : { count, exact: false };
  }

  /**
   * The total of a scope from what counting found: the exact count, or an estimate of this very scope
   * (sampled, else the planner's) that is never below what is known to match (`atLeast`).
   */
  async function totalOf(
    scope: ListScope,
    counted: CountResult,
    known: number,
    policy: CountPolicy,
    sampled?: { count: number; exact: boolean },
    asOf?: number,
  ): Promise<{ total: number; totalIsEstimate: boolean }> {
    if (counted.kind === 'exact') return { total: counted.count, totalIsEstimate: false };
    const atLeast = Math.max(known, counted.kind === 'over' ? counted.atLeast : 0);
    const estimate = sampled ?? (await sampleEstimate(scope, policy, asOf));
    if (estimate?.exact) return { total: estimate.count, totalIsEstimate: false };
    return {
      total: Math.max(atLeast, estimate?.count ?? (await repo.estimateCount(scope))),
      totalIsEstimate: true,
    };
  }

  /**
   * The total of a list's page, worked out beside the page: started before the page is read, settled
   * with what the page found (`settle`), or dropped when the page failed (`abandon`).
   *
   * The facet index counts what it can exactly. Otherwise a capped count runs in SQL beside the page
   * (its own connection), so a page costs one round trip more only when an estimate is needed. It
   * waits for the page up to `waitMs`, though: a first page with no more rows is its own total, and a
   * count started beside a quick page would run on for nothing (a parameter filter's count reads every
   * candidate; twenty one-row pages in a row piled up twenty of them).
   *
   * A search's total over the cap is estimated from a sample (the facet index's, checked in SQL), so
   * the sample starts beside the count, and the index's read of changes it needs as soon as the page
   * needs a total (not beside every page: an order number's page proves its own total, and the read
   * took a third of its time on two cores).
   * With several terms even a capped count first builds a bitmap of every word's whole posting list to
   * intersect them (two common words: 100–200 ms at a million sessions, and PostgreSQL notices a
   * timeout late), so the sample decides first: when it puts the matches well over the cap, nothing is
   * counted and the sample is the estimate; it starts beside the page. One term is counted at once (it
   * stops at the cap), unless the planner puts it far over the cap — asked when the page has not
   * answered within `plannerWaitMs`, and then its sample starts beside the page too (a common word's
   * first asked 19 → 17 ms in process at a million sessions) and is the estimate. Several words the
   * planner believes rare are counted at once too (`rareWords`: a parcel number and a word, whose count
   * is a millisecond and whose sample would check every part for nothing). A count that finds
   * everything leaves the sample unawaited, or undrawn.
   */
  function listTotal(
    scope: ListScope,
    options: { policy: CountPolicy; asOf: number; waitMs: number; plannerWaitMs: number; rareWords: boolean },
  ) {
    const { policy, asOf } = options;
    const content = scope.search !== undefined;
    const gate = pageGate(options.waitMs);
    const cap = content ? policy.exactSearchCap : policy.exactCap;
    const sampleFirst = (scope.search?.length ?? 0) > 1 && !options.rareWords;
    const oneTerm = content && !sampleFirst && !options.rareWords;
    // One term: whether the planner puts it far over the cap (then it is not counted), asked unless the
    // page answered within `plannerWaitMs` (an order number's page proves its total sooner).
    const early = pageGate(options.plannerWaitMs);
    // The sample of search documents' answer, asked at most once (the question below and the estimate).
    let wordsAsked: ReturnType<typeof searchSampled> | undefined;
    const words = () => (wordsAsked ??= searchSampled(scope, asOf));
    const farOver = oneTerm
      ? early.needed.then(async (needed) => {
          if (!needed) return false;
          // The sample of search documents knows better than the planner (its Czech prefixes run ~2×
          // high), and asks PostgreSQL nothing the sample's estimate does not need anyway.
          const sampledCount = (await words())?.count;
          return (sampledCount ?? (await repo.estimateCount(scope))) > cap * policy.plannerSkipsCountFactor;
        })
      : Promise.resolve(false);
    void farOver.catch(() => undefined);
    // A search sure to need its sample (a word too common to count, several words not rare) starts it
    // beside the page; any other once the page needs a total.
    const sampleNeeded = farOver.then((far) => far || sampleFirst || gate.needed);
    // The sample will need the index's read of changes.
    if (content && facts?.holds(scope.tenantId) && scope.view === 'history')
      void sampleNeeded
        .then((needed) => needed && facts.prepare(scope.tenantId, askOf(scope.tenantId, asOf)))
        .catch(() => undefined);
    // A search the postings of common words answer is counted exactly in memory, as soon as a sample
    // would be needed (beside the page, for a common word: Node waits on the page's SQL meanwhile);
    // the sample only when they cannot.
    const fromPostings = content
      ? sampleNeeded.then((needed) =>
          // Whatever fails there is counted in SQL as before.
          needed ? searchCount(scope, asOf).catch(() => undefined) : undefined,
        )
      : Promise.resolve(undefined);
    const sampled =
      content && !options.rareWords
        ? fromPostings.then(async (exact) =>
            exact === undefined && (await sampleNeeded)
              ? sampleEstimate(scope, policy, asOf, words)
              : undefined,
          )
        : Promise.resolve(undefined);
    void fromPostings.catch(() => undefined);
    const counting: Promise<CountResult> = indexedCount(scope, asOf).then((exact) =>
      exact !== undefined
        ? ({ kind: 'exact', count: exact } as const)
        : gate.needed.then(async (needed): Promise<CountResult> => {
            if (!needed) return { kind: 'unknown' };
            const exact = await fromPostings;
            if (exact !== undefined) return { kind: 'exact', count: exact };
            if (await farOver) return { kind: 'unknown' };
            const estimate = sampleFirst ? await sampled : undefined;
            return estimate !== undefined && estimate.count > cap * SAMPLE_SKIPS_COUNT_FACTOR
              ? { kind: 'unknown' }
              : repo.countWithin(scope, cap, policy.budgetMs);
          }),
    );
    void counting.catch(() => undefined);
    void sampled.catch(() => undefined);
    return {
      abandon: () => {
        early.answered(false);
        gate.answered(false);
      },
      /** The page's rows shown, whether more follow, and whether it was the first page. */
      async settle(shown: number, more: boolean, first: boolean) {
        // What the page itself proves: on the first page everything there is.
        const proven = first && !more;
        early.answered(!proven);
        gate.answered(!proven);
        if (proven) return { total: shown, totalIsEstimate: false };
        const counted = await counting;
        const sample = counted.kind === 'exact' ? undefined : await sampled;
        return totalOf(scope, counted, shown + (more ? 1 : 0), policy, sample, asOf);
      },
    };
  }

  return {
    askOf,
    everyone,
    indexedCount,
    indexedFilters,
    listTotal,
    quickOrEstimated,
    sampleEstimate,
    searchCount,
    searchWalk,
    totalOf,
    visibleFilters,
  };
}
