import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { silentLog } from '../../platform/log';
import {
  adminPrincipal,
  createTenant,
  createUser,
  type TestTenant,
  type TestUser,
} from '../../test/factories';
import type { Principal } from '../../platform/auth/principal';
import { useTestApp } from '../../test/harness';
import { insertSearchedSessions, insertSession, SEARCHED_PHRASES } from '../../test/session-fixtures';
import { recordedFactsService } from '../../test/facts-service';
import type { FactsAsk } from './session-facts';
import { RareWords, readTextArray } from './session-facts-postings';
import { sessionService, type SessionServiceOptions } from './session.service';
import { LIST_COUNT } from './session-estimates';
import { FEW_RESULTS } from '../search/suggestions';

/**
 * The facet index's postings of common words (session-facts-postings.ts): a search's matches from the
 * held words' postings and the rare words' lookup must be exactly the sessions `search_document @@`
 * finds, so a page in an order no index serves is SQL's page; sessions written since the read are
 * confirmed in SQL, and the postings are read again once many were written.
 */
describe('postings of common words', async () => {
  const { services, database } = await useTestApp();
  let tenant: TestTenant;
  let operators: TestUser[];

  const admin = () => adminPrincipal(tenant);

  beforeAll(async () => {
    tenant = await createTenant(services);
    operators = [
      await createUser(services, tenant.slug, 'operator'),
      await createUser(services, tenant.slug, 'operator'),
    ];
    await insertSearchedSessions(services, tenant.id, operators, {
      seed: 11,
      count: 160,
      // A word PostgreSQL writes quoted in an array of words.
      phrases: [...SEARCHED_PHRASES, 'The value was null, janitor called.'],
      // The first operator by name takes few sessions: a walk through them finds little.
      share: (at) => (at === 0 ? 0.2 : 0.6),
      // A rarer word or two in some sessions: looked up in the search index, not held.
      extra: (i) =>
        i % 23 === 0
          ? [{ sender: 'client', text: `Objednávkový formulář ${i}, faktura-fv2026${i}.pdf` }]
          : [],
    });
  });

  /**
   * The facet index's options: postings for words in a tenth of the sessions (the rest rare), no sample
   * of search documents (a search the postings do not answer is sorted in SQL).
   */
  const indexed = (postings: { rereadShare?: number } = {}) => ({
    words: { size: 0, minSessions: 0 },
    postings: { minSessions: 0, heldShare: 0.1, ...postings },
  });

  /** Everything counted and sorted in SQL. */
  const plain = sessionService(services.db, {
    visibility: services.visibility,
    settings: services.settings,
    log: silentLog,
  });

  /**
   * A service over a facet index of its own with postings for words in a tenth of the sessions (the
   * rest rare), read before the first search; statements recorded. No sample of search documents: a
   * search no postings answer is sorted in SQL.
   */
  async function ownService(options: Partial<SessionServiceOptions> = {}) {
    const own = await recordedFactsService({ services, database }, tenant.id, indexed(), options);
    // The tenant's first question brought up to date after the load reads them.
    await own.facts.count(tenant.id, [], ask());
    await own.facts.settled();
    return own;
  }

  const ask = (): FactsAsk => ({ asOf: performance.now(), size: () => Promise.resolve(0) });

  /**
   * Every session of a list, page by page through its cursors, by id; a search's sessions with the
   * activity their snippet is of (`id:activity`), read in the page's own statement whichever way the
   * page was chosen.
   */
  async function walk(
    from: typeof plain,
    caller: Principal,
    query: Record<string, string> & { sort: string },
  ) {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await from.list(caller, {
        view: 'history',
        ...query,
        limit: 7,
        ...(cursor ? { cursor } : {}),
      });
      ids.push(
        ...page.items.map((item) =>
          'match' in item
            ? `${item.id}:${(item.match as { activityId: string | null }).activityId}`
            : item.id,
        ),
      );
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return ids;
  }

  /** Pages SQL sorted among the search's matches itself (not the ids the index chose). */
  const sortedBySql = (statements: string[]) =>
    statements.filter(
      (text) => /ORDER BY/.test(text) && /search_document @@/.test(text) && !/= ANY\(/.test(text),
    ).length;
  /** Lookups of rare words by name. */
  const lookups = (statements: string[]) =>
    statements.filter((text) => /@@ \$\d+::tsquery/.test(text)).length;

  it("reads PostgreSQL's text arrays of words, quoted ones too", async () => {
    const { rows } = await sql<{ text: string; words: string[] }>`
      SELECT tsvector_to_array(v)::text AS text, tsvector_to_array(v) AS words
      FROM (SELECT ${"'null' 'NULL' 'a b' 'it''s' 'back\\\\slash' 'x,y' '{br}' 'say\"hi' plain 'é'"}::tsvector AS v) x`.execute(
      services.db,
    );
    const read: string[] = [];
    readTextArray(rows[0]!.text, (word) => read.push(word));
    expect(read).toEqual(rows[0]!.words);
    expect(read).toEqual(
      expect.arrayContaining(['null', 'a b', "it's", 'back\\slash', 'x,y', '{br}', 'say"hi']),
    );
  });

  it('finds a rare word, or every rare word a prefix begins', () => {
    const rare = new RareWords(
      ['objednavkovy', 'obj', 'objednavkou2', 'jan.novak@firma.cz', 'zz', 'objednavam'],
      [1, 2, 3, 4, 5, 6],
    );
    const words = ([from, to]: [number, number]) =>
      Array.from({ length: to - from }, (_, i) => rare.word(from + i));
    expect(words(rare.range('objednavk', true))).toEqual(['objednavkou2', 'objednavkovy']);
    expect(words(rare.range('obj', false))).toEqual(['obj']);
    expect(words(rare.range('objednavk', false))).toEqual([]);
    expect(words(rare.range('jan', true))).toEqual(['jan.novak@firma.cz']);
    expect(words(rare.range('zzz', true))).toEqual([]);
    // As PostgreSQL sorts them COLLATE "C" (by code point): in UTF-16 an emoji sorts before U+FF5E.
    const byCodePoint = new RareWords(['a', 'a\uff5e', 'a😀', 'b'], [1, 2, 3, 4]);
    expect(Array.from({ length: byCodePoint.length }, (_, i) => byCodePoint.word(i))).toEqual([
      'a',
      'a😀',
      'a\uff5e',
      'b',
    ]);
    expect(byCodePoint.range('a😀', false)).toEqual([1, 2]);
    expect(byCodePoint.range('a', true)).toEqual([0, 3]);
  });

  it('pages a search in an order no index serves from the postings, exactly as SQL orders it', async () => {
    const { facts, statements, service } = await ownService();
    // Read after the tenant's first question; words in 16 of its 160 sessions held, the rest rare.
    expect(facts.postings(tenant.id)).toMatchObject({ sessions: 160, written: 0 });
    expect(facts.postings(tenant.id)!.held).toBeGreaterThan(10);
    expect(facts.postings(tenant.id)!.rare).toBeGreaterThan(10);
    const operator: Principal = { ...admin(), role: 'operator', userId: operators[1]!.id };
    const sorted = sortedBySql(statements);
    const searches = [
      'objednávka',
      'objedn',
      'faktura',
      'OBJEDNÁVEK faktura',
      'reklamace kniha',
      'zásilka sousedovi',
      'null',
      'jan',
      'invoice',
      '48552671',
      'xyzzy',
    ];
    let rareLooked = 0;
    for (const [q, caller, filters] of [
      ...searches.map((q) => [q, admin(), {}] as const),
      ['faktura', admin(), { channel: 'whatsapp,webchat' }],
      ['objednávka', operator, {}],
    ] as const) {
      const looked = lookups(statements);
      for (const sort of ['operator', '-operator', 'group', 'duration', 'waitingTime', 'channel']) {
        const query = { q, sort, ...filters };
        const [fromPostings, fromSql] = await Promise.all([
          walk(service, caller, query),
          walk(plain, caller, query),
        ]);
        expect({ query, who: caller.role, ids: fromPostings }).toEqual({
          query,
          who: caller.role,
          ids: fromSql,
        });
      }
      if (lookups(statements) > looked) rareLooked++;
    }
    // Some searches needed rare words looked up, others were all held words.
    expect(rareLooked).toBeGreaterThan(2);
    expect(rareLooked).toBeLessThan(searches.length);
    // No page was sorted in SQL.
    expect(sortedBySql(statements)).toBe(sorted);
  });

  it("counts a search's total and filter lists exactly from the postings, as SQL counts them", async () => {
    // No time to count in SQL, nor a sample: the postings count, or the planner would guess.
    const { service, statements } = await ownService({
      listCount: { ...LIST_COUNT, budgetMs: 0, sampleBudgetMs: 0 },
    });
    const operator: Principal = { ...admin(), role: 'operator', userId: operators[1]!.id };
    const counted = statements.filter(
      (text) => /count\(/.test(text) && /search_document @@/.test(text),
    ).length;
    for (const [q, caller] of [
      ['objednávka', admin()],
      ['objedn', admin()],
      ['faktuře pošlete', admin()],
      ['jan', admin()],
      ['objednávka', operator],
    ] as const) {
      for (const filters of [{}, { channel: 'whatsapp,phone' }] as Record<string, string>[]) {
        const query = { view: 'history', q, ...filters };
        const [list, count, exact] = await Promise.all([
          service.list(caller, { ...query, sort: '-createdAt', limit: 2 }),
          service.count(caller, query),
          plain.count(caller, query),
        ]);
        // More than "did you mean" looks for more with (counting in SQL).
        expect(exact.total).toBeGreaterThan(FEW_RESULTS);
        expect({ q, who: caller.role, filters, list: [list.total, list.totalIsEstimate], count }).toEqual({
          q,
          who: caller.role,
          filters,
          list: [exact.total, false],
          count: exact,
        });
        for (const column of ['channel', 'operator', 'language', 'param.segment']) {
          const [facet, exactFacet] = await Promise.all([
            service.facet(caller, column, { ...query, limit: 500 }),
            plain.facet(caller, column, { ...query, limit: 500 }),
          ]);
          expect({ q, who: caller.role, column, ...facet }).toEqual({
            q,
            who: caller.role,
            column,
            ...exactFacet,
          });
        }
      }
    }
    // Nothing counted in SQL.
    expect(statements.filter((text) => /count\(/.test(text) && /search_document @@/.test(text))).toHaveLength(
      counted,
    );
  });

  it('answers a search asked before the postings were read once they are, nothing written between', async () => {
    const { facts, statements, service } = await recordedFactsService(
      { services, database },
      tenant.id,
      indexed(),
    );
    const query = { view: 'history', q: 'objednávka' };
    const sqlCounts = () =>
      statements.filter((text) => /count\(/.test(text) && /search_document @@/.test(text)).length;
    // Counted in SQL: the postings are being read (after this first question).
    const exact = await plain.count(admin(), query);
    expect(await service.count(admin(), query)).toEqual(exact);
    expect(sqlCounts()).toBe(1);
    await facts.settled();
    expect(await service.count(admin(), query)).toEqual(exact);
    expect(sqlCounts()).toBe(1);
  });

  it('leaves a phrase to SQL, paging it as SQL does', async () => {
    const { statements, service } = await ownService();
    const sorted = sortedBySql(statements);
    const query = { q: '"moje objednávka"', sort: 'operator' };
    expect(await walk(service, admin(), query)).toEqual(await walk(plain, admin(), query));
    expect(sortedBySql(statements)).toBeGreaterThan(sorted);
  });

  it('confirms in SQL the sessions written since the read, and reads the postings again once many were', async () => {
    const own = await createTenant(services);
    const user = await createUser(services, own.slug, 'operator');
    // 300 sessions: the postings are read again after 6 written (2 %, this test's share), not on the
    // two written below.
    for (let i = 0; i < 300; i++)
      await insertSession(
        services,
        own.id,
        {
          createdAt: new Date(Date.UTC(2025, 5, 1, 8, i % 60, Math.floor(i / 60))),
          operatorIds: i % 2 ? [user.id] : [],
        },
        [{ sender: 'client', text: i % 5 === 0 ? `Kde je moje objednávka ${i}?` : `Dotaz ${i}.` }],
      );
    const { facts, statements, service } = await recordedFactsService(
      { services, database },
      own.id,
      indexed({ rereadShare: 0.02 }),
    );
    const caller = adminPrincipal(own);
    await facts.count(own.id, [], ask());
    await facts.settled();
    expect(facts.postings(own.id)).toMatchObject({ sessions: 300, written: 0 });
    const sorted = sortedBySql(statements);
    const same = async (q: string) => {
      for (const sort of ['operator', '-operator', 'duration']) {
        const query = { q, sort };
        expect({ query, ids: await walk(service, caller, query) }).toEqual({
          query,
          ids: await walk(plain, caller, query),
        });
      }
    };
    await same('objednávka');
    // One session gets a word it did not have: the postings' copy of it is out of date; another is new,
    // without the word. Both are confirmed in SQL when they reach a page (the first kept, the other not).
    const [first] = (
      await sql<{
        id: string;
      }>`SELECT id::text FROM sessions WHERE tenant_id = ${own.id} ORDER BY id LIMIT 1 OFFSET 1`.execute(
        services.db,
      )
    ).rows;
    await sql`INSERT INTO activities (tenant_id, session_id, at, sender, type, text)
              VALUES (${own.id}, ${first!.id}, now(), 'client', 'message', 'Kde je objednávka?')`.execute(
      services.db,
    );
    await sql`SELECT refresh_search_documents(${own.id}::bigint, ARRAY[${first!.id}]::bigint[])`.execute(
      services.db,
    );
    await insertSession(
      services,
      own.id,
      { createdAt: new Date(Date.UTC(2025, 5, 2, 9)), operatorIds: [user.id] },
      [{ sender: 'client', text: 'Nic.' }],
    );
    const confirms = () => statements.filter((text) => /AS p \(id\)\s+JOIN sessions s/.test(text)).length;
    const confirmed = confirms();
    await same('objednávka');
    expect(confirms()).toBeGreaterThan(confirmed);
    const counted = { view: 'history', q: 'objednávka' };
    expect(await service.count(caller, counted)).toEqual(await plain.count(caller, counted));
    expect((await service.count(caller, counted)).total).toBe(61);
    expect(sortedBySql(statements)).toBe(sorted);
    // More sessions written than 2 % of the tenant's: read again, the new ones' words held.
    for (let i = 0; i < 6; i++)
      await insertSession(services, own.id, { createdAt: new Date(Date.UTC(2025, 5, 2, 10, i)) }, [
        { sender: 'client', text: 'Objednávka zase.' },
      ]);
    await walk(service, caller, { q: 'objednávka', sort: 'operator' });
    await facts.settled();
    expect(facts.postings(own.id)).toMatchObject({ sessions: 307, written: 0 });
    await same('objednávka');
    expect(sortedBySql(statements)).toBe(sorted);
  });
});
