import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { channelsSandbox } from './channels-sandbox';

/** A receiver standing in for Sessiondesk: records what the stand-in posts to it. */
const received: { headers: http.IncomingHttpHeaders; raw: Buffer }[] = [];
const receiver = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    received.push({ headers: req.headers, raw: Buffer.concat(chunks) });
    res.writeHead(200).end('EVENT_RECEIVED');
  });
});
const sandbox = channelsSandbox();
let base = '';

beforeAll(async () => {
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
  base = await sandbox.listen();
  sandbox.whatsapp.addAccount({
    phoneNumberId: '1001',
    accessToken: 'wa-token',
    appSecret: 'wa-secret',
    webhookUrl: hook,
  });
  sandbox.messenger.addAccount({
    pageId: '2002',
    pageAccessToken: 'page-token',
    appSecret: 'm-secret',
    webhookUrl: hook,
  });
});
afterAll(async () => {
  await sandbox.close();
  receiver.close();
});

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, {
    method: 'POST',
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
  });
const waText = {
  messaging_product: 'whatsapp',
  to: '420777000111',
  type: 'text',
  text: { body: 'Dobrý den' },
};

const upload = (form: FormData, token = 'wa-token') =>
  fetch(`${base}/v21.0/1001/media`, {
    method: 'POST',
    body: form,
    headers: token ? { authorization: `Bearer ${token}` } : {},
  });
const mediaForm = (bytes: Buffer, type: string, product = 'whatsapp') => {
  const form = new FormData();
  form.set('messaging_product', product);
  form.set('type', type);
  form.set('file', new Blob([bytes], { type }), 'file');
  return form;
};

describe('the WhatsApp stand-in’s media upload', () => {
  it('takes a supported file with the number’s token and answers a media id', async () => {
    const response = await upload(mediaForm(Buffer.from('%PDF-1.4'), 'application/pdf'));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: expect.stringMatching(/^\d+$/) as unknown });
  });

  it('refuses a wrong token, a missing messaging_product and an unsupported type as the Cloud API does', async () => {
    const bytes = Buffer.from('GIF89a');
    expect((await upload(mediaForm(bytes, 'image/png'), 'other')).status).toBe(401);
    const noProduct = await upload(mediaForm(bytes, 'image/png', 'sms'));
    expect(noProduct.status).toBe(400);
    const gif = await upload(mediaForm(bytes, 'image/gif'));
    expect(gif.status).toBe(400);
    expect(((await gif.json()) as { error: { code: number; message: string } }).error).toMatchObject({
      code: 100,
      message: expect.stringContaining('image/gif') as unknown,
    });
  });

  it('refuses a media message whose upload is over the message type’s limit (131053)', async () => {
    const big = await upload(mediaForm(Buffer.alloc(5 * 1024 * 1024 + 1, 1), 'image/png'));
    const { id } = (await big.json()) as { id: string };
    await sandbox.whatsapp.inbound('1001', { waId: '420777000999' }, { text: 'Ahoj' });
    const send = await post(
      '/v21.0/1001/messages',
      { messaging_product: 'whatsapp', to: '420777000999', type: 'image', image: { id } },
      { authorization: 'Bearer wa-token' },
    );
    expect(send.status).toBe(400);
    expect(((await send.json()) as { error: { code: number } }).error.code).toBe(131053);
  });

  it('forgets an uploaded media id after 30 days, as the Cloud API deletes media', async () => {
    const uploaded = await upload(mediaForm(Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]), 'image/png'));
    const { id } = (await uploaded.json()) as { id: string };
    const month = 31 * 24 * 60 * 60 * 1000;
    sandbox.advance(month);
    try {
      // The client writes again, so only the media id's age can refuse the message.
      await sandbox.whatsapp.inbound('1001', { waId: '420777000998' }, { text: 'Ahoj' });
      const send = await post(
        '/v21.0/1001/messages',
        { messaging_product: 'whatsapp', to: '420777000998', type: 'image', image: { id } },
        { authorization: 'Bearer wa-token' },
      );
      expect(send.status).toBe(400);
      expect(((await send.json()) as { error: { code: number } }).error.code).toBe(100);
    } finally {
      sandbox.advance(-month);
    }
  });
});

