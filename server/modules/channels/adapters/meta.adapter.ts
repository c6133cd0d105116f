import { createHmac, timingSafeEqual } from 'node:crypto';
import type { MessengerConfig, WhatsappConfig } from '../channel.schemas';
import {
  jsonBody,
  multipartBody,
  postMultipart,
  networkFailure,
  platformFetch,
  requestHeader,
  type MediaRef,
  type OutboundFile,
  type OutboundMessage,
  type OutboundTemplate,
  type ParsedWebhook,
  type PlatformFailure,
  type PrepareResult,
  type SendResult,
  type StatusUpdate,
  type WebhookReading,
  type WebhookRequest,
} from './platform';

/**
 * Meta's two platforms: WhatsApp Cloud API and Messenger Platform (Graph API v21.0). They share the
 * webhook handshake (GET hub.mode / hub.verify_token / hub.challenge), the signature
 * (X-Hub-Signature-256: sha256= HMAC-SHA256 of the raw body with the app secret) and the error body
 * ({ error: { message, type, code, error_subcode, error_data, fbtrace_id } }).
 */
export const GRAPH_VERSION = 'v21.0';

/** Checks X-Hub-Signature-256 against the raw body in constant time. */
export function validHubSignature(appSecret: string, raw: Buffer, header: string | undefined): boolean {
  if (!header?.startsWith('sha256=')) return false;
  const given = Buffer.from(header.slice(7), 'hex');
  const expected = createHmac('sha256', appSecret).update(raw).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** The verification handshake: the challenge when the mode and token match, else undefined. */
export function verificationChallenge(
  verifyToken: string,
  query: Record<string, unknown>,
): string | undefined {
  const token = query['hub.verify_token'];
  const challenge = query['hub.challenge'];
  if (query['hub.mode'] !== 'subscribe' || typeof token !== 'string' || typeof challenge !== 'string')
    return undefined;
  const a = Buffer.from(token);
  const b = Buffer.from(verifyToken);
  if (a.length !== b.length || !timingSafeEqual(a, b)) return undefined;
  return challenge.slice(0, 200);
}

/**
 * A webhook of either platform: the X-Hub-Signature-256 HMAC over the raw bytes, before anything is
 * parsed, then the JSON by the platform's own parser (`parse`). Meta expects 200.
 */
export function readMetaWebhook(
  appSecret: string,
  request: WebhookRequest,
  parse: (body: unknown) => ParsedWebhook,
): WebhookReading {
  const signature = requestHeader(request.headers, 'x-hub-signature-256');
  if (!validHubSignature(appSecret, request.raw, signature))
    return { ok: false, refusal: 'invalid_signature' };
  const body = jsonBody(request.raw);
  if (body === undefined) return { ok: false, refusal: 'invalid_json' };
  return { ok: true, parsed: parse(body), reply: 'EVENT_RECEIVED', readUpTo: null };
}

/** Codes Meta documents as temporary (throttling, service errors): retried with backoff. */
const TEMPORARY_CODES = new Set([1, 2, 4, 17, 32, 613, 80007, 130429, 131000, 131016, 131048, 131056]);

interface MetaError {
  message?: string;
  code?: number;
  error_subcode?: number;
  error_data?: { details?: string };
}

async function metaFailure(response: Response): Promise<PlatformFailure> {
  let error: MetaError = {};
  try {
    error = ((await response.json()) as { error?: MetaError }).error ?? {};
  } catch {
    // not JSON: the status alone says what happened
  }
  const retryable =
    response.status === 429 || response.status >= 500 || TEMPORARY_CODES.has(error.code ?? -1);
  const details = error.error_data?.details;
  const reason = [error.message ?? `HTTP ${response.status}`, details].filter(Boolean).join(': ');
  const errorCode =
    error.code === undefined
      ? String(response.status)
      : [error.code, error.error_subcode].filter((part) => part !== undefined).join('/');
  return { ok: false, retryable, reason: reason.slice(0, 500), errorCode };
}

const str = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);
const obj = (value: unknown): Record<string, unknown> =>
  value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
const arr = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const num = (value: unknown): string => (typeof value === 'number' ? String(value) : '?');

