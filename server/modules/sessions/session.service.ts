import type { LabelLanguage } from '../../../common/labels';
import { DEFAULT_SORT, EMPTY_VALUE, paramColumn, staticColumns, type Column } from '../../../common/columns';
import type { Database } from '../../db/database';
import { invalid, notFound } from '../../platform/errors';
import type { Principal } from '../../platform/auth/principal';
import type { Log } from '../../platform/log';
import { parseContentQuery, type ContentQuery } from '../search/content-query';
import { searchRepository } from '../search/search.repository';
import { parseHeadline } from '../search/snippet';
import { FEW_RESULTS, suggestQueries } from '../search/suggestions';
import { isParamColumn, resolveColumn } from './session-columns';
import type { SessionFacts } from './session-facts';
import { decodeCursor, encodeCursor, listFingerprint } from './session-cursor';
import { parseFilters, type Filter, type RawQuery } from './session-filters';
import type { PostingsCheck, WalkCheck } from './session-facts-pages';
import { recordsAnything, type SettingsService } from '../settings/settings.service';
import type { SessionVisibility } from './session-visibility';
import { narrowed, type ListScope, type ListSort, type SessionRow } from './session-sql';
import { sessionRepository } from './session.repository';
import { readTranscript, type TranscriptOptions } from './session-transcript';
import {
  FACET_ESTIMATE,
  FULL_COUNT,
  LIST_COUNT,
  COUNT_WAITS_FOR_PAGE_MS,
  PLANNER_WAITS_FOR_PAGE_MS,
  sessionEstimates,
  type CountPolicy,
  type FacetEstimatePolicy,
} from './session-estimates';

/** A text sort's sessions with a value are sorted from the facet index's ids up to this many. */
const VALUED_SORT_CAP = 4_000;

/**
 * A search's walk in the facet index (`pageOf`): each chunk about one and a half pages' worth of matches
 * at the search's sampled share, within these bounds; after `budgetMs` it gives up and SQL sorts the
 * search's matches.
 */
export const SEARCH_WALK = { minChunk: 100, maxChunk: 5_000, budgetMs: 200 };

export interface SessionServiceOptions {
  visibility: SessionVisibility;
  settings: Pick<SettingsService, 'get'>;
  log: Log;
  /** The list's count (tests force the estimate with a zero budget). */
  listCount?: CountPolicy;
  /** `GET /sessions/count`. */
  fullCount?: CountPolicy;
  /** The facet index (one per process); without it every facet and total is counted in SQL. */
  facts?: SessionFacts;
  /** Filter lists under what the index cannot apply (tests force the estimate with a zero budget). */
  facetEstimate?: FacetEstimatePolicy;
  /**
   * How long a list's SQL count waits for its page (COUNT_WAITS_FOR_PAGE_MS), and a search's question to
   * the planner (PLANNER_WAITS_FOR_PAGE_MS); tests wait for ever.
   */
  countWaitsForPageMs?: number;
  /** A search's walk in the facet index (`pageOf`; SEARCH_WALK): its chunks' bounds and its budget. */
  searchWalk?: typeof SEARCH_WALK;
  /** Sessions a walk along the sort's index is taken to check in its time (tests scale it to theirs). */
  searchWalkReach?: number;
}

/**
 * "Did you mean" may take this long in all (each vocabulary lookup and count within what is left; what
 * does not fit is left out), so a search that finds nothing answers within about this much more.
 */
const SUGGESTION_BUDGET_MS = 1_500;

const LIST_OPTIONS = new Set(['view', 'q', 'sort', 'limit', 'cursor']);
const COUNT_OPTIONS = new Set(['view', 'q']);
const FACET_OPTIONS = new Set(['view', 'q', 'search', 'limit', 'exact']);

/**
 * When facet rollups are made: a tenant whose unfiltered History counted at least `minSessions`, and
 * again when a rollup is older than `maxAgeMs` (the sessions closed since it are counted live).
 */
const FACET_ROLLUP = { minSessions: 20_000, maxAgeMs: 60 * 60 * 1000 };

function paramsAsText(params: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params).map(([key, value]) => [
      key,
      typeof value === 'string' ? value : JSON.stringify(value),
    ]),
  );
}

const ref = (id: string | null, name: string | null) => (id === null ? null : { id, name: name ?? `#${id}` });

