import { describe, expect, it } from 'vitest';
import { maySend, messagingWindow, restoreOptions } from './messaging-window';

const last = new Date('2026-03-01T10:00:00Z');
const after = (ms: number) => new Date(last.getTime() + ms);
const MIN = 60_000;
const HOUR = 60 * MIN;

describe('the messaging window', () => {
  it('WhatsApp: free text up to 24 h after the last message, then only a template', () => {
    expect(messagingWindow('whatsapp', last, after(23 * HOUR + 59 * MIN))).toEqual({
      allows: 'free',
      reason: 'whatsapp_customer_service_window',
      closesAt: after(24 * HOUR),
    });
    expect(messagingWindow('whatsapp', last, after(24 * HOUR + MIN)).allows).toBe('template');
    expect(messagingWindow('whatsapp', null, last).allows).toBe('template');
  });

  it('Messenger: standard 24 h, HUMAN_AGENT up to 7 days only where allowed, then nothing', () => {
    expect(messagingWindow('messenger', last, after(23 * HOUR)).allows).toBe('free');
    const tagged = messagingWindow('messenger', last, after(6 * 24 * HOUR + 23 * HOUR), {
      humanAgentTag: true,
    });
    expect(tagged).toMatchObject({ allows: 'tag', tag: 'HUMAN_AGENT', closesAt: after(7 * 24 * HOUR) });
    expect(messagingWindow('messenger', last, after(6 * 24 * HOUR + 23 * HOUR)).allows).toBe('nothing');
    expect(
      messagingWindow('messenger', last, after(7 * 24 * HOUR + MIN), { humanAgentTag: true }).allows,
    ).toBe('nothing');
    expect(messagingWindow('messenger', null, last).reason).toBe('never_wrote');
  });

  it('Apple and VK: answers to a client who wrote have no deadline', () => {
    expect(messagingWindow('apple', last, after(30 * 24 * HOUR)).allows).toBe('free');
    expect(messagingWindow('vkontakte', last, after(30 * 24 * HOUR)).allows).toBe('free');
  });

  it('Restore and the outbox read the same answer: text inside, a WhatsApp template at any time', () => {
    const inside = messagingWindow('whatsapp', last, after(23 * HOUR + 59 * MIN));
    const outside = messagingWindow('whatsapp', last, after(24 * HOUR + MIN));
    expect(restoreOptions('whatsapp', inside)).toEqual({ text: true, template: true });
    expect(restoreOptions('whatsapp', outside)).toEqual({ text: false, template: true });
    expect([maySend(outside, 'text'), maySend(outside, 'template')]).toEqual([false, true]);
    const tagged = messagingWindow('messenger', last, after(6 * 24 * HOUR + 23 * HOUR), {
      humanAgentTag: true,
    });
    expect(restoreOptions('messenger', tagged)).toEqual({ text: true, template: false });
    const closed = messagingWindow('messenger', last, after(6 * 24 * HOUR + 23 * HOUR));
    expect(restoreOptions('messenger', closed)).toEqual({ text: false, template: false });
    expect(maySend(closed, 'text')).toBe(false);
  });
});