// --- WhatsApp Cloud API ---

/** The `messages` webhook of the Cloud API: client messages (every type) and statuses. */
export function parseWhatsappWebhook(body: unknown, phoneNumberId: string): ParsedWebhook {
  const parsed: ParsedWebhook = { messages: [], statuses: [], watermarks: [] };
  const root = obj(body);
  if (root.object !== 'whatsapp_business_account') return parsed;
  for (const entry of arr(root.entry)) {
    for (const change of arr(obj(entry).changes)) {
      if (obj(change).field !== 'messages') continue;
      const value = obj(obj(change).value);
      // A business's webhook may carry its other numbers too: only this account's count.
      if (str(obj(value.metadata).phone_number_id) !== phoneNumberId) continue;
      const names = new Map(
        arr(value.contacts).map((contact) => [str(obj(contact).wa_id), str(obj(obj(contact).profile).name)]),
      );
      for (const raw of arr(value.messages)) {
        const message = obj(raw);
        const id = str(message.id);
        const from = str(message.from);
        if (!id || !from) continue;
        const content = whatsappContent(message);
        parsed.messages.push({
          messageId: id,
          clientId: from,
          clientName: names.get(from) ?? null,
          clientPhone: `+${from}`,
          text: content.text,
          media: content.media,
          source: message.referral ? 'campaign' : 'api',
        });
      }
      for (const raw of arr(value.statuses)) {
        const status = obj(raw);
        const id = str(status.id);
        const state = str(status.status);
        if (!id || !state || !['sent', 'delivered', 'read', 'failed'].includes(state)) continue;
        const error = obj(arr(status.errors)[0]);
        const details = str(obj(error.error_data).details);
        parsed.statuses.push({
          platformMessageId: id,
          state: state as StatusUpdate['state'],
          reason:
            state === 'failed'
              ? [str(error.title) ?? str(error.message) ?? 'Failed', details].filter(Boolean).join(': ')
              : null,
          errorCode: typeof error.code === 'number' ? String(error.code) : null,
        });
      }
    }
  }
  return parsed;
}

function whatsappContent(message: Record<string, unknown>): { text: string | null; media: MediaRef | null } {
  const type = str(message.type);
  switch (type) {
    case 'text':
      return { text: str(obj(message.text).body), media: null };
    case 'image':
    case 'document':
    case 'audio':
    case 'video':
    case 'sticker': {
      const part = obj(message[type]);
      const id = str(part.id);
      return {
        text: str(part.caption),
        media: id ? { ref: id, mimeType: str(part.mime_type), fileName: str(part.filename) } : null,
      };
    }
    case 'location': {
      const location = obj(message.location);
      const where = [str(location.name), str(location.address)].filter(Boolean).join(', ');
      return {
        text: `📍 ${num(location.latitude)}, ${num(location.longitude)}${where ? ` (${where})` : ''}`,
        media: null,
      };
    }
    case 'contacts':
      return {
        text: arr(message.contacts)
          .map((contact) => {
            const name = str(obj(obj(contact).name).formatted_name) ?? '';
            const phones = arr(obj(contact).phones)
              .map((phone) => str(obj(phone).phone))
              .filter(Boolean);
            return `👤 ${[name, ...phones].filter(Boolean).join(' ')}`;
          })
          .join('\n'),
        media: null,
      };
    case 'interactive': {
      const interactive = obj(message.interactive);
      const reply = obj(interactive.button_reply ?? interactive.list_reply);
      return { text: str(reply.title) ?? str(reply.id), media: null };
    }
    case 'button':
      return { text: str(obj(message.button).text), media: null };
    case 'reaction':
      return { text: str(obj(message.reaction).emoji), media: null };
    case null:
    default:
      return { text: `[${type ?? 'unknown'} message]`, media: null };
  }
}

/**
 * The Cloud API's message type for a file, by its (sniffed) MIME type: images and videos of the types
 * WhatsApp plays inline, audio, and everything else as a document with its file name. The platform
 * checks the types and sizes per message type (image 5 MB, video and audio 16 MB, document 100 MB).
 */
