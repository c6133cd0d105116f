import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deliveryRow, operatorReply, transcript, useChannelTestApp } from '../../test/channel-kit';
import { bearer } from '../../test/factories';
import { eventually, pendingOffers } from '../../test/live-kit';

/** Apple Messages for Business through the stand-in MSP API: JWT, ids in headers, gzip JSON. */
const { app, services, connect, sessionOf } = await useChannelTestApp('apple');

describe('Apple Messages for Business', () => {
  it('refuses a request without a valid JWT and stores nothing', async () => {
    const setup = await connect();
    const forged = await setup.sandbox.apple.inbound(setup.platformId, 'urn:mbid:forged', 'Ahoj', {
      token: 'eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiJ4In0.c2lnbmF0dXJl',
    });
    expect(forged.status).toBe(401);
    const stored = await services.db
      .selectFrom('channel_inbound')
      .select('message_id')
      .where('tenant_id', '=', setup.tenant.id)
      .execute();
    expect(stored).toEqual([]);
  });

  it('takes gzip JSON messages into a routed session once, and sends the reply in the MSP format', async () => {
    const setup = await connect();
    const opaqueId = 'urn:mbid:AQAAY1c2Zk';
    const first = await setup.sandbox.apple.inbound(setup.platformId, opaqueId, 'Dobrý den z iPhonu');
    expect(first.status).toBe(200);
    expect((await setup.sandbox.redeliver(first)).status).toBe(200);
    await setup.sandbox.apple.inbound(setup.platformId, opaqueId, 'Ještě jedna věc');
    const session = await sessionOf(setup, opaqueId, 2);
    expect(session.channel).toBe('apple');
    const texts = (await transcript(app, setup.tenant.admin, session.id))
      .filter((item) => item.sender === 'client')
      .map((item) => item.text);
    expect(texts).toEqual(['Dobrý den z iPhonu', 'Ještě jedna věc']);

    await eventually(async () =>
      expect(await pendingOffers(services, setup.tenant.id, session.id)).toHaveLength(1),
    );
    const lineId = await operatorReply(app, setup.operator, session.id, 'Dobrý den, rádi pomůžeme.');
    await eventually(
      async () => expect((await deliveryRow(services, setup.tenant.id, lineId)).state).toBe('sent'),
      20_000,
    );
    const [send] = setup.sandbox.sends('apple');
    expect(send?.status).toBe(200);
    expect(send?.headers['content-encoding']).toBe('gzip');
    const row = await deliveryRow(services, setup.tenant.id, lineId);
    expect(setup.sandbox.sent.get(row.platform_message_id ?? '')?.body).toMatchObject({
      v: 1,
      type: 'text',
      sourceId: setup.platformId,
      destinationId: opaqueId,
      body: 'Dobrý den, rádi pomůžeme.',
    });
  });

  it('fetches an encrypted attachment through the pre-download call and keeps it decrypted', async () => {
    const setup = await connect();
    const opaqueId = 'urn:mbid:AQAAattach';
    const photo = fs.readFileSync(path.join(import.meta.dirname, '../../test/fixtures/media/pixel.png'));
    await setup.sandbox.apple.inbound(setup.platformId, opaqueId, 'Posílám fotku', {
      attachment: { bytes: photo, mimeType: 'image/png', fileName: 'fotka.png' },
    });
    const session = await sessionOf(setup, opaqueId);
    const [line] = (await transcript(app, setup.tenant.admin, session.id)).filter(
      (item) => item.sender === 'client',
    );
    expect(line).toMatchObject({
      type: 'file',
      text: 'Posílám fotku',
      file: { name: 'fotka.png', size: photo.length, mimeType: 'image/png' },
    });
    // The pre-download call carried the JWT and the attachment's owner and signature (else 400/401).
    expect(setup.sandbox.requests.filter((request) => request.path === '/preDownload')).toMatchObject([
      { method: 'GET', status: 200 },
    ]);
    const download = await app.inject({
      method: 'GET',
      url: line?.file?.url ?? '',
      headers: bearer(setup.tenant.admin),
    });
    expect(download.statusCode).toBe(200);
    expect(download.rawPayload.equals(photo)).toBe(true);
  });
});
