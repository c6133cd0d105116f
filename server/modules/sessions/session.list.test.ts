import { beforeAll, describe, expect, it } from 'vitest';
import { staticColumns, type StaticColumnId } from '../../../common/columns';
import { bearer, createTenant, type TestTenant } from '../../test/factories';
import { useTestApp } from '../../test/harness';
import { buildFixture, insertSession, type Fixture, type FixtureSession } from '../../test/session-fixtures';
import { columnSql } from './session-columns';
import { parseContentQuery } from '../search/content-query';
import { parseFilters } from './session-filters';
import type { ListScope } from './session-sql';
import { sessionRepository } from './session.repository';
import { parseSort } from './session.service';

interface Item {
  id: string;
  [key: string]: unknown;
}
interface Page {
  items: Item[];
  nextCursor: string | null;
  total: number;
  totalIsEstimate: boolean;
}

/** Restore links the fixture is given (restored session → origin, origin → restored session). */
const restoreLinks = { from: new Map<string, string>(), as: new Map<string, string>() };

/** Names behind ids, for the columns that sort by them (operator, group); set once the fixture exists. */
const sortNames = { operators: new Map<string, string>(), groups: new Map<string, string>() };

/** The value of a column for a fixture session, as the API should compare it (null = no value). */
function valueOf(session: FixtureSession, columnId: string): string | number | boolean | string[] | null {
  if (columnId.startsWith('param.')) return session.params[columnId.slice(6)] ?? null;
  const id = columnId as StaticColumnId;
  // eslint-disable-next-line @typescript-eslint/switch-exhaustiveness-check -- the rest read the same-named field
  switch (id) {
    case 'id':
      return session.id;
    case 'createdAt':
    case 'acceptedAt':
    case 'endedAt': {
      const date = session[id];
      return date ? date.getTime() : null;
    }
    case 'operator':
      return session.operatorIds;
    case 'group':
      return session.groupId;
    case 'chatbot':
      return session.chatbotId;
    case 'widget':
      return session.widgetId;
    case 'restoredFrom':
      return restoreLinks.from.get(session.id) ?? null;
    case 'restoredAs':
      return restoreLinks.as.get(session.id) ?? null;
    default:
      return session[id];
  }
}

/** What a column sorts by: its value, or for operator and group the name behind the (first) id. */
function sortValueOf(session: FixtureSession, columnId: string) {
  if (columnId === 'operator') {
    const first = session.operatorIds[0];
    return first === undefined ? null : (sortNames.operators.get(first) ?? null);
  }
  if (columnId === 'group')
    return session.groupId === null ? null : (sortNames.groups.get(session.groupId) ?? null);
  return valueOf(session, columnId);
}

function compare(a: unknown, b: unknown, columnId: string): number {
  if (columnId === 'id') return Number(BigInt(a as string) - BigInt(b as string));
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  const left = String(a);
  const right = String(b);
  return left < right ? -1 : left > right ? 1 : 0;
}

/** The expected order: by value (missing values last in both directions), then by id. */
function expectedOrder(sessions: FixtureSession[], columnId: string, desc: boolean): string[] {
  const sign = desc ? -1 : 1;
  return [...sessions]
    .sort((a, b) => {
      const va = sortValueOf(a, columnId);
      const vb = sortValueOf(b, columnId);
      if (va === null && vb !== null) return 1;
      if (vb === null && va !== null) return -1;
      const byValue = va === null ? 0 : sign * compare(va, vb, columnId);
      return byValue !== 0 ? byValue : sign * compare(a.id, b.id, 'id');
    })
    .map((session) => session.id);
}

