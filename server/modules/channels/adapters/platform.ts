import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';

/**
 * What every platform adapter turns its webhooks into and answers for a send. The adapters speak the
 * platforms' formats; the channels service knows only these shapes.
 */

/** A file the platform holds for an inbound message: fetched once into the session's files. */
export interface MediaRef {
  /** WhatsApp: a media id to look up; Messenger, VK, Apple: a URL. */
  ref: string;
  mimeType: string | null;
  fileName: string | null;
}

export interface InboundMessage {
  /** The platform's message id: the idempotency key. */
  messageId: string;
  /** wa_id, PSID, Apple opaque id, VK user id. */
  clientId: string;
  clientName: string | null;
  clientPhone: string | null;
  text: string | null;
  media: MediaRef | null;
  /** Further files of the same message (Apple: every attachment after the first), each its own line. */
  moreMedia?: MediaRef[];
  /** The session's source: `campaign` where the platform says the client came from an ad. */
  source: 'api' | 'campaign';
}

export interface StatusUpdate {
  platformMessageId: string;
  state: 'sent' | 'delivered' | 'read' | 'failed';
  reason: string | null;
  errorCode: string | null;
}

/** Everything the client's lines up to a time reached (Messenger and VK read/delivery watermarks). */
export interface Watermark {
  clientId: string;
  state: 'delivered' | 'read';
  upTo: Date;
}

export interface ParsedWebhook {
  messages: InboundMessage[];
  statuses: StatusUpdate[];
  watermarks: Watermark[];
}

/** A webhook as the platform sent it: the raw bytes (the signature is over them) and the headers. */
export interface WebhookRequest {
  raw: Buffer;
  headers: Record<string, string | string[] | undefined>;
}

export const requestHeader = (headers: WebhookRequest['headers'], name: string): string | undefined => {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** The raw body as JSON; undefined when it is not JSON. */
export function jsonBody(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    return undefined;
  }
}

/** Why a webhook is refused: the service answers each with its own error. */
export type WebhookRefusal = 'invalid_signature' | 'invalid_json';

/**
 * A webhook authenticated and read: what it carries and what to reply (VK: the client's read marker
 * as one of its message ids), or its refusal.
 */
export type WebhookReading =
  | {
      ok: true;
      parsed: ParsedWebhook;
      reply: string;
      readUpTo: { clientId: string; messageId: string } | null;
    }
  | { ok: false; refusal: WebhookRefusal };

export interface OutboundMessage {
  clientId: string;
  text: string | null;
  /** Messenger outside the standard window: the tag the window allows. */
  tag: 'HUMAN_AGENT' | null;
  /** WhatsApp: an approved message template instead of free text (allowed outside the 24-hour window). */
  template?: OutboundTemplate | null;
  /** A session file to send (an operator's upload), already prepared at the platform. */
  file?: PreparedFile | null;
}

/**
 * The platform's reference to a file uploaded to it (WhatsApp media id, Messenger attachment id, …):
 * what the send names. Kept on the line's delivery row as JSON, so its shape is the adapter's own.
 */
export type FileRef = Record<string, string>;

/** A file already at the platform: its metadata and the platform's reference to it. */
export interface PreparedFile {
  name: string;
  mimeType: string;
  size: number;
  ref: FileRef;
}

export type PrepareResult = { ok: true; ref: FileRef } | PlatformFailure;

/** A stored session file on its way to a platform: its metadata and a way to stream its bytes. */
export interface OutboundFile {
  name: string;
  /** The type sniffed from the bytes at upload (never the sender's claim). */
  mimeType: string;
  size: number;
  /** A fresh stream of the bytes on each call (a retry reads them again). */
  open: () => Promise<Readable>;
}

/** A template send: the template's name and language code, and its body's {{1}}, {{2}} … values. */
export interface OutboundTemplate {
  name: string;
  language: string;
  parameters: string[];
}

/** A platform's refusal (or no answer): retried with backoff when `retryable`, else the line fails. */
export interface PlatformFailure {
  ok: false;
  retryable: boolean;
  reason: string;
  errorCode: string | null;
}

export type SendResult = { ok: true; platformMessageId: string } | PlatformFailure;

/** Outbound HTTP with a deadline: a platform that does not answer in time is a retryable failure. */
export const PLATFORM_TIMEOUT_MS = 10_000;

export async function platformFetch(
  url: string,
  init: RequestInit,
  timeoutMs = PLATFORM_TIMEOUT_MS,
): Promise<Response> {
  return fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
}

/**
 * The deadline of a call that uploads `size` bytes: the usual 10 s plus a second per 256 KiB, so a
 * large file on a slow link is not cut off (and retried forever) by the deadline of a small JSON call.
 */
export const uploadTimeoutMs = (size: number) => PLATFORM_TIMEOUT_MS + Math.ceil(size / (256 * 1024)) * 1000;

/** A failure before any answer (network, timeout) is always worth retrying. */
export function networkFailure(error: unknown): PlatformFailure {
  const name = (error as { name?: string }).name;
  return {
    ok: false,
    retryable: true,
    reason:
      name === 'TimeoutError' ? 'The platform did not answer in time.' : 'The platform could not be reached.',
    errorCode: null,
  };
}

/**
 * A multipart/form-data body streamed part by part: the text fields, then the one file streamed from
 * `file.open()` — the file is never held in memory whole. The length is known up front (the parts'
 * headers plus the file's size), so the request carries Content-Length as a browser's form would.
 */
export async function multipartBody(
  fields: [name: string, value: string][],
  file: { field: string; name: string; mimeType: string; size: number; open: () => Promise<Readable> },
): Promise<{ body: AsyncIterable<Uint8Array>; contentType: string; length: number }> {
  const boundary = `----sessiondesk${randomBytes(12).toString('hex')}`;
  const quote = (value: string) => value.replace(/["\r\n\\]/g, (c) => encodeURIComponent(c));
  const head = Buffer.from(
    fields
      .map(
        ([name, value]) =>
          `--${boundary}\r\nContent-Disposition: form-data; name="${quote(name)}"\r\n\r\n${value}\r\n`,
      )
      .join('') +
      `--${boundary}\r\nContent-Disposition: form-data; name="${quote(file.field)}"; filename="${quote(file.name)}"\r\n` +
      `Content-Type: ${file.mimeType}\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const stream = await file.open();
  async function* parts(): AsyncGenerator<Uint8Array> {
    yield head;
    for await (const chunk of stream) yield chunk as Uint8Array;
    yield tail;
  }
  return {
    body: parts(),
    contentType: `multipart/form-data; boundary=${boundary}`,
    length: head.length + file.size + tail.length,
  };
}

/** POSTs a streamed multipart body (`multipartBody`) with its length, under the upload deadline of its size. */
export function postMultipart(
  url: string,
  form: Awaited<ReturnType<typeof multipartBody>>,
  size: number,
  headers: Record<string, string> = {},
): Promise<Response> {
  return platformFetch(
    url,
    {
      method: 'POST',
      headers: { ...headers, 'content-type': form.contentType, 'content-length': String(form.length) },
      body: form.body,
      // A streamed request body needs half duplex (Node's fetch; not yet in the DOM types).
      duplex: 'half',
    } as unknown as RequestInit,
    uploadTimeoutMs(size),
  );
}