export function whatsappMediaType(mimeType: string): 'image' | 'video' | 'audio' | 'document' {
  if (mimeType === 'image/jpeg' || mimeType === 'image/png') return 'image';
  if (mimeType === 'video/mp4' || mimeType === 'video/3gpp') return 'video';
  if (mimeType.startsWith('audio/')) return 'audio';
  return 'document';
}

/** WhatsApp forgets an uploaded media id after 30 days; one older than 29 is uploaded again. */
export const WHATSAPP_MEDIA_LIFETIME_MS = 29 * 24 * 60 * 60 * 1000;

/**
 * Prepares a file: uploads it to the number's media (`POST /{phone-number-id}/media`, multipart:
 * `messaging_product`, `type` and the `file` part), streamed from the store. Answers `{ id }` (the media
 * id the message names) or the platform's refusal.
 */
export async function prepareWhatsappFile(
  config: WhatsappConfig,
  file: OutboundFile,
): Promise<PrepareResult> {
  try {
    const form = await multipartBody(
      [
        ['messaging_product', 'whatsapp'],
        ['type', file.mimeType],
      ],
      { field: 'file', ...file },
    );
    const response = await postMultipart(
      `${config.baseUrl}/${GRAPH_VERSION}/${config.phoneNumberId}/media`,
      form,
      file.size,
      { authorization: `Bearer ${config.accessToken}` },
    );
    if (!response.ok) return await metaFailure(response);
    const id = ((await response.json()) as { id?: unknown }).id;
    return typeof id === 'string' && id.length > 0
      ? { ok: true, ref: { id } }
      : {
          ok: false,
          retryable: true,
          reason: 'The platform answered the upload without a media id.',
          errorCode: null,
        };
  } catch (error) {
    return networkFailure(error);
  }
}

