import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { ChannelsSandbox } from '../channels/sandbox/channels-sandbox';
import { clientSessions, connectChannel, transcript, type ChannelSetup } from '../../test/channel-kit';
import { bearer, type TestUser } from '../../test/factories';
import { useTestApp } from '../../test/harness';
import { eventually, operatorPost, pendingOffers } from '../../test/live-kit';
import { insertSession } from '../../test/session-fixtures';

/**
 * Restore of ended messaging sessions end to end: real PostgreSQL, the stand-in platforms over real
 * HTTP, the workers running. The messaging windows' clock is frozen at exact distances from the
 * client's last message (the stand-in's clock is moved the same way), so no test sleeps.
 */
let frozen: Date | null = null;
const { app, services } = await useTestApp({ live: {}, now: () => frozen ?? new Date() });
const sandboxes: ChannelsSandbox[] = [];
afterAll(async () => {
  for (const sandbox of sandboxes) await sandbox.close();
});
afterEach(() => {
  frozen = null;
});

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;

type ChannelType = 'whatsapp' | 'messenger' | 'vkontakte' | 'apple';

async function connect(type: ChannelType, options: { humanAgentTag?: boolean } = {}) {
  const setup = await connectChannel(app, services, type, options);
  sandboxes.push(setup.sandbox);
  return setup;
}

/** The client writes to the account through the stand-in, as the platform delivers it. */
async function clientWrites(setup: ChannelSetup, type: ChannelType, clientId: string, text: string) {
  if (type === 'whatsapp')
    await setup.sandbox.whatsapp.inbound(
      setup.platformId,
      { waId: clientId, name: 'Jana Dvořáková' },
      { text },
    );
  else if (type === 'messenger') await setup.sandbox.messenger.inbound(setup.platformId, clientId, { text });
  else if (type === 'vkontakte') await setup.sandbox.vkontakte.inbound(setup.platformId, clientId, { text });
  else await setup.sandbox.apple.inbound(setup.platformId, clientId, text);
}

/** A session the client started, the operator took and ended: what Restore starts from. */
async function endedSession(setup: ChannelSetup, type: ChannelType, clientId: string) {
  await clientWrites(setup, type, clientId, 'Dobrý den, kdy dorazí moje objednávka?');
  const session = await eventually(async () => {
    const sessions = await clientSessions(services, setup.tenant.id, clientId);
    expect(sessions).toHaveLength(1);
    expect(sessions[0]?.message_count).toBe(1);
    expect(await pendingOffers(services, setup.tenant.id, sessions[0]!.id)).toHaveLength(1);
    return sessions[0]!;
  }, 20_000);
  expect((await operatorPost(app, setup.operator, `/sessions/${session.id}/accept`)).statusCode).toBe(200);
  expect((await operatorPost(app, setup.operator, `/sessions/${session.id}/end`, {})).statusCode).toBe(200);
  return session.id;
}

/** Freezes both clocks (ours and the stand-in's) this long after the client's last message. */
async function afterLastMessage(setup: ChannelSetup, clientId: string, ms: number) {
  const row = await services.db
    .selectFrom('channel_clients')
    .select('last_inbound_at')
    .where('tenant_id', '=', setup.tenant.id)
    .where('client_id', '=', clientId)
    .executeTakeFirstOrThrow();
  frozen = new Date(row.last_inbound_at.getTime() + ms);
  setup.sandbox.advance(frozen.getTime() - Date.now());
}

async function options(user: TestUser, sessionId: string) {
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/sessions/${sessionId}/restore`,
    headers: bearer(user),
  });
  expect(response.statusCode).toBe(200);
  return response.json<{
    restorable: boolean;
    blocked: { code: string } | null;
    window: { allows: string; reason: string; closesAt: string | null; tag: string | null } | null;
    options: { text: boolean; template: boolean };
    templates: { name: string; language: string; parameterCount: number; inClientLanguage: boolean }[];
    liveSessionId: string | null;
  }>();
}

async function restore(user: TestUser, sessionId: string, payload: unknown) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/sessions/${sessionId}/restore`,
    headers: bearer(user),
    payload: payload as Record<string, unknown>,
  });
}

