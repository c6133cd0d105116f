import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { AppleConfig } from '../channel.schemas';
import {
  networkFailure,
  platformFetch,
  type OutboundMessage,
  type ParsedWebhook,
  type SendResult,
} from './platform';

/**
 * Apple Messages for Business through its Messaging Service Provider (MSP) REST API: both directions
 * carry `Authorization: Bearer <JWT>` (HS256 with the MSP secret, audience = the MSP id), `id`,
 * `source-id` and `destination-id` headers and a gzip-compressed JSON body (`v`, `type`, `id`,
 * `sourceId`, `destinationId`, `body`). Inbound attachments (encrypted, fetched through a pre-download
 * call) are not fetched yet: they show as a note.
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
    const attachments = Array.isArray(message.attachments) ? message.attachments.length : 0;
    const text = [str(message.body), attachments > 0 ? `[${attachments} attachment(s) not fetched]` : null]
      .filter(Boolean)
      .join('\n');
    parsed.messages.push({
      messageId: id,
      clientId: from,
      clientName: null,
      clientPhone: null,
      text: text || null,
      media: null,
      source: 'api',
    });
  }
  return parsed;
}

/** Sends text; the message id is derived from our line, so a resend carries the same id. */
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
      body: message.text ?? '',
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