export function toItem(row: SessionRow) {
  return {
    id: row.id,
    externalId: row.external_id,
    status: row.status,
    channel: row.channel,
    source: row.source,
    createdAt: row.created_at,
    acceptedAt: row.accepted_at,
    endedAt: row.ended_at,
    waitingTime: row.waiting_time,
    duration: row.duration,
    operator: row.operators,
    group: ref(row.group_id, row.group_name),
    chatbot: ref(row.chatbot_id, row.chatbot_name),
    endReason: row.end_reason,
    clientLeft: row.client_left,
    pageUrl: row.page_url,
    widget: ref(row.widget_id, row.widget_name),
    clientName: row.client_name,
    clientEmail: row.client_email,
    clientPhone: row.client_phone,
    clientIp: row.client_ip,
    language: row.client_language,
    browser: row.client_browser,
    os: row.client_os,
    tags: row.tags,
    rating: row.rating,
    feedback: row.feedback,
    messageCount: row.message_count,
    hasRecording: row.has_recording,
    banned: row.banned,
    restoredFrom: row.restored_from_id,
    restoredAs: row.restored_as_id,
    params: paramsAsText(row.params),
  };
}

/** `<columnId>` or `-<columnId>` → the sort; anything else is a 400 naming the parameter. */
export function parseSort(raw: string): ListSort {
  const desc = raw.startsWith('-');
  const id = desc ? raw.slice(1) : raw;
  const resolved = resolveColumn(id);
  if (!resolved || !resolved.column.sortable) {
    throw invalid(`sort: "${raw.slice(0, 100)}" is not a sortable column; use <columnId> or -<columnId>.`, {
      parameter: 'sort',
    });
  }
  const { sortBy } = resolved.sql;
  // A column sorted by names behind its ids sorts as nullable text.
  const column = sortBy
    ? { ...resolved.sql, expr: sortBy, shape: 'scalar' as const, valueType: 'text' as const, nullable: true }
    : resolved.sql;
  return { key: raw, column, desc };
}