/** The message sends the stand-in accepted (status 200), their bodies as the platform received them. */
async function acceptedSends(setup: ChannelSetup, type: ChannelType, count: number) {
  return eventually(async () => {
    const sends = setup.sandbox.sends(type).filter((request) => request.status === 200);
    expect(sends, JSON.stringify(setup.sandbox.sends(type))).toHaveLength(count);
    return sends;
  }, 20_000);
}

const TEMPLATES = [
  {
    name: 'order_update',
    language: 'cs',
    category: 'UTILITY',
    status: 'APPROVED',
    body: 'Dobrý den {{1}}, vaše objednávka {{2}} je připravena k vyzvednutí.',
  },
  {
    name: 'order_update',
    language: 'en_US',
    category: 'UTILITY',
    status: 'APPROVED',
    body: 'Hello {{1}}, your order {{2}} is ready for pickup.',
  },
  { name: 'spring_sale', language: 'cs', category: 'MARKETING', status: 'PENDING', body: 'Sleva {{1}} %!' },
  { name: 'greeting', language: 'cs', category: 'UTILITY', status: 'REJECTED', body: 'Ahoj' },
] as const;

async function whatsappWithTemplates() {
  const setup = await connect('whatsapp');
  setup.sandbox.whatsapp.setTemplates(setup.businessAccountId, [...TEMPLATES]);
  const synced = await app.inject({
    method: 'POST',
    url: `/api/v1/channels/${setup.accountId}/templates/sync`,
    headers: bearer(setup.tenant.admin),
  });
  expect(synced.statusCode).toBe(200);
  return setup;
}