describe('the WhatsApp stand-in', () => {
  it('signs its webhooks with the app secret as X-Hub-Signature-256 over the raw body', async () => {
    const delivery = await sandbox.whatsapp.inbound(
      '1001',
      { waId: '420777000111', name: 'Jana' },
      { text: 'Ahoj' },
    );
    expect(delivery.status).toBe(200);
    const last = received.at(-1);
    const expected = `sha256=${createHmac('sha256', 'wa-secret')
      .update(last?.raw ?? '')
      .digest('hex')}`;
    expect(last?.headers['x-hub-signature-256']).toBe(expected);
    const body = JSON.parse(last?.raw.toString() ?? '{}') as {
      entry: { changes: { value: { messages: unknown[] } }[] }[];
    };
    expect(body.entry[0]?.changes[0]?.value.messages[0]).toMatchObject({
      from: '420777000111',
      type: 'text',
      text: { body: 'Ahoj' },
    });
  });

  it('refuses a wrong token (190) and a malformed message (100), accepts a good one', async () => {
    expect((await post('/v21.0/1001/messages', waText, { authorization: 'Bearer nope' })).status).toBe(401);
    const wrongShape = await post(
      '/v21.0/1001/messages',
      { ...waText, messaging_product: undefined },
      { authorization: 'Bearer wa-token' },
    );
    expect(wrongShape.status).toBe(400);
    expect(await wrongShape.json()).toMatchObject({ error: { code: 100 } });
    const empty = await post(
      '/v21.0/1001/messages',
      { ...waText, text: { body: '' } },
      { authorization: 'Bearer wa-token' },
    );
    expect(empty.status).toBe(400);
    const ok = await post('/v21.0/1001/messages', waText, { authorization: 'Bearer wa-token' });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({
      messaging_product: 'whatsapp',
      messages: [{ id: expect.stringMatching(/^wamid\./) as unknown }],
    });
  });

  it('fails a free-text message outside the 24-hour window with 131047 in a status webhook', async () => {
    await sandbox.whatsapp.inbound('1001', { waId: '420777000222' }, { text: 'dotaz' });
    sandbox.advance(24 * 3600 * 1000 + 60_000);
    const before = received.length;
    const response = await post(
      '/v21.0/1001/messages',
      { ...waText, to: '420777000222' },
      { authorization: 'Bearer wa-token' },
    );
    expect(response.status).toBe(200);
    await sandbox.flush();
    const status = JSON.parse(received[before]?.raw.toString() ?? '{}') as {
      entry: { changes: { value: { statuses: { status: string; errors: { code: number }[] }[] } }[] }[];
    };
    expect(status.entry[0]?.changes[0]?.value.statuses[0]).toMatchObject({
      status: 'failed',
      errors: [{ code: 131047 }],
    });
  });

  it('serves media behind the access token, through the media id lookup', async () => {
    const bytes = Buffer.from('%PDF-1.4 faktura');
    await sandbox.whatsapp.inbound(
      '1001',
      { waId: '420777000333' },
      { document: { bytes, mimeType: 'application/pdf', fileName: 'faktura.pdf' } },
    );
    const body = JSON.parse(received.at(-1)?.raw.toString() ?? '{}') as {
      entry: { changes: { value: { messages: { document: { id: string } }[] } }[] }[];
    };
    const mediaId = body.entry[0]?.changes[0]?.value.messages[0]?.document.id ?? '';
    expect((await fetch(`${base}/v21.0/${mediaId}`)).status).toBe(401);
    const lookup = await fetch(`${base}/v21.0/${mediaId}`, { headers: { authorization: 'Bearer wa-token' } });
    const meta = (await lookup.json()) as { url: string; mime_type: string; file_size: number };
    expect(meta).toMatchObject({ mime_type: 'application/pdf', file_size: bytes.length });
    expect((await fetch(meta.url)).status).toBe(401);
    const file = await fetch(meta.url, { headers: { authorization: 'Bearer wa-token' } });
    expect(Buffer.from(await file.arrayBuffer())).toEqual(bytes);
  });

  it('fails on command: down, the next N calls, and records every call', async () => {
    sandbox.faults.down = 503;
    expect((await post('/v21.0/1001/messages', waText, { authorization: 'Bearer wa-token' })).status).toBe(
      503,
    );
    delete sandbox.faults.down;
    sandbox.faults.failNext = { status: 429, count: 1 };
    const limited = await post('/v21.0/1001/messages', waText, { authorization: 'Bearer wa-token' });
    expect(limited.status).toBe(429);
    expect(await limited.json()).toMatchObject({ error: { code: 130429 } });
    expect((await post('/v21.0/1001/messages', waText, { authorization: 'Bearer wa-token' })).status).toBe(
      200,
    );
    expect(sandbox.requests.slice(-3).map((request) => request.status)).toEqual([503, 429, 200]);
  });
});

