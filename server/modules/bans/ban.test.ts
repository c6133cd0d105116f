import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { bearer, createUser, type TestUser } from '../../test/factories';
import {
  addGroup,
  addOperator,
  addRule,
  createLiveTenant,
  operatorPost,
  pendingOffers,
  sessionRow,
  startChat,
  type LiveTenant,
} from '../../test/live-kit';
import { useTestApp } from '../../test/harness';
import { insertSession } from '../../test/session-fixtures';

describe('bans', async () => {
  const { app, services } = await useTestApp({ live: {} });

  async function tenantWithRule(): Promise<LiveTenant> {
    const tenant = await createLiveTenant(services);
    const group = await addGroup(services, tenant.id);
    await addRule(services, tenant.id, { groupId: group, fallback: true });
    return tenant;
  }

  async function ban(user: TestUser, body: Record<string, unknown>) {
    return app.inject({
      method: 'POST',
      url: '/api/v1/bans',
      headers: bearer(user),
      payload: { channel: 'webchat', reason: 'spam', expiresAt: null, ...body },
    });
  }

  async function banOk(user: TestUser, body: Record<string, unknown>) {
    const response = await ban(user, body);
    expect(response.statusCode, response.body).toBe(201);
    return response.json<{ id: string; attempts: number; state: string; active: boolean }>();
  }

  async function start(tenant: LiveTenant, body: Record<string, unknown>, remoteAddress?: string) {
    return app.inject({
      method: 'POST',
      url: '/api/v1/live/client/sessions',
      headers: { 'x-widget-key': tenant.widgetKey },
      payload: { visitorId: `v-${randomBytes(4).toString('hex')}`, ...body },
      ...(remoteAddress ? { remoteAddress } : {}),
    });
  }

  async function sessionCount(tenantId: string) {
    const row = await services.db
      .selectFrom('sessions')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('tenant_id', '=', tenantId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async function attempts(tenantId: string, banId: string) {
    const row = await services.db
      .selectFrom('bans')
      .select(['attempts', 'last_attempt_at'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', banId)
      .executeTakeFirstOrThrow();
    return { attempts: Number(row.attempts), lastAttemptAt: row.last_attempt_at };
  }

  describe('web chat start', () => {
    it.each([
      ['visitorId', 'v-banned-1', { visitorId: 'v-banned-1' }],
      ['email', 'Spam@Example.COM', { email: 'spam@example.com' }],
      ['phone', '+420 601 234 567', { phone: '+420601234567' }],
    ])(
      'refuses a client banned by %s before any session exists and counts the attempt',
      async (kind, value, client) => {
        const tenant = await tenantWithRule();
        const made = await banOk(tenant.admin, { identities: [{ kind, value }] });
        const refused = await start(tenant, client);
        expect(refused.statusCode).toBe(403);
        expect(refused.json()).toMatchObject({ code: 'live.banned' });
        expect(await sessionCount(tenant.id)).toBe(0);
        expect((await attempts(tenant.id, made.id)).attempts).toBe(1);
        expect((await start(tenant, {})).statusCode).toBe(201);
      },
    );

    it('matches IPv4 and IPv6 addresses inside banned subnets, and not outside them', async () => {
      const tenant = await tenantWithRule();
      await banOk(tenant.admin, {
        identities: [
          { kind: 'ip', value: '192.0.2.0/24' },
          { kind: 'ip', value: '2001:DB8:ABCD::/48' },
          { kind: 'ip', value: '198.51.100.7' },
        ],
      });
      expect((await start(tenant, {}, '192.0.2.200')).statusCode).toBe(403);
      expect((await start(tenant, {}, '198.51.100.7')).statusCode).toBe(403);
      expect((await start(tenant, {}, '2001:db8:abcd:12::1')).statusCode).toBe(403);
      expect((await start(tenant, {}, '192.0.3.1')).statusCode).toBe(201);
      expect((await start(tenant, {}, '198.51.100.8')).statusCode).toBe(201);
      expect((await start(tenant, {}, '2001:db8:abce::1')).statusCode).toBe(201);
    });

    it('applies a ban only on its channel and in its tenant', async () => {
      const tenant = await tenantWithRule();
      const other = await tenantWithRule();
      await banOk(tenant.admin, {
        channel: 'whatsapp',
        identities: [{ kind: 'phone', value: '+420601000111' }],
      });
      await banOk(other.admin, { identities: [{ kind: 'visitorId', value: 'v-x' }] });
      expect((await start(tenant, { phone: '+420601000111' })).statusCode).toBe(201);
      expect((await start(tenant, { visitorId: 'v-x' })).statusCode).toBe(201);
    });

    it('stops applying at its expiry without any job, decided by the database clock', async () => {
      const tenant = await tenantWithRule();
      const made = await banOk(tenant.admin, {
        identities: [{ kind: 'visitorId', value: 'v-edge' }],
        expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
      });
      const setExpiry = (expression: ReturnType<typeof sql<Date>>) =>
        services.db
          .updateTable('bans')
          .set({ expires_at: expression })
          .where('tenant_id', '=', tenant.id)
          .where('id', '=', made.id)
          .execute();
      await setExpiry(sql<Date>`now() + interval '5 seconds'`);
      expect((await start(tenant, { visitorId: 'v-edge' })).statusCode).toBe(403);
      await setExpiry(sql<Date>`now() - interval '1 millisecond'`);
      expect((await start(tenant, { visitorId: 'v-edge' })).statusCode).toBe(201);
      const read = await app.inject({
        method: 'GET',
        url: `/api/v1/bans/${made.id}`,
        headers: bearer(tenant.admin),
      });
      expect(read.json()).toMatchObject({ state: 'expired', active: false });
    });

    it('lets the client in at once when the ban is lifted, and records who lifted it and why', async () => {
      const tenant = await tenantWithRule();
      const made = await banOk(tenant.admin, { identities: [{ kind: 'visitorId', value: 'v-lift' }] });
      expect((await start(tenant, { visitorId: 'v-lift' })).statusCode).toBe(403);
      const lifted = await app.inject({
        method: 'POST',
        url: `/api/v1/bans/${made.id}/lift`,
        headers: bearer(tenant.admin),
        payload: { reason: 'apologised' },
      });
      expect(lifted.statusCode).toBe(200);
      expect(lifted.json()).toMatchObject({
        state: 'lifted',
        active: false,
        liftReason: 'apologised',
        liftedBy: { kind: 'user', id: tenant.admin.id },
      });
      expect((await start(tenant, { visitorId: 'v-lift' })).statusCode).toBe(201);
      const again = await app.inject({
        method: 'POST',
        url: `/api/v1/bans/${made.id}/lift`,
        headers: bearer(tenant.admin),
        payload: { reason: 'twice' },
      });
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ code: 'bans.already_lifted' });
    });

    it('refuses the WebSocket of a client banned after its session started', async () => {
      const tenant = await tenantWithRule();
      const chat = await startChat(app, tenant.widgetKey, { visitorId: 'v-socket' });
      await services.db
        .insertInto('bans')
        .values({ tenant_id: tenant.id, channel: 'webchat', reason: 'direct' })
        .returning('id')
        .executeTakeFirstOrThrow()
        .then((row) =>
          services.db
            .insertInto('ban_identities')
            .values({
              tenant_id: tenant.id,
              ban_id: row.id,
              channel: 'webchat',
              kind: 'visitorId',
              value: 'v-socket',
            })
            .execute(),
        );
      await expect(
        app.injectWS(
          `/api/v1/live/client/sessions/${chat.sessionId}/ws?key=${tenant.widgetKey}&token=${chat.clientToken}`,
        ),
      ).rejects.toThrow(/403/);
    });
  });

  describe('banning from a session', () => {
    it('ends the client’s live session at once with end reason banned and a system message', async () => {
      const tenant = await createLiveTenant(services);
      const group = await addGroup(services, tenant.id);
      await addRule(services, tenant.id, { groupId: group, fallback: true });
      const operator = await addOperator(services, tenant, { groups: [{ id: group }] });
      const chat = await startChat(app, tenant.widgetKey, { visitorId: 'v-live', name: 'Troll' });
      expect((await operatorPost(app, operator, `/sessions/${chat.sessionId}/accept`)).statusCode).toBe(200);

      const identities = await app.inject({
        method: 'GET',
        url: `/api/v1/sessions/${chat.sessionId}/client-identities`,
        headers: bearer(tenant.admin),
      });
      expect(identities.json()).toMatchObject({
        channel: 'webchat',
        clientName: 'Troll',
        identities: expect.arrayContaining([{ kind: 'visitorId', value: 'v-live' }]) as object,
        mayBan: true,
        activeBanIds: [],
      });
      const made = await banOk(tenant.admin, {
        identities: [{ kind: 'visitorId', value: 'v-live' }],
        sessionId: chat.sessionId,
      });
      const row = await sessionRow(services, tenant.id, chat.sessionId);
      expect(row).toMatchObject({ status: 'closed', end_reason: 'banned', banned: true });
      const system = await services.db
        .selectFrom('activities')
        .select(['system_code', 'system_data'])
        .where('tenant_id', '=', tenant.id)
        .where('session_id', '=', chat.sessionId)
        .where('sender', '=', 'system')
        .orderBy('id', 'desc')
        .executeTakeFirstOrThrow();
      expect(system).toMatchObject({ system_code: 'ended', system_data: { reason: 'banned' } });
      const transcript = await app.inject({
        method: 'GET',
        url: `/api/v1/sessions/${chat.sessionId}/transcript`,
        headers: { ...bearer(tenant.admin), 'accept-language': 'cs' },
      });
      expect(transcript.body).toContain('Sezení skončilo: klient zablokován.');
      // The engine's invariant holds: nothing of the session is left offered or queued.
      expect(await pendingOffers(services, tenant.id, chat.sessionId)).toEqual([]);
      const participants = await services.db
        .selectFrom('session_participants')
        .select('left_at')
        .where('tenant_id', '=', tenant.id)
        .where('session_id', '=', chat.sessionId)
        .execute();
      expect(participants.every((p) => p.left_at !== null)).toBe(true);
      const broken = await services.routing.checkInvariant({ graceSeconds: 0 });
      expect(broken.filter((r) => r.sessionId === chat.sessionId)).toEqual([]);
      const read = await app.inject({
        method: 'GET',
        url: `/api/v1/bans/${made.id}`,
        headers: bearer(tenant.admin),
      });
      expect(read.json()).toMatchObject({ sessionId: chat.sessionId, clientName: 'Troll', state: 'active' });
      const detail = await app.inject({
        method: 'GET',
        url: `/api/v1/sessions/${chat.sessionId}`,
        headers: bearer(tenant.admin),
      });
      expect(detail.json()).toMatchObject({ banned: true, endReason: 'banned' });
    });

    it('lets operators ban only where the tenant allows it, and only from a session they see', async () => {
      const tenant = await tenantWithRule();
      const operator = await createUser(services, tenant.slug, 'operator');
      const sessionId = await insertSession(services, tenant.id, {
        channel: 'webchat',
        operatorIds: [operator.id],
      });
      const foreign = await insertSession(services, tenant.id, { channel: 'webchat' });
      const body = { identities: [{ kind: 'visitorId', value: 'v-op' }], sessionId };
      const refused = await ban(operator, body);
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ code: 'auth.forbidden' });
      const patched = await app.inject({
        method: 'PATCH',
        url: '/api/v1/settings',
        headers: bearer(tenant.admin),
        payload: { operatorsMayBan: true },
      });
      expect(patched.statusCode).toBe(200);
      expect((await ban(operator, { ...body, sessionId: foreign })).statusCode).toBe(404);
      expect((await ban(operator, { identities: body.identities })).statusCode).toBe(403);
      expect((await ban(operator, body)).statusCode).toBe(201);
      for (const url of ['/api/v1/bans']) {
        expect((await app.inject({ method: 'GET', url, headers: bearer(operator) })).statusCode).toBe(403);
      }
      const supervisor = await createUser(services, tenant.slug, 'supervisor');
      expect(
        (await ban(supervisor, { identities: [{ kind: 'visitorId', value: 'v-sup' }] })).statusCode,
      ).toBe(201);
    });

    it('audits every ban and lift with who, what and why', async () => {
      const tenant = await tenantWithRule();
      const made = await banOk(tenant.admin, {
        identities: [{ kind: 'ip', value: '203.0.113.0/24' }],
        reason: 'flooding',
      });
      await app.inject({
        method: 'POST',
        url: `/api/v1/bans/${made.id}/lift`,
        headers: bearer(tenant.admin),
        payload: { reason: 'mistake' },
      });
      const events = await services.db
        .selectFrom('audit_events')
        .select(['action', 'actor_user_id', 'object_id', 'data'])
        .where('tenant_id', '=', tenant.id)
        .where('object_type', '=', 'ban')
        .orderBy('id')
        .execute();
      expect(events).toEqual([
        {
          action: 'ban.created',
          actor_user_id: tenant.admin.id,
          object_id: made.id,
          data: expect.objectContaining({
            reason: 'flooding',
            identities: [{ kind: 'ip', value: '203.0.113.0/24' }],
          }) as object,
        },
        {
          action: 'ban.lifted',
          actor_user_id: tenant.admin.id,
          object_id: made.id,
          data: expect.objectContaining({ reason: 'mistake' }) as object,
        },
      ]);
    });
  });

  describe('the Blacklist API', () => {
    it('lists active and inactive bans, searches by identity and pages by keyset', async () => {
      const tenant = await tenantWithRule();
      const made: string[] = [];
      for (let i = 0; i < 5; i += 1)
        made.push(
          (await banOk(tenant.admin, { identities: [{ kind: 'visitorId', value: `v-list-${i}` }] })).id,
        );
      const subnet = await banOk(tenant.admin, { identities: [{ kind: 'ip', value: '10.20.0.0/16' }] });
      await app.inject({
        method: 'POST',
        url: `/api/v1/bans/${made[0]}/lift`,
        headers: bearer(tenant.admin),
        payload: { reason: 'ok' },
      });
      const list = async (query: string) => {
        const response = await app.inject({
          method: 'GET',
          url: `/api/v1/bans?${query}`,
          headers: bearer(tenant.admin),
        });
        expect(response.statusCode, response.body).toBe(200);
        return response.json<{ items: { id: string }[]; nextCursor: string | null }>();
      };
      expect((await list('active=false')).items.map((b) => b.id)).toEqual([made[0]]);
      expect((await list('active=true')).items).toHaveLength(5);
      expect((await list('identity=V-LIST-3')).items.map((b) => b.id)).toEqual([made[3]]);
      expect((await list('identity=10.20.30.40')).items.map((b) => b.id)).toEqual([subnet.id]);
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { items: { id: string }[]; nextCursor: string | null } = await list(
          `limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        seen.push(...page.items.map((b) => b.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual([subnet.id, ...[...made].reverse()]);
    });

    it.each([
      ['an invalid CIDR', { identities: [{ kind: 'ip', value: '10.0.0.0/33' }] }, 'bans.invalid_identity'],
      [
        'a host that is no address',
        { identities: [{ kind: 'ip', value: '999.1.1.1' }] },
        'bans.invalid_identity',
      ],
      [
        'a kind of another channel',
        { identities: [{ kind: 'psid', value: '123' }] },
        'bans.invalid_identity',
      ],
      [
        'a phone with letters',
        { identities: [{ kind: 'phone', value: 'call me' }] },
        'bans.invalid_identity',
      ],
      ['a NUL character', { identities: [{ kind: 'visitorId', value: 'a\u0000b' }] }, 'validation_failed'],
      ['a lone surrogate', { identities: [{ kind: 'visitorId', value: 'a\ud800b' }] }, 'validation_failed'],
      ['no identity', { identities: [] }, 'validation_failed'],
      [
        'a huge value',
        { identities: [{ kind: 'visitorId', value: 'x'.repeat(10_000) }] },
        'validation_failed',
      ],
      [
        'an empty reason',
        { identities: [{ kind: 'visitorId', value: 'v' }], reason: '  ' },
        'validation_failed',
      ],
      [
        'an expiry in the past',
        { identities: [{ kind: 'visitorId', value: 'v' }], expiresAt: '2001-01-01T00:00:00Z' },
        'validation_failed',
      ],
      [
        'an expiry far beyond',
        { identities: [{ kind: 'visitorId', value: 'v' }], expiresAt: '9999-01-01T00:00:00Z' },
        'validation_failed',
      ],
      [
        'an unknown field',
        { identities: [{ kind: 'visitorId', value: 'v' }], extra: 1 },
        'validation_failed',
      ],
    ])('answers %s with a 400 and a stable code', async (_name, body, code) => {
      const tenant = await tenantWithRule();
      const response = await ban(tenant.admin, body);
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code, message: expect.any(String) as string });
      expect(
        await services.db.selectFrom('bans').select('id').where('tenant_id', '=', tenant.id).execute(),
      ).toEqual([]);
    });

    it('answers a bad cursor, an unknown ban and a malformed id with clear 4xx codes', async () => {
      const tenant = await tenantWithRule();
      const get = (url: string) => app.inject({ method: 'GET', url, headers: bearer(tenant.admin) });
      expect((await get('/api/v1/bans?cursor=nope')).json()).toMatchObject({ code: 'validation_failed' });
      expect((await get('/api/v1/bans/999999999')).statusCode).toBe(404);
      expect((await get('/api/v1/bans/abc')).statusCode).toBe(400);
      expect((await get('/api/v1/bans?active=maybe')).statusCode).toBe(400);
    });
  });
});