describe('Restore on WhatsApp', () => {
  it('inside the 24-hour window (23 h 59 m): free text, a new linked session of the restoring operator', async () => {
    const setup = await whatsappWithTemplates();
    const origin = await endedSession(setup, 'whatsapp', '420601100001');
    await afterLastMessage(setup, '420601100001', 23 * HOUR + 59 * MIN);

    const allowed = await options(setup.operator, origin);
    expect(allowed).toMatchObject({
      restorable: true,
      blocked: null,
      window: { allows: 'free', reason: 'whatsapp_customer_service_window' },
      options: { text: true, template: true },
    });
    expect(new Date(allowed.window!.closesAt!).getTime() - frozen!.getTime()).toBe(MIN);

    const restored = await restore(setup.operator, origin, { text: 'Objednávka dorazí zítra.' });
    expect(restored.statusCode).toBe(201);
    const { session } = restored.json<{ created: boolean; session: { id: string; status: string } }>();
    expect(restored.json()).toMatchObject({
      created: true,
      session: { status: 'active', channel: 'whatsapp', source: 'restored', restoredFrom: origin },
    });

    // The stand-in received exactly the Cloud API's text message.
    const [send] = await acceptedSends(setup, 'whatsapp', 1);
    expect(send?.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '420601100001',
      type: 'text',
      text: { preview_url: false, body: 'Objednávka dorazí zítra.' },
    });

    // Linked both ways: the detail, the list's columns and their filters.
    const detail = (id: string) =>
      app.inject({ method: 'GET', url: `/api/v1/sessions/${id}`, headers: bearer(setup.tenant.admin) });
    expect((await detail(session.id)).json()).toMatchObject({
      restoredFrom: origin,
      operator: [{ id: setup.operator.id }],
    });
    expect((await detail(origin)).json()).toMatchObject({
      restoredAs: session.id,
      restoredInto: [session.id],
    });
    const list = async (query: string) =>
      (
        await app.inject({
          method: 'GET',
          url: `/api/v1/sessions?${query}`,
          headers: bearer(setup.tenant.admin),
        })
      ).json<{ items: { id: string; restoredFrom: string | null; restoredAs: string | null }[] }>().items;
    expect(await list(`view=live&restoredFrom=${origin}`)).toEqual([
      expect.objectContaining({ id: session.id, restoredFrom: origin }),
    ]);
    expect(await list(`view=history&restoredAs=${session.id}`)).toEqual([
      expect.objectContaining({ id: origin, restoredAs: session.id }),
    ]);

    // A system message in both transcripts, worded in the reader's language.
    const newLines = await transcript(app, setup.tenant.admin, session.id);
    expect(newLines.map((line) => [line.sender, line.text])).toEqual([
      ['system', `Restored from session #${origin} by ${setup.operator.name}.`],
      ['system', `${setup.operator.name} joined the session.`],
      ['operator', 'Objednávka dorazí zítra.'],
    ]);
    const oldLines = await transcript(app, setup.tenant.admin, origin);
    expect(oldLines.at(-1)).toMatchObject({
      sender: 'system',
      text: `Restored as session #${session.id} by ${setup.operator.name}.`,
    });
    // Audited.
    const audit = await services.db
      .selectFrom('audit_events')
      .select(['action', 'object_id', 'data'])
      .where('tenant_id', '=', setup.tenant.id)
      .where('action', '=', 'session.restore')
      .execute();
    expect(audit).toEqual([
      {
        action: 'session.restore',
        object_id: origin,
        data: expect.objectContaining({ sessionId: session.id, option: 'free' }) as unknown,
      },
    ]);
  });

  it('outside the window (24 h 01 m): only an approved template, sent exactly as the Cloud API documents it', async () => {
    const setup = await whatsappWithTemplates();
    const origin = await endedSession(setup, 'whatsapp', '420601100002');
    await services.db
      .updateTable('sessions')
      .set({ client_language: 'en-GB' })
      .where('tenant_id', '=', setup.tenant.id)
      .where('id', '=', origin)
      .execute();
    await afterLastMessage(setup, '420601100002', 24 * HOUR + MIN);

    const allowed = await options(setup.operator, origin);
    expect(allowed).toMatchObject({
      restorable: true,
      window: { allows: 'template', reason: 'whatsapp_window_closed', closesAt: null },
      options: { text: false, template: true },
    });
    // Only the approved ones, in the client's language first.
    expect(allowed.templates.map((t) => [t.name, t.language, t.inClientLanguage])).toEqual([
      ['order_update', 'en_US', true],
      ['order_update', 'cs', false],
    ]);

    const text = await restore(setup.operator, origin, { text: 'Dobrý den' });
    expect(text.statusCode).toBe(422);
    expect(text.json()).toMatchObject({ code: 'restore.template_required' });

    const restored = await restore(setup.operator, origin, {
      template: { name: 'order_update', language: 'en_US', parameters: ['Jana', 'A-1042'] },
    });
    expect(restored.statusCode).toBe(201);
    const sessionId = restored.json<{ session: { id: string } }>().session.id;
    const [send] = await acceptedSends(setup, 'whatsapp', 1);
    expect(send?.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '420601100002',
      type: 'template',
      template: {
        name: 'order_update',
        language: { code: 'en_US' },
        components: [
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Jana' },
              { type: 'text', text: 'A-1042' },
            ],
          },
        ],
      },
    });
    // The transcript shows what the client reads; the line is sent (not refused by the window).
    await eventually(async () => {
      const line = (await transcript(app, setup.tenant.admin, sessionId)).find(
        (item) => item.sender === 'operator',
      );
      expect(line).toMatchObject({
        text: 'Hello Jana, your order A-1042 is ready for pickup.',
        delivery: { state: 'sent' },
      });
    }, 20_000);
  });

  it('validates the template and its parameters before anything is created or sent', async () => {
    const setup = await whatsappWithTemplates();
    const origin = await endedSession(setup, 'whatsapp', '420601100003');
    await afterLastMessage(setup, '420601100003', 2 * DAY);
    const attempts: [unknown, number, string][] = [
      [
        { template: { name: 'order_update', language: 'cs', parameters: ['Jana'] } },
        422,
        'restore.template_parameters',
      ],
      [
        { template: { name: 'order_update', language: 'cs', parameters: ['Jana', 'A-1', 'x'] } },
        422,
        'restore.template_parameters',
      ],
      [
        { template: { name: 'order_update', language: 'cs', parameters: ['Jana\nNová', 'A-1'] } },
        422,
        'restore.template_parameters',
      ],
      [
        { template: { name: 'order_update', language: 'cs', parameters: ['Jana', 'A      1'] } },
        422,
        'restore.template_parameters',
      ],
      [
        { template: { name: 'order_update', language: 'cs', parameters: [' ', 'A-1'] } },
        422,
        'restore.template_parameters',
      ],
      [
        { template: { name: 'spring_sale', language: 'cs', parameters: ['20'] } },
        422,
        'restore.template_unknown',
      ],
      [
        { template: { name: 'nonexistent', language: 'cs', parameters: [] } },
        422,
        'restore.template_unknown',
      ],
      [
        { template: { name: 'order_update', language: 'de', parameters: ['a', 'b'] } },
        422,
        'restore.template_unknown',
      ],
      [
        { text: 'a', template: { name: 'order_update', language: 'cs', parameters: [] } },
        400,
        'validation_failed',
      ],
      [{}, 400, 'validation_failed'],
    ];
    for (const [payload, status, code] of attempts) {
      const response = await restore(setup.operator, origin, payload);
      expect([response.statusCode, response.json<{ code: string }>().code], JSON.stringify(payload)).toEqual([
        status,
        code,
      ]);
    }
    expect(await clientSessions(services, setup.tenant.id, '420601100003')).toHaveLength(1);
    expect(setup.sandbox.sends('whatsapp')).toHaveLength(0);
  });

  it('two users restoring the same session at once get one new session', async () => {
    const setup = await whatsappWithTemplates();
    const origin = await endedSession(setup, 'whatsapp', '420601100004');
    await afterLastMessage(setup, '420601100004', HOUR);
    const [first, second] = await Promise.all([
      restore(setup.operator, origin, { text: 'Píšu já' }),
      restore(setup.tenant.admin, origin, { text: 'Ne, já' }),
    ]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 201]);
    const ids = [first, second].map((response) => response.json<{ session: { id: string } }>().session.id);
    expect(ids[0]).toBe(ids[1]);
    const sessions = await clientSessions(services, setup.tenant.id, '420601100004');
    expect(sessions.map((session) => session.id)).toEqual([ids[0], origin]);
    await acceptedSends(setup, 'whatsapp', 1);
  });

  it('continues in the restored session when the client answers, and opens it on a second restore', async () => {
    const setup = await whatsappWithTemplates();
    const origin = await endedSession(setup, 'whatsapp', '420601100005');
    await afterLastMessage(setup, '420601100005', 3 * DAY);
    const restored = await restore(setup.operator, origin, {
      template: { name: 'order_update', language: 'cs', parameters: ['Jana', 'A-7'] },
    });
    expect(restored.statusCode).toBe(201);
    const sessionId = restored.json<{ session: { id: string } }>().session.id;
    await acceptedSends(setup, 'whatsapp', 1);
    frozen = null;

    await clientWrites(setup, 'whatsapp', '420601100005', 'Děkuji, přijdu zítra.');
    await eventually(async () => {
      const lines = await transcript(app, setup.tenant.admin, sessionId);
      expect(lines.at(-1)).toMatchObject({ sender: 'client', text: 'Děkuji, přijdu zítra.' });
    }, 20_000);
    // No third session: the reply joined the restored one.
    expect((await clientSessions(services, setup.tenant.id, '420601100005')).map((s) => s.id)).toEqual([
      sessionId,
      origin,
    ]);
    // With the client's answer the window is open again: the operator writes free text in it.
    const reply = await operatorPost(app, setup.operator, `/sessions/${sessionId}/messages`, {
      text: 'Těšíme se.',
    });
    expect(reply.statusCode).toBe(201);
    await acceptedSends(setup, 'whatsapp', 2);

    // The client has a live session on the account: restoring again answers that one.
    expect((await options(setup.operator, origin)).liveSessionId).toBe(sessionId);
    const again = await restore(setup.operator, origin, { text: 'Ještě jednou' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ created: false, session: { id: sessionId, status: 'active' } });
  });

  it('offers the restored session to a chosen group through its queue', async () => {
    const setup = await whatsappWithTemplates();
    const origin = await endedSession(setup, 'whatsapp', '420601100006');
    await afterLastMessage(setup, '420601100006', HOUR);
    const group = await services.db
      .selectFrom('operator_groups')
      .select('id')
      .where('tenant_id', '=', setup.tenant.id)
      .executeTakeFirstOrThrow();
    const restored = await restore(setup.tenant.admin, origin, {
      text: 'Ozve se vám kolega.',
      groupId: group.id,
    });
    expect(restored.statusCode).toBe(201);
    const sessionId = restored.json<{ session: { id: string } }>().session.id;
    // Offered to the group's online operator, with the offer's timer running (the engine's invariant).
    await eventually(async () =>
      expect(await pendingOffers(services, setup.tenant.id, sessionId)).toEqual([setup.operator.id]),
    );
    const routing = await app.inject({
      method: 'GET',
      url: `/api/v1/sessions/${sessionId}/routing`,
      headers: bearer(setup.tenant.admin),
    });
    expect(
      routing
        .json<{ events: { kind: string }[] }>()
        .events.map((event) => event.kind)
        .slice(0, 3),
    ).toEqual(['restored', 'entered_queue', 'offered']);
    await acceptedSends(setup, 'whatsapp', 1);
  });

  it('answers 4xx with stable codes: another channel, a live session, a banned client, no group for a key', async () => {
    const setup = await whatsappWithTemplates();
    const webchat = await insertSession(services, setup.tenant.id, { channel: 'webchat' });
    const notMessaging = await restore(setup.tenant.admin, webchat, { text: 'x' });
    expect([notMessaging.statusCode, notMessaging.json<{ code: string }>().code]).toEqual([
      422,
      'restore.not_messaging',
    ]);
    expect((await options(setup.tenant.admin, webchat)).blocked).toMatchObject({
      code: 'restore.not_messaging',
    });

    const imported = await insertSession(services, setup.tenant.id, { channel: 'whatsapp' });
    expect((await restore(setup.tenant.admin, imported, { text: 'x' })).json()).toMatchObject({
      code: 'restore.no_platform_client',
    });

    // Still live: 409.
    await clientWrites(setup, 'whatsapp', '420601100007', 'Haló');
    const live = await eventually(async () => {
      const sessions = await clientSessions(services, setup.tenant.id, '420601100007');
      expect(sessions).toHaveLength(1);
      return sessions[0]!.id;
    }, 20_000);
    const liveAnswer = await restore(setup.tenant.admin, live, { text: 'x' });
    expect([liveAnswer.statusCode, liveAnswer.json<{ code: string }>().code]).toEqual([
      409,
      'restore.session_live',
    ]);

    // Banned: 403, through the same check the webhooks' new sessions pass.
    const origin = await endedSession(setup, 'whatsapp', '420601100008');
    const ban = await app.inject({
      method: 'POST',
      url: '/api/v1/bans',
      headers: bearer(setup.tenant.admin),
      payload: {
        channel: 'whatsapp',
        identities: [{ kind: 'waId', value: '420601100008' }],
        reason: 'spam',
        expiresAt: null,
      },
    });
    expect(ban.statusCode, ban.body).toBe(201);
    const banned = await restore(setup.operator, origin, { text: 'x' });
    expect([banned.statusCode, banned.json<{ code: string }>().code]).toEqual([403, 'restore.client_banned']);
    expect((await options(setup.operator, origin)).blocked).toMatchObject({ code: 'restore.client_banned' });

    // Unknown and malformed ids.
    expect((await restore(setup.tenant.admin, '999999999', { text: 'x' })).statusCode).toBe(404);
    expect((await restore(setup.tenant.admin, 'abc', { text: 'x' })).statusCode).toBe(400);
    expect(setup.sandbox.sends('whatsapp')).toHaveLength(0);
  });
});

