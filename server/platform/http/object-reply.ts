import { randomBytes } from 'node:crypto';
import { PassThrough, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyReply, FastifyRequest } from 'fastify';
import parseRange from 'range-parser';
import { AppError } from '../errors';

/** What a stored object is, for serving it. */
export interface ServedObject {
  size: number;
  contentType: string;
  /** The name offered when it is downloaded. */
  fileName: string;
  /** Shown in the browser (a safe image, a recording in a player) rather than downloaded. */
  inline: boolean;
  /** Opens the bytes start…end (inclusive), or the whole object. */
  open(range?: { start: number; end: number }): Promise<Readable>;
}

/** More ranges than this in one request are answered with the whole object (a range flood is cheap to ask). */
const MAX_RANGES = 16;

/**
 * Answers a GET for a stored object with HTTP range support (RFC 9110 §14): no Range → 200 with the
 * whole object; one range → 206 with Content-Range; several → 206 multipart/byteranges (overlapping
 * ones merged); none satisfiable → 416 with `Content-Range: bytes *\/size`. The bytes are streamed from
 * the store, never read into memory. Everything is served so the browser cannot run it: `nosniff`, a
 * sandboxing CSP, and `attachment` unless the caller says it is safe to show inline.
 */
export async function sendObject(
  request: FastifyRequest,
  reply: FastifyReply,
  object: ServedObject,
): Promise<FastifyReply> {
  const disposition = `${object.inline ? 'inline' : 'attachment'}; filename="${asciiName(object.fileName)}"; filename*=UTF-8''${encodeURIComponent(object.fileName)}`;
  reply
    .header('accept-ranges', 'bytes')
    .header('content-disposition', disposition)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "default-src 'none'; sandbox")
    .header('cache-control', 'private, max-age=0, must-revalidate');

  const header = request.headers.range;
  const ranges =
    header === undefined || object.size === 0
      ? undefined
      : parseRange(object.size, header, { combine: true });
  if (ranges === -1) {
    reply.header('content-range', `bytes */${object.size}`);
    throw new AppError(
      'range_not_satisfiable',
      `No part of the range ${header} lies within the ${object.size} bytes of this file.`,
      { size: object.size },
    );
  }
  // No Range, a malformed one (ignored, as RFC 9110 says), a non-byte unit or too many: the whole object.
  if (ranges === undefined || ranges === -2 || ranges.type !== 'bytes' || ranges.length > MAX_RANGES) {
    reply.code(200).type(object.contentType).header('content-length', object.size);
    return reply.send(await object.open());
  }
  const range = ranges[0];
  if (range && ranges.length === 1) {
    reply
      .code(206)
      .type(object.contentType)
      .header('content-range', `bytes ${range.start}-${range.end}/${object.size}`)
      .header('content-length', range.end - range.start + 1);
    return reply.send(await object.open(range));
  }
  // Several ranges: one multipart/byteranges body, each part streamed from the store in turn.
  const boundary = `sessiondesk-${randomBytes(12).toString('hex')}`;
  const heads = ranges.map(
    (range) =>
      `\r\n--${boundary}\r\nContent-Type: ${object.contentType}\r\nContent-Range: bytes ${range.start}-${range.end}/${object.size}\r\n\r\n`,
  );
  const tail = `\r\n--${boundary}--\r\n`;
  const length =
    heads.reduce((sum, head) => sum + Buffer.byteLength(head), 0) +
    ranges.reduce((sum, range) => sum + range.end - range.start + 1, 0) +
    Buffer.byteLength(tail);
  const body = new PassThrough();
  void (async () => {
    try {
      for (const [index, range] of ranges.entries()) {
        body.write(heads[index]);
        await pipeline(await object.open(range), body, { end: false });
      }
      body.end(tail);
    } catch (error) {
      body.destroy(error as Error);
    }
  })();
  reply
    .code(206)
    .header('content-type', `multipart/byteranges; boundary=${boundary}`)
    .header('content-length', length);
  return reply.send(body);
}

/** The file name for the plain `filename=` parameter: ASCII, no quotes or controls. */
function asciiName(name: string): string {
  return name.replace(/[^\x20-\x7e]|["\\]/g, '_') || 'file';
}