export async function sendWhatsapp(config: WhatsappConfig, message: OutboundMessage): Promise<SendResult> {
  try {
    let content: Record<string, unknown>;
    if (message.template) content = { type: 'template', template: whatsappTemplateObject(message.template) };
    else if (message.file) {
      // The file was uploaded when it was prepared: the message names its media id.
      const type = whatsappMediaType(message.file.mimeType);
      content = {
        type,
        [type]: {
          id: message.file.ref.id,
          ...(type === 'document' ? { filename: message.file.name } : {}),
          ...(message.text && type !== 'audio' ? { caption: message.text } : {}),
        },
      };
    } else content = { type: 'text', text: { preview_url: false, body: message.text ?? '' } };
    const response = await platformFetch(
      `${config.baseUrl}/${GRAPH_VERSION}/${config.phoneNumberId}/messages`,
      {
        method: 'POST',
        headers: { authorization: `Bearer ${config.accessToken}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          messaging_product: 'whatsapp',
          recipient_type: 'individual',
          to: message.clientId,
          ...content,
        }),
      },
    );
    if (!response.ok) return await metaFailure(response);
    const body = (await response.json()) as { messages?: { id?: string }[] };
    const id = body.messages?.[0]?.id;
    return id
      ? { ok: true, platformMessageId: id }
      : {
          ok: false,
          retryable: true,
          reason: 'The platform answered without a message id.',
          errorCode: null,
        };
  } catch (error) {
    return networkFailure(error);
  }
}

/**
 * The `template` object of a Cloud API template send: the name, the language code, and the body's
 * positional parameters as text (Cloud API, "Send message templates"; a template without parameters
 * sends no components).
 */
export function whatsappTemplateObject(template: OutboundTemplate) {
  return {
    name: template.name,
    language: { code: template.language },
    ...(template.parameters.length > 0
      ? {
          components: [
            {
              type: 'body',
              parameters: template.parameters.map((text) => ({ type: 'text', text })),
            },
          ],
        }
      : {}),
  };
}

/** A template of the account as the platform lists it: what Sessiondesk keeps of it. */
export interface PlatformTemplate {
  platformId: string | null;
  name: string;
  language: string;
  category: string;
  status: string;
  /** The BODY component's text, with {{1}} … placeholders. */
  body: string;
}

/** At most this many pages of 100 templates are read (a WABA may have up to 6,000 templates). */
const TEMPLATE_PAGES = 60;

/**
 * The account's message templates: `GET /{version}/{WABA-ID}/message_templates` (WhatsApp Business
 * Management API) with the fields kept, following `paging.next`. Throws with the platform's reason
 * when it refuses; the caller records it on the account.
 */
export async function fetchWhatsappTemplates(config: WhatsappConfig): Promise<PlatformTemplate[]> {
  if (!config.businessAccountId)
    throw new Error('The account has no WhatsApp Business Account id (businessAccountId).');
  const fields = 'id,name,language,category,status,components';
  let url: string | undefined =
    `${config.baseUrl}/${GRAPH_VERSION}/${encodeURIComponent(config.businessAccountId)}/message_templates?fields=${fields}&limit=100`;
  const templates: PlatformTemplate[] = [];
  for (let page = 0; url && page < TEMPLATE_PAGES; page += 1) {
    const response = await platformFetch(url, { headers: { authorization: `Bearer ${config.accessToken}` } });
    if (!response.ok) {
      const failure = await metaFailure(response);
      throw new Error(failure.ok ? 'unexpected' : `${failure.reason} (${failure.errorCode ?? ''})`);
    }
    const body = obj(await response.json());
    for (const raw of arr(body.data)) {
      const item = obj(raw);
      const name = str(item.name);
      const language = str(item.language);
      if (!name || !language) continue;
      const bodyComponent = arr(item.components)
        .map(obj)
        .find((component) => str(component.type)?.toUpperCase() === 'BODY');
      templates.push({
        platformId: str(item.id),
        name,
        language,
        category: str(item.category) ?? 'UNKNOWN',
        status: str(item.status) ?? 'UNKNOWN',
        body: str(bodyComponent?.text) ?? '',
      });
    }
    const next = str(obj(body.paging).next);
    // Only follow a next page on the same host the account talks to (never elsewhere with the token).
    url = next && next.startsWith(`${config.baseUrl}/`) ? next : undefined;
  }
  return templates;
}

/** Media of an inbound WhatsApp message: the id is looked up for a short-lived URL, fetched with the token. */
export async function fetchWhatsappMedia(config: WhatsappConfig, media: MediaRef): Promise<Response> {
  const auth = { authorization: `Bearer ${config.accessToken}` };
  const lookup = await platformFetch(`${config.baseUrl}/${GRAPH_VERSION}/${encodeURIComponent(media.ref)}`, {
    headers: auth,
  });
  if (!lookup.ok) return lookup;
  const { url } = (await lookup.json()) as { url?: string };
  if (!url) return new Response(null, { status: 502 });
  return platformFetch(url, { headers: auth });
}

// --- Messenger Platform ---

/** The page webhook: messages (text, attachments), postbacks, delivery and read; echoes are skipped. */
export function parseMessengerWebhook(body: unknown, pageId: string): ParsedWebhook {
  const parsed: ParsedWebhook = { messages: [], statuses: [], watermarks: [] };
  const root = obj(body);
  if (root.object !== 'page') return parsed;
  for (const entry of arr(root.entry)) {
    if (str(obj(entry).id) !== pageId) continue;
    for (const raw of arr(obj(entry).messaging)) {
      const event = obj(raw);
      const sender = str(obj(event.sender).id);
      if (!sender) continue;
      const message = obj(event.message);
      // Echoes are the page's own messages (ours, or the page inbox's): not the client's.
      if (message.is_echo === true) continue;
      if (event.delivery) {
        for (const mid of arr(obj(event.delivery).mids)) {
          if (typeof mid === 'string')
            parsed.statuses.push({
              platformMessageId: mid,
              state: 'delivered',
              reason: null,
              errorCode: null,
            });
        }
        const watermark = obj(event.delivery).watermark;
        if (typeof watermark === 'number')
          parsed.watermarks.push({ clientId: sender, state: 'delivered', upTo: new Date(watermark) });
        continue;
      }
      if (event.read) {
        const watermark = obj(event.read).watermark;
        if (typeof watermark === 'number')
          parsed.watermarks.push({ clientId: sender, state: 'read', upTo: new Date(watermark) });
        continue;
      }
      if (event.postback) {
        const postback = obj(event.postback);
        const id = str(postback.mid) ?? `postback:${sender}:${num(event.timestamp)}`;
        parsed.messages.push({
          messageId: id,
          clientId: sender,
          clientName: null,
          clientPhone: null,
          text: str(postback.title) ?? str(postback.payload),
          media: null,
          source: postback.referral ? 'campaign' : 'api',
        });
        continue;
      }
      const mid = str(message.mid);
      if (!mid) continue;
      const first = arr(message.attachments).map(obj)[0];
      const url = first ? str(obj(first.payload).url) : null;
      const type = first ? str(first.type) : null;
      parsed.messages.push({
        messageId: mid,
        clientId: sender,
        clientName: null,
        clientPhone: null,
        text: str(message.text) ?? (first && !url ? `[${type ?? 'attachment'}]` : null),
        media: url ? { ref: url, mimeType: null, fileName: null } : null,
        source: event.referral || message.referral ? 'campaign' : 'api',
      });
    }
  }
  return parsed;
}

/** The Send API's attachment type for a file: image, audio, video, or any other file. */
export function messengerAttachmentType(mimeType: string): 'image' | 'audio' | 'video' | 'file' {
  if (mimeType.startsWith('image/')) return 'image';
  if (mimeType.startsWith('audio/')) return 'audio';
  if (mimeType.startsWith('video/')) return 'video';
  return 'file';
}

/**
 * Prepares a file: the Attachment Upload API (`POST /{version}/me/message_attachments`, form data:
 * `message` = `{ attachment: { type, payload: { is_reusable: true } } }` and the bytes in `filedata`;
 * Messenger Platform, "Attachment Upload API") answers `{ attachment_id }`, which the Send API names. A
 * reusable attachment is kept by the platform, so a retried send sends the same one.
 */
export async function prepareMessengerFile(
  config: MessengerConfig,
  file: OutboundFile,
): Promise<PrepareResult> {
  try {
    const form = await multipartBody(
      [
        [
          'message',
          JSON.stringify({
            attachment: { type: messengerAttachmentType(file.mimeType), payload: { is_reusable: true } },
          }),
        ],
      ],
      { field: 'filedata', ...file },
    );
    const response = await postMultipart(
      `${config.baseUrl}/${GRAPH_VERSION}/me/message_attachments?access_token=${encodeURIComponent(config.pageAccessToken)}`,
      form,
      file.size,
    );
    if (!response.ok) return await metaFailure(response);
    const id = ((await response.json()) as { attachment_id?: unknown }).attachment_id;
    return typeof id === 'string' && id.length > 0
      ? { ok: true, ref: { attachmentId: id } }
      : {
          ok: false,
          retryable: true,
          reason: 'The platform answered the upload without an attachment id.',
          errorCode: null,
        };
  } catch (error) {
    return networkFailure(error);
  }
}

export async function sendMessenger(config: MessengerConfig, message: OutboundMessage): Promise<SendResult> {
  try {
    const url = `${config.baseUrl}/${GRAPH_VERSION}/me/messages?access_token=${encodeURIComponent(config.pageAccessToken)}`;
    // A file was uploaded when it was prepared: the message names its attachment id. The line's text,
    // if any, is not sent with it: a Messenger message is either text or one attachment.
    const content = message.file
      ? {
          attachment: {
            type: messengerAttachmentType(message.file.mimeType),
            payload: { attachment_id: message.file.ref.attachmentId },
          },
        }
      : { text: message.text ?? '' };
    const response = await platformFetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        recipient: { id: message.clientId },
        messaging_type: message.tag ? 'MESSAGE_TAG' : 'RESPONSE',
        ...(message.tag ? { tag: message.tag } : {}),
        message: content,
      }),
    });
    if (!response.ok) return await metaFailure(response);
    const body = (await response.json()) as { message_id?: string };
    return body.message_id
      ? { ok: true, platformMessageId: body.message_id }
      : {
          ok: false,
          retryable: true,
          reason: 'The platform answered without a message id.',
          errorCode: null,
        };
  } catch (error) {
    return networkFailure(error);
  }
}

export async function fetchMessengerMedia(media: MediaRef): Promise<Response> {
  return platformFetch(media.ref, {});
}
