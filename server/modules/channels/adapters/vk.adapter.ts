import { createHash, timingSafeEqual } from 'node:crypto';
import type { VkontakteConfig } from '../channel.schemas';
import {
  networkFailure,
  platformFetch,
  type OutboundMessage,
  type ParsedWebhook,
  type SendResult,
} from './platform';

/**
 * VK: the Callback API (events POSTed as JSON with the community's `secret` inside; a `confirmation`
 * event answered with the community's confirmation code, every other with `ok`) and the API method
 * `messages.send` (API version 5.199).
 */
export const VK_API_VERSION = '5.199';

const str = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);
const obj = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
const arr = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const id = (value: unknown): string | null =>
  typeof value === 'number' && Number.isInteger(value) ? String(value) : null;

export type VkCallback =
  | { kind: 'confirmation' }
  | { kind: 'event'; parsed: ParsedWebhook; readUpTo: { clientId: string; messageId: string } | null };

/** Checks the callback's community and secret; undefined when it is not this community's. */
export function parseVkCallback(body: unknown, config: VkontakteConfig): VkCallback | undefined {
  const root = obj(body);
  if (id(root.group_id) !== config.communityId) return undefined;
  if (root.type === 'confirmation') return { kind: 'confirmation' };
  const secret = str(root.secret) ?? '';
  const a = Buffer.from(secret);
  const b = Buffer.from(config.secretKey);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return undefined;
  const parsed: ParsedWebhook = { messages: [], statuses: [], watermarks: [] };
  const object = obj(root.object);
  if (root.type === 'message_new') {
    const message = obj(object.message);
    const messageId = id(message.id);
    const from = id(message.from_id);
    if (messageId && from) {
      const attachment = obj(arr(message.attachments)[0]);
      const media = vkMedia(attachment);
      parsed.messages.push({
        messageId,
        clientId: from,
        clientName: null,
        clientPhone: null,
        text:
          str(message.text) ?? (str(attachment.type) && !media ? `[${str(attachment.type) ?? ''}]` : null),
        media,
        source: message.ref ? 'campaign' : 'api',
      });
    }
    return { kind: 'event', parsed, readUpTo: null };
  }
  if (root.type === 'message_read') {
    const client = id(object.from_id) ?? id(object.peer_id);
    const upTo = id(object.read_message_id);
    return { kind: 'event', parsed, readUpTo: client && upTo ? { clientId: client, messageId: upTo } : null };
  }
  // message_reply (the community's own messages, ours included) and other events: acknowledged.
  return { kind: 'event', parsed, readUpTo: null };
}

function vkMedia(attachment: Record<string, unknown>) {
  if (attachment.type === 'photo') {
    const sizes = arr(obj(attachment.photo).sizes).map(obj);
    const largest = sizes.sort((x, y) => Number(y.width ?? 0) - Number(x.width ?? 0))[0];
    const url = largest ? str(largest.url) : null;
    return url ? { ref: url, mimeType: 'image/jpeg', fileName: null } : null;
  }
  if (attachment.type === 'doc') {
    const doc = obj(attachment.doc);
    const url = str(doc.url);
    return url ? { ref: url, mimeType: null, fileName: str(doc.title) } : null;
  }
  return null;
}

/** VK's temporary errors: unknown, too many requests, flood control, internal server error. */
const TEMPORARY = new Set([1, 6, 9, 10]);

/**
 * `messages.send`. `random_id` is derived from our line's id: VK drops a second message with the same
 * random_id from the same community, so a retry after a lost answer never sends twice.
 */
export async function sendVk(
  config: VkontakteConfig,
  message: OutboundMessage,
  lineKey: string,
): Promise<SendResult> {
  const randomId = createHash('sha256').update(lineKey).digest().readInt32BE(0);
  const form = new URLSearchParams({
    access_token: config.accessToken,
    v: VK_API_VERSION,
    peer_id: message.clientId,
    random_id: String(randomId),
    message: message.text ?? '',
  });
  try {
    const response = await platformFetch(`${config.baseUrl}/method/messages.send`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    if (response.status === 429 || response.status >= 500)
      return {
        ok: false,
        retryable: true,
        reason: `HTTP ${response.status}`,
        errorCode: String(response.status),
      };
    const body = (await response.json()) as {
      response?: unknown;
      error?: { error_code?: number; error_msg?: string };
    };
    if (typeof body.response === 'number') return { ok: true, platformMessageId: String(body.response) };
    const code = body.error?.error_code;
    return {
      ok: false,
      retryable: code === undefined || TEMPORARY.has(code),
      reason: body.error?.error_msg ?? 'VK answered without a message id.',
      errorCode: code === undefined ? null : String(code),
    };
  } catch (error) {
    return networkFailure(error);
  }
}
