import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { staticColumns } from '../../../common/columns';
import { poolBusy } from '../../db/connection';
import type { Principal } from '../../platform/auth/principal';
import { loadConfig } from '../../config';
import { silentLog } from '../../platform/log';
import { createServices } from '../../services';
import { adminPrincipal, createTenant, type TestTenant } from '../../test/factories';
import { useTestApp } from '../../test/harness';
import { buildFixture, insertSession, type Fixture } from '../../test/session-fixtures';
import { recordedFactsService } from '../../test/facts-service';
import { LIST_COUNT } from './session-estimates';
import { factsKeep, SHARE_KEEP_MS, sessionFacts } from './session-facts';
import { sessionService, type SessionServiceOptions } from './session.service';

/**
 * The facet index (session-facts.ts) against plain SQL counting: every value-list column's filter list
 * and the total, under value, empty and range filters and their combinations, must be exactly what
 * PostgreSQL counts — after loading, and after each kind of writer changed sessions, including a write
 * committed while the index was reading.
 */
describe('facet index', async () => {
  const { services, database } = await useTestApp();
  let tenant: TestTenant;
  let principal: Principal;
  let fixture: Fixture;

  /** The same service without the index: everything counted in SQL. */
  const plain = sessionService(services.db, {
    visibility: services.visibility,
    settings: services.settings,
    log: silentLog,
  });
  const indexed = services.sessions;
  const valueColumns = [
    ...staticColumns.filter((column) => column.filter === 'values').map((column) => column.id),
    // Parameters: two held (few values, strings), one with a number at the load and one first written
    // after it (left to SQL).
    'param.segment',
    'param.orderId',
    'param.level',
    'param.later',
  ];

  beforeAll(async () => {
    tenant = await createTenant(services);
    principal = adminPrincipal(tenant);
    fixture = await buildFixture(services, tenant, 400, 41);
    // History only: the fixture's live sessions have no routing state, and the live engine's periodic
    // check (run by other test files on this database) would count ~60 of them as broken.
    await sql`UPDATE sessions SET status = 'closed', ended_at = coalesce(ended_at, created_at + interval '1 minute')
              WHERE tenant_id = ${tenant.id} AND status <> 'closed'`.execute(services.db);
    // Parameters as only a hand-made row has them: empty, JSON null, a number.
    for (const params of [
      '{"segment": ""}',
      '{"segment": null, "orderId": "ORD-100"}',
      '{"level": 5, "segment": "B2C"}',
    ])
      await sql`UPDATE sessions SET params = ${params}::jsonb
                WHERE id = (SELECT min(id) FROM sessions WHERE tenant_id = ${tenant.id} AND params = '{}' AND status = 'closed')`.execute(
        services.db,
      );
    await services.facts!.load(tenant.id);
  });

  const queries = (): Record<string, string>[] => {
    const [first, second] = fixture.operators;
    const group = fixture.groups[0]!.id;
    return [
      {},
      { channel: 'whatsapp' },
      { channel: 'webchat,phone', source: 'api' },
      { operator: `${first!.id},${second!.id}` },
      { operator: '(empty)' },
      { tags: '(empty)' },
      { group: `${group},(empty)` },
      { language: 'cs,(empty)', browser: 'Firefox' },
      { hasRecording: 'true' },
      { endReason: 'client_left', clientLeft: '(empty)' },
      { 'createdAt.min': '2025-02-01', 'createdAt.max': '2025-03-01T12:30:00+01:00' },
      { 'createdAt.min': '2025-01-15T10:00:00.5Z', channel: 'messenger,whatsapp' },
      { 'duration.min': '600', 'duration.max': '2400' },
      { 'waitingTime.max': '100', operator: first!.id },
      { 'endedAt.min': '2025-02-10T00:00:00Z', tags: 'vip' },
      { 'rating.min': '3', 'messageCount.max': '20' },
      { channel: 'phone', group: '(empty)', 'duration.min': '1' },
      { 'param.segment': 'B2B' },
      { 'param.segment': 'B2C,(empty)', channel: 'webchat,whatsapp' },
      { 'param.orderId': 'ORD-101,ORD-103', 'createdAt.min': '2025-02-01' },
      { 'param.segment.empty': 'true', tags: 'vip,(empty)' },
      { 'param.orderId.empty': 'false', 'duration.min': '60' },
      { 'param.level': '5' },
      { 'param.later.empty': 'false' },
    ];
  };

  /** Every facet and the total of every query, from the index and from SQL, must be the same. */
  async function expectSameAsSql(caller: Principal = principal) {
    for (const query of queries()) {
      for (const column of valueColumns) {
        const facetQuery = { view: 'history', limit: 500, ...query };
        const [fromIndex, fromSql] = await Promise.all([
          indexed.facet(caller, column, facetQuery),
          plain.facet(caller, column, facetQuery),
        ]);
        expect({ query, column, values: fromIndex.values }).toEqual({
          query,
          column,
          values: fromSql.values,
        });
      }
      const [indexedTotal, plainTotal] = await Promise.all([
        indexed.count(caller, { view: 'history', ...query }),
        plain.count(caller, { view: 'history', ...query }),
      ]);
      expect({ query, ...indexedTotal }).toEqual({ query, ...plainTotal });
    }
  }

  /** The service over a facet index of its own with the tenant loaded, its statements recorded. */
  async function recordedService() {
    return recordedFactsService({ services, database }, tenant.id);
  }

  /** Every session of a list, page by page through its cursors, by id. */
  async function walk(
    service: typeof plain,
    query: Record<string, string>,
    sort: string,
    limit: number,
    caller: Principal = principal,
  ) {
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await service.list(caller, {
        view: 'history',
        ...query,
        sort,
        limit,
        ...(cursor ? { cursor } : {}),
      });
      ids.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return ids;
  }

  /** The text columns with split sorts (session-columns.ts, `sortIndex: 'asc'`). */
  const textColumns = [
    'externalId',
    'pageUrl',
    'clientName',
    'clientEmail',
    'clientPhone',
    'clientIp',
    'feedback',
  ];

  /** Every text sort in both directions under each query, paged through, is SQL's order (and not empty). */
  async function expectTextSortsAsSql(queries: Record<string, string>[], limit: number) {
    for (const query of queries) {
      for (const column of textColumns) {
        for (const sort of [column, `-${column}`]) {
          const [fromIndex, fromSql] = await Promise.all([
            walk(indexed, query, sort, limit),
            walk(plain, query, sort, limit),
          ]);
          expect({ sort, query, ids: fromIndex }).toEqual({ sort, query, ids: fromSql });
          expect(fromSql.length).toBeGreaterThan(0);
        }
      }
    }
  }

  it('is off with FACET_INDEX_MAX_SESSIONS=0 and bounded by the two settings otherwise', async () => {
    const config = (env: Record<string, string>) => loadConfig({ NODE_ENV: 'test', ...env });
    expect(config({}).facetIndex).toEqual({
      minSessions: 20_000,
      maxSessions: 4_000_000,
      rareCountMs: 80,
    });
    expect(() => config({ FACET_RARE_COUNT_MS: 'soon' })).toThrow(/FACET_RARE_COUNT_MS/);
    expect(() => config({ FACET_INDEX_MAX_SESSIONS: '-1' })).toThrow(/FACET_INDEX_MAX_SESSIONS/);
    const off = createServices(services.db, config({ FACET_INDEX_MAX_SESSIONS: '0' }));
    expect(off.facts).toBeUndefined();
    // Without it the lists are still right: counted in SQL.
    const [channels, fromSql] = await Promise.all([
      off.sessions.facet(principal, 'channel', { view: 'history', limit: 500 }),
      plain.facet(principal, 'channel', { view: 'history', limit: 500 }),
    ]);
    expect(channels.values).toEqual(fromSql.values);
    // A tenant below the minimum is never loaded: its lists are counted in SQL.
    const small = createServices(services.db, config({ FACET_INDEX_MIN_SESSIONS: '401' }));
    await small.sessions.facet(principal, 'channel', { view: 'history', limit: 500 });
    await small.sessions.list(principal, { view: 'history', sort: 'duration', limit: 50 });
    expect(small.facts!.held()[tenant.id]).toBeUndefined();
  });

  it('counts every facet and total exactly as SQL does once loaded', async () => {
    expect(services.facts!.held()[tenant.id]).toBe(400);
    await expectSameAsSql();
  });

  it("counts an operator's own sessions from memory, every facet and total as SQL does", async () => {
    // The tenant keeps operators to their own sessions (the default).
    expect((await services.settings.get(tenant.id)).operatorsSeeAllSessions).toBe(false);
    const own: Principal = { ...principal, role: 'operator', userId: fixture.operators[0]!.id };
    await expectSameAsSql(own);

    const { statements, service } = await recordedService();
    statements.length = 0;
    const query = { view: 'history', channel: 'webchat,whatsapp' };
    const counted = await service.count(own, query);
    const facet = await service.facet(own, 'tags', { ...query, limit: 500 });
    expect(counted).toEqual(await plain.count(own, query));
    expect(counted.total).toBeGreaterThan(0);
    expect(counted.total).toBeLessThan((await plain.count(principal, query)).total);
    expect(facet).toEqual(await plain.facet(own, 'tags', { ...query, limit: 500 }));
    // Neither counted in SQL.
    expect(statements.filter((text) => /count\(/.test(text))).toEqual([]);
  });

  it('holds parameters of few values: their lists, and totals and pages under them, counted in memory', async () => {
    // At most three values a name: orderId (five) is left to SQL, and so is level (a number).
    const { statements, service, facts } = await recordedFactsService({ services, database }, tenant.id, {
      params: { names: 24, values: 3 },
    });
    const counted = () => statements.filter((text) => /count\(/.test(text)).length;
    const under = { view: 'history', channel: 'webchat,whatsapp', 'createdAt.min': '2025-02-01' };
    for (const [column, query, inMemory] of [
      ['param.segment', under, true],
      ['channel', { view: 'history', 'param.segment': 'B2C,(empty)' }, true],
      ['tags', { view: 'history', 'param.segment.empty': 'false', 'duration.min': '60' }, true],
      ['param.orderId', under, false],
      ['channel', { view: 'history', 'param.orderId': 'ORD-101' }, false],
      ['param.level', under, false],
    ] as const) {
      const facetQuery = { ...query, limit: 500 };
      const before = counted();
      const [fromIndex, total] = [
        await service.facet(principal, column, facetQuery),
        await service.count(principal, query),
      ];
      expect({ column, query, counted: counted() > before }).toEqual({ column, query, counted: !inMemory });
      expect(fromIndex).toEqual(await plain.facet(principal, column, facetQuery));
      expect(total).toEqual(await plain.count(principal, query));
    }
    expect(facts.weights()[tenant.id]).toBeGreaterThan(facts.held()[tenant.id]!);
    // The console filters a parameter of many values by text, not by a list of its values.
    const filters = async (from: typeof plain) =>
      Object.fromEntries(
        (await from.columns(tenant.id))
          .filter((column) => ['param.segment', 'param.orderId'].includes(column.id))
          .map((column) => [column.id, column.filter]),
      );
    expect(await filters(service)).toEqual({ 'param.segment': 'values', 'param.orderId': 'text' });
    // Without the index (a tenant too small for it), every parameter has its list.
    expect(Object.values(await filters(plain))).toEqual(['values', 'values']);
    // A page in an order no b-tree index serves, under a held parameter, from the index's ids.
    const query = { 'param.segment': 'B2B', channel: 'webchat,phone' };
    statements.length = 0;
    expect(await walk(service, query, 'operator', 7)).toEqual(await walk(plain, query, 'operator', 7));
    expect(
      statements.filter((text) => /FROM sessions s\b[\s\S]*ORDER BY/.test(text) && !/= ANY\(/.test(text)),
    ).toEqual([]);
  });

  it('answers from memory: a write that bypasses the change stamp is not seen, one that does is', async () => {
    const before = await indexed.facet(principal, 'channel', { view: 'history', limit: 50 });
    // With triggers off (replication role), the row keeps its old change_xid: the index cannot know.
    await services.db.transaction().execute(async (trx) => {
      await sql`SET LOCAL session_replication_role = replica`.execute(trx);
      await sql`UPDATE sessions SET channel = 'apple' WHERE tenant_id = ${tenant.id} AND status = 'closed'
                AND id = (SELECT min(id) FROM sessions WHERE tenant_id = ${tenant.id} AND status = 'closed')`.execute(
        trx,
      );
    });
    expect(await indexed.facet(principal, 'channel', { view: 'history', limit: 50 })).toEqual(before);
    expect((await plain.facet(principal, 'channel', { view: 'history', limit: 50 })).values).toContainEqual(
      expect.objectContaining({ value: 'apple', count: 1 }),
    );
    // Any ordinary write of the row stamps it, and the index reads it.
    await sql`UPDATE sessions SET rating = rating WHERE tenant_id = ${tenant.id} AND channel = 'apple'`.execute(
      services.db,
    );
    await expectSameAsSql();
  });

  it('stays exact through every kind of writer', async () => {
    // New sessions (the live engine's and the fixtures' INSERT).
    for (const channel of ['whatsapp', 'vkontakte', 'phone'] as const) {
      await insertSession(services, tenant.id, {
        channel,
        createdAt: new Date(Date.UTC(2025, 1, 20, 9, 0, 0, 123)),
        operatorIds: [fixture.operators[2]!.id],
        tags: ['po-nacteni', ''],
        language: '',
      });
    }
    // Live sessions closing.
    for (const channel of ['webchat', 'messenger'] as const) {
      await insertSession(services, tenant.id, {
        channel,
        status: 'active',
        createdAt: new Date(),
        endedAt: null,
      });
    }
    await sql`UPDATE sessions SET status = 'closed', ended_at = now(), end_reason = 'api'
              WHERE tenant_id = ${tenant.id} AND status <> 'closed'
                AND id IN (SELECT id FROM sessions WHERE tenant_id = ${tenant.id} AND status <> 'closed' LIMIT 5)`.execute(
      services.db,
    );
    // The import: a new session closed long ago, and an existing one changed in place.
    const actor = { tenantId: tenant.id, userId: null, apiKeyId: null };
    const line = (channel: string) =>
      `${JSON.stringify({
        externalId: 'facts-import-1',
        channel,
        source: 'api',
        status: 'closed',
        createdAt: '2025-01-03T10:00:00Z',
        endedAt: '2025-01-03T10:05:00Z',
        tags: ['importovano'],
      })}\n`;
    expect(
      (await services.imports.importNdjson({ tenantId: tenant.id, actor }, [line('apple')])).created,
    ).toBe(1);
    expect((await services.imports.importNdjson({ tenantId: tenant.id, actor }, [line('av')])).updated).toBe(
      1,
    );
    // Bans marking a client's past sessions, as the bans module does.
    await sql`UPDATE sessions SET banned = true WHERE tenant_id = ${tenant.id} AND channel = 'phone'`.execute(
      services.db,
    );
    // Parameters changed: a new value of a held one, one removed, a name the load never saw.
    await sql`UPDATE sessions SET params = params || '{"segment": "B2G", "later": "x"}'::jsonb
              WHERE tenant_id = ${tenant.id} AND channel = 'webchat' AND rating = 5`.execute(services.db);
    await sql`UPDATE sessions SET params = params - 'orderId'
              WHERE tenant_id = ${tenant.id} AND channel = 'messenger' AND params ? 'orderId'`.execute(
      services.db,
    );
    await expectSameAsSql();
    const channels = await indexed.facet(principal, 'channel', { view: 'history', limit: 50 });
    expect(channels.values).toContainEqual(expect.objectContaining({ value: 'av', count: 1 }));
  });

  it('never misses a write that commits after the index read past it', async () => {
    const target = await sql<{ id: string }>`
      SELECT id::text FROM sessions WHERE tenant_id = ${tenant.id} AND status = 'closed' AND channel <> 'messenger'
      ORDER BY id LIMIT 1`.execute(services.db);
    const id = target.rows[0]!.id;
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let written!: () => void;
    const wrote = new Promise<void>((resolve) => (written = resolve));
    // A transaction writes the row and stays open while the index reads changes (and a later
    // transaction commits a change of its own, moving the newest id past the open one).
    const slow = services.db.transaction().execute(async (trx) => {
      await sql`UPDATE sessions SET channel = 'messenger' WHERE tenant_id = ${tenant.id} AND id = ${id}::bigint`.execute(
        trx,
      );
      written();
      await held;
    });
    await wrote;
    await insertSession(services, tenant.id, { channel: 'av', createdAt: new Date(Date.UTC(2025, 1, 2)) });
    const during = await indexed.count(principal, { view: 'history', channel: 'messenger' });
    expect(during).toEqual(await plain.count(principal, { view: 'history', channel: 'messenger' }));
    release();
    await slow;
    const after = await indexed.count(principal, { view: 'history', channel: 'messenger' });
    expect(after.total).toBe(during.total + 1);
    await expectSameAsSql();
  });

  it('pages every sort it keeps in both directions exactly as SQL orders them', async () => {
    // Names that differ only in case and accents order by the database's collation; two operators of
    // one name tie on the sort value and are ordered by id.
    await sql`UPDATE operator_groups SET name = 'podpora' WHERE tenant_id = ${tenant.id} AND id = ${fixture.groups[1]!.id}::bigint`.execute(
      services.db,
    );
    const [first, second] = fixture.operators;
    await sql`UPDATE users SET name = 'Šárka Nová' WHERE tenant_id = ${tenant.id} AND id IN (${first!.id}::bigint, ${second!.id}::bigint)`.execute(
      services.db,
    );
    const sortable = staticColumns
      .filter((column) => column.sortable && (factsKeep(column.id) || column.id === 'id'))
      .map((column) => column.id);
    expect(sortable.length).toBeGreaterThan(15);
    const queries: Record<string, string>[] = [{}, { channel: 'webchat,whatsapp', 'waitingTime.min': '20' }];
    // An operator who sees only their own sessions (the tenant's default) pages from the index too.
    const own: Principal = { ...principal, role: 'operator', userId: fixture.operators[2]!.id };
    for (const caller of [principal, own]) {
      for (const query of queries) {
        for (const column of sortable) {
          for (const sort of [column, `-${column}`]) {
            const [fromIndex, fromSql] = await Promise.all([
              walk(indexed, query, sort, 45, caller),
              walk(plain, query, sort, 45, caller),
            ]);
            expect({ who: caller.role, sort, query, ids: fromIndex }).toEqual({
              who: caller.role,
              sort,
              query,
              ids: fromSql,
            });
            if (caller === own && Object.keys(query).length === 0) expect(fromSql.length).toBeGreaterThan(10);
          }
        }
      }
    }
  });

  it("pages an operator's own sessions in an order no index serves from the index, not sorted by SQL", async () => {
    const own: Principal = { ...principal, role: 'operator', userId: fixture.operators[0]!.id };
    const { statements, service } = await recordedService();
    for (const sort of ['duration', 'endReason', '-group']) {
      statements.length = 0;
      const page = await service.list(own, { view: 'history', sort, limit: 10 });
      expect(page.items.map((item) => item.id)).toEqual(
        (await plain.list(own, { view: 'history', sort, limit: 10 })).items.map((item) => item.id),
      );
      // The page's rows read by their ids, none sorted among all of the operator's sessions.
      expect(
        statements.filter((text) => /FROM sessions s\b[\s\S]*ORDER BY/.test(text) && !/= ANY\(/.test(text)),
      ).toEqual([]);
    }
  });

  it('pages text sorts under filters from the sessions it knows have a value, exactly as SQL orders them', async () => {
    // WhatsApp sessions without an IP address or e-mail: no session with a value passes the filter.
    await sql`UPDATE sessions SET client_ip = NULL, client_email = NULL
              WHERE tenant_id = ${tenant.id} AND channel = 'whatsapp'`.execute(services.db);
    const queries: Record<string, string>[] = [
      { channel: 'whatsapp' },
      { channel: 'webchat,whatsapp', 'waitingTime.min': '20' },
      { 'createdAt.min': '2025-02-01', 'pageUrl.contains': 'kosik' },
      { 'clientIp.empty': 'true', source: 'api' },
    ];
    await expectTextSortsAsSql(queries, 17);
  });

  it('pages text sorts from the column orders it keeps, with what changed since merged by SQL', async () => {
    // The first text sort under filters the index serves reads the column's order in the background.
    for (const column of textColumns) await walk(indexed, { channel: 'webchat' }, column, 500);
    await services.facts!.settled();
    expect(services.facts!.ordered(tenant.id)).toEqual(textColumns);
    const queries: Record<string, string>[] = [
      { channel: 'webchat,whatsapp' },
      { 'createdAt.min': '2025-02-01', 'duration.min': '60' },
      { operator: fixture.operators[0]!.id, source: 'api' },
    ];
    await expectTextSortsAsSql(queries, 13);
    // Written since the orders were read: values that now sort first or last, values gone and new,
    // and new sessions. Fewer than 1 % of the sessions, so the orders are kept and these merged.
    await sql`UPDATE sessions SET external_id = '!' || id, client_name = 'Žofie ' || id, page_url = NULL,
                client_email = CASE WHEN client_email IS NULL THEN 'aaa' || id || '@example.cz' END
              WHERE tenant_id = ${tenant.id} AND id IN (
                SELECT id FROM sessions WHERE tenant_id = ${tenant.id} AND channel IN ('webchat', 'whatsapp')
                ORDER BY id DESC LIMIT 3)`.execute(services.db);
    await insertSession(services, tenant.id, {
      channel: 'webchat',
      createdAt: new Date(Date.UTC(2025, 1, 25)),
      duration: 90,
      externalId: '#první',
      clientName: 'Adam',
      pageUrl: 'https://shop.example.cz/a',
    });
    await expectTextSortsAsSql(queries, 13);
    expect(services.facts!.ordered(tenant.id)).toEqual(textColumns);

    // A cursor whose session changed after its page was read: the next page is still SQL's.
    const query = { view: 'history', channel: 'webchat,whatsapp', sort: 'clientName', limit: 5 };
    const first = await indexed.list(principal, query);
    const last = first.items.at(-1)!;
    await sql`UPDATE sessions SET client_name = 'Zuzana' WHERE tenant_id = ${tenant.id} AND id = ${last.id}::bigint`.execute(
      services.db,
    );
    const next = { ...query, cursor: first.nextCursor! };
    const [fromIndex, fromSql] = await Promise.all([
      indexed.list(principal, next),
      plain.list(principal, next),
    ]);
    expect(fromIndex.items.map((item) => item.id)).toEqual(fromSql.items.map((item) => item.id));
  });

  it("weighs its text orders against the process's bound and drops one no page walked for an hour", async () => {
    let clock = Date.UTC(2026, 0, 1);
    const other = await createTenant(services);
    for (let i = 0; i < 20; i++) await insertSession(services, other.id, { externalId: `X-${i}` });
    const stored = async (id: string) =>
      Number(
        (
          await sql<{ n: string }>`SELECT count(*) AS n FROM sessions WHERE tenant_id = ${id}`.execute(
            services.db,
          )
        ).rows[0]!.n,
      );
    const sizes = { [other.id]: await stored(other.id), [tenant.id]: await stored(tenant.id) };
    // What the two weigh: their sessions, and the parameters the tenant's sessions carry.
    const weighing = sessionFacts(services.db, { log: silentLog });
    await weighing.load(other.id);
    await weighing.load(tenant.id);
    const weights = weighing.weights();
    expect(weights[other.id]).toBe(sizes[other.id]);
    expect(weights[tenant.id]).toBeGreaterThan(sizes[tenant.id]!);
    // Room for both tenants and a little more, not for a text order as well.
    const facts = sessionFacts(services.db, {
      log: silentLog,
      maxSessions: weights[other.id]! + weights[tenant.id]! + 5,
      now: () => clock,
    });
    const service = sessionService(services.db, {
      visibility: services.visibility,
      settings: services.settings,
      log: silentLog,
      facts,
    });
    await facts.load(other.id);
    await facts.load(tenant.id);
    expect(facts.held()).toEqual(sizes);

    const sorted = { view: 'history', channel: 'webchat', sort: 'externalId', limit: 5 };
    await service.list(principal, sorted);
    await facts.settled();
    expect(facts.ordered(tenant.id)).toEqual(['externalId']);
    // The order (8 bytes per session) outweighs the room left: the least recently used tenant goes.
    expect(facts.held()).toEqual({ [tenant.id]: sizes[tenant.id] });

    clock += 59 * 60_000;
    await service.list(principal, sorted);
    expect(facts.ordered(tenant.id)).toEqual(['externalId']);
    clock += 61 * 60_000;
    await service.count(principal, { view: 'history' });
    expect(facts.ordered(tenant.id)).toEqual([]);
    // Asked again, it is read again; the pages are SQL's meanwhile and after.
    const [fromIndex, fromSql] = await Promise.all([
      service.list(principal, sorted),
      plain.list(principal, sorted),
    ]);
    expect(fromIndex.items.map((item) => item.id)).toEqual(fromSql.items.map((item) => item.id));
    await facts.settled();
    expect(facts.ordered(tenant.id)).toEqual(['externalId']);
  });

  it('leaves what it cannot filter to SQL: text, parameter and content filters, and other callers', async () => {
    for (const query of [
      { 'pageUrl.contains': 'kosik', channel: 'webchat' },
      { q: 'objednávka' },
      { 'clientName.empty': 'true' },
    ]) {
      const facetQuery = { view: 'history', limit: 500, ...query };
      const answer = await indexed.facet(principal, 'channel', facetQuery);
      // A few hundred sessions are counted in SQL well within the budget: exact, and said so.
      expect(answer).toEqual({ ...(await plain.facet(principal, 'channel', facetQuery)) });
      expect(answer.countsAreEstimates).toBe(false);
    }
  });

  describe('lists under what it cannot filter, when counting them takes too long', () => {
    /** The index's service sampling `sampleSize` sessions, counting in SQL only as `quick` says. */
    const estimating = (sampleSize: number, quick = { fewSeen: 0, exactBudgetMs: 0 }) =>
      sessionService(services.db, {
        visibility: services.visibility,
        settings: services.settings,
        log: silentLog,
        facts: services.facts!,
        facetEstimate: { sampleSize, countPart: 1_000, countEnough: 400, checkBudgetMs: 10_000, ...quick },
      });
    /** A service over a facet index of its own that holds `tenantId`, its statements recorded. */
    async function ownIndexService(
      tenantId: string,
      options: { now?: () => number; service?: Partial<SessionServiceOptions> } = {},
    ) {
      return recordedFactsService(
        { services, database },
        tenantId,
        options.now ? { now: options.now } : {},
        options.service,
      );
    }
    const hard: Record<string, string>[] = [
      { 'pageUrl.contains': 'kosik' },
      // A parameter's contained text (ILIKE): the index holds the values, not PostgreSQL's case rules.
      { 'param.segment.contains': 'b2', channel: 'webchat,whatsapp', 'duration.min': '60' },
      { 'clientName.empty': 'false', 'createdAt.min': '2025-02-01' },
      { q: 'Nováková', language: 'cs,(empty)' },
    ];
    const columns = [
      'channel',
      'operator',
      'tags',
      'endReason',
      'language',
      'param.segment',
      'param.orderId',
    ];

    it('counts exactly from a sample of every session passing the other filters, and says so', async () => {
      const whole = estimating(100_000);
      for (const query of hard) {
        for (const column of columns) {
          const facetQuery = { view: 'history', limit: 500, ...query };
          const [fromSample, exact] = await Promise.all([
            whole.facet(principal, column, facetQuery),
            plain.facet(principal, column, facetQuery),
          ]);
          expect({ query, column, ...fromSample }).toEqual({ query, column, ...exact });
        }
      }
    });

    it("estimates a list's total from the same sample when counting it takes too long", async () => {
      const listing = (sampleSize: number, parted = { countPart: 1_000, countEnough: 400 }) =>
        sessionService(services.db, {
          visibility: services.visibility,
          settings: services.settings,
          log: silentLog,
          facts: services.facts!,
          facetEstimate: { sampleSize, ...parted, checkBudgetMs: 10_000, fewSeen: 0, exactBudgetMs: 0 },
          listCount: {
            exactCap: 10_000,
            exactSearchCap: 1_000,
            budgetMs: 0,
            sampleRows: 10_000,
            sampleBudgetMs: 10_000,
            plannerSkipsCountFactor: 10,
          },
        });
      let tested = 0;
      let stopped = 0;
      for (const query of hard) {
        const listQuery = { view: 'history', sort: '-createdAt', limit: 5, ...query };
        const exact = await plain.count(principal, { view: 'history', ...query });
        // A total the first page proves is not estimated.
        if (exact.total <= 5) continue;
        tested += 1;
        const whole = await listing(100_000).list(principal, listQuery);
        expect({ query, total: whole.total, totalIsEstimate: whole.totalIsEstimate }).toEqual({
          query,
          total: exact.total,
          totalIsEstimate: false,
        });
        const part = await listing(40).list(principal, listQuery);
        expect(part.totalIsEstimate).toBe(true);
        expect(part.total).toBeGreaterThan(exact.total * 0.5);
        expect(part.total).toBeLessThan(exact.total * 1.5);
        // Checked in interleaved parts of 7: every part checked is the whole sample, so exact …
        const parts = await listing(100_000, { countPart: 7, countEnough: 1_000_000 }).list(
          principal,
          listQuery,
        );
        expect({ query, total: parts.total, totalIsEstimate: parts.totalIsEstimate }).toEqual({
          query,
          total: exact.total,
          totalIsEstimate: false,
        });
        // … and the check stops at the first parts that find 3 matches: an estimate, still about right.
        if (exact.total < 40) continue;
        const early = await listing(100_000, { countPart: 20, countEnough: 3 }).list(principal, listQuery);
        expect({ query, totalIsEstimate: early.totalIsEstimate }).toEqual({ query, totalIsEstimate: true });
        expect(early.total).toBeGreaterThan(exact.total * 0.3);
        expect(early.total).toBeLessThan(exact.total * 3);
        stopped += 1;
      }
      expect(tested).toBeGreaterThanOrEqual(2);
      expect(stopped).toBeGreaterThanOrEqual(1);
    });

    it("reuses a search's sampled share for a while, applied to the sessions passing its filters now", async () => {
      let clock = Date.UTC(2026, 0, 1);
      const own = await createTenant(services);
      const caller = adminPrincipal(own);
      // Every fifth session mentions an order; 120 at first, 120 more later.
      const add = async (from: number) => {
        for (let i = from; i < from + 120; i++)
          await insertSession(services, own.id, { createdAt: new Date(Date.UTC(2025, 7, 1, 9, i)) }, [
            { sender: 'client', text: i % 5 === 0 ? `Kde je moje objednávka ${i}?` : `Dotaz ${i}.` },
          ]);
      };
      await add(0);
      // A sample of 40 of the 120 sessions and no time to count: every total is the sample's.
      const { service, statements } = await ownIndexService(own.id, {
        now: () => clock,
        service: {
          facetEstimate: {
            sampleSize: 40,
            countPart: 1_000,
            countEnough: 400,
            checkBudgetMs: 10_000,
            fewSeen: 0,
            exactBudgetMs: 0,
          },
          // However long the sample takes on a busy machine (past its budget, TABLESAMPLE would answer).
          listCount: { ...LIST_COUNT, budgetMs: 0, sampleBudgetMs: 60_000 },
        },
      });
      const query = { view: 'history', sort: '-createdAt', limit: 5, q: 'objednávka' };
      const checks = () => statements.filter((text) => /AS p \(id\)\s+JOIN sessions s/.test(text)).length;

      const first = await service.list(caller, query);
      // A systematic sample of every third session finds every fifth's share: 8 of 40, so 24.
      expect(first).toMatchObject({ total: 24, totalIsEstimate: true });
      const sampledOnce = checks();
      expect(sampledOnce).toBeGreaterThan(0);

      // Asked again within the keep: the same estimate, no document checked.
      clock += SHARE_KEEP_MS - 1_000;
      expect(await service.list(caller, query)).toMatchObject({ total: 24, totalIsEstimate: true });
      expect(checks()).toBe(sampledOnce);
      // Twice the sessions passing its filters: the share applied to them, still unchecked.
      await add(120);
      expect(await service.list(caller, query)).toMatchObject({ total: 48, totalIsEstimate: true });
      expect(checks()).toBe(sampledOnce);
      // Another search, and the same search under another filter, are sampled on their own.
      await service.list(caller, { ...query, q: 'dotaz' });
      expect(checks()).toBe(sampledOnce + 1);
      await service.list(caller, { ...query, channel: 'webchat' });
      expect(checks()).toBe(sampledOnce + 2);
      // Past the keep, sampled again: which sessions the sample picks depends on the order the index
      // read the added ones in, so its estimate is about the 48 there are, not exactly.
      clock += 2_000;
      const again = await service.list(caller, query);
      expect(checks()).toBe(sampledOnce + 3);
      expect(again.totalIsEstimate).toBe(true);
      expect(again.total).toBeGreaterThan(24);
      expect(again.total).toBeLessThan(96);
    });

    it("reads what changed only once a search's page needs a total", async () => {
      const own = await createTenant(services);
      const caller = adminPrincipal(own);
      for (let i = 0; i < 30; i++)
        await insertSession(services, own.id, { createdAt: new Date(Date.UTC(2025, 7, 2, 9, i)) }, [
          { sender: 'client', text: i % 10 === 0 ? `Reklamace číslo ${i}.` : `Kde je moje objednávka ${i}?` },
        ]);
      // The total waits for the page however long it takes on a busy machine.
      const { service, statements } = await ownIndexService(own.id, {
        service: { countWaitsForPageMs: 60_000 },
      });
      // Once every statement the request started has answered (a total's work runs beside its page).
      const changeReads = async () => {
        while (poolBusy(database.pool)) await new Promise((resolve) => setTimeout(resolve, 5));
        return statements.filter((text) => /change_xid >=/.test(text)).length;
      };
      const query = { view: 'history', sort: '-createdAt', limit: 5 };
      // Three complaints on a page of five: the page is the whole answer, nothing else is read.
      expect(await service.list(caller, { ...query, q: 'reklamace' })).toMatchObject({
        total: 3,
        totalIsEstimate: false,
      });
      expect(await changeReads()).toBe(0);
      // Twenty-seven orders: the page does not prove its total, and the sample needs the index current.
      const orders = await service.list(caller, { ...query, q: 'objednávka' });
      expect(orders.items).toHaveLength(5);
      expect(orders.total).toBe(27);
      expect(await changeReads()).toBe(1);
    });

    it('counts in SQL when the sample finds few matches and SQL is quick', async () => {
      const rare = estimating(60, { fewSeen: 1_000_000, exactBudgetMs: 10_000 });
      const facetQuery = { view: 'history', limit: 500, ...hard[0] };
      const [answer, exact] = await Promise.all([
        rare.facet(principal, 'channel', facetQuery),
        plain.facet(principal, 'channel', facetQuery),
      ]);
      expect(answer).toEqual(exact);
    });

    it('scales a smaller sample up to about the whole, and counts exactly when asked', async () => {
      const sampled = estimating(60);
      // A parameter the index holds is estimated the same way (under filters of other columns: a
      // list leaves out its own column's filters).
      for (const [query, column] of hard
        .slice(0, 3)
        .flatMap((query) =>
          ['channel', 'param.segment']
            .filter((column) => !Object.keys(query).some((key) => key.startsWith(column)))
            .map((column) => [query, column] as const),
        )) {
        const facetQuery = { view: 'history', limit: 500, ...query };
        const [estimate, exact, asked] = await Promise.all([
          sampled.facet(principal, column, facetQuery),
          plain.facet(principal, column, facetQuery),
          sampled.facet(principal, column, { ...facetQuery, exact: 'true' }),
        ]);
        expect(asked).toEqual(exact);
        expect({ query, column, estimated: estimate.countsAreEstimates }).toEqual({
          query,
          column,
          estimated: true,
        });
        const known = new Set(exact.values.map((v) => v.value));
        for (const value of estimate.values) expect(known.has(value.value)).toBe(true);
        // Each session has one channel, one segment or none: the scaled counts add up to about the matching sessions.
        const sum = (values: { count: number }[]) => values.reduce((total, v) => total + v.count, 0);
        expect(sum(estimate.values)).toBeGreaterThan(sum(exact.values) * 0.6);
        expect(sum(estimate.values)).toBeLessThan(sum(exact.values) * 1.4);
      }
    });
  });
});
