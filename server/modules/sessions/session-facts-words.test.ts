import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { silentLog } from '../../platform/log';
import { parseContentQuery } from '../search/content-query';
import {
  adminPrincipal,
  createTenant,
  createUser,
  type TestTenant,
  type TestUser,
} from '../../test/factories';
import type { Principal } from '../../platform/auth/principal';
import { useTestApp } from '../../test/harness';
import { insertSearchedSessions, insertSession } from '../../test/session-fixtures';
import { recordedFactsService } from '../../test/facts-service';
import { recordedDatabase } from '../../test/recorded-db';
import { LIST_COUNT } from './session-estimates';
import { sessionFacts, type FactsAsk } from './session-facts';
import { readDocument, readParts } from './session-facts-words';
import { tsquery } from './session-sql';
import { sessionService, type SessionServiceOptions } from './session.service';

/**
 * The facet index's sample of search documents (session-facts-words.ts): a search's matches among the
 * sampled sessions must be exactly the sessions PostgreSQL's `search_document @@` finds among them, so
 * with every session sampled its estimates are SQL's counts; a session written since the read is left
 * out, and the sample is read again once many were written.
 */
describe('sample of search documents', async () => {
  const { services, database } = await useTestApp();
  let tenant: TestTenant;
  let operators: TestUser[];

  beforeAll(async () => {
    tenant = await createTenant(services);
    operators = [
      await createUser(services, tenant.slug, 'operator'),
      await createUser(services, tenant.slug, 'operator'),
    ];
    await insertSearchedSessions(services, tenant.id, operators, { seed: 7, count: 160 });
  });

  const searches = [
    'objednávka',
    'objedn',
    'OBJEDNÁVEK faktura',
    'faktuře',
    'reklamace kniha',
    'dům',
    'Nováková',
    'invoice',
    'zásilka sousedovi',
    '48552671',
    'xyzzy',
    '"moje objednávka"',
    '"kde je moje" faktura',
    '"pošlete foto" reklamace',
    '"zásilku u souseda"',
    '"objednávka faktura"',
  ];

  /** An index of its own over the tenant, its statements recorded, sampling every session for words. */
  async function ownIndex(words = { size: 100_000, minSessions: 0 }) {
    return recordedFactsService({ services, database }, tenant.id, { words });
  }
  /** The index's own service over it, statements recorded; every search estimated from the sample. */
  async function ownService(options: Partial<SessionServiceOptions> = {}) {
    return recordedFactsService(
      { services, database },
      tenant.id,
      { words: { size: 100_000, minSessions: 0 } },
      {
        // However few sessions pass the filters and the sample sees: the sample answers.
        facetEstimate: {
          sampleSize: 1,
          countPart: 1_000,
          countEnough: 1,
          checkBudgetMs: 10_000,
          fewSeen: 0,
          exactBudgetMs: 0,
        },
        ...options,
      },
    );
  }
  /** Everything counted and sorted in SQL. */
  const plain = sessionService(services.db, {
    visibility: services.visibility,
    settings: services.settings,
    log: silentLog,
  });
  const ask = (): FactsAsk => ({ asOf: performance.now(), size: () => Promise.resolve(0) });
  const partsOf = (q: string) => parseContentQuery(q)!.parts;
  const sqlCount = async (q: string) => {
    const result = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM sessions s
      WHERE s.tenant_id = ${tenant.id} AND s.status = 'closed'
        AND s.search_document @@ ${tsquery(partsOf(q), 'all')}`.execute(services.db);
    return result.rows[0]!.n;
  };

  it('reads words, prefixes and phrases of whole words under AND and OR: no compound or lexeme to_tsquery might change', () => {
    expect(readParts(partsOf('objednávka faktura'))).toBeDefined();
    expect(readParts(partsOf('48552671'))).toBeDefined();
    expect(readParts(partsOf('"moje objednávka" faktura'))).toBeDefined();
    expect(readParts(partsOf('jan.novak@firma.cz'))).toBeUndefined();
    expect(readParts([{ parsed: "('straße':*)", literal: null, phrase: null }])).toBeUndefined();
    expect(readParts([{ parsed: "('a':* | 'b') & 'c' <-> 'd'", literal: null, phrase: null }])).toBeDefined();
    for (const broken of [
      "('a'",
      "'a' 'b'",
      "'a':* <-> 'b'",
      "('a' | 'b') <-> 'c'",
      "!'a'",
      "'a':B",
      "'a' <1> 'b'",
      '',
    ])
      expect(readParts([{ parsed: broken, literal: null, phrase: null }])).toBeUndefined();
  });

  it("reads a document's words and positions as PostgreSQL writes them", async () => {
    const text = "It's a back-slash: 'quoted' 5B e-shop, it's";
    // Quotes and backslashes inside words, and weights, as only a tsvector written by hand has them.
    const written = "'it''s':1,3B 'a\\\\b':2C plain:4A";
    const { rows } = await sql<{ document: string; words: string[]; positions: string[] }>`
      SELECT v::text AS document, tsvector_to_array(v) AS words,
             (SELECT array_agg(lexeme || ':' || array_to_string(positions, ',')) FROM unnest(v)) AS positions
      FROM (SELECT to_tsvector('sessiondesk', ${text}) || ${written}::tsvector AS v) x`.execute(services.db);
    const read: string[] = [];
    readDocument(rows[0]!.document, (word, positions) => read.push(`${word}:${positions.join(',')}`));
    expect(read.sort()).toEqual([...rows[0]!.positions].sort());
    expect(rows[0]!.words).toEqual(expect.arrayContaining(["it's", 'a\\b', 'e-shop', 'plain']));
  });

  it('with every session sampled, counts each search exactly as PostgreSQL does, reading no document', async () => {
    const { facts, statements } = await ownIndex();
    // The tenant's first question (brought up to date after its load) reads the sample in the
    // background: the first search finds it.
    await facts.count(tenant.id, [], ask());
    await facts.settled();
    expect(statements.filter((text) => /search_document::text/.test(text))).toHaveLength(1);
    const reads = statements.length;
    let found = 0;
    for (const q of searches) {
      const expected = await sqlCount(q);
      const estimate = await facts.estimateSearch(tenant.id, [], partsOf(q), ask());
      expect({ q, count: estimate?.count, seen: estimate?.seen }).toEqual({
        q,
        count: expected,
        seen: expected,
      });
      if (expected > 0) found += 1;
    }
    // All but xyzzy and a phrase of words never adjacent.
    expect(found).toBeGreaterThanOrEqual(searches.length - 2);
    // Nothing but the index's reads of changes (none here) went to PostgreSQL.
    expect(statements.slice(reads).filter((text) => !/change_xid >=/.test(text))).toEqual([]);
    // A compound is not the sample's to answer (PostgreSQL parses it its own way).
    expect(await facts.estimateSearch(tenant.id, [], partsOf('jan.novak@firma.cz'), ask())).toBeUndefined();
  });

  it("gives a list's total and filter lists under a search from the sample, labelled, as SQL counts them", async () => {
    // No time to count: every total over the first page is an estimate.
    const { facts, statements, service } = await ownService({
      listCount: { ...LIST_COUNT, budgetMs: 0, sampleBudgetMs: 60_000, plannerSkipsCountFactor: 0 },
    });
    const admin = adminPrincipal(tenant);
    // The tenant keeps operators to their own sessions (the default): theirs are counted from the sample too.
    expect((await services.settings.get(tenant.id)).operatorsSeeAllSessions).toBe(false);
    const operator: Principal = { ...admin, role: 'operator', userId: operators[0]!.id };
    await service.list(admin, { view: 'history', q: 'objednávka', sort: '-createdAt', limit: 5 });
    await facts.settled();
    const sampleChecks = () => statements.filter((text) => /AS p \(id\)\s+JOIN sessions s/.test(text)).length;
    const checked = sampleChecks();
    for (const [q, caller] of [
      ['objednávka', admin],
      ['faktura', admin],
      ['reklamace kniha', admin],
      ['objednávka', operator],
      ['faktura', operator],
    ] as const) {
      for (const filters of [{}, { channel: 'whatsapp,phone' }] as Record<string, string>[]) {
        const query = { view: 'history', q, ...filters };
        const [list, exact] = await Promise.all([
          service.list(caller, { ...query, sort: '-createdAt', limit: 5 }),
          plain.count(caller, query),
        ]);
        expect({ q, who: caller.role, filters, total: list.total, estimate: list.totalIsEstimate }).toEqual({
          q,
          who: caller.role,
          filters,
          total: exact.total,
          estimate: exact.total > 5,
        });
        for (const column of ['channel', 'language']) {
          const [facet, exactFacet] = await Promise.all([
            service.facet(caller, column, { ...query, limit: 500 }),
            plain.facet(caller, column, { ...query, limit: 500 }),
          ]);
          expect({ q, who: caller.role, column, ...facet }).toEqual({
            q,
            who: caller.role,
            column,
            ...exactFacet,
            countsAreEstimates: true,
          });
        }
      }
    }
    expect(sampleChecks()).toBe(checked);
  });

  it('decides from the sample, not the planner, whether one searched word is too common to count', async () => {
    const { facts, statements, service } = await ownService({
      // A word with more than 5 matches is far over a cap of 1: not counted. The total waits for no page.
      listCount: { ...LIST_COUNT, exactSearchCap: 1, plannerSkipsCountFactor: 5, sampleBudgetMs: 60_000 },
      countWaitsForPageMs: 0,
    });
    const caller = adminPrincipal(tenant);
    const query = (q: string) => ({ view: 'history', q, sort: '-createdAt', limit: 1 });
    // The sample read after the tenant's first question (before it, the planner is asked:
    // session.totals.test.ts).
    await facts.count(tenant.id, [], ask());
    await facts.settled();
    const before = statements.length;
    const counts = (from: number) => statements.slice(from).filter((text) => /count\(\*\)/.test(text)).length;
    for (const q of ['objednávka', 'faktura', 'invoice']) {
      const exact = await sqlCount(q);
      const list = await service.list(caller, query(q));
      expect({ q, total: list.total, estimate: list.totalIsEstimate }).toEqual({
        q,
        total: exact,
        estimate: true,
      });
      expect(exact).toBeGreaterThan(5);
    }
    expect(statements.slice(before).filter((text) => /EXPLAIN \(FORMAT JSON\)/.test(text))).toEqual([]);
    expect(counts(before)).toBe(0);
  });

  it('walks a search in an order no index serves through the facet index, paging exactly as SQL orders it', async () => {
    const { facts, statements, service } = await ownService({
      // Chunks of one to three sessions: a page spans many, and ties fall across their edges.
      searchWalk: { minChunk: 1, maxChunk: 3, budgetMs: 60_000 },
    });
    const admin = adminPrincipal(tenant);
    const operator: Principal = { ...admin, role: 'operator', userId: operators[1]!.id };
    // Pages SQL sorted itself (not the ids the walk found).
    const sortedBySql = () =>
      statements.filter(
        (text) => /ORDER BY/.test(text) && /search_document @@/.test(text) && !/= ANY\(/.test(text),
      ).length;
    await service.list(admin, { view: 'history', q: 'objednávka', sort: '-createdAt', limit: 5 });
    await facts.settled();
    const walk = async (
      from: typeof plain,
      caller: Principal,
      query: Record<string, string> & { sort: string },
    ) => {
      const ids: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await from.list(caller, {
          view: 'history',
          ...query,
          limit: 7,
          ...(cursor ? { cursor } : {}),
        });
        ids.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return ids;
    };
    const walks = () => statements.filter((text) => /AS p \(id\)\s+JOIN sessions s/.test(text)).length;
    const before = walks();
    const sqlSorts = sortedBySql();
    for (const [q, caller, filters] of [
      ['objednávka', admin, {}],
      ['faktura', admin, { channel: 'whatsapp,webchat' }],
      ['"moje objednávka"', admin, {}],
      ['objednávka', operator, {}],
    ] as const) {
      // Sorts no b-tree index serves (a descending duration has one).
      for (const sort of ['duration', 'waitingTime', 'channel', 'operator', '-operator', '-group']) {
        const query = { q, sort, ...filters };
        const [walked, sorted] = await Promise.all([
          walk(service, caller, query),
          walk(plain, caller, query),
        ]);
        expect({ query, who: caller.role, ids: walked }).toEqual({ query, who: caller.role, ids: sorted });
        expect(sorted.length).toBeGreaterThan(7);
      }
    }
    expect(walks()).toBeGreaterThan(before);
    expect(sortedBySql()).toBe(sqlSorts);
  });

  it('leaves out a sampled session written since the read, and reads the sample again once many were', async () => {
    const own = await createTenant(services);
    for (let i = 0; i < 100; i++)
      await insertSession(services, own.id, { createdAt: new Date(Date.UTC(2025, 5, 1, 8, i)) }, [
        { sender: 'client', text: i % 5 === 0 ? `Kde je moje objednávka ${i}?` : `Dotaz ${i}.` },
      ]);
    const { db } = recordedDatabase(database.pool);
    const facts = sessionFacts(db, { log: silentLog, words: { size: 100_000, minSessions: 0 } });
    await facts.load(own.id);
    const estimate = async (q: string) => (await facts.estimateSearch(own.id, [], partsOf(q), ask()))?.count;
    await estimate('objednávka');
    await facts.settled();
    expect(await estimate('objednávka')).toBe(20);

    // One session (of the 20 with an order) gets a new word: the sample's copy of it is out of date.
    const [written] = (
      await sql<{
        id: string;
      }>`SELECT id::text FROM sessions WHERE tenant_id = ${own.id} ORDER BY id LIMIT 1`.execute(services.db)
    ).rows;
    const say = async (sessionId: string, text: string) => {
      await sql`INSERT INTO activities (tenant_id, session_id, at, sender, type, text)
                VALUES (${own.id}, ${sessionId}, now(), 'client', 'message', ${text})`.execute(services.db);
      await sql`SELECT refresh_search_documents(${own.id}::bigint, ARRAY[${sessionId}]::bigint[])`.execute(
        services.db,
      );
    };
    await say(written!.id, 'A ještě xylofon.');
    // Left out: the 19 other orders stand for the 99 unchanged sessions' share of all 100.
    expect(await estimate('xylofon')).toBe(0);
    expect(await estimate('objednávka')).toBe(Math.round((19 / 99) * 100));
    // Three more sessions written (4 % of the sample): read again, and the new words are found.
    for (let i = 0; i < 3; i++)
      await insertSession(services, own.id, { createdAt: new Date(Date.UTC(2025, 5, 2, 8, i)) }, [
        { sender: 'client', text: 'Kde je xylofon a objednávka?' },
      ]);
    await estimate('objednávka');
    await facts.settled();
    expect(await estimate('xylofon')).toBe(4);
    expect(await estimate('objednávka')).toBe(23);
  });

  it("reads the sample after the tenant's first question only when the process has room for it, else on its first search", async () => {
    const { db, statements } = recordedDatabase(database.pool);
    const reads = () => statements.filter((text) => /search_document::text/.test(text)).length;
    // Room for the tenant's sessions, not for its sample's ~1 KB a session.
    const facts = sessionFacts(db, {
      log: silentLog,
      words: { size: 100_000, minSessions: 0 },
      maxSessions: 1_000,
    });
    await facts.load(tenant.id);
    await facts.count(tenant.id, [], ask());
    await facts.settled();
    expect(reads()).toBe(0);
    expect(await facts.estimateSearch(tenant.id, [], partsOf('objednávka'), ask())).toBeUndefined();
    await facts.settled();
    expect(reads()).toBe(1);
    expect(await facts.estimateSearch(tenant.id, [], partsOf('objednávka'), ask())).toBeDefined();
  });

  it('reads no sample for a tenant with fewer History sessions than its minimum', async () => {
    const { facts, statements } = await ownIndex({ size: 100_000, minSessions: 1_000 });
    expect(await facts.estimateSearch(tenant.id, [], partsOf('objednávka'), ask())).toBeUndefined();
    await facts.settled();
    // Neither when the tenant was loaded nor when it was searched.
    expect(statements.filter((text) => /search_document::text/.test(text))).toEqual([]);
    expect(await facts.estimateSearch(tenant.id, [], partsOf('objednávka'), ask())).toBeUndefined();
  });
});