describe('Restore on Messenger', () => {
  it('6 d 23 h with the HUMAN_AGENT tag allowed: sent as MESSAGE_TAG HUMAN_AGENT', async () => {
    const setup = await connect('messenger', { humanAgentTag: true });
    const origin = await endedSession(setup, 'messenger', 'psid-r1');
    await afterLastMessage(setup, 'psid-r1', 6 * DAY + 23 * HOUR);
    const allowed = await options(setup.operator, origin);
    expect(allowed).toMatchObject({
      restorable: true,
      window: { allows: 'tag', reason: 'messenger_human_agent_window', tag: 'HUMAN_AGENT' },
      options: { text: true, template: false },
    });
    expect(new Date(allowed.window!.closesAt!).getTime() - frozen!.getTime()).toBe(HOUR);
    const template = await restore(setup.operator, origin, {
      template: { name: 'x', language: 'cs', parameters: [] },
    });
    expect(template.json()).toMatchObject({ code: 'restore.template_not_allowed' });
    expect((await restore(setup.operator, origin, { text: 'Řešení: vyměníme vám zboží.' })).statusCode).toBe(
      201,
    );
    const [send] = await acceptedSends(setup, 'messenger', 1);
    expect(send?.body).toEqual({
      recipient: { id: 'psid-r1' },
      messaging_type: 'MESSAGE_TAG',
      tag: 'HUMAN_AGENT',
      message: { text: 'Řešení: vyměníme vám zboží.' },
    });
  });

  it('6 d 23 h without the tag: nothing is allowed, with the reason', async () => {
    const setup = await connect('messenger');
    const origin = await endedSession(setup, 'messenger', 'psid-r2');
    await afterLastMessage(setup, 'psid-r2', 6 * DAY + 23 * HOUR);
    expect(await options(setup.operator, origin)).toMatchObject({
      restorable: false,
      blocked: { code: 'restore.window_closed' },
      window: { allows: 'nothing', reason: 'messenger_human_agent_not_allowed' },
      options: { text: false, template: false },
    });
    const refused = await restore(setup.operator, origin, { text: 'x' });
    expect([refused.statusCode, refused.json<{ code: string }>().code]).toEqual([
      422,
      'restore.window_closed',
    ]);
    expect(setup.sandbox.sends('messenger')).toHaveLength(0);
  });

  it('7 d 01 m even with the tag: nothing; 23 h 59 m without it: standard messaging (RESPONSE)', async () => {
    const tagged = await connect('messenger', { humanAgentTag: true });
    const late = await endedSession(tagged, 'messenger', 'psid-r3');
    await afterLastMessage(tagged, 'psid-r3', 7 * DAY + MIN);
    expect(await options(tagged.operator, late)).toMatchObject({
      restorable: false,
      window: { allows: 'nothing', reason: 'messenger_window_closed' },
    });

    frozen = null;
    const plain = await connect('messenger');
    const recent = await endedSession(plain, 'messenger', 'psid-r4');
    await afterLastMessage(plain, 'psid-r4', 23 * HOUR + 59 * MIN);
    expect(await options(plain.operator, recent)).toMatchObject({
      window: { allows: 'free', reason: 'messenger_standard_window' },
    });
    expect((await restore(plain.operator, recent, { text: 'Dobrý den' })).statusCode).toBe(201);
    const [send] = await acceptedSends(plain, 'messenger', 1);
    expect(send?.body).toMatchObject({ recipient: { id: 'psid-r4' }, messaging_type: 'RESPONSE' });
  });
});

