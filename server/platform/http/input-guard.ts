import type { FastifyRequest } from 'fastify';
import { invalid } from '../errors';
import { describeUnstorable, findUnstorableText } from '../unstorable-text';
import type { App } from './types';

/**
 * One input rule for every route, applied before schema validation: no string in the path parameters,
 * the query string or a parsed JSON body may hold U+0000 or a lone surrogate (see unstorable-text.ts).
 * Such a request gets 400 `validation_failed` naming the field, instead of a database error (500) or a
 * silently altered value. Streamed bodies (the NDJSON import) apply the same rule line by line.
 */
export function checkRequestText(request: FastifyRequest): void {
  const parts = [
    ['params', request.params],
    ['query', request.query],
    ['body', request.body],
  ] as const;
  for (const [where, value] of parts) {
    const found = findUnstorableText(value);
    if (found) {
      const subject = !found.path ? where : `${where}${found.path.startsWith('[') ? '' : '.'}${found.path}`;
      throw invalid(describeUnstorable(found, subject), { parameter: found.path || where });
    }
  }
}

export function registerInputGuard(app: App): void {
  app.addHook('preValidation', async (request) => {
    checkRequestText(request);
  });
}
