import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  connectChannel,
  deliveryRow,
  storedRef,
  transcript,
  useChannelTestApp,
  type ChannelSetup,
} from '../../test/channel-kit';
import { bearer, type TestUser } from '../../test/factories';
import { eventually, operatorPost, pendingOffers } from '../../test/live-kit';
import { fileRefContext } from './channel-outbox';
import type { ChannelsSandbox } from './sandbox/channels-sandbox';

/**
 * Files an operator sends into a messaging session: streamed from the object store to the platform in
 * the platform's own upload format (the stand-in parses the multipart bodies and checks them as the
 * platform does), the line's delivery state from the platform's answer.
 */

/** The app's clock, moved by the tests that need a prepared file to be old (never the wall clock). */
let clockOffsetMs = 0;
const DAY = 24 * 60 * 60 * 1000;
const { app, services, connect, sessionOf } = await useChannelTestApp('whatsapp', {
  now: () => new Date(Date.now() + clockOffsetMs),
});
const others: ChannelsSandbox[] = [];
afterAll(async () => {
  for (const sandbox of others) await sandbox.close();
});

const PIXEL = fs.readFileSync(path.join(import.meta.dirname, '../../test/fixtures/media/pixel.png'));
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
/** A 1×1 GIF: an image WhatsApp does not take (its images are JPEG and PNG). */
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const uploadsTo = (setup: ChannelSetup, edge: string) =>
  setup.sandbox.requests.filter((request) => request.method === 'POST' && request.path.endsWith(edge));