describe('the sessions list', async () => {
  const { app, services } = await useTestApp();
  let tenant: TestTenant;
  let fixture: Fixture;
  let history: FixtureSession[];

  const get = async (query: Record<string, string>) => {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/sessions',
      query,
      headers: bearer(tenant.admin),
    });
    return response;
  };
  const ids = async (query: Record<string, string>): Promise<string[]> => {
    const response = await get({ limit: '500', ...query });
    expect(response.statusCode, response.body).toBe(200);
    return response
      .json<Page>()
      .items.map((item) => item.id)
      .sort();
  };
  const expectFilter = async (query: Record<string, string>, keep: (s: FixtureSession) => boolean) => {
    const expected = history
      .filter(keep)
      .map((s) => s.id)
      .sort();
    expect(await ids(query), JSON.stringify(query)).toEqual(expected);
  };

  beforeAll(async () => {
    tenant = await createTenant(services);
    fixture = await buildFixture(services, tenant, 60);
    history = fixture.sessions.filter((session) => session.status === 'closed');
    sortNames.operators = fixture.operatorNames;
    sortNames.groups = new Map(fixture.groups.map((group) => [group.id, group.name]));
    // Two ended sessions restored as two others: "Restored as" follows from the link (a trigger).
    for (const [origin, restored] of [
      [history[0], history[2]],
      [history[1], history[3]],
    ] as const) {
      await services.db
        .updateTable('sessions')
        .set({ restored_from_id: origin!.id })
        .where('tenant_id', '=', tenant.id)
        .where('id', '=', restored!.id)
        .execute();
      restoreLinks.from.set(restored!.id, origin!.id);
      restoreLinks.as.set(origin!.id, restored!.id);
    }
  });

  it('lists history by default, newest first, and live on request', async () => {
    const response = await get({ limit: '500' });
    const page = response.json<Page>();
    expect(page.items.map((item) => item.id)).toEqual(expectedOrder(history, 'createdAt', true));
    expect(page.total).toBe(history.length);
    expect(page.totalIsEstimate).toBe(false);
    const live = fixture.sessions
      .filter((session) => session.status !== 'closed')
      .map((s) => s.id)
      .sort();
    expect(await ids({ view: 'live' })).toEqual(live);
  });

  it('returns every column of an item keyed by column id', async () => {
    const page = (await get({ limit: '500' })).json<Page>();
    const session = history.find((s) => s.operatorIds.length > 0 && s.groupId && s.widgetId) ?? history[0];
    const item = page.items.find((candidate) => candidate.id === session?.id);
    for (const column of staticColumns) expect(item, column.id).toHaveProperty(column.id);
    expect(item).toMatchObject({
      channel: session?.channel,
      createdAt: session?.createdAt.toISOString(),
      operator: session?.operatorIds.map((id) => ({ id, name: fixture.operatorNames.get(id) })),
      group: { id: session?.groupId, name: fixture.groups.find((g) => g.id === session?.groupId)?.name },
      widget: { id: session?.widgetId },
      params: session?.params,
    });
  });

  describe('filters every filterable column like an independent computation', () => {
    const valueColumns = staticColumns.filter((column) => column.filter === 'values');
    it.each(valueColumns.map((column) => [column.id] as const))(
      '%s: value sets and (empty)',
      async (columnId) => {
        const present = [...new Set(history.flatMap((s) => [valueOf(s, columnId)].flat()))]
          .filter((value) => value !== null)
          .map(String)
          .slice(0, 2);
        expect(present.length).toBeGreaterThan(0);
        const matches = (s: FixtureSession, wanted: string[], empty: boolean) => {
          const value = valueOf(s, columnId);
          if (Array.isArray(value))
            return value.some((v) => wanted.includes(v)) || (empty && value.length === 0);
          return value === null || value === '' ? empty : wanted.includes(String(value));
        };
        await expectFilter({ [columnId]: present.join(',') }, (s) => matches(s, present, false));
        await expectFilter({ [columnId]: present[0] ?? '' }, (s) => matches(s, present.slice(0, 1), false));
        await expectFilter({ [columnId]: '(empty)' }, (s) => matches(s, [], true));
        await expectFilter({ [columnId]: `${present[0] ?? ''},(empty)` }, (s) =>
          matches(s, present.slice(0, 1), true),
        );
      },
    );

    const rangeColumns = staticColumns.filter((column) => column.filter === 'range');
    it.each(rangeColumns.map((column) => [column.id, column.type] as const))(
      '%s: min and max',
      async (columnId, type) => {
        const values = history
          .map((s) => valueOf(s, columnId))
          .filter((v): v is number => typeof v === 'number')
          .sort((a, b) => a - b);
        const middle = values[Math.floor(values.length / 2)] ?? 0;
        const low = values[Math.floor(values.length / 4)] ?? 0;
        const param = (value: number) =>
          type === 'datetime' ? new Date(value).toISOString() : String(value);
        const inRange = (s: FixtureSession, min?: number, max?: number) => {
          const value = valueOf(s, columnId);
          return (
            typeof value === 'number' &&
            (min === undefined || value >= min) &&
            (max === undefined || value <= max)
          );
        };
        await expectFilter({ [`${columnId}.min`]: param(middle) }, (s) => inRange(s, middle));
        await expectFilter({ [`${columnId}.max`]: param(middle) }, (s) => inRange(s, undefined, middle));
        await expectFilter({ [`${columnId}.min`]: param(low), [`${columnId}.max`]: param(middle) }, (s) =>
          inRange(s, low, middle),
        );
      },
    );

    const textColumns = staticColumns.filter((column) => column.filter === 'text');
    it.each(textColumns.map((column) => [column.id] as const))(
      '%s: exact, contains, empty',
      async (columnId) => {
        const present =
          history.map((s) => valueOf(s, columnId)).find((v): v is string => typeof v === 'string') ?? '';
        const text = (s: FixtureSession) => {
          const value = valueOf(s, columnId);
          return value === null ? null : String(value);
        };
        await expectFilter({ [columnId]: present }, (s) => text(s) === present);
        const part = present.length > 3 ? present.slice(1, 4) : present.slice(-1);
        const upper = columnId === 'id' ? part : part.toUpperCase();
        await expectFilter(
          { [`${columnId}.contains`]: upper },
          (s) => text(s)?.toLowerCase().includes(part.toLowerCase()) ?? false,
        );
        await expectFilter({ [`${columnId}.empty`]: 'true' }, (s) => !text(s));
        await expectFilter({ [`${columnId}.empty`]: 'false' }, (s) => !!text(s));
      },
    );

    it('param.<name>: exact (any of), contains, empty', async () => {
      const order = (s: FixtureSession) => s.params.orderId;
      await expectFilter({ 'param.orderId': 'ORD-101,ORD-103' }, (s) =>
        ['ORD-101', 'ORD-103'].includes(order(s) ?? ''),
      );
      await expectFilter({ 'param.orderId': 'ORD-101,(empty)' }, (s) => order(s) === 'ORD-101' || !order(s));
      await expectFilter(
        { 'param.orderId.contains': 'd-10' },
        (s) => order(s)?.toLowerCase().includes('d-10') ?? false,
      );
      await expectFilter({ 'param.orderId.empty': 'true' }, (s) => !order(s));
      await expectFilter({ 'param.segment.empty': 'false' }, (s) => !!s.params.segment);
    });

    it('takes % and _ in a contains filter as the characters themselves, not as wildcards', async () => {
      const own = await createTenant(services);
      const urls = [
        'https://shop.example/100%_off',
        'https://shop.example/1000-off',
        'https://shop.example/100x-off',
      ];
      const ids = await Promise.all(
        urls.map((pageUrl, index) =>
          insertSession(services, own.id, { pageUrl, params: { code: ['50%', '500', '5_0'][index]! } }),
        ),
      );
      const listed = async (query: Record<string, string>) => {
        const response = await app.inject({
          method: 'GET',
          url: '/api/v1/sessions',
          query: { limit: '50', ...query },
          headers: bearer(own.admin),
        });
        expect(response.statusCode, response.body).toBe(200);
        return response
          .json<{ items: { id: string }[] }>()
          .items.map((item) => item.id)
          .sort();
      };
      expect(await listed({ 'pageUrl.contains': '100%' })).toEqual([ids[0]]);
      expect(await listed({ 'pageUrl.contains': '_off' })).toEqual([ids[0]]);
      expect(await listed({ 'param.code.contains': '0%' })).toEqual([ids[0]]);
      expect(await listed({ 'param.code.contains': '5_' })).toEqual([ids[2]]);
      expect(await listed({ 'pageUrl.contains': '\\' })).toEqual([]);
    });

    it('combines filters with AND', async () => {
      await expectFilter(
        { channel: 'webchat,whatsapp', 'rating.min': '3', 'param.segment': 'B2B' },
        (s) =>
          ['webchat', 'whatsapp'].includes(s.channel) && (s.rating ?? 0) >= 3 && s.params.segment === 'B2B',
      );
    });
  });

  describe('sorts by every sortable column with keyset pages', () => {
    const sortable = [
      ...staticColumns.filter((column) => column.sortable).map((column) => column.id),
      'param.orderId',
    ];
    it.each(sortable.flatMap((id) => [[id], [`-${id}`]] as const))('sort=%s', async (sort) => {
      const desc = sort.startsWith('-');
      const columnId = desc ? sort.slice(1) : sort;
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const response = await get({ sort, limit: '7', ...(cursor ? { cursor } : {}) });
        expect(response.statusCode, response.body).toBe(200);
        const page = response.json<Page>();
        seen.push(...page.items.map((item) => item.id));
        cursor = page.nextCursor;
        pages += 1;
      } while (cursor && pages < 50);
      expect(seen).toEqual(expectedOrder(history, columnId, desc));
    });
  });

  describe('text sorts under a filter, by their index and by sorting the matching sessions', () => {
    const textSorts = Object.entries(columnSql)
      .filter(([, column]) => column.sortIndex === 'asc')
      .map(([id]) => id);
    it.each(textSorts.flatMap((id) => [[id], [`-${id}`]] as const))('sort=%s', async (key) => {
      expect(textSorts.length).toBeGreaterThanOrEqual(7);
      const sort = parseSort(key);
      const scope: ListScope = {
        tenantId: tenant.id,
        view: 'history',
        filters: parseFilters({ channel: 'webchat,whatsapp' }, new Set()),
        visibility: { kind: 'all' },
      };
      const repo = sessionRepository(services.db);
      // Budget 0: never follow the index, sort the matching sessions; the default follows it here.
      for (const budget of [0, undefined]) {
        const seen: string[] = [];
        let after: { v: string | null; id: string } | undefined;
        for (let pages = 0; pages < 50; pages++) {
          const rows = await repo.page(scope, sort, 7, after, { orderedBudgetMs: budget });
          const page = rows.slice(0, 7);
          seen.push(...page.map((row) => row.id));
          if (rows.length <= 7) break;
          const last = page.at(-1)!;
          after = { v: last.sort_value, id: last.id };
        }
        const columnId = key.replace(/^-/, '');
        const matching = history.filter((session) => ['webchat', 'whatsapp'].includes(session.channel));
        expect({ budget, seen }).toEqual({ budget, seen: expectedOrder(matching, columnId, sort.desc) });
      }
    });
  });

  it('pages a content search the same whether it follows the sort or collects the matches first', async () => {
    const other = await createTenant(services);
    for (let i = 0; i < 24; i++) {
      await insertSession(
        services,
        other.id,
        {
          createdAt: new Date(Date.UTC(2025, 3, 1, 8, i % 5)),
          clientName: i % 4 === 0 ? null : `Klient ${(i * 7) % 10}`,
          duration: i % 3 === 0 ? null : (i * 37) % 11,
        },
        [{ sender: 'client', text: i % 3 === 0 ? 'Kde je moje objednávka?' : 'Dobrý den' }],
      );
    }
    const repo = sessionRepository(services.db);
    const walk = async (q: string, key: string, budget: number | undefined) => {
      const scope: ListScope = {
        tenantId: other.id,
        view: 'history',
        filters: [],
        visibility: { kind: 'all' },
        search: parseContentQuery(q)!.parts,
      };
      const sort = parseSort(key);
      const seen: string[] = [];
      let after: { v: string | null; id: string } | undefined;
      for (let pages = 0; pages < 20; pages++) {
        const rows = await repo.page(scope, sort, 3, after, { orderedBudgetMs: budget });
        seen.push(...rows.slice(0, 3).map((row) => row.id));
        if (rows.length <= 3) break;
        const last = rows[2]!;
        after = { v: last.sort_value, id: last.id };
      }
      return seen;
    };
    // One word is left to the planner; several are walked along the sort's index first.
    for (const q of ['objednavka', 'moje objednavka']) {
      for (const key of ['-createdAt', 'createdAt', 'clientName', '-duration', 'duration']) {
        const followed = await walk(q, key, undefined);
        expect(followed).toHaveLength(8);
        expect({ q, key, ids: await walk(q, key, 0) }).toEqual({ q, key, ids: followed });
      }
    }
    expect(await walk('ORD-NOWHERE-42', '-createdAt', 0)).toEqual([]);
  });

  it('reports an exact total across pages', async () => {
    const page = (await get({ limit: '5' })).json<Page>();
    expect(page.items).toHaveLength(5);
    expect(page.total).toBe(history.length);
    expect(page.totalIsEstimate).toBe(false);
  });
});
