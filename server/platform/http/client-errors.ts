import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import { errorStatus, type ErrorCode } from '../errors';

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (headers or URL over the size limit,
 * malformed HTTP, headers or body not received in time) are answered with the same `{ code, message }`
 * as everything else, then the connection is closed.
 */
const clientErrors: Record<string, { code: ErrorCode; message: string }> = {
  HPE_HEADER_OVERFLOW: {
    code: 'headers_too_large',
    message: 'The request line and headers are larger than the server accepts (16 KiB).',
  },
  ERR_HTTP_REQUEST_TIMEOUT: {
    code: 'request_timeout',
    message: 'The request was not received in time.',
  },
};

export function clientErrorHandler(
  this: { log: FastifyBaseLogger },
  error: Error & { code?: string },
  socket: Socket,
): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const known = error.code ? clientErrors[error.code] : undefined;
  const { code, message } = known ?? {
    code: 'validation_failed' as const,
    message: 'The request is not valid HTTP.',
  };
  const status = errorStatus[code];
  this.log.info({ code, parserError: error.code }, message);
  if (socket.writable) {
    const body = JSON.stringify({ code, message });
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        'X-Content-Type-Options: nosniff\r\n' +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