/** The operator accepts the offered session and uploads a file into it; answers the line's id. */
async function sendFile(operator: TestUser, sessionId: string, name: string, bytes: Buffer, accept = true) {
  if (accept)
    expect((await operatorPost(app, operator, `/sessions/${sessionId}/accept`)).statusCode).toBe(200);
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1/live/operator/sessions/${sessionId}/files?name=${encodeURIComponent(name)}`,
    headers: { ...bearer(operator), 'content-type': 'application/octet-stream' },
    payload: bytes,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json<{ id: string }>().id;
}

async function whatsappSession(setup: ChannelSetup, waId: string) {
  await setup.sandbox.whatsapp.inbound(setup.platformId, { waId }, { text: 'Pošlete mi to prosím.' });
  const session = await sessionOf(setup, waId);
  await eventually(async () =>
    expect(await pendingOffers(services, setup.tenant.id, session.id)).toHaveLength(1),
  );
  return session;
}

const stateOf = async (setup: ChannelSetup, lineId: string) =>
  eventually(async () => {
    const row = await deliveryRow(services, setup.tenant.id, lineId);
    expect(row.state).not.toBe('pending');
    return row;
  }, 20_000);

describe('Files to WhatsApp', () => {
  it('uploads an image to the number’s media and sends it by media id', async () => {
    const setup = await connect();
    const session = await whatsappSession(setup, '420602000001');
    const lineId = await sendFile(setup.operator, session.id, 'pixel.png', PIXEL);
    expect((await stateOf(setup, lineId)).state).toBe('sent');

    const uploads = setup.sandbox.requests.filter((request) => request.path.endsWith('/media'));
    expect(uploads).toHaveLength(1);
    expect(uploads[0]).toMatchObject({
      method: 'POST',
      status: 200,
      path: `/v21.0/${setup.platformId}/media`,
      body: {
        fields: { messaging_product: 'whatsapp', type: 'image/png' },
        files: {
          file: { filename: 'pixel.png', type: 'image/png', size: PIXEL.length, sha256: sha256(PIXEL) },
        },
      },
    });
    expect(uploads[0]?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    const sends = setup.sandbox.sends('whatsapp');
    expect(sends).toHaveLength(1);
    expect(sends[0]?.body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: '420602000001',
      type: 'image',
      image: { id: expect.stringMatching(/^\d+$/) as unknown },
    });
    const line = (await transcript(app, setup.tenant.admin, session.id)).find((item) => item.id === lineId);
    expect(line).toMatchObject({ type: 'file', delivery: { state: 'sent' } });
  });

  it('sends other files as documents with their file name', async () => {
    const setup = await connect();
    const session = await whatsappSession(setup, '420602000002');
    const lineId = await sendFile(setup.operator, session.id, 'faktura 2026.pdf', PDF);
    expect((await stateOf(setup, lineId)).state).toBe('sent');
    const send = setup.sandbox.sends('whatsapp')[0];
    expect(send?.body).toMatchObject({
      type: 'document',
      document: { id: expect.any(String) as unknown, filename: 'faktura 2026.pdf' },
    });
  });

  it('marks the line failed with the platform’s reason when the file is over the type’s limit', async () => {
    const setup = await connect();
    const session = await whatsappSession(setup, '420602000003');
    // A PNG is an image, and WhatsApp takes images up to 5 MB.
    const big = Buffer.concat([PIXEL, Buffer.alloc(5 * 1024 * 1024, 1)]);
    const lineId = await sendFile(setup.operator, session.id, 'scan.png', big);
    const row = await stateOf(setup, lineId);
    expect(row).toMatchObject({ state: 'failed', error_code: '131053' });
    expect(row.reason).toContain('the limit is 5242880');
    // The platform refused the message; nothing was delivered and nothing is retried.
    expect(setup.sandbox.sends('whatsapp').filter((request) => request.status === 200)).toHaveLength(0);
    const line = (await transcript(app, setup.tenant.admin, session.id)).find((item) => item.id === lineId);
    expect(line?.delivery).toMatchObject({ state: 'failed', errorCode: '131053' });
  });

  it('retries a file while the platform is down and sends it once when it is back', async () => {
    const setup = await connect();
    const session = await whatsappSession(setup, '420602000004');
    setup.sandbox.faults.down = 503;
    const lineId = await sendFile(setup.operator, session.id, 'pixel.png', PIXEL);
    await eventually(async () => {
      const row = await deliveryRow(services, setup.tenant.id, lineId);
      expect(row).toMatchObject({ state: 'pending' });
      expect(row.attempts).toBeGreaterThanOrEqual(1);
    }, 20_000);
    delete setup.sandbox.faults.down;
    await services.channels.deliver({ tenantId: setup.tenant.id, activityId: lineId });
    await services.channels.deliver({ tenantId: setup.tenant.id, activityId: lineId });
    expect((await deliveryRow(services, setup.tenant.id, lineId)).state).toBe('sent');
    expect(setup.sandbox.sends('whatsapp').filter((request) => request.status === 200)).toHaveLength(1);
  });
});

describe('Files prepared before they are sent', () => {
  it('reuses the uploaded media id when the send is retried after a 5xx (one upload)', async () => {
    const setup = await connect();
    const session = await whatsappSession(setup, '420602000006');
    // The upload succeeds; the message naming it meets a platform error once.
    setup.sandbox.faults.failNext = { status: 503, count: 1, path: '/messages' };
    const lineId = await sendFile(setup.operator, session.id, 'pixel.png', PIXEL);
    const row = await stateOf(setup, lineId);
    expect(row).toMatchObject({ state: 'sent', attempts: 2 });
    const ref = await storedRef(services, setup.tenant.id, lineId);
    expect(ref).toEqual({ id: expect.stringMatching(/^\d+$/) as unknown });
    expect(uploadsTo(setup, '/media')).toHaveLength(1);
    const sends = setup.sandbox.sends('whatsapp');
    expect(sends.map((request) => request.status)).toEqual([503, 200]);
    const mediaIds = sends.map((request) => (request.body as { image: { id: string } }).image.id);
    expect(mediaIds).toEqual([ref?.id, ref?.id]);
  });

  it('uploads again when the stored media id is older than WhatsApp keeps media', async () => {
    const setup = await connect();
    const session = await whatsappSession(setup, '420602000007');
    expect((await operatorPost(app, setup.operator, `/sessions/${session.id}/accept`)).statusCode).toBe(200);
    // Prepared "30 days ago" by the app's clock; every send fails until the test lets it through.
    setup.sandbox.faults.failNext = { status: 503, count: 1000, path: '/messages' };
    clockOffsetMs = -30 * DAY;
    let lineId = '';
    try {
      lineId = await sendFile(setup.operator, session.id, 'pixel.png', PIXEL, false);
      await eventually(async () => {
        const row = await deliveryRow(services, setup.tenant.id, lineId);
        expect(row.file_ref_sealed).not.toBeNull();
        expect(row.attempts).toBeGreaterThanOrEqual(1);
      }, 20_000);
    } finally {
      clockOffsetMs = 0;
    }
    const first = await storedRef(services, setup.tenant.id, lineId);
    delete setup.sandbox.faults.failNext;
    await services.channels.deliver({ tenantId: setup.tenant.id, activityId: lineId }).catch(() => {});
    const row = await stateOf(setup, lineId);
    expect(row.state).toBe('sent');
    expect(uploadsTo(setup, '/media')).toHaveLength(2);
    const second = await storedRef(services, setup.tenant.id, lineId);
    expect(second?.id).not.toBe(first?.id);
    const accepted = setup.sandbox.sends('whatsapp').filter((request) => request.status === 200);
    expect(accepted).toHaveLength(1);
    expect((accepted[0]?.body as { image: { id: string } }).image.id).toBe(second?.id);
  });

  it('fails the line with the platform’s reason when it refuses the upload, and sends nothing', async () => {
    const setup = await connect();
    const session = await whatsappSession(setup, '420602000008');
    const lineId = await sendFile(setup.operator, session.id, 'smile.gif', GIF);
    const row = await stateOf(setup, lineId);
    expect(row).toMatchObject({ state: 'failed', error_code: '100', attempts: 1, file_ref_sealed: null });
    expect(row.reason).toMatch(
      /^\(#100\) Param file must be a file with one of the following types: image\/jpeg/,
    );
    expect(uploadsTo(setup, '/media').map((request) => request.status)).toEqual([400]);
    expect(setup.sandbox.sends('whatsapp')).toHaveLength(0);
  });
});

describe('A send still in flight on another worker', () => {
  it('makes a second run of the job retry later instead of completing while the line is pending', async () => {
    const setup = await connect();
    const session = await whatsappSession(setup, '420602000005');
    const release = setup.sandbox.hold();
    const lineId = await sendFile(setup.operator, session.id, 'pixel.png', PIXEL);
    // The first worker holds the line's lock while its upload is in flight at the platform.
    await eventually(async () => expect(setup.sandbox.held).toBe(1), 20_000);
    expect((await deliveryRow(services, setup.tenant.id, lineId)).state).toBe('pending');
    // The job run again (after its expiry) cannot claim the line and must not complete.
    await expect(
      services.channels.deliver({ tenantId: setup.tenant.id, activityId: lineId }),
    ).rejects.toThrow(/being sent by another worker/);
    release();
    expect((await stateOf(setup, lineId)).state).toBe('sent');
    await services.channels.deliver({ tenantId: setup.tenant.id, activityId: lineId });
    expect(setup.sandbox.sends('whatsapp').filter((request) => request.status === 200)).toHaveLength(1);
  });
});

describe('Files to the other platforms', () => {
  const connectOther = async (type: 'messenger' | 'vkontakte' | 'apple') => {
    const setup = await connectChannel(app, services, type);
    others.push(setup.sandbox);
    return setup;
  };

  it('sends a Messenger attachment as form data with the bytes in filedata', async () => {
    const setup = await connectOther('messenger');
    await setup.sandbox.messenger.inbound(setup.platformId, '7001', { text: 'Fotku prosím' });
    const session = await sessionOf(setup, '7001');
    await eventually(async () =>
      expect(await pendingOffers(services, setup.tenant.id, session.id)).toHaveLength(1),
    );
    const image = await sendFile(setup.operator, session.id, 'pixel.png', PIXEL);
    expect((await stateOf(setup, image)).state).toBe('sent');
    const document = await sendFile(setup.operator, session.id, 'faktura.pdf', PDF, false);
    expect((await stateOf(setup, document)).state).toBe('sent');
    // Each file is saved through the Attachment Upload API first, then sent by its attachment id.
    const uploads = uploadsTo(setup, '/me/message_attachments');
    expect(uploads.map((request) => request.status)).toEqual([200, 200]);
    expect(uploads[0]?.body).toEqual({
      fields: {
        message: JSON.stringify({ attachment: { type: 'image', payload: { is_reusable: true } } }),
      },
      files: {
        filedata: { filename: 'pixel.png', type: 'image/png', size: PIXEL.length, sha256: sha256(PIXEL) },
      },
    });
    expect(JSON.parse((uploads[1]?.body as { fields: { message: string } }).fields.message)).toEqual({
      attachment: { type: 'file', payload: { is_reusable: true } },
    });
    const refs = await Promise.all(
      [image, document].map(
        async (id) => (await storedRef(services, setup.tenant.id, id)) as { attachmentId: string },
      ),
    );
    const sends = setup.sandbox.sends('messenger');
    expect(sends.map((request) => request.status)).toEqual([200, 200]);
    expect(sends.map((request) => request.body)).toEqual([
      {
        recipient: { id: '7001' },
        messaging_type: 'RESPONSE',
        message: { attachment: { type: 'image', payload: { attachment_id: refs[0]?.attachmentId } } },
      },
      {
        recipient: { id: '7001' },
        messaging_type: 'RESPONSE',
        message: { attachment: { type: 'file', payload: { attachment_id: refs[1]?.attachmentId } } },
      },
    ]);
  });

  it('sends VK a document (docs.getMessagesUploadServer, upload, docs.save) and a photo (photos.…)', async () => {
    const setup = await connectOther('vkontakte');
    await setup.sandbox.vkontakte.inbound(setup.platformId, '55002', { text: 'Pošlete fakturu' });
    const session = await sessionOf(setup, '55002');
    await eventually(async () =>
      expect(await pendingOffers(services, setup.tenant.id, session.id)).toHaveLength(1),
    );
    const document = await sendFile(setup.operator, session.id, 'faktura.pdf', PDF);
    expect((await stateOf(setup, document)).state).toBe('sent');
    const photo = await sendFile(setup.operator, session.id, 'pixel.png', PIXEL, false);
    expect((await stateOf(setup, photo)).state).toBe('sent');

    const calls = setup.sandbox.requests.map((request) => request.path);
    expect(calls.filter((path) => path.startsWith('/method/') && path !== '/method/messages.send')).toEqual([
      '/method/docs.getMessagesUploadServer',
      '/method/docs.save',
      '/method/photos.getMessagesUploadServer',
      '/method/photos.saveMessagesPhoto',
    ]);
    const uploads = setup.sandbox.requests.filter((request) => request.path.startsWith('/vk-upload/'));
    expect(uploads.map((request) => request.body)).toEqual([
      {
        fields: {},
        files: {
          file: { filename: 'faktura.pdf', type: 'application/pdf', size: PDF.length, sha256: sha256(PDF) },
        },
      },
      {
        fields: {},
        files: {
          photo: { filename: 'pixel.png', type: 'image/png', size: PIXEL.length, sha256: sha256(PIXEL) },
        },
      },
    ]);
    const owner = `-${setup.platformId}`;
    const sends = setup.sandbox.sends('vkontakte');
    expect(sends.map((request) => request.status)).toEqual([200, 200]);
    const params = sends.map((request) => new URLSearchParams(request.body as string));
    const attachments = params.map((sent) => sent.get('attachment') ?? '');
    expect(attachments[0]).toMatch(new RegExp(`^doc${owner}_\\d+$`));
    expect(attachments[1]).toMatch(new RegExp(`^photo${owner}_\\d+$`));
    expect(params.map((sent) => [sent.get('peer_id'), sent.get('message')])).toEqual([
      ['55002', ''],
      ['55002', ''],
    ]);
    // What VK keeps is exactly what the operator uploaded.
    expect(setup.sandbox.vkontakte.saved(attachments[0] ?? '')?.bytes.equals(PDF)).toBe(true);
    expect(setup.sandbox.vkontakte.saved(attachments[0] ?? '')?.title).toBe('faktura.pdf');
    expect(setup.sandbox.vkontakte.saved(attachments[1] ?? '')?.bytes.equals(PIXEL)).toBe(true);
    expect(await storedRef(services, setup.tenant.id, document)).toEqual({
      attachment: attachments[0],
    });
  });

  it('fails a VK file with VK’s reason when it refuses the upload, and sends nothing', async () => {
    const setup = await connectOther('vkontakte');
    await setup.sandbox.vkontakte.inbound(setup.platformId, '55003', { text: 'Ahoj' });
    const session = await sessionOf(setup, '55003');
    await eventually(async () =>
      expect(await pendingOffers(services, setup.tenant.id, session.id)).toHaveLength(1),
    );
    // The user stops allowing the community's messages: VK refuses even the upload server (901).
    setup.sandbox.vkontakte.forbid(setup.platformId, '55003');
    const lineId = await sendFile(setup.operator, session.id, 'faktura.pdf', PDF);
    const row = await stateOf(setup, lineId);
    expect(row).toMatchObject({ state: 'failed', error_code: '901', attempts: 1, file_ref_sealed: null });
    expect(row.reason).toBe("Can't send messages for users without permission");
    expect(setup.sandbox.sends('vkontakte')).toHaveLength(0);
  });

  it('sends Apple a file encrypted, pre-uploaded and named in the message; it decrypts to the same bytes', async () => {
    const setup = await connectOther('apple');
    const clientId = 'urn:mbid:AQAAfiles';
    await setup.sandbox.apple.inbound(setup.platformId, clientId, 'Ahoj');
    const session = await sessionOf(setup, clientId);
    await eventually(async () =>
      expect(await pendingOffers(services, setup.tenant.id, session.id)).toHaveLength(1),
    );
    const lineId = await sendFile(setup.operator, session.id, 'faktura.pdf', PDF);
    expect((await stateOf(setup, lineId)).state).toBe('sent');

    const pre = setup.sandbox.requests.filter((request) => request.path === '/preUpload');
    expect(pre).toHaveLength(1);
    expect(pre[0]).toMatchObject({ method: 'GET', status: 200 });
    expect(pre[0]?.headers).toMatchObject({ 'source-id': setup.platformId, 'mmcs-size': String(PDF.length) });
    const uploads = setup.sandbox.requests.filter((request) =>
      request.path.startsWith('/apple-mmcs-upload/'),
    );
    expect(uploads.map((request) => request.status)).toEqual([200]);
    // The platform got ciphertext, not the file.
    expect(uploads[0]?.body).not.toContain('%PDF');
    const [send] = setup.sandbox.sends('apple');
    expect(send?.status).toBe(200);
    const messageId = String(send?.headers.id);
    const received = setup.sandbox.apple.received(messageId);
    expect(received).toHaveLength(1);
    expect(received?.[0]).toMatchObject({ name: 'faktura.pdf', mimeType: 'application/pdf' });
    expect(received?.[0]?.bytes.equals(PDF)).toBe(true);
    const ref = await storedRef(services, setup.tenant.id, lineId);
    expect(ref).toEqual({
      url: expect.stringContaining('/apple-mmcs/') as unknown,
      owner: expect.any(String) as unknown,
      signature: expect.any(String) as unknown,
      key: expect.stringMatching(/^00[0-9a-f]{64}$/) as unknown,
    });
    // The reference carries the file's decryption key, so the row holds it only sealed, to this line.
    const sealed = (await deliveryRow(services, setup.tenant.id, lineId)).file_ref_sealed;
    expect(sealed?.toString('latin1')).not.toContain(ref?.key?.slice(2, 34));
    expect(sealed?.toString('latin1')).not.toContain('apple-mmcs');
    expect(() =>
      services.box.open(sealed ?? Buffer.alloc(0), fileRefContext(setup.tenant.id, session.id)),
    ).toThrow();
  });
});