export function sessionService(db: Database, deps: SessionServiceOptions) {
  const repo = sessionRepository(db);
  const search = searchRepository(db);
  const listCount = deps.listCount ?? LIST_COUNT;
  const fullCount = deps.fullCount ?? FULL_COUNT;
  const facetEstimate = deps.facetEstimate ?? FACET_ESTIMATE;
  const { facts } = deps;

  const {
    askOf,
    everyone,
    indexedCount,
    indexedFilters,
    listTotal,
    quickOrEstimated,
    searchCount,
    searchWalk,
    totalOf,
    visibleFilters,
  } = sessionEstimates(repo, facts, facetEstimate);

  async function scopeOf(
    principal: Principal,
    query: RawQuery,
    reserved: ReadonlySet<string>,
    except?: string,
  ) {
    const view = query.view === 'live' ? 'live' : 'history';
    const filters = parseFilters(query, reserved, except);
    const content = typeof query.q === 'string' ? parseContentQuery(query.q) : undefined;
    const scope: ListScope = {
      tenantId: principal.tenantId,
      view,
      filters,
      visibility: await deps.visibility.of(principal),
      ...(content ? { search: content.parts } : {}),
    };
    return { scope, content };
  }

  async function requireVisible(principal: Principal, sessionId: string) {
    const row = await repo.findVisible(principal.tenantId, sessionId, await deps.visibility.of(principal));
    if (!row) throw notFound(`Session ${sessionId}`);
    return row;
  }

  /** Recounts every value-list column's rollup for the tenant (a few seconds at a million sessions). */
  async function refreshFacetRollups(tenantId: string): Promise<void> {
    const columns = staticColumns
      .filter((column) => column.filter === 'values')
      .map((column) => ({ id: column.id, sql: resolveColumn(column.id)!.sql }));
    await repo.refreshFacetRollups(tenantId, columns);
  }

  /**
   * In the background, once per tenant at a time in this process; a failure is logged and retried by a
   * later request (the lists stay exact meanwhile: they count).
   */
  const refreshing = new Map<string, Promise<void>>();
  function refreshFacetRollupsSoon(tenantId: string): void {
    if (refreshing.has(tenantId)) return;
    const run = refreshFacetRollups(tenantId)
      .catch((error: unknown) => deps.log.error({ err: error, tenantId }, 'facet rollup refresh failed'))
      .finally(() => refreshing.delete(tenantId));
    refreshing.set(tenantId, run);
  }

  /** "Did you mean" for a search that found nothing or very little, within SUGGESTION_BUDGET_MS. */
  async function suggestionsFor(tenantId: string, scope: ListScope, input: string, content: ContentQuery) {
    const deadline = Date.now() + SUGGESTION_BUDGET_MS;
    const left = () => deadline - Date.now();
    return suggestQueries(input, content, {
      similarWords: async (word, limit, threshold) =>
        left() > 0 ? ((await search.similarWords(tenantId, word, limit, threshold, left())) ?? []) : [],
      hits: async (parts, cap) => {
        const counted = await repo.countWithin({ ...scope, search: parts }, cap, left());
        return counted.kind === 'exact' ? counted.count : counted.kind === 'over' ? cap + 1 : undefined;
      },
    });
  }

  const searchWalkPolicy = deps.searchWalk ?? SEARCH_WALK;

  /**
   * One page. The facet index picks a History page's sessions for the sorts no b-tree index serves
   * (every other kept column and direction), everyone's or an operator's own; PostgreSQL reads them.
   * Should a row have changed in between so that it no longer matches, the page is read the ordinary way.
   */
  async function pageOf(
    scope: ListScope,
    sort: ListSort,
    limit: number,
    asOf: number,
    after?: { v: string | null; id: string },
    rareWords = false,
  ) {
    const index = sort.column.sortIndex;
    // Ascending ids under a filter: the matching sessions may all lie at the index's far end (a date
    // range), which the facet index does not mind.
    const idsUp = sort.key === 'id' && scope.filters.length > 0;
    const served = (index === 'both' && !idsUp) || index === 'asc' || (index === 'desc' && sort.desc);
    const columnId = sort.key.startsWith('-') ? sort.key.slice(1) : sort.key;
    /** The page's ids from the facet index (under `filters`, a search by `check`), its rows from SQL. */
    const fromIndex = async (filters: readonly Filter[], check?: WalkCheck | PostingsCheck) => {
      const ids = await facts!.page(
        scope.tenantId,
        filters,
        { columnId, desc: sort.desc },
        limit + 1,
        after,
        askOf(scope.tenantId, asOf),
        check,
      );
      if (!ids) return undefined;
      const rows = await repo.page(scope, sort, limit, after, { ids });
      return rows.length === ids.length ? rows : undefined;
    };
    // Everyone's sessions, or an operator's own (0.7–1 s in SQL for most orders at a million sessions).
    const indexedBy = facts && !served ? indexedFilters(scope) : undefined;
    const indexed = indexedBy && (await fromIndex(indexedBy));
    if (indexed) return indexed;
    // A content search in such an order: the postings of common words match it in memory
    // (session-facts-postings.ts), a page in any such order at once, whatever the first values by name
    // hold. Without them (a phrase, a tenant too small for them), the facet index walks the sessions
    // passing the filters in the list's order, a chunk at a time, and SQL keeps those that match by
    // reading them by key — a common word's sessions are a few hundred rows away, where PostgreSQL would
    // collect and sort every match (1.1–1.7 s for "objednávka" by ascending duration at a million
    // sessions).
    const visible = facts && scope.search !== undefined && !served ? visibleFilters(scope) : undefined;
    const matched =
      visible &&
      (await fromIndex(visible, {
        parts: scope.search!,
        confirm: (written) => repo.matchingIds(scope, written, searchWalkPolicy.budgetMs),
      }));
    if (matched) return matched;
    const walk = visible && (await searchWalk(scope, asOf));
    if (walk) {
      const { minChunk, maxChunk, budgetMs } = searchWalkPolicy;
      const deadline = performance.now() + budgetMs;
      let walked = 0;
      let found = 0;
      const walkedPage = await fromIndex(walk.filters, {
        // About one and a half pages' worth of matches per chunk.
        chunk: Math.min(maxChunk, Math.max(minChunk, Math.ceil((1.5 * (limit + 1)) / walk.share))),
        keep: async (chunk) => {
          const left = deadline - performance.now();
          // An order through sessions the search misses (the first operator by name may have taken no
          // order at all) finds far fewer than the share says: given up once four pages' worth were
          // expected, rather than at the budget.
          const expected = walked * walk.share;
          if (left <= 0 || (expected >= 4 * (limit + 1) && found < expected / 4)) return undefined;
          const matching = await repo.matchingIds(scope, chunk, left);
          walked += chunk.length;
          found += matching?.length ?? 0;
          return matching;
        },
      });
      if (walkedPage) return walkedPage;
    }
    // A text sort under filters or a search names the page's sessions with a value instead of reading
    // the column's index in search of them: from the column's order kept in the facet index (many at the
    // index's far end: ascending external ids of the last month), or all of them when few have one
    // (WhatsApp sessions have no IP address); the rest follow by id.
    if (facts && scope.view === 'history' && narrowed(scope) && index === 'asc' && sort.column.nullable) {
      const valuedIds = await facts.textSortIds(
        scope.tenantId,
        scope.filters,
        {
          columnId,
          desc: sort.desc,
          expr: sort.column.expr,
        },
        everyone(scope) ? { limit: limit + 1, after } : undefined,
        VALUED_SORT_CAP,
        askOf(scope.tenantId, asOf),
      );
      if (valuedIds) return repo.page(scope, sort, limit, after, { valuedIds, rareWords });
    }
    return repo.page(scope, sort, limit, after, { rareWords });
  }

  return {
    requireVisible,
    refreshFacetRollups,

    /**
     * The catalogue plus one column per parameter name the tenant has seen (a parameter of many values
     * filtered by text, not by a list of its values).
     */
    async columns(tenantId: string): Promise<Column[]> {
      const names = await db
        .selectFrom('param_names')
        .select('name')
        .where('tenant_id', '=', tenantId)
        .orderBy('name')
        .execute();
      // A parameter the facet index left out at the tenant's load for its many values is filtered by text.
      const many = facts?.paramsOfManyValues(tenantId);
      return [...staticColumns, ...names.map((row) => paramColumn(row.name, many?.has(row.name) ?? false))];
    },

    async list(
      principal: Principal,
      query: RawQuery & { sort: string; limit: number; cursor?: string | undefined },
    ) {
      // The index answers as of this moment (a count and a page of one request share one read of changes).
      const asOf = performance.now();
      const sort = parseSort(query.sort || DEFAULT_SORT);
      const after = query.cursor ? decodeCursor(query.cursor, sort.key, sort.column.valueType) : undefined;
      const { scope, content } = await scopeOf(principal, query, LIST_OPTIONS);
      // A later page of the same History list carries the first page's total in its cursor: nothing is
      // counted again (the total is the list's as paging began; a new first page counts afresh).
      const fingerprint = listFingerprint(scope);
      const carried =
        scope.view === 'history' && after?.t !== undefined && after.f === fingerprint
          ? { total: after.t, totalIsEstimate: after.e === true }
          : undefined;
      // Several searched words the planner believes rare are looked up at once, not walked for; one of
      // them it puts at few sessions alone (a parcel number), the others checked on those.
      const rareWords =
        content !== undefined && content.parts.length > 1
          ? await repo.rareWords(scope, query.limit, deps.searchWalkReach)
          : undefined;
      const rare = rareWords !== undefined;
      const looked: ListScope =
        rareWords?.lookup !== undefined ? { ...scope, searchLookup: rareWords.lookup } : scope;
      // The total is worked out beside the page (session-estimates.ts).
      const totaling = carried
        ? undefined
        : listTotal(looked, {
            policy: listCount,
            asOf,
            waitMs: deps.countWaitsForPageMs ?? COUNT_WAITS_FOR_PAGE_MS,
            plannerWaitMs: deps.countWaitsForPageMs ?? PLANNER_WAITS_FOR_PAGE_MS,
            rareWords: rare,
          });
      let rows: SessionRow[];
      try {
        rows = await pageOf(looked, sort, query.limit, asOf, after, rare);
      } catch (error) {
        totaling?.abandon();
        throw error;
      }
      const more = rows.length > query.limit;
      const page = rows.slice(0, query.limit);
      const last = page.at(-1);
      const { total, totalIsEstimate } = carried ?? (await totaling!.settle(page.length, more, !after));
      const nextCursor =
        more && last
          ? encodeCursor({
              s: sort.key,
              v: last.sort_value,
              id: last.id,
              ...(scope.view === 'history' ? { t: total, e: totalIsEstimate, f: fingerprint } : {}),
            })
          : null;

      // A search that finds nothing or very little: "did you mean …" from the tenant's vocabulary, each
      // suggestion checked to find more in the caller's own scope. What was typed is what was searched.
      const suggestions =
        content && !after && !totalIsEstimate && total <= FEW_RESULTS && typeof query.q === 'string'
          ? await suggestionsFor(principal.tenantId, scope, query.q, content)
          : [];

      if (!content) return { items: page.map(toItem), nextCursor, total, totalIsEstimate, suggestions };
      return {
        // The page's statement matched each session's activities (session-pages.ts, `matchOf`).
        items: page.map((row) => ({
          ...toItem(row),
          match: {
            activityId: row.match_activity_id ?? null,
            snippet: row.match_headline ? parseHeadline(row.match_headline) : [],
          },
        })),
        nextCursor,
        total,
        totalIsEstimate,
        suggestions,
      };
    },

    /**
     * The total of the list's scope, exact within a larger budget (`GET /sessions/count`); else a sampled
     * estimate of the same scope, labelled.
     */
    async count(principal: Principal, query: RawQuery) {
      const { scope, content } = await scopeOf(principal, query, COUNT_OPTIONS);
      const asOf = performance.now();
      const exact = (await indexedCount(scope, asOf)) ?? (await searchCount(scope, asOf));
      if (exact !== undefined) return totalOf(scope, { kind: 'exact', count: exact }, 0, fullCount);
      const cap = content ? fullCount.exactSearchCap : fullCount.exactCap;
      const counted = await repo.countWithin(scope, cap, fullCount.budgetMs);
      return totalOf(scope, counted, 0, fullCount);
    },

    async facet(
      principal: Principal,
      columnId: string,
      query: RawQuery & { limit: number; search?: string | undefined },
    ) {
      const resolved = resolveColumn(columnId);
      if (!resolved || (resolved.column.filter !== 'values' && !isParamColumn(columnId))) {
        throw invalid(
          `Column ${columnId.slice(0, 100)} has no facet values; only value-list columns and param.<name> do.`,
          {
            parameter: 'column',
          },
        );
      }
      const { scope } = await scopeOf(principal, query, FACET_OPTIONS, columnId);
      const options = { limit: query.limit, ...(query.search !== undefined ? { search: query.search } : {}) };
      // History is what grows with the tenant. The facet index counts it exactly under value and range
      // filters once the tenant is loaded, everyone's sessions or an operator's own (`indexedFilters`);
      // until then (and for what it cannot filter) the unfiltered list of everyone's comes from the
      // column's rollup plus the sessions closed since, and any other is counted in SQL.
      const asOf = performance.now();
      const indexedBy = indexedFilters(scope);
      const indexed =
        facts && indexedBy
          ? await facts.facet(principal.tenantId, columnId, indexedBy, askOf(principal.tenantId, asOf))
          : undefined;
      const estimated =
        indexed === undefined && query.exact !== 'true'
          ? await quickOrEstimated(scope, columnId, resolved.sql, options, asOf)
          : undefined;
      const rollupable =
        indexed === undefined &&
        estimated === undefined &&
        everyone(scope) &&
        scope.filters.length === 0 &&
        !isParamColumn(columnId);
      const rollup = rollupable ? await repo.facetRollup(principal.tenantId, columnId) : undefined;
      const rows =
        estimated?.rows ??
        (await repo.facetValues(scope, resolved.sql, {
          ...options,
          ...(indexed ? { precounted: indexed } : {}),
          ...(rollup ? { rollup: { columnId, coversUntil: rollup.covers_until } } : {}),
        }));
      if (rollupable) {
        const stale = rollup && Date.now() - rollup.computed_at.getTime() > FACET_ROLLUP.maxAgeMs;
        const large = !rollup && rows.reduce((sum, row) => sum + row.count, 0) >= FACET_ROLLUP.minSessions;
        if (stale || large) refreshFacetRollupsSoon(principal.tenantId);
      }
      return {
        values: rows.slice(0, query.limit).map((row) => ({
          value: row.value ?? EMPTY_VALUE,
          label: row.value === null ? EMPTY_VALUE : (row.label ?? row.value),
          count: row.count,
        })),
        truncated: rows.length > query.limit,
        countsAreEstimates: estimated?.countsAreEstimates ?? false,
      };
    },

    async detail(principal: Principal, sessionId: string) {
      const row = await requireVisible(principal, sessionId);
      const [participants, restoredInto, recordingsShown] = await Promise.all([
        repo.participants(principal.tenantId, sessionId),
        repo.restoredInto(principal.tenantId, sessionId),
        deps.settings.get(principal.tenantId).then(recordsAnything),
      ]);
      return {
        ...toItem(row),
        client: {
          name: row.client_name,
          email: row.client_email,
          phone: row.client_phone,
          ip: row.client_ip,
          language: row.client_language,
          browser: row.client_browser,
          os: row.client_os,
          visitorId: row.visitor_id,
          contactId: row.contact_id,
        },
        result: row.result,
        participants: participants.map((p) => ({
          kind: p.kind,
          id: (p.kind === 'operator' ? p.user_id : p.chatbot_id) ?? '',
          name: (p.kind === 'operator' ? p.user_name : p.chatbot_name) ?? '',
          joinedAt: p.joined_at,
          leftAt: p.left_at,
        })),
        restoredInto,
        recordingsShown,
      };
    },

    /** A page of the transcript; viewing it is recorded in the audit log. */
    async transcript(
      principal: Principal,
      sessionId: string,
      options: TranscriptOptions,
      /** The reader's language: engine-written system messages are worded in it. */
      lang: LabelLanguage = 'en',
    ) {
      await requireVisible(principal, sessionId);
      return readTranscript(db, repo, principal, sessionId, options, lang);
    },
  };
}

export type SessionService = ReturnType<typeof sessionService>;