describe('Restore on Apple Messages for Business and VKontakte', () => {
  it('Apple: a conversation the customer started can be answered after 30 days', async () => {
    const setup = await connect('apple');
    const origin = await endedSession(setup, 'apple', 'urn:mbid:restore-1');
    await afterLastMessage(setup, 'urn:mbid:restore-1', 30 * DAY);
    expect(await options(setup.operator, origin)).toMatchObject({
      window: { allows: 'free', reason: 'apple_customer_initiated', closesAt: null },
    });
    expect((await restore(setup.operator, origin, { text: 'Váš iPhone je opravený.' })).statusCode).toBe(201);
    const [send] = await acceptedSends(setup, 'apple', 1);
    expect(send?.headers['destination-id']).toBe('urn:mbid:restore-1');
  });

  it('VK: a user who wrote to the community can be answered after 30 days', async () => {
    const setup = await connect('vkontakte');
    const origin = await endedSession(setup, 'vkontakte', '7001');
    await afterLastMessage(setup, '7001', 30 * DAY);
    expect(await options(setup.operator, origin)).toMatchObject({
      window: { allows: 'free', reason: 'vkontakte_messages_allowed' },
    });
    expect((await restore(setup.operator, origin, { text: 'Zboží je skladem.' })).statusCode).toBe(201);
    const [send] = await acceptedSends(setup, 'vkontakte', 1);
    expect(Object.fromEntries(new URLSearchParams(send?.body as string))).toMatchObject({
      peer_id: '7001',
      message: 'Zboží je skladem.',
      v: '5.199',
    });
  });
});
