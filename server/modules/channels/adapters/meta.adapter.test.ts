import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  parseMessengerWebhook,
  parseWhatsappWebhook,
  validHubSignature,
  verificationChallenge,
} from './meta.adapter';

const whatsapp = (phoneNumberId: string, value: Record<string, unknown>) => ({
  object: 'whatsapp_business_account',
  entry: [
    {
      id: 'waba',
      changes: [{ field: 'messages', value: { metadata: { phone_number_id: phoneNumberId }, ...value } }],
    },
  ],
});

describe('Meta adapter', () => {
  it('checks X-Hub-Signature-256 over the exact bytes', () => {
    const raw = Buffer.from('{"a":"é"}');
    const good = `sha256=${createHmac('sha256', 's3cret').update(raw).digest('hex')}`;
    expect(validHubSignature('s3cret', raw, good)).toBe(true);
    expect(validHubSignature('other', raw, good)).toBe(false);
    expect(validHubSignature('s3cret', Buffer.from('{"a":"e"}'), good)).toBe(false);
    expect(validHubSignature('s3cret', raw, good.slice(0, -2))).toBe(false);
    expect(validHubSignature('s3cret', raw, undefined)).toBe(false);
  });

  it('answers the challenge only for mode subscribe and the exact token', () => {
    expect(
      verificationChallenge('tok', {
        'hub.mode': 'subscribe',
        'hub.verify_token': 'tok',
        'hub.challenge': '42',
      }),
    ).toBe('42');
    expect(
      verificationChallenge('tok', {
        'hub.mode': 'unsubscribe',
        'hub.verify_token': 'tok',
        'hub.challenge': '42',
      }),
    ).toBeUndefined();
    expect(
      verificationChallenge('tok', {
        'hub.mode': 'subscribe',
        'hub.verify_token': 'to',
        'hub.challenge': '42',
      }),
    ).toBeUndefined();
  });

  it('reads WhatsApp messages and statuses of its own number only, with the failure reason and code', () => {
    const parsed = parseWhatsappWebhook(
      whatsapp('111', {
        contacts: [{ wa_id: '420700', profile: { name: 'Jana' } }],
        messages: [{ from: '420700', id: 'wamid.1', type: 'text', text: { body: 'Ahoj' } }],
        statuses: [
          {
            id: 'wamid.out',
            status: 'failed',
            errors: [
              { code: 131026, title: 'Message undeliverable', error_data: { details: 'Not on WhatsApp' } },
            ],
          },
        ],
      }),
      '111',
    );
    expect(parsed.messages).toEqual([
      {
        messageId: 'wamid.1',
        clientId: '420700',
        clientName: 'Jana',
        clientPhone: '+420700',
        text: 'Ahoj',
        media: null,
        source: 'api',
      },
    ]);
    expect(parsed.statuses).toEqual([
      {
        platformMessageId: 'wamid.out',
        state: 'failed',
        reason: 'Message undeliverable: Not on WhatsApp',
        errorCode: '131026',
      },
    ]);
    expect(
      parseWhatsappWebhook(
        whatsapp('222', { messages: [{ from: '1', id: 'x', type: 'text', text: { body: 'b' } }] }),
        '111',
      ).messages,
    ).toEqual([]);
    expect(parseWhatsappWebhook({ object: 'page' }, '111').messages).toEqual([]);
  });

  it('skips Messenger echoes and reads delivery and read watermarks', () => {
    const parsed = parseMessengerWebhook(
      {
        object: 'page',
        entry: [
          {
            id: 'P',
            messaging: [
              {
                sender: { id: 'P' },
                recipient: { id: 'U' },
                message: { mid: 'm_echo', text: 'our own', is_echo: true },
              },
              {
                sender: { id: 'U' },
                recipient: { id: 'P' },
                delivery: { mids: ['m_1'], watermark: 1_700_000_000_000 },
              },
              { sender: { id: 'U' }, recipient: { id: 'P' }, read: { watermark: 1_700_000_001_000 } },
            ],
          },
        ],
      },
      'P',
    );
    expect(parsed.messages).toEqual([]);
    expect(parsed.statuses).toEqual([
      { platformMessageId: 'm_1', state: 'delivered', reason: null, errorCode: null },
    ]);
    expect(parsed.watermarks.map((watermark) => watermark.state)).toEqual(['delivered', 'read']);
  });
});
