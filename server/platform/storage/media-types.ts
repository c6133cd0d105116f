import { Transform, type Readable, type TransformCallback } from 'node:stream';
import type { ObjectStore } from './object-store';
import { fileTypeFromBuffer } from 'file-type';
import { parseStream } from 'music-metadata';

/**
 * What a file really is, from its first bytes (file-type's magic numbers), never from what the
 * sender said. Recordings must be one of the containers a browser plays; session files are kept
 * whatever they are, but only sniffed images are ever shown inline.
 */

/** Bytes file-type needs to recognise every container it knows. */
export const SNIFF_BYTES = 4100;

/** The recording containers the ingest takes, by the media type a sender declares → its family. */
const RECORDING_FAMILIES: Record<string, string> = {
  'audio/webm': 'webm',
  'video/webm': 'webm',
  'audio/ogg': 'ogg',
  'video/ogg': 'ogg',
  'audio/opus': 'ogg',
  'audio/mp4': 'mp4',
  'video/mp4': 'mp4',
  'audio/aac': 'mp4',
  'audio/x-m4a': 'mp4',
  'audio/mpeg': 'mp3',
  'audio/mp3': 'mp3',
  'audio/wav': 'wav',
  'audio/x-wav': 'wav',
  'audio/wave': 'wav',
  'audio/vnd.wave': 'wav',
};

/** The family of what file-type recognised (its media types for these containers). */
const SNIFFED_FAMILIES: Record<string, string> = {
  'video/webm': 'webm',
  'video/x-matroska': 'webm',
  'audio/webm': 'webm',
  'audio/ogg': 'ogg',
  'audio/opus': 'ogg',
  'video/ogg': 'ogg',
  'audio/ogg; codecs=opus': 'ogg',
  'video/mp4': 'mp4',
  'audio/mp4': 'mp4',
  'audio/x-m4a': 'mp4',
  'audio/aac': 'mp4',
  'video/quicktime': 'mp4',
  'audio/mpeg': 'mp3',
  'audio/wav': 'wav',
  'audio/vnd.wave': 'wav',
};

export const recordingMediaTypes = Object.keys(RECORDING_FAMILIES);

/** The declared media type without parameters, lower case ("Audio/WebM; codecs=opus" → "audio/webm"). */
export function baseMediaType(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
}

export function isRecordingType(mediaType: string): boolean {
  return mediaType in RECORDING_FAMILIES;
}

/** Whether the first bytes are the container the sender declared. */
export async function sniffMatchesRecording(
  head: Buffer,
  declared: string,
): Promise<{ ok: boolean; sniffed: string | null }> {
  const found = await fileTypeFromBuffer(head);
  const sniffed = found?.mime ?? null;
  const family = sniffed ? SNIFFED_FAMILIES[sniffed] : undefined;
  return { ok: family !== undefined && family === RECORDING_FAMILIES[declared], sniffed };
}

/** Images a browser may show inline from our origin: raster formats that cannot carry script. */
const SAFE_IMAGES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/**
 * The type a session file is kept and served as: a recognised type by its magic numbers; plain text
 * when it has none and is valid UTF-8 without control characters; anything else (HTML, SVG, scripts,
 * unknown binaries) as application/octet-stream, so no browser renders it.
 */
export async function sniffFileType(head: Buffer): Promise<string> {
  const found = await fileTypeFromBuffer(head);
  if (found) return found.mime;
  return looksLikePlainText(head) ? 'text/plain' : 'application/octet-stream';
}

export function isSafeInline(mediaType: string): boolean {
  return SAFE_IMAGES.has(mediaType);
}

function looksLikePlainText(head: Buffer): boolean {
  // A multi-byte character cut at the end of the sniffed bytes is not a reason to refuse.
  const text = new TextDecoder('utf-8', { fatal: false }).decode(head);
  // eslint-disable-next-line no-control-regex -- control characters are what is looked for
  if (/[\u0000-\u0008\u000e-\u001f\u007f]/.test(text)) return false;
  const replaced = (text.slice(0, -1).match(/\uFFFD/g) ?? []).length;
  if (replaced > 0) return false;
  // Markup is not plain text: served as text/plain it would be harmless, but it is not what it claims.
  return !/<\s*(?:!doctype|html|svg|script|\?xml|body|iframe)/i.test(text);
}

/** The stream ended up larger than allowed. */
export class TooLarge extends Error {
  constructor(readonly limit: number) {
    super(`over the ${limit}-byte limit`);
  }
}
/** The first bytes are not what is allowed. */
export class WrongContent extends Error {}

/**
 * Passes a stream through, holding back its first SNIFF_BYTES until `check(head)` approves them, and
 * failing the stream with TooLarge as soon as it passes `limit` bytes. Nothing is buffered beyond the
 * sniffed head.
 */
export function guardedStream(
  limit: number,
  check: (head: Buffer) => Promise<void>,
): Transform & { bytes(): number } {
  let head: Buffer[] = [];
  let headLength = 0;
  let checked = false;
  let total = 0;
  const release = async (stream: Transform): Promise<void> => {
    const bytes = Buffer.concat(head);
    head = [];
    await check(bytes);
    checked = true;
    if (bytes.length > 0) stream.push(bytes);
  };
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, done: TransformCallback) {
      total += chunk.length;
      if (total > limit) return done(new TooLarge(limit));
      if (checked) return done(null, chunk);
      head.push(chunk);
      headLength += chunk.length;
      if (headLength < SNIFF_BYTES) return done();
      release(this).then(() => done(), done);
    },
    flush(done: TransformCallback) {
      if (checked) return done();
      // Failing a flush through its callback throws from Writable.end in Node 20 (an uncaught exception): destroy instead.
      release(this).then(
        () => done(),
        (error: Error) => this.destroy(error),
      );
    },
  }) as Transform & { bytes(): number };
  stream.bytes = () => total;
  return stream;
}

/** The length in seconds of a stored recording, or null where the container does not say (a live WebM). */
export async function probeDuration(
  stream: Readable,
  mediaType: string,
  size: number,
): Promise<number | null> {
  const metadata = await parseStream(
    stream,
    { mimeType: mediaType, size },
    { duration: true, skipCovers: true },
  );
  stream.destroy();
  const seconds = metadata.format.duration;
  return seconds !== undefined && Number.isFinite(seconds) && seconds >= 0 ? Math.round(seconds) : null;
}

/**
 * Streams a request body into the store through `guardedStream` (sniff check, size limit). When the
 * body is refused or fails, nothing is left under the key, the rest of the body is read and dropped
 * (so the answer reaches the sender), and the guard's own error (TooLarge, WrongContent) is thrown.
 */
export async function putGuarded(
  store: ObjectStore,
  key: string,
  body: Readable,
  options: { limit: number; contentType: string; check: (head: Buffer) => Promise<void> },
): Promise<{ size: number }> {
  const guard = guardedStream(options.limit, options.check);
  // The guard may fail before the store has started reading (it holds the first bytes while the
  // store opens its file or upload): its error is kept here and the store sees a destroyed stream.
  let failure: Error | undefined;
  guard.on('error', (error) => {
    failure ??= error;
  });
  body.on('error', (error) => guard.destroy(error));
  body.pipe(guard);
  try {
    return await store.put(key, guard, { contentType: options.contentType });
  } catch (thrown) {
    body.unpipe(guard);
    body.resume();
    await store.delete(key).catch(() => undefined);
    throw failure ?? thrown;
  }
}
