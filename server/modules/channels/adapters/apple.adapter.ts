import {
  createCipheriv,
  createDecipheriv,
  createHash,
  createHmac,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { AppleConfig } from '../channel.schemas';
import {
  networkFailure,
  platformFetch,
  requestHeader,
  uploadTimeoutMs,
  type MediaRef,
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
 * Apple Messages for Business through its Messaging Service Provider (MSP) REST API: both directions
 * carry `Authorization: Bearer <JWT>` (HS256 with the MSP secret, audience = the MSP id), `id`,
 * `source-id` and `destination-id` headers and a gzip-compressed JSON body (`v`, `type`, `id`,
 * `sourceId`, `destinationId`, `body`). An inbound attachment is encrypted at Apple's file service: the
 * message names its `url`, `owner`, `signature-base64` and `key`; a pre-download call answers where to
 * fetch the ciphertext, which is AES-256-CTR with that key (hex, after a `00` prefix) and a zero IV.
 */
const MAX_INFLATED = 1024 * 1024;

const b64url = (data: Buffer | string) => Buffer.from(data).toString('base64url');

/** An HS256 JWT for the MSP API, signed with the (base64) MSP secret. */
export function appleJwt(config: Pick<AppleConfig, 'mspId' | 'mspSecret'>, nowSeconds: number): string {
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const claims = b64url(JSON.stringify({ aud: config.mspId, iat: nowSeconds }));
  const signature = createHmac('sha256', Buffer.from(config.mspSecret, 'base64'))
    .update(`${header}.${claims}`)
    .digest('base64url');
  return `${header}.${claims}.${signature}`;
}

/** Checks a Bearer JWT: HS256, signed with the MSP secret, audience = the MSP id, issued within 10 minutes. */
export function validAppleJwt(
  config: AppleConfig,
  authorization: string | undefined,
  nowSeconds: number,
): boolean {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  const [header, claims, signature] = token?.split('.') ?? [];
  if (!header || !claims || !signature) return false;
  const expected = createHmac('sha256', Buffer.from(config.mspSecret, 'base64'))
    .update(`${header}.${claims}`)
    .digest();
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
  try {
    const head = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { alg?: string };
    const body = JSON.parse(Buffer.from(claims, 'base64url').toString('utf8')) as {
      aud?: unknown;
      iat?: unknown;
    };
    const aud = Array.isArray(body.aud) ? body.aud : [body.aud];
    return (
      head.alg === 'HS256' &&
      aud.includes(config.mspId) &&
      typeof body.iat === 'number' &&
      Math.abs(nowSeconds - body.iat) <= 600
    );
  } catch {
    return false;
  }
}

/** The body, inflated when gzip (bounded), as JSON; undefined when it is neither. */
export function appleBody(raw: Buffer, contentEncoding: string | undefined): unknown {
  try {
    const bytes =
      contentEncoding?.toLowerCase() === 'gzip' ? gunzipSync(raw, { maxOutputLength: MAX_INFLATED }) : raw;
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    return undefined;
  }
}

const str = (value: unknown): string | null => (typeof value === 'string' && value.length > 0 ? value : null);

/** A message from a customer: text (and interactive replies), attachments as a note; typing and close ignored. */
export function parseAppleMessage(
  body: unknown,
  headers: { id?: string; sourceId?: string; destinationId?: string },
  config: AppleConfig,
): ParsedWebhook | undefined {
  if (headers.destinationId !== config.businessId) return undefined;
  const message = (body ?? {}) as Record<string, unknown>;
  const parsed: ParsedWebhook = { messages: [], statuses: [], watermarks: [] };
  const id = headers.id ?? str(message.id);
  const from = headers.sourceId ?? str(message.sourceId);
  if (!id || !from) return parsed;
  if (message.type === 'text' || message.type === 'interactive') {
    const attachments = Array.isArray(message.attachments) ? (message.attachments as unknown[]) : [];
    // Every attachment is kept: the first as the message line's file, the others as file lines of their
    // own; one Apple cannot describe (no url, owner, signature or key) stays a note.
    const media = attachments.map(appleMediaRef).filter((ref): ref is MediaRef => ref !== null);
    const skipped = attachments.length - media.length;
    // U+FFFC is the placeholder Messages puts in the body for each attachment: not text to show.
    const body = str(message.body)
      ?.replace(/\uFFFC/g, '')
      .trim();
    const text = [body, skipped > 0 ? `[${skipped} attachment(s) could not be read]` : null]
      .filter(Boolean)
      .join('\n');
    parsed.messages.push({
      messageId: id,
      clientId: from,
      clientName: null,
      clientPhone: null,
      text: text || null,
      media: media[0] ?? null,
      ...(media.length > 1 ? { moreMedia: media.slice(1) } : {}),
      source: 'api',
    });
  }
  return parsed;
}

/**
 * A message from the MSP: its Bearer JWT (`validAppleJwt`), then the body (gzip) for this business
 * (`parseAppleMessage`). Answered with an empty 200.
 */
export function readAppleWebhook(
  config: AppleConfig,
  request: WebhookRequest,
  nowSeconds: number,
): WebhookReading {
  if (!validAppleJwt(config, requestHeader(request.headers, 'authorization'), nowSeconds))
    return { ok: false, refusal: 'invalid_signature' };
  const parsed = parseAppleMessage(
    appleBody(request.raw, requestHeader(request.headers, 'content-encoding')),
    {
      id: requestHeader(request.headers, 'id'),
      sourceId: requestHeader(request.headers, 'source-id'),
      destinationId: requestHeader(request.headers, 'destination-id'),
    },
    config,
  );
  if (!parsed) return { ok: false, refusal: 'invalid_signature' };
  return { ok: true, parsed, reply: '', readUpTo: null };
}

/** What the pre-download call and the decryption need of an attachment, kept in the media reference. */
interface AppleAttachmentRef {
  url: string;
  owner: string;
  signature: string;
  key: string;
}

function appleMediaRef(raw: unknown): MediaRef | null {
  const item = (raw ?? {}) as Record<string, unknown>;
  const url = str(item.url);
  const owner = str(item.owner);
  const signature = str(item['signature-base64']);
  const key = str(item.key);
  if (!url || !owner || !signature || !key || !/^(00)?[0-9a-fA-F]{64}$/.test(key)) return null;
  const ref: AppleAttachmentRef = { url, owner, signature, key };
  return { ref: JSON.stringify(ref), mimeType: str(item.mimeType), fileName: str(item.name) };
}

/**
 * Fetches an inbound attachment: `GET {baseUrl}/preDownload` (JWT, `source-id` = the business,
 * `url`, `owner`, `signature` = the hex of `signature-base64`) answers `download-url`; the bytes there
 * are decrypted as they stream (AES-256-CTR, the attachment's key, zero IV). An answer that is not a
 * success is handed back as it came, for the caller to judge (retry, or a note).
 */
export async function fetchAppleMedia(
  config: AppleConfig,
  media: MediaRef,
  nowSeconds: number,
): Promise<Response> {
  const ref = JSON.parse(media.ref) as AppleAttachmentRef;
  const pre = await platformFetch(`${config.baseUrl}/preDownload`, {
    headers: {
      authorization: `Bearer ${appleJwt(config, nowSeconds)}`,
      'source-id': config.businessId,
      url: ref.url,
      owner: ref.owner,
      signature: Buffer.from(ref.signature, 'base64').toString('hex'),
    },
  });
  if (!pre.ok) return pre;
  const downloadUrl = str(((await pre.json()) as Record<string, unknown>)['download-url']);
  if (!downloadUrl) return new Response(null, { status: 502 });
  const encrypted = await platformFetch(downloadUrl, {});
  if (!encrypted.ok || !encrypted.body) return encrypted;
  const key = Buffer.from(ref.key.replace(/^00(?=[0-9a-fA-F]{64}$)/, ''), 'hex');
  const decipher = createDecipheriv('aes-256-ctr', key, Buffer.alloc(16));
  const plain = Readable.fromWeb(encrypted.body as WebReadableStream<Uint8Array>).pipe(decipher);
  const length = encrypted.headers.get('content-length');
  return new Response(Readable.toWeb(plain) as ReadableStream<Uint8Array>, {
    status: 200,
    headers: length ? { 'content-length': length } : {},
  });
}

/**
 * How long an uploaded attachment stays at Apple's file service. The MSP REST API pages we could check
 * name no lifetime; 30 days is assumed (as WhatsApp's), so an older reference is uploaded again.
 */
export const APPLE_ATTACHMENT_LIFETIME_MS = 29 * 24 * 60 * 60 * 1000;

const appleFailure = (step: string, status: number): PlatformFailure => ({
  ok: false,
  retryable: status === 429 || status >= 500,
  reason: `Apple Messages for Business refused the ${step} (HTTP ${status}).`,
  errorCode: String(status),
});

/**
 * Prepares a file (MSP REST API, "Sending attachments"): a fresh random 32-byte key encrypts it with
 * AES-256-CTR and a zero IV (the same scheme inbound attachments use, so the length is unchanged);
 * `GET {baseUrl}/preUpload` (JWT, `source-id` = the business, `MMCS-Size` = the encrypted size)
 * answers `upload-url`, `mmcs-url` and `mmcs-owner`; the ciphertext is POSTed to the upload URL as it
 * is encrypted (streamed, never whole in memory), which answers `singleFile.fileChecksum`. The
 * reference is what the message's attachment names: `url`, `owner`, `signature` (the checksum, base64)
 * and `key` ("00" + the key in hex).
 */
export async function prepareAppleFile(
  config: AppleConfig,
  file: OutboundFile,
  nowSeconds: number,
): Promise<PrepareResult> {
  try {
    const pre = await platformFetch(`${config.baseUrl}/preUpload`, {
      headers: {
        authorization: `Bearer ${appleJwt(config, nowSeconds)}`,
        'source-id': config.businessId,
        'mmcs-size': String(file.size),
      },
    });
    if (!pre.ok) return appleFailure('pre-upload', pre.status);
    const answer = (await pre.json()) as Record<string, unknown>;
    const uploadUrl = str(answer['upload-url']);
    const url = str(answer['mmcs-url']);
    const owner = str(answer['mmcs-owner']);
    if (!uploadUrl || !url || !owner)
      return {
        ok: false,
        retryable: true,
        reason: 'Apple answered the pre-upload incompletely.',
        errorCode: null,
      };
    const key = randomBytes(32);
    const cipher = createCipheriv('aes-256-ctr', key, Buffer.alloc(16));
    const plain = await file.open();
    const encrypted = plain.pipe(cipher);
    const uploaded = await platformFetch(
      uploadUrl,
      {
        method: 'POST',
        headers: { 'content-type': 'application/octet-stream', 'content-length': String(file.size) },
        body: Readable.toWeb(encrypted) as ReadableStream<Uint8Array>,
        duplex: 'half',
      } as unknown as RequestInit,
      uploadTimeoutMs(file.size),
    );
    if (!uploaded.ok) return appleFailure('upload', uploaded.status);
    const checksum = str(
      ((await uploaded.json()) as { singleFile?: { fileChecksum?: unknown } }).singleFile?.fileChecksum,
    );
    if (!checksum)
      return {
        ok: false,
        retryable: true,
        reason: 'Apple answered the upload without a checksum.',
        errorCode: null,
      };
    return { ok: true, ref: { url, owner, signature: checksum, key: `00${key.toString('hex')}` } };
  } catch (error) {
    return networkFailure(error);
  }
}

/**
 * Sends text, or a prepared file as the message's one attachment (its text, if any, as the body; else
 * U+FFFC, the placeholder Messages shows for an attachment). The message id is derived from our line,
 * so a resend carries the same id.
 */
export async function sendApple(
  config: AppleConfig,
  message: OutboundMessage,
  lineKey: string,
  nowSeconds: number,
): Promise<SendResult> {
  const hex = createHash('sha256').update(lineKey).digest('hex');
  const id = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  const body = gzipSync(
    JSON.stringify({
      v: 1,
      type: 'text',
      id,
      sourceId: config.businessId,
      destinationId: message.clientId,
      body: message.text ?? (message.file ? '\uFFFC' : ''),
      ...(message.file
        ? {
            attachments: [
              {
                name: message.file.name,
                mimeType: message.file.mimeType,
                size: message.file.size,
                'signature-base64': message.file.ref.signature,
                url: message.file.ref.url,
                owner: message.file.ref.owner,
                key: message.file.ref.key,
              },
            ],
          }
        : {}),
    }),
  );
  try {
    const response = await platformFetch(`${config.baseUrl}/message`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${appleJwt(config, nowSeconds)}`,
        id,
        'source-id': config.businessId,
        'destination-id': message.clientId,
        'content-type': 'application/json',
        'content-encoding': 'gzip',
      },
      body,
    });
    if (response.ok) return { ok: true, platformMessageId: id };
    const retryable = response.status === 429 || response.status >= 500;
    return {
      ok: false,
      retryable,
      reason: `Apple Messages for Business refused the message (HTTP ${response.status}).`,
      errorCode: String(response.status),
    };
  } catch (error) {
    return networkFailure(error);
  }
}
