import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { postWebhook } from './sandbox/sandbox-http';
import {
  deliveryRow,
  operatorReply,
  transcript,
  type ChannelSetup,
  useChannelTestApp,
} from '../../test/channel-kit';
import { eventually, pendingOffers } from '../../test/live-kit';

/** Messenger end to end against the stand-in Messenger Platform, over real HTTP, workers running. */
const { app, services, connect, sessionOf } = await useChannelTestApp('messenger');

async function offered(setup: ChannelSetup, sessionId: string) {
  await eventually(async () =>
    expect(await pendingOffers(services, setup.tenant.id, sessionId)).toHaveLength(1),
  );
}

/** Puts the client's last message (as Sessiondesk knows it) this long ago. */
async function lastWroteAgo(setup: ChannelSetup, ms: number) {
  await services.db
    .updateTable('channel_clients')
    .set({ last_inbound_at: new Date(Date.now() - ms) })
    .where('tenant_id', '=', setup.tenant.id)
    .execute();
}

const DAY = 24 * 3600 * 1000;

describe('Messenger webhook', () => {
  it('verifies, refuses a bad signature storing nothing, and takes text, attachments and postbacks', async () => {
    const setup = await connect();
    const base = `/webhooks/messenger/${setup.accountId}`;
    const challenge = await app.inject({
      method: 'GET',
      url: `${base}?hub.mode=subscribe&hub.verify_token=${setup.verifyToken}&hub.challenge=CHALLENGE_ACCEPTED`,
    });
    expect(challenge.body).toBe('CHALLENGE_ACCEPTED');
    expect(
      (
        await app.inject({
          method: 'GET',
          url: `${base}?hub.mode=subscribe&hub.verify_token=x&hub.challenge=1`,
        })
      ).statusCode,
    ).toBe(403);

    const first = await setup.sandbox.messenger.inbound(setup.platformId, 'psid-100', { text: 'Dobrý den' });
    const forged = await postWebhook(
      first.url,
      Buffer.from(first.raw.toString().replace('Dobrý den', 'Podvrh')),
      {
        ...first.headers,
      },
    );
    expect(forged.status).toBe(401);
    // A real PNG: the type kept is sniffed from the bytes.
    const photo = fs.readFileSync(path.join(import.meta.dirname, '../../test/fixtures/media/pixel.png'));
    await setup.sandbox.messenger.inbound(setup.platformId, 'psid-100', {
      attachment: { type: 'image', media: { bytes: photo, mimeType: 'image/png' } },
    });
    await setup.sandbox.messenger.inbound(setup.platformId, 'psid-100', {
      postback: { title: 'Chci mluvit s člověkem', payload: 'HUMAN' },
    });
    const session = await sessionOf(setup, 'psid-100', 3);
    expect(session).toMatchObject({ channel: 'messenger', source: 'api' });
    const items = (await transcript(app, setup.tenant.admin, session.id)).filter(
      (item) => item.sender === 'client',
    );
    expect(items.map((item) => item.text)).toEqual(['Dobrý den', null, 'Chci mluvit s člověkem']);
    expect(items[1]?.file).toMatchObject({ mimeType: 'image/png', size: photo.length });
    expect(items.map((item) => item.text)).not.toContain('Podvrh');
  });

  it('stores repeated and reordered deliveries once', async () => {
    const setup = await connect();
    const one = await setup.sandbox.messenger.inbound(setup.platformId, 'psid-101', { text: 'jedna' });
    const two = await setup.sandbox.messenger.inbound(setup.platformId, 'psid-101', { text: 'dvě' });
    for (const again of [two, two, one, one]) expect((await setup.sandbox.redeliver(again)).status).toBe(200);
    const session = await sessionOf(setup, 'psid-101', 2);
    const texts = (await transcript(app, setup.tenant.admin, session.id))
      .filter((item) => item.sender === 'client')
      .map((item) => item.text);
    expect(texts).toEqual(['jedna', 'dvě']);
  });
});

