import { errorSchema } from './schemas';
import type { App } from './types';

/**
 * Errors a route can answer whatever it does: with a request body, the body too large (413), of a type
 * the route does not read (415) or too slow to arrive (408); with a path parameter, the parameter too
 * long (414). Added to each such route's responses here, once, so the OpenAPI document lists every
 * status a client can get (the API fuzzer checks it).
 */
const bodyErrors = {
  408: errorSchema.describe('request_timeout: the body did not arrive in time'),
  413: errorSchema.describe('payload_too_large: the body is larger than this endpoint accepts'),
  415: errorSchema.describe('unsupported_media_type: this endpoint does not read that Content-Type'),
};

/** A path parameter over 200 characters is refused before routing. */
const pathErrors = {
  414: errorSchema.describe('uri_too_long: a path segment is longer than 200 characters'),
};

export function registerDocumentedBodyErrors(app: App): void {
  app.addHook('onRoute', (route) => {
    const response = route.schema?.response as Record<string, unknown> | undefined;
    if (!route.url.startsWith('/api/v1') || !route.schema || !response) return;
    const methods = [route.method].flat();
    const hasBody = methods.some((method) => ['POST', 'PUT', 'PATCH'].includes(method));
    route.schema.response = {
      ...(hasBody ? bodyErrors : {}),
      ...(route.url.includes(':') ? pathErrors : {}),
      ...response,
    };
  });
}
