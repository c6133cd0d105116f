import { createHash, timingSafeEqual } from 'node:crypto';
import type { VkontakteConfig } from '../channel.schemas';
import {
  jsonBody,
  multipartBody,
  postMultipart,
  networkFailure,
  platformFetch,
  type OutboundFile,
  type OutboundMessage,
  type ParsedWebhook,
  type PlatformFailure,
  type PrepareResult,
  type SendResult,
  type WebhookReading,
  type WebhookRequest,
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

/**
 * A callback: the community id and the `secret` inside the JSON (`parseVkCallback`). Answered with
 * the community's confirmation code or `ok`.
 */
export function readVkWebhook(config: VkontakteConfig, request: WebhookRequest): WebhookReading {
  const callback = parseVkCallback(jsonBody(request.raw), config);
  if (!callback) return { ok: false, refusal: 'invalid_signature' };
  if (callback.kind === 'confirmation')
    return {
      ok: true,
      parsed: { messages: [], statuses: [], watermarks: [] },
      reply: config.confirmationCode,
      readUpTo: null,
    };
  return { ok: true, parsed: callback.parsed, reply: 'ok', readUpTo: callback.readUpTo };
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

const httpFailure = (response: Response): PlatformFailure | null =>
  response.status === 429 || response.status >= 500
    ? { ok: false, retryable: true, reason: `HTTP ${response.status}`, errorCode: String(response.status) }
    : null;

/**
 * One API method call: `POST {baseUrl}/method/{name}` with the form parameters, the access token and
 * `v`. Answers the `response`, or the failure from VK's `{ error: { error_code, error_msg } }`.
 */
async function vkMethod(
  config: VkontakteConfig,
  name: string,
  params: Record<string, string>,
): Promise<{ ok: true; response: unknown } | PlatformFailure> {
  const form = new URLSearchParams({ ...params, access_token: config.accessToken, v: VK_API_VERSION });
  const response = await platformFetch(`${config.baseUrl}/method/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: form.toString(),
  });
  const failed = httpFailure(response);
  if (failed) return failed;
  const body = (await response.json()) as {
    response?: unknown;
    error?: { error_code?: number; error_msg?: string };
  };
  if (body.response !== undefined && !body.error) return { ok: true, response: body.response };
  const code = body.error?.error_code;
  return {
    ok: false,
    retryable: code === undefined || TEMPORARY.has(code),
    reason: body.error?.error_msg ?? `VK answered ${name} without a response.`,
    errorCode: code === undefined ? null : String(code),
  };
}

/** Images VK shows as photos in a message ("Uploading a photo to a message": JPG, PNG, GIF). */
export const vkPhotoTypes = ['image/jpeg', 'image/png', 'image/gif'];

/**
 * Prepares a file for a message to `peerId` (VK API "Uploading files"): an image goes through
 * `photos.getMessagesUploadServer` → upload (`photo` part) → `photos.saveMessagesPhoto(server, photo,
 * hash)`, anything else through `docs.getMessagesUploadServer(type=doc)` → upload (`file` part) →
 * `docs.save`. Answers `{ attachment }`: `photo{owner_id}_{id}` or `doc{owner_id}_{id}` (with
 * `_{access_key}` when VK gives one), what `messages.send` names. Saved photos and documents stay, so
 * the reference does not expire.
 */
export async function prepareVkFile(
  config: VkontakteConfig,
  file: OutboundFile,
  peerId: string,
): Promise<PrepareResult> {
  const photo = vkPhotoTypes.includes(file.mimeType);
  try {
    const server = await vkMethod(
      config,
      photo ? 'photos.getMessagesUploadServer' : 'docs.getMessagesUploadServer',
      photo ? { peer_id: peerId } : { peer_id: peerId, type: 'doc' },
    );
    if (!server.ok) return server;
    const uploadUrl = str(obj(server.response).upload_url);
    if (!uploadUrl)
      return { ok: false, retryable: true, reason: 'VK answered without an upload URL.', errorCode: null };
    const form = await multipartBody([], { field: photo ? 'photo' : 'file', ...file });
    const uploaded = await postMultipart(uploadUrl, form, file.size);
    const failed = httpFailure(uploaded);
    if (failed) return failed;
    const answer = obj(await uploaded.json().catch(() => ({})));
    // The upload server answers what the save takes, or `{ error }` (a refused file).
    const uploadError = str(answer.error) ?? str(obj(answer.error).error_msg);
    if (uploadError || !uploaded.ok)
      return {
        ok: false,
        retryable: false,
        reason: `VK refused the upload: ${uploadError ?? `HTTP ${uploaded.status}`}`,
        errorCode: 'upload',
      };
    const saved = photo
      ? await vkMethod(config, 'photos.saveMessagesPhoto', {
          server: typeof answer.server === 'number' ? String(answer.server) : (str(answer.server) ?? ''),
          photo: str(answer.photo) ?? '',
          hash: str(answer.hash) ?? '',
        })
      : await vkMethod(config, 'docs.save', { file: str(answer.file) ?? '', title: file.name });
    if (!saved.ok) return saved;
    const item = photo ? obj(arr(saved.response)[0]) : obj(obj(saved.response).doc);
    const ownerId = typeof item.owner_id === 'number' ? item.owner_id : null;
    const itemId = typeof item.id === 'number' ? item.id : null;
    if (ownerId === null || itemId === null)
      return { ok: false, retryable: true, reason: 'VK answered the save without an id.', errorCode: null };
    const accessKey = str(item.access_key);
    return {
      ok: true,
      ref: {
        attachment: `${photo ? 'photo' : 'doc'}${ownerId}_${itemId}${accessKey ? `_${accessKey}` : ''}`,
      },
    };
  } catch (error) {
    return networkFailure(error);
  }
}

/**
 * `messages.send`. `random_id` is derived from our line's id: VK drops a second message with the same
 * random_id from the same community, so a retry after a lost answer never sends twice. A prepared file
 * goes as its `attachment`.
 */
export async function sendVk(
  config: VkontakteConfig,
  message: OutboundMessage,
  lineKey: string,
): Promise<SendResult> {
  const randomId = createHash('sha256').update(lineKey).digest().readInt32BE(0);
  try {
    const sent = await vkMethod(config, 'messages.send', {
      peer_id: message.clientId,
      random_id: String(randomId),
      message: message.text ?? '',
      ...(message.file ? { attachment: message.file.ref.attachment ?? '' } : {}),
    });
    if (!sent.ok) return sent;
    return typeof sent.response === 'number'
      ? { ok: true, platformMessageId: String(sent.response) }
      : { ok: false, retryable: true, reason: 'VK answered without a message id.', errorCode: null };
  } catch (error) {
    return networkFailure(error);
  }
}
