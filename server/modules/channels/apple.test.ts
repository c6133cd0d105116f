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

  it('keeps every attachment of a message, each a file line readable through the file route', async () => {
    const setup = await connect();
    const opaqueId = 'urn:mbid:AQAAseveral';
    const photo = fs.readFileSync(path.join(import.meta.dirname, '../../test/fixtures/media/pixel.png'));
    const pdf = Buffer.from(
      '%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
    );
    const text = Buffer.from('Číslo objednávky: 2026-0042\n');
    await setup.sandbox.apple.inbound(setup.platformId, opaqueId, 'Tři přílohy', {
      attachments: [
        { bytes: photo, mimeType: 'image/png', fileName: 'fotka.png' },
        { bytes: pdf, mimeType: 'application/pdf', fileName: 'faktura.pdf' },
        { bytes: text, mimeType: 'text/plain', fileName: 'poznámka.txt' },
      ],
    });
    // Three lines: the message with the first file, then one line per further file.
    const session = await sessionOf(setup, opaqueId, 3);
    const lines = (await transcript(app, setup.tenant.admin, session.id)).filter(
      (item) => item.sender === 'client',
    );
    expect(lines.map((line) => [line.type, line.text, line.file?.name])).toEqual([
      ['file', 'Tři přílohy', 'fotka.png'],
      ['file', null, 'faktura.pdf'],
      ['file', null, 'poznámka.txt'],
    ]);
    expect(setup.sandbox.requests.filter((request) => request.path === '/preDownload')).toHaveLength(3);
    for (const [line, bytes] of [
      [lines[0], photo],
      [lines[1], pdf],
      [lines[2], text],
    ] as const) {
      const download = await app.inject({
        method: 'GET',
        url: line?.file?.url ?? '',
        headers: bearer(setup.tenant.admin),
      });
      expect(download.statusCode).toBe(200);
      expect(download.rawPayload.equals(bytes)).toBe(true);
    }
  });
});
