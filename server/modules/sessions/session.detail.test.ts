import { beforeAll, describe, expect, it } from 'vitest';
import type { RecordingState, RecordingTrack } from '../../../common/domain';
import { bearer, createTenant, type TestTenant, type TestUser } from '../../test/factories';
import { useTestApp } from '../../test/harness';
import { buildFixture, insertSession, type Fixture } from '../../test/session-fixtures';

describe('facets, detail, transcript, visibility and bad input', async () => {
  const { app, services } = await useTestApp();
  let tenant: TestTenant;
  let fixture: Fixture;
  let operator: TestUser;
  let longSession: string;
  /** The fixture's closed sessions plus the long one, as the facets see them. */
  const closedSessions = () => [
    ...fixture.sessions.filter((s) => s.status === 'closed'),
    { id: longSession, channel: 'webchat', groupId: null, operatorIds: [operator.id], tags: [] as string[] },
  ];

  const get = (url: string, user: TestUser, query: Record<string, string> = {}) =>
    app.inject({ method: 'GET', url, query, headers: bearer(user) });

  beforeAll(async () => {
    tenant = await createTenant(services);
    fixture = await buildFixture(services, tenant, 40, 11);
    operator = fixture.operators[0] as TestUser;
    longSession = await insertSession(
      services,
      tenant.id,
      { createdAt: new Date(Date.UTC(2025, 5, 1)), operatorIds: [operator.id], clientName: 'Eva Dlouhá' },
      Array.from({ length: 23 }, (_, i) =>
        i === 17
          ? { sender: 'client' as const, text: 'Kde je faktura?' }
          : i === 5
            ? { sender: 'client' as const, fileName: 'foto.jpg' }
            : { sender: i % 2 ? ('operator' as const) : ('client' as const), text: `zpráva ${i}` },
      ),
    );
  });

  describe('facets', () => {
    it('counts values under the other filters, most frequent first, with names as labels', async () => {
      const response = await get('/api/v1/sessions/facets/group', tenant.admin, {
        channel: 'webchat,whatsapp',
        group: '1',
      });
      expect(response.statusCode, response.body).toBe(200);
      const history = closedSessions().filter((s) => ['webchat', 'whatsapp'].includes(s.channel));
      const counts = new Map<string, number>();
      for (const s of history)
        counts.set(s.groupId ?? '(empty)', (counts.get(s.groupId ?? '(empty)') ?? 0) + 1);
      const { values, truncated } = response.json<{
        values: { value: string; label: string; count: number }[];
        truncated: boolean;
      }>();
      expect(truncated).toBe(false);
      expect(new Map(values.map((v) => [v.value, v.count]))).toEqual(counts);
      for (let i = 1; i < values.length; i += 1)
        expect(values[i - 1]?.count).toBeGreaterThanOrEqual(values[i]?.count ?? 0);
      for (const value of values) {
        const name = fixture.groups.find((g) => g.id === value.value)?.name ?? '(empty)';
        expect(value.label).toBe(name);
      }
    });

    it('counts each operator who took part, and tags one by one', async () => {
      const history = closedSessions();
      const operators = (await get('/api/v1/sessions/facets/operator', tenant.admin)).json<{
        values: { value: string; count: number }[];
      }>();
      for (const value of operators.values) {
        const expected =
          value.value === '(empty)'
            ? history.filter((s) => s.operatorIds.length === 0).length
            : history.filter((s) => s.operatorIds.includes(value.value)).length;
        expect(value.count, value.value).toBe(expected);
      }
      const tags = (await get('/api/v1/sessions/facets/tags', tenant.admin)).json<{
        values: { value: string; count: number }[];
      }>();
      expect(tags.values.find((v) => v.value === 'vip')?.count).toBe(
        history.filter((s) => s.tags.includes('vip')).length,
      );
    });

    it('searches labels ignoring case and diacritics, and truncates at the limit', async () => {
      const found = (await get('/api/v1/sessions/facets/group', tenant.admin, { search: 'UCET' })).json<{
        values: { label: string }[];
      }>();
      expect(found.values.map((v) => v.label)).toEqual(['Účetnictví']);
      const limited = (await get('/api/v1/sessions/facets/channel', tenant.admin, { limit: '1' })).json<{
        values: unknown[];
        truncated: boolean;
      }>();
      expect(limited.values).toHaveLength(1);
      expect(limited.truncated).toBe(true);
    });

    it('gives parameter values and refuses columns without value lists', async () => {
      const params = await get('/api/v1/sessions/facets/param.segment', tenant.admin);
      expect(params.statusCode).toBe(200);
      expect(
        params
          .json<{ values: { value: string }[] }>()
          .values.map((v) => v.value)
          .sort(),
      ).toEqual(expect.arrayContaining(['B2B', 'B2C']));
      for (const column of ['createdAt', 'pageUrl', 'nonsense']) {
        const response = await get(`/api/v1/sessions/facets/${column}`, tenant.admin);
        expect(response.statusCode).toBe(400);
        expect(response.json()).toMatchObject({ code: 'validation_failed', parameter: 'column' });
      }
    });
  });

  describe('the columns catalogue', () => {
    it('lists the static columns and one column per parameter name', async () => {
      const { columns } = (await get('/api/v1/sessions/columns', tenant.admin)).json<{
        columns: { id: string; defaultVisible: boolean }[];
      }>();
      const ids = columns.map((c) => c.id);
      expect(ids).toEqual(
        expect.arrayContaining([
          'id',
          'createdAt',
          'operator',
          'restoredFrom',
          'param.orderId',
          'param.segment',
        ]),
      );
      expect(columns.filter((c) => c.defaultVisible).map((c) => c.id)).toEqual(
        expect.arrayContaining(['id', 'createdAt', 'channel']),
      );
    });
  });

  describe('operators', () => {
    it('see only sessions they took part in, unless the tenant lets them see all', async () => {
      const mine = fixture.sessions
        .filter((s) => s.status === 'closed' && s.operatorIds.includes(operator.id))
        .map((s) => s.id);
      const list = async () =>
        (await get('/api/v1/sessions', operator, { limit: '500' }))
          .json<{ items: { id: string }[] }>()
          .items.map((i) => i.id);
      expect((await list()).sort()).toEqual([...mine, longSession].sort());
      const other = fixture.sessions.find((s) => !s.operatorIds.includes(operator.id));
      expect((await get(`/api/v1/sessions/${other?.id}`, operator)).statusCode).toBe(404);
      expect((await get(`/api/v1/sessions/${other?.id}/transcript`, operator)).statusCode).toBe(404);

      await services.settings.update(tenant.id, { operatorsSeeAllSessions: true });
      try {
        expect((await list()).length).toBe(fixture.sessions.filter((s) => s.status === 'closed').length + 1);
        expect((await get(`/api/v1/sessions/${other?.id}`, operator)).statusCode).toBe(200);
      } finally {
        await services.settings.update(tenant.id, { operatorsSeeAllSessions: false });
      }
    });
  });

  describe('detail and transcript', () => {
    it('shows a session with its client, participants and restore links', async () => {
      const restored = await insertSession(services, tenant.id, { source: 'restored' });
      await services.db
        .updateTable('sessions')
        .set({ restored_from_id: longSession })
        .where('tenant_id', '=', tenant.id)
        .where('id', '=', restored)
        .execute();
      await services.db
        .insertInto('session_participants')
        .values({
          tenant_id: tenant.id,
          session_id: longSession,
          kind: 'operator',
          user_id: operator.id,
          joined_at: new Date(Date.UTC(2025, 5, 1, 0, 1)),
        })
        .execute();
      const response = await get(`/api/v1/sessions/${longSession}`, tenant.admin);
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json()).toMatchObject({
        id: longSession,
        clientName: 'Eva Dlouhá',
        client: { name: 'Eva Dlouhá' },
        participants: [
          { kind: 'operator', id: operator.id, name: fixture.operatorNames.get(operator.id), leftAt: null },
        ],
        restoredInto: [restored],
        recordingsShown: false,
      });
      expect((await get(`/api/v1/sessions/${restored}`, tenant.admin)).json()).toMatchObject({
        restoredFrom: longSession,
      });
    });

    it('pages through the transcript in order and records the view in the audit log', async () => {
      const seen: { id: string; text: string | null }[] = [];
      let cursor: string | null = null;
      do {
        const response = await get(`/api/v1/sessions/${longSession}/transcript`, tenant.admin, {
          limit: '10',
          ...(cursor ? { cursor } : {}),
        });
        expect(response.statusCode, response.body).toBe(200);
        const page = response.json<{
          items: { id: string; text: string | null }[];
          nextCursor: string | null;
        }>();
        seen.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toHaveLength(23);
      expect(seen[1]?.text).toBe('zpráva 1');
      const file = (await get(`/api/v1/sessions/${longSession}/transcript`, tenant.admin)).json<{
        items: { file: unknown; senderName: string | null }[];
      }>().items[5];
      expect(file).toMatchObject({ file: { name: 'foto.jpg', url: null }, senderName: 'Eva Dlouhá' });
      const audit = await services.db
        .selectFrom('audit_events')
        .select(['action', 'object_id'])
        .where('tenant_id', '=', tenant.id)
        .where('action', '=', 'transcript.view')
        .execute();
      expect(audit.length).toBeGreaterThanOrEqual(3);
      expect(audit[0]?.object_id).toBe(longSession);
    });

    it('opens the transcript at a search hit', async () => {
      const search = await get('/api/v1/sessions', tenant.admin, { q: 'faktura', clientName: 'Eva Dlouhá' });
      const hit =
        search.json<{ items: { match: { activityId: string } }[] }>().items[0]?.match.activityId ?? '';
      const response = await get(`/api/v1/sessions/${longSession}/transcript`, tenant.admin, {
        around: hit,
        limit: '8',
      });
      const page = response.json<{
        items: { id: string; text: string }[];
        nextCursor: string | null;
        prevCursor: string | null;
      }>();
      expect(page.items.map((i) => i.id)).toContain(hit);
      expect(page.items).toHaveLength(8);
      expect(page.prevCursor).not.toBeNull();
      const before = (
        await get(`/api/v1/sessions/${longSession}/transcript`, tenant.admin, {
          cursor: page.prevCursor ?? '',
          limit: '100',
        })
      ).json<{
        items: { text: string }[];
      }>();
      expect(before.items.at(-1)?.text).toBe('zpráva 14');
      expect(before.items).toHaveLength(15);
    });
  });

  describe('bad input gets a 400 naming the parameter, never a 500', () => {
    it.each([
      [{ channel: 'fax' }, 'channel'],
      [{ status: '' }, 'status'],
      [{ operator: 'abc' }, 'operator'],
      [{ 'createdAt.min': 'yesterday' }, 'createdAt.min'],
      [{ 'createdAt.max': '2025-02-30T00:00:00Z' }, 'createdAt.max'],
      [{ 'duration.min': '1.5' }, 'duration.min'],
      [{ 'rating.max': '99999999999' }, 'rating.max'],
      [{ 'pageUrl.empty': 'maybe' }, 'pageUrl.empty'],
      [{ 'channel.contains': 'x' }, 'channel.contains'],
      [{ createdAt: '2025-01-01' }, 'createdAt'],
      [{ id: 'x' }, 'id'],
      [{ unknownThing: '1' }, 'unknownThing'],
      [{ sort: 'chatbot' }, 'sort'],
      [{ sort: '-nope' }, 'sort'],
      [{ limit: '0' }, 'limit'],
      [{ limit: '501' }, 'limit'],
      [{ view: 'all' }, 'view'],
      [{ cursor: 'not-a-cursor' }, 'cursor'],
      [
        {
          cursor: Buffer.from('{"s":"-createdAt","v":"2025-13-01 00:00:00+00","id":"1"}').toString(
            'base64url',
          ),
        },
        'cursor',
      ],
      [
        {
          cursor: Buffer.from('{"s":"-createdAt","v":"x\'); DROP TABLE sessions;--","id":"1"}').toString(
            'base64url',
          ),
        },
        'cursor',
      ],
      [{ cursor: Buffer.from('{"s":"id","v":"5","id":"1"}').toString('base64url') }, 'cursor'],
      [{ clientName: 'x'.repeat(5000) }, 'clientName'],
    ])('%j', async (query, parameter) => {
      const response = await get('/api/v1/sessions', tenant.admin, query);
      expect(response.statusCode, response.body).toBe(400);
      expect(response.json()).toMatchObject({ code: 'validation_failed', parameter });
    });

    it('answers unknown, malformed and huge ids with 404 or 400', async () => {
      expect((await get('/api/v1/sessions/999999999999', tenant.admin)).statusCode).toBe(404);
      expect((await get('/api/v1/sessions/abc', tenant.admin)).statusCode).toBe(400);
      expect((await get('/api/v1/sessions/99999999999999999999999', tenant.admin)).statusCode).toBe(400);
      expect((await get('/api/v1/sessions/999999999999/transcript', tenant.admin)).statusCode).toBe(404);
      expect(
        (await get(`/api/v1/sessions/${longSession}/transcript`, tenant.admin, { around: '999999999' }))
          .statusCode,
      ).toBe(404);
      expect(
        (await get(`/api/v1/sessions/${longSession}/transcript`, tenant.admin, { cursor: 'bad' })).statusCode,
      ).toBe(400);
    });

    it('keeps a tampered but well-formed cursor within the tenant', async () => {
      const cursor = Buffer.from('{"s":"-createdAt","v":"2999-01-01 00:00:00+00","id":"1"}').toString(
        'base64url',
      );
      const response = await get('/api/v1/sessions', tenant.admin, { cursor, limit: '500' });
      expect(response.statusCode).toBe(200);
      const own = await services.db
        .selectFrom('sessions')
        .select('id')
        .where('tenant_id', '=', tenant.id)
        .execute();
      const ids = new Set(own.map((row) => row.id));
      const items = response.json<{ items: { id: string }[] }>().items;
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) expect(ids.has(item.id)).toBe(true);
    });
  });
  describe('recordings', () => {
    it('lists the recordings in the order they started, deleted ones too, to whoever may see the session', async () => {
      const other = fixture.sessions.find((s) => !s.operatorIds.includes(operator.id))!;
      const row = (sessionId: string, track: RecordingTrack, startedAt: string, state: RecordingState) => ({
        tenant_id: tenant.id,
        session_id: sessionId,
        track,
        started_at: new Date(startedAt),
        duration_seconds: 95,
        size_bytes: '5242880',
        media_type: track === 'phone_call' ? 'audio/ogg' : 'video/webm',
        state,
      });
      await services.db
        .insertInto('recordings')
        .values([
          row(longSession, 'screen_share', '2025-06-01T10:05:00Z', 'deleted'),
          row(longSession, 'all_participants', '2025-06-01T10:00:00Z', 'ready'),
          row(other.id, 'phone_call', '2025-06-01T11:00:00Z', 'ready'),
        ])
        .execute();
      const expected = {
        recordings: [
          expect.objectContaining({
            track: 'all_participants',
            startedAt: '2025-06-01T10:00:00.000Z',
            durationSeconds: 95,
            sizeBytes: 5242880,
            mediaType: 'video/webm',
            state: 'ready',
          }),
          expect.objectContaining({ track: 'screen_share', state: 'deleted' }),
        ],
      };
      const forAdmin = await get(`/api/v1/sessions/${longSession}/recordings`, tenant.admin);
      expect(forAdmin.statusCode).toBe(200);
      expect(forAdmin.json()).toEqual(expected);
      expect((await get(`/api/v1/sessions/${longSession}/recordings`, operator)).json()).toEqual(expected);
      // An operator sees only sessions they took part in (the tenant's default).
      expect((await get(`/api/v1/sessions/${other.id}/recordings`, operator)).statusCode).toBe(404);
      expect((await get(`/api/v1/sessions/${other.id}/recordings`, tenant.admin)).json()).toMatchObject({
        recordings: [{ track: 'phone_call' }],
      });
      const none = fixture.sessions.find((s) => s.id !== other.id)!;
      expect((await get(`/api/v1/sessions/${none.id}/recordings`, tenant.admin)).json()).toEqual({
        recordings: [],
      });
      expect((await get('/api/v1/sessions/999999999999/recordings', tenant.admin)).statusCode).toBe(404);
      expect((await get('/api/v1/sessions/abc/recordings', tenant.admin)).statusCode).toBe(400);
    });
  });
});