describe('the Messenger stand-in', () => {
  const send = (body: Record<string, unknown>, token = 'page-token') =>
    post(`/v21.0/me/messages?access_token=${token}`, body);
  const reply = { recipient: { id: 'psid-1' }, messaging_type: 'RESPONSE', message: { text: 'Dobrý den' } };

  it('accepts a reply inside the window; outside it only with HUMAN_AGENT up to 7 days (2018278)', async () => {
    await sandbox.messenger.inbound('2002', 'psid-1', { text: 'Ahoj' });
    expect((await send(reply, 'bad')).status).toBe(401);
    expect((await send({ ...reply, messaging_type: 'WHATEVER' })).status).toBe(400);
    const ok = await send(reply);
    expect(await ok.json()).toMatchObject({
      recipient_id: 'psid-1',
      message_id: expect.stringMatching(/^m_/) as unknown,
    });
    sandbox.advance(2 * 24 * 3600 * 1000);
    const outside = await send(reply);
    expect(outside.status).toBe(400);
    expect(await outside.json()).toMatchObject({ error: { code: 10, error_subcode: 2018278 } });
    expect((await send({ ...reply, messaging_type: 'MESSAGE_TAG' })).status).toBe(400);
    expect((await send({ ...reply, messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' })).status).toBe(200);
    sandbox.advance(6 * 24 * 3600 * 1000);
    expect((await send({ ...reply, messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' })).status).toBe(400);
  });

  it('sends signed message, delivery and read webhooks and serves attachment URLs', async () => {
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]);
    await sandbox.messenger.inbound('2002', 'psid-2', {
      attachment: { type: 'image', media: { bytes, mimeType: 'image/jpeg' } },
    });
    const last = received.at(-1);
    expect(last?.headers['x-hub-signature-256']).toBe(
      `sha256=${createHmac('sha256', 'm-secret')
        .update(last?.raw ?? '')
        .digest('hex')}`,
    );
    const body = JSON.parse(last?.raw.toString() ?? '{}') as {
      object: string;
      entry: { messaging: { message: { attachments: { payload: { url: string } }[] } }[] }[];
    };
    expect(body.object).toBe('page');
    const url = body.entry[0]?.messaging[0]?.message.attachments[0]?.payload.url ?? '';
    expect(Buffer.from(await (await fetch(url)).arrayBuffer())).toEqual(bytes);
    await sandbox.messenger.delivery('2002', 'psid-2', ['m_x']);
    expect(JSON.parse(received.at(-1)?.raw.toString() ?? '{}')).toMatchObject({
      entry: [{ messaging: [{ delivery: { mids: ['m_x'] } }] }],
    });
  });
});