describe('Messenger replies', () => {
  it('sends with RESPONSE inside the window; delivery and read watermarks move the line to read', async () => {
    const setup = await connect();
    await setup.sandbox.messenger.inbound(setup.platformId, 'psid-102', { text: 'Ahoj' });
    const session = await sessionOf(setup, 'psid-102');
    await offered(setup, session.id);
    const lineId = await operatorReply(app, setup.operator, session.id, 'Dobrý den!');
    await eventually(
      async () => expect((await deliveryRow(services, setup.tenant.id, lineId)).state).toBe('sent'),
      20_000,
    );
    const [send] = setup.sandbox.sends('messenger');
    expect(send?.query.access_token).toBeDefined();
    expect(send?.body).toEqual({
      recipient: { id: 'psid-102' },
      messaging_type: 'RESPONSE',
      message: { text: 'Dobrý den!' },
    });
    const mid = (await deliveryRow(services, setup.tenant.id, lineId)).platform_message_id ?? '';
    // Read before delivery (out of order): read stays.
    await setup.sandbox.messenger.read(setup.platformId, 'psid-102');
    await setup.sandbox.messenger.delivery(setup.platformId, 'psid-102', [mid]);
    const line = (await transcript(app, setup.tenant.admin, session.id)).find((item) => item.id === lineId);
    expect(line?.delivery).toMatchObject({ state: 'read' });
  });

  it('uses HUMAN_AGENT after 24 hours where the page may, and fails with the platform’s reason after 7 days', async () => {
    const setup = await connect({ humanAgentTag: true });
    await setup.sandbox.messenger.inbound(setup.platformId, 'psid-103', { text: 'Ahoj' });
    const session = await sessionOf(setup, 'psid-103');
    await offered(setup, session.id);
    await lastWroteAgo(setup, 2 * DAY);
    setup.sandbox.advance(2 * DAY);
    const tagged = await operatorReply(app, setup.operator, session.id, 'Omlouváme se za zpoždění.');
    await eventually(
      async () => expect((await deliveryRow(services, setup.tenant.id, tagged)).state).toBe('sent'),
      20_000,
    );
    expect(setup.sandbox.sends('messenger').at(-1)?.body).toMatchObject({
      messaging_type: 'MESSAGE_TAG',
      tag: 'HUMAN_AGENT',
    });
    // The platform's clock is past 7 days (ours is not): the platform refuses, with its reason.
    setup.sandbox.advance(6 * DAY);
    const late = await operatorReply(app, setup.operator, session.id, 'Ještě jednou', false);
    await eventually(async () => {
      const row = await deliveryRow(services, setup.tenant.id, late);
      expect(row).toMatchObject({ state: 'failed', error_code: '10/2018278' });
      expect(row.reason).toContain('outside of allowed window');
    }, 20_000);
  });

  it('does not use the tag where the page may not: refused here, the platform never called', async () => {
    const setup = await connect({ humanAgentTag: false });
    await setup.sandbox.messenger.inbound(setup.platformId, 'psid-104', { text: 'Ahoj' });
    const session = await sessionOf(setup, 'psid-104');
    await offered(setup, session.id);
    await lastWroteAgo(setup, 2 * DAY);
    const lineId = await operatorReply(app, setup.operator, session.id, 'Pozdě');
    await eventually(async () => {
      const row = await deliveryRow(services, setup.tenant.id, lineId);
      expect(row).toMatchObject({ state: 'failed', error_code: 'window_closed' });
      expect(row.reason).toContain('HUMAN_AGENT');
    }, 20_000);
    expect(setup.sandbox.sends('messenger')).toHaveLength(0);
  });

  it('retries while the platform is down and sends once when it is back', async () => {
    const setup = await connect();
    await setup.sandbox.messenger.inbound(setup.platformId, 'psid-105', { text: 'Ahoj' });
    const session = await sessionOf(setup, 'psid-105');
    await offered(setup, session.id);
    setup.sandbox.faults.down = 500;
    const lineId = await operatorReply(app, setup.operator, session.id, 'Haló');
    await eventually(async () => {
      const row = await deliveryRow(services, setup.tenant.id, lineId);
      expect(row.state).toBe('pending');
      expect(row.attempts).toBeGreaterThanOrEqual(1);
    }, 20_000);
    delete setup.sandbox.faults.down;
    await services.channels.deliver({ tenantId: setup.tenant.id, activityId: lineId });
    await services.channels.deliver({ tenantId: setup.tenant.id, activityId: lineId });
    expect((await deliveryRow(services, setup.tenant.id, lineId)).state).toBe('sent');
    expect(setup.sandbox.sends('messenger').filter((request) => request.status === 200)).toHaveLength(1);
  });
});
