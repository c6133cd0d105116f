import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from 'fastify-type-provider-zod';
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from '../database-unavailable';
import { AppError, errorStatus, type ErrorCode } from '../errors';

/** Fastify's own error codes that a client can provoke, and what we call them. */
const fastifyCodes: Record<string, { code: ErrorCode; message: string }> = {
  FST_ERR_CTP_BODY_TOO_LARGE: {
    code: 'payload_too_large',
    message: 'The request body is larger than this endpoint accepts.',
  },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'unsupported_media_type',
    message: 'This endpoint does not accept that Content-Type.',
  },
  FST_ERR_CTP_EMPTY_JSON_BODY: {
    code: 'invalid_json',
    message: 'The body is empty but Content-Type says JSON.',
  },
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'invalid_json', message: 'The body is not valid JSON.' },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    code: 'validation_failed',
    message: 'Content-Length does not match the body.',
  },
  FST_ERR_BAD_URL: { code: 'validation_failed', message: 'The URL is malformed.' },
  FST_ERR_MAX_PARAM_LENGTH: { code: 'uri_too_long', message: 'A path segment of the URL is too long.' },
  FST_ERR_ASYNC_CONSTRAINT: { code: 'validation_failed', message: 'The request is malformed.' },
};

interface ErrorBody {
  code: ErrorCode;
  message: string;
  [key: string]: unknown;
}

export function toErrorBody(error: unknown): { status: number; body: ErrorBody } {
  if (error instanceof AppError) {
    return { status: error.status, body: { ...error.details, code: error.code, message: error.message } };
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const problems = error.validation.map((issue) => {
      const where = [error.validationContext, ...issue.instancePath.split('/').filter(Boolean)].join('.');
      return `${where}: ${issue.message}`;
    });
    const first = error.validation[0];
    return {
      status: 400,
      body: {
        code: 'validation_failed',
        message: problems.join('; '),
        parameter: first ? first.instancePath.split('/').filter(Boolean).join('.') || null : null,
      },
    };
  }
  const fastifyError = error as Partial<FastifyError> & { type?: string };
  const known = fastifyError.code ? fastifyCodes[fastifyError.code] : undefined;
  if (known) return { status: errorStatus[known.code], body: { code: known.code, message: known.message } };
  if (error instanceof SyntaxError || fastifyError.type === 'entity.parse.failed') {
    return { status: 400, body: { code: 'invalid_json', message: 'The body is not valid JSON.' } };
  }
  const status = fastifyError.statusCode;
  if (status !== undefined && status >= 400 && status < 500 && !isResponseSerializationError(error)) {
    const code: ErrorCode =
      status === 404
        ? 'not_found'
        : status === 413
          ? 'payload_too_large'
          : status === 415
            ? 'unsupported_media_type'
            : 'validation_failed';
    return {
      status: errorStatus[code],
      body: { code, message: fastifyError.message ?? 'The request is malformed.' },
    };
  }
  if (isDatabaseUnavailable(error)) {
    return {
      status: 503,
      body: { code: 'unavailable', message: 'The database cannot be reached just now; try again shortly.' },
    };
  }
  return {
    status: 500,
    body: { code: 'internal', message: 'Something went wrong on our side. It has been logged.' },
  };
}

export function errorHandler(error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply {
  const { status, body } = toErrorBody(error);
  // A client that hangs up mid-request (an upload cut short) ends the handler with the read's error;
  // nobody is left to answer, and it is not a fault of ours.
  const clientGone = request.raw.destroyed && !request.raw.complete;
  if (status >= 500 && clientGone)
    request.log.info({ code: 'client_closed' }, 'the client closed the connection');
  else if (status >= 500) request.log.error({ err: error }, 'request failed');
  else request.log.info({ code: body.code }, body.message);
  if (body.code === 'auth.rate_limited' && typeof body.retryAfterSeconds === 'number') {
    void reply.header('retry-after', String(body.retryAfterSeconds));
  }
  if (body.code === 'unavailable') void reply.header('retry-after', String(RETRY_AFTER_SECONDS));
  return reply.status(status).send(body);
}
