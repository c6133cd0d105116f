import { describe, expect, it } from 'vitest';
import { bearer } from '../../test/factories';
import { clientSessions, connectChannel, useChannelTestApp, type ChannelSetup } from '../../test/channel-kit';
import { eventually } from '../../test/live-kit';

/**
 * Bans at the messaging doors: the stand-in platforms send real signed webhooks over HTTP. A banned
 * client's message gets the platform its 200 and becomes nothing — no inbound row, no job, no session,
 * no transcript line — while the ban counts the attempt.
 */
const { app, services, connect } = await useChannelTestApp('whatsapp');

type Channel = 'whatsapp' | 'messenger' | 'vkontakte' | 'apple';

const clients: Record<Channel, { kind: string; id: string }> = {
  whatsapp: { kind: 'waId', id: '420601555001' },
  messenger: { kind: 'psid', id: '7001002003' },
  vkontakte: { kind: 'vkId', id: '777123' },
  apple: { kind: 'appleId', id: 'urn:mbid:AQAAY5banned' },
};

async function setupFor(type: Channel): Promise<ChannelSetup> {
  if (type === 'whatsapp') return connect();
  return connectChannel(app, services, type);
}

async function inbound(setup: ChannelSetup, type: Channel, clientId: string, text: string) {
  switch (type) {
    case 'whatsapp':
      return setup.sandbox.whatsapp.inbound(setup.platformId, { waId: clientId }, { text });
    case 'messenger':
      return setup.sandbox.messenger.inbound(setup.platformId, clientId, { text });
    case 'vkontakte':
      return setup.sandbox.vkontakte.inbound(setup.platformId, clientId, { text });
    case 'apple':
      return setup.sandbox.apple.inbound(setup.platformId, clientId, text);
  }
}

async function count(table: 'channel_inbound' | 'sessions' | 'activities', tenantId: string) {
  const row = await services.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('tenant_id', '=', tenantId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

async function banOn(setup: ChannelSetup, type: Channel, identities: { kind: string; value: string }[]) {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/bans',
    headers: bearer(setup.tenant.admin),
    payload: { channel: type, identities, reason: 'flood', expiresAt: null },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
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

describe('bans at the messaging webhooks', () => {
  it.each(['whatsapp', 'messenger', 'vkontakte', 'apple'] as const)(
    '%s: a banned client’s messages are answered 200 and become no session, counted on the ban',
    async (type) => {
      const setup = await setupFor(type);
      const client = clients[type];
      const banId = await banOn(setup, type, [{ kind: client.kind, value: client.id }]);
      for (const text of ['první', 'druhá', 'třetí']) {
        const delivery = await inbound(setup, type, client.id, text);
        expect(delivery.status).toBe(200);
      }
      expect(await count('channel_inbound', setup.tenant.id)).toBe(0);
      expect(await count('sessions', setup.tenant.id)).toBe(0);
      expect(await count('activities', setup.tenant.id)).toBe(0);
      expect(await attempts(setup.tenant.id, banId)).toMatchObject({
        attempts: 3,
        lastAttemptAt: expect.any(Date) as Date,
      });

      // Another client of the same account still gets through.
      await inbound(setup, type, `${client.id}9`, 'ahoj');
      await eventually(async () => expect(await count('sessions', setup.tenant.id)).toBe(1), 20_000);
    },
  );

  it('whatsapp: a ban of the phone number refuses the wa_id behind it', async () => {
    const setup = await connect();
    const banId = await banOn(setup, 'whatsapp', [{ kind: 'phone', value: '+420 601 555 002' }]);
    expect((await inbound(setup, 'whatsapp', '420601555002', 'spam')).status).toBe(200);
    expect(await count('channel_inbound', setup.tenant.id)).toBe(0);
    expect((await attempts(setup.tenant.id, banId)).attempts).toBe(1);
  });

  it('ends the banned client’s live messaging session, and lifting lets the next message start one', async () => {
    const setup = await connect();
    const waId = '420601555003';
    await inbound(setup, 'whatsapp', waId, 'dobrý den');
    const live = await eventually(async () => {
      const sessions = await clientSessions(services, setup.tenant.id, waId);
      expect(sessions).toHaveLength(1);
      return sessions[0]!;
    }, 20_000);
    const banId = await banOn(setup, 'whatsapp', [{ kind: 'waId', value: waId }]);
    const ended = await services.db
      .selectFrom('sessions')
      .select(['status', 'end_reason', 'banned'])
      .where('tenant_id', '=', setup.tenant.id)
      .where('id', '=', live.id)
      .executeTakeFirstOrThrow();
    expect(ended).toEqual({ status: 'closed', end_reason: 'banned', banned: true });
    expect((await inbound(setup, 'whatsapp', waId, 'haló?')).status).toBe(200);
    expect(await clientSessions(services, setup.tenant.id, waId)).toHaveLength(1);

    const lifted = await app.inject({
      method: 'POST',
      url: `/api/v1/bans/${banId}/lift`,
      headers: bearer(setup.tenant.admin),
      payload: { reason: 'resolved' },
    });
    expect(lifted.statusCode).toBe(200);
    await inbound(setup, 'whatsapp', waId, 'znovu');
    await eventually(
      async () => expect(await clientSessions(services, setup.tenant.id, waId)).toHaveLength(2),
      20_000,
    );
  });
});
