import { describe, expect, it } from 'vitest';
import { postWebhook } from './sandbox/sandbox-http';
import {
  deliveryRow,
  listeningUrl,
  operatorReply,
  transcript,
  useChannelTestApp,
} from '../../test/channel-kit';
import { bearer } from '../../test/factories';
import { startTestApp } from '../../test/harness';
import { eventually, pendingOffers } from '../../test/live-kit';

/**
 * WhatsApp end to end: the stand-in Cloud API sends signed webhooks over real HTTP to the app on a
 * real port and the app sends back through the outbox; the job workers run (live runtime).
 */
const { app, services, connect, sessionOf } = await useChannelTestApp('whatsapp');

const inboundCount = async (tenantId: string) =>
  Number(
    (
      await services.db
        .selectFrom('channel_inbound')
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .where('tenant_id', '=', tenantId)
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('WhatsApp webhook', () => {
  it('answers the verification challenge only to the account’s verify token', async () => {
    const setup = await connect();
    const base = `/webhooks/whatsapp/${setup.accountId}`;
    const ok = await app.inject({
      method: 'GET',
      url: `${base}?hub.mode=subscribe&hub.verify_token=${setup.verifyToken}&hub.challenge=1158201444`,
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toBe('1158201444');
    const wrong = await app.inject({
      method: 'GET',
      url: `${base}?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=1158201444`,
    });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toMatchObject({ code: 'channels.verification_failed' });
    const otherType = await app.inject({
      method: 'GET',
      url: `/webhooks/messenger/${setup.accountId}?hub.mode=subscribe&hub.verify_token=${setup.verifyToken}&hub.challenge=1`,
    });
    expect(otherType.statusCode).toBe(404);
  });

  it('refuses a bad signature with 401 and stores nothing', async () => {
    const setup = await connect();
    const good = await setup.sandbox.whatsapp.inbound(
      setup.platformId,
      { waId: '420601000001' },
      { text: 'pravý' },
    );
    expect(good.status).toBe(200);
    const before = await inboundCount(setup.tenant.id);
    const forged = Buffer.from(good.raw.toString().replace('pravý', 'falešný'));
    const tampered = await postWebhook(good.url, forged, good.headers);
    expect(tampered.status).toBe(401);
    expect(JSON.parse(tampered.body)).toMatchObject({ code: 'channels.invalid_signature' });
    const unsigned = await postWebhook(good.url, forged, { 'content-type': 'application/json' });
    expect(unsigned.status).toBe(401);
    expect(await inboundCount(setup.tenant.id)).toBe(before);
    const texts = (
      await transcript(app, setup.tenant.admin, (await sessionOf(setup, '420601000001')).id)
    ).map((item) => item.text);
    expect(texts).not.toContain('falešný');
  });

  it('starts a routed session for a new client and continues it with the next message', async () => {
    const setup = await connect();
    const first = await setup.sandbox.whatsapp.inbound(
      setup.platformId,
      { waId: '420601000002', name: 'Jana Nováková' },
      { text: 'Dobrý den, kde je moje objednávka?' },
    );
    expect(first.status).toBe(200);
    expect(first.body).toBe('EVENT_RECEIVED');
    const session = await sessionOf(setup, '420601000002');
    expect(session).toMatchObject({
      channel: 'whatsapp',
      source: 'api',
      client_name: 'Jana Nováková',
      client_phone: '+420601000002',
    });
    // Routed by the tenant's rules: offered to the group's online operator.
    const offers = await eventually(async () => {
      const pending = await pendingOffers(services, setup.tenant.id, session.id);
      expect(pending).toHaveLength(1);
      return pending;
    });
    expect(offers).toEqual([setup.operator.id]);

    await setup.sandbox.whatsapp.inbound(
      setup.platformId,
      { waId: '420601000002' },
      { location: { latitude: 50.08, longitude: 14.42, name: 'Praha' } },
    );
    await setup.sandbox.whatsapp.inbound(
      setup.platformId,
      { waId: '420601000002' },
      { buttonReply: { id: 'yes', title: 'Ano' } },
    );
    await setup.sandbox.whatsapp.inbound(
      setup.platformId,
      { waId: '420601000002' },
      { contacts: [{ name: 'Petr', phone: '+420777111222' }] },
    );
    const continued = await sessionOf(setup, '420601000002', 4);
    expect(continued.id).toBe(session.id);
    const texts = (await transcript(app, setup.tenant.admin, session.id))
      .filter((item) => item.sender === 'client')
      .map((item) => item.text);
    expect(texts).toEqual([
      'Dobrý den, kde je moje objednávka?',
      '📍 50.08, 14.42 (Praha)',
      'Ano',
      '👤 Petr +420777111222',
    ]);
  });

  it('keeps media as session files that outlive the platform’s URLs', async () => {
    const setup = await connect();
    const photo = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(5000, 7)]);
    await setup.sandbox.whatsapp.inbound(
      setup.platformId,
      { waId: '420601000003' },
      { image: { bytes: photo, mimeType: 'image/jpeg' }, caption: 'rozbitý displej' },
    );
    await setup.sandbox.whatsapp.inbound(
      setup.platformId,
      { waId: '420601000003' },
      { document: { bytes: Buffer.from('MZ'), mimeType: 'application/x-msdownload', fileName: 'setup.exe' } },
    );
    const session = await sessionOf(setup, '420601000003', 2);
    const items = (await transcript(app, setup.tenant.admin, session.id)).filter(
      (item) => item.sender === 'client',
    );
    expect(items[0]).toMatchObject({
      type: 'file',
      text: 'rozbitý displej',
      file: {
        size: photo.length,
        mimeType: 'image/jpeg',
        url: expect.stringMatching(/\/files\//) as unknown,
      },
    });
    // A refused content type is a visible note, not a file.
    expect(items[1]).toMatchObject({
      file: null,
      text: '[A file of type application/x-msdownload was not kept.]',
    });
    await setup.sandbox.close();
    const download = await app.inject({
      method: 'GET',
      url: items[0]?.file?.url ?? '',
      headers: bearer(setup.tenant.admin),
    });
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('image/jpeg');
    expect(download.rawPayload.equals(photo)).toBe(true);
  });

  it('stores a message once however often and in whatever order the platform delivers it', async () => {
    const setup = await connect();
    const one = await setup.sandbox.whatsapp.inbound(
      setup.platformId,
      { waId: '420601000004' },
      { text: 'první' },
    );
    const two = await setup.sandbox.whatsapp.inbound(
      setup.platformId,
      { waId: '420601000004' },
      { text: 'druhá' },
    );
    for (const again of [two, one, two, one]) expect((await setup.sandbox.redeliver(again)).status).toBe(200);
    const session = await sessionOf(setup, '420601000004', 2);
    const texts = (await transcript(app, setup.tenant.admin, session.id))
      .filter((item) => item.sender === 'client')
      .map((item) => item.text);
    expect(texts.sort()).toEqual(['druhá', 'první']);
    expect(await inboundCount(setup.tenant.id)).toBe(2);
  });
});

describe('WhatsApp replies', () => {
  it('delivers an operator reply through the outbox: pending → sent → delivered → read', async () => {
    const setup = await connect();
    await setup.sandbox.whatsapp.inbound(setup.platformId, { waId: '420601000005' }, { text: 'Haló?' });
    const session = await sessionOf(setup, '420601000005');
    await eventually(async () =>
      expect(await pendingOffers(services, setup.tenant.id, session.id)).toHaveLength(1),
    );
    const release = setup.sandbox.hold();
    const lineId = await operatorReply(app, setup.operator, session.id, 'Dobrý den, jak vám mohu pomoci?');
    const stateOf = async () =>
      (await transcript(app, setup.tenant.admin, session.id)).find((item) => item.id === lineId)?.delivery;
    expect(await stateOf()).toMatchObject({ state: 'pending', reason: null });
    release();
    await eventually(async () => expect(await stateOf()).toMatchObject({ state: 'sent' }), 20_000);
    const sends = setup.sandbox.sends('whatsapp').filter((request) => request.status === 200);
    expect(sends).toHaveLength(1);
    expect(sends[0]?.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '420601000005',
      type: 'text',
      text: { preview_url: false, body: 'Dobrý den, jak vám mohu pomoci?' },
    });
    const wamid = (await deliveryRow(services, setup.tenant.id, lineId)).platform_message_id ?? '';
    expect(wamid).toMatch(/^wamid\./);
    expect((await setup.sandbox.whatsapp.status(wamid, 'delivered')).status).toBe(200);
    expect(await stateOf()).toMatchObject({ state: 'delivered' });
    await setup.sandbox.whatsapp.status(wamid, 'read');
    // A late "sent" or a repeated "delivered" never moves the line back.
    await setup.sandbox.whatsapp.status(wamid, 'sent');
    await setup.sandbox.whatsapp.status(wamid, 'delivered');
    expect(await stateOf()).toMatchObject({ state: 'read' });
    const row = await deliveryRow(services, setup.tenant.id, lineId);
    expect(row.sent_at).not.toBeNull();
    expect(row.delivered_at).not.toBeNull();
    expect(row.read_at).not.toBeNull();

    // Both exports carry the state beside the line.
    const csv = await app.inject({
      method: 'GET',
      url: `/api/v1/sessions/export.csv?view=live&columns=id&transcript=true&lang=en&id=${session.id}`,
      headers: bearer(setup.tenant.admin),
    });
    expect(csv.statusCode).toBe(200);
    expect(csv.body).toContain('Dobrý den, jak vám mohu pomoci? [Read]');
    const html = await app.inject({
      method: 'GET',
      url: `/api/v1/sessions/export.html?view=live&columns=id&lang=cs&id=${session.id}`,
      headers: bearer(setup.tenant.admin),
    });
    expect(html.statusCode).toBe(200);
    expect(html.body).toContain('Dobrý den, jak vám mohu pomoci? [Přečteno]');
  });

  it('marks a line failed with the platform’s reason (131047 outside the window at the platform)', async () => {
    const setup = await connect();
    await setup.sandbox.whatsapp.inbound(setup.platformId, { waId: '420601000006' }, { text: 'Dotaz' });
    const session = await sessionOf(setup, '420601000006');
    await eventually(async () =>
      expect(await pendingOffers(services, setup.tenant.id, session.id)).toHaveLength(1),
    );
    // The platform's clock says the client wrote 25 hours ago (ours does not): the platform refuses.
    setup.sandbox.advance(25 * 3600 * 1000);
    const lineId = await operatorReply(app, setup.operator, session.id, 'Omlouváme se za zpoždění.');
    await eventually(async () => {
      await setup.sandbox.flush();
      const line = (await transcript(app, setup.tenant.admin, session.id)).find((item) => item.id === lineId);
      expect(line?.delivery).toMatchObject({
        state: 'failed',
        errorCode: '131047',
        reason: expect.stringContaining('Re-engagement message') as unknown,
      });
    }, 20_000);
  });

  it('refuses free text outside the 24-hour window itself, without calling the platform', async () => {
    const setup = await connect();
    await setup.sandbox.whatsapp.inbound(setup.platformId, { waId: '420601000007' }, { text: 'Dotaz' });
    const session = await sessionOf(setup, '420601000007');
    await eventually(async () =>
      expect(await pendingOffers(services, setup.tenant.id, session.id)).toHaveLength(1),
    );
    await services.db
      .updateTable('channel_clients')
      .set({ last_inbound_at: new Date(Date.now() - 24 * 3600 * 1000 - 60_000) })
      .where('tenant_id', '=', setup.tenant.id)
      .execute();
    const lineId = await operatorReply(app, setup.operator, session.id, 'Pozdní odpověď');
    await eventually(async () => {
      const row = await deliveryRow(services, setup.tenant.id, lineId);
      expect(row).toMatchObject({ state: 'failed', error_code: 'window_closed' });
      expect(row.reason).toContain('24 hours');
    }, 20_000);
    expect(setup.sandbox.sends('whatsapp')).toHaveLength(0);
  });

  it('survives the platform being down: retried, then sent once when it is back', async () => {
    const setup = await connect();
    await setup.sandbox.whatsapp.inbound(setup.platformId, { waId: '420601000008' }, { text: 'Ahoj' });
    const session = await sessionOf(setup, '420601000008');
    await eventually(async () =>
      expect(await pendingOffers(services, setup.tenant.id, session.id)).toHaveLength(1),
    );
    setup.sandbox.faults.down = 503;
    const lineId = await operatorReply(app, setup.operator, session.id, 'Jsme tu.');
    await eventually(async () => {
      const row = await deliveryRow(services, setup.tenant.id, lineId);
      expect(row.state).toBe('pending');
      expect(row.attempts).toBeGreaterThanOrEqual(1);
      expect(row.last_error).toContain('Service temporarily unavailable');
    }, 20_000);
    // A 429 is retried the same way.
    delete setup.sandbox.faults.down;
    setup.sandbox.faults.failNext = { status: 429, count: 1 };
    await expect(
      services.channels.deliver({ tenantId: setup.tenant.id, activityId: lineId }),
    ).rejects.toThrow(/Rate limit/);
    // Back up: the next attempt (the queue's retry, triggered here rather than waited for) sends it.
    await services.channels.deliver({ tenantId: setup.tenant.id, activityId: lineId });
    expect((await deliveryRow(services, setup.tenant.id, lineId)).state).toBe('sent');
    // Later retries of the same job find nothing pending: still one accepted send.
    await services.channels.deliver({ tenantId: setup.tenant.id, activityId: lineId });
    expect(setup.sandbox.sends('whatsapp').filter((request) => request.status === 200)).toHaveLength(1);
    expect(setup.sandbox.sends('whatsapp').every((request) => request.body !== undefined)).toBe(true);
  });

  it('sends a line committed by an instance that died before sending, once', async () => {
    const setup = await connect();
    await setup.sandbox.whatsapp.inbound(setup.platformId, { waId: '420601000009' }, { text: 'Ahoj' });
    const session = await sessionOf(setup, '420601000009');
    await eventually(async () =>
      expect(await pendingOffers(services, setup.tenant.id, session.id)).toHaveLength(1),
    );
    // Instance B (no job workers) commits the operator's line and its outbox job, then goes away.
    const instanceB = await startTestApp();
    const release = setup.sandbox.hold();
    const lineId = await operatorReply(instanceB.app, setup.operator, session.id, 'Odpověď z instance B');
    await instanceB.stop();
    expect((await deliveryRow(services, setup.tenant.id, lineId)).state).toBe('pending');
    release();
    // The surviving instance's workers send it.
    await eventually(
      async () => expect((await deliveryRow(services, setup.tenant.id, lineId)).state).toBe('sent'),
      20_000,
    );
    // The job running again (a retry after an expiry, a second worker) sends nothing more.
    await Promise.all([
      services.channels.deliver({ tenantId: setup.tenant.id, activityId: lineId }),
      services.channels.deliver({ tenantId: setup.tenant.id, activityId: lineId }),
    ]);
    const sent = setup.sandbox.sends('whatsapp').filter((request) => request.status === 200);
    expect(sent).toHaveLength(1);
    expect((sent[0]?.body as { text: { body: string } }).text.body).toBe('Odpověď z instance B');
  });

  it('fetches media again after the platform was down: one line, one file', async () => {
    const setup = await connect();
    await listeningUrl(app);
    setup.sandbox.faults.failNext = { status: 500, count: 1 };
    const delivery = await setup.sandbox.whatsapp.inbound(
      setup.platformId,
      { waId: '420601000010' },
      {
        document: {
          bytes: Buffer.from('%PDF-1.7 faktura'),
          mimeType: 'application/pdf',
          fileName: 'faktura.pdf',
        },
      },
    );
    expect(delivery.status).toBe(200);
    // The first media lookup got a 500: the job is retried by the queue; triggered here as well.
    await eventually(async () => {
      await services.channels.processInbound({
        tenantId: setup.tenant.id,
        accountId: setup.accountId,
        messageId: delivery.id,
      });
      await sessionOf(setup, '420601000010', 1);
    }, 20_000);
    const session = await sessionOf(setup, '420601000010', 1);
    const items = (await transcript(app, setup.tenant.admin, session.id)).filter(
      (item) => item.sender === 'client',
    );
    expect(items).toHaveLength(1);
    expect(items[0]?.file).toMatchObject({ name: 'faktura.pdf', mimeType: 'application/pdf', size: 16 });
    // Kept once in the object store, however often the webhook came.
    const files = await services.db
      .selectFrom('activities')
      .select('file_object_key')
      .where('tenant_id', '=', setup.tenant.id)
      .where('file_object_key', 'is not', null)
      .execute();
    expect(files).toHaveLength(1);
    expect(await services.store.stat(files[0]!.file_object_key!)).toEqual({ size: 16 });
  });
});
