import { describe, expect, it } from 'vitest';
import { bearer, createTenant } from '../../test/factories';
import { useTestApp } from '../../test/harness';

/** Path parameter values a client might send instead of an id. */
const BAD_IDS = ['abc', '0', '-1', '1.5', '99999999999999999999999', "1'--", '%00', 'x'.repeat(150)];

/** `mustFail`: no route can accept it (broken JSON, a media type nobody parses). */
const BAD_BODIES: { payload: string; contentType: string; mustFail: boolean }[] = [
  { payload: '{"unterminated', contentType: 'application/json', mustFail: true },
  { payload: 'null', contentType: 'application/json', mustFail: false },
  { payload: '[]', contentType: 'application/json', mustFail: false },
  { payload: '"a string"', contentType: 'application/json', mustFail: false },
  {
    payload: JSON.stringify({ name: { nested: true }, role: 42, text: ['x'], id: null }),
    contentType: 'application/json',
    mustFail: false,
  },
  { payload: '<xml/>', contentType: 'application/xml', mustFail: true },
];

const BAD_QUERIES = [
  'limit=-5',
  'limit=abc',
  'cursor=%%%',
  'sort=<script>',
  'createdAt.min=yesterday',
  'q=' + '&|!:*()'.repeat(50),
  'unknown.param=1',
];

/**
 * Every route, as an admin of its own tenant, fed malformed ids, bodies and query strings: the answer is
 * always a 4xx with a code (or a normal success where the input happens to be acceptable), never a 5xx.
 */
describe('bad input to every API route', async () => {
  const { app, services } = await useTestApp();
  const tenant = await createTenant(services);
  const headers = bearer(tenant.admin);

  const routes = app.apiRoutes.filter((route) => !route.url.endsWith('/auth/logout'));

  function targetsFor(url: string): string[] {
    const urls = url.includes(':')
      ? BAD_IDS.map((id) => url.replace(/:[A-Za-z]+/g, encodeURIComponent(id)))
      : [url];
    return urls.flatMap((concrete) =>
      ['', ...BAD_QUERIES].map((query) => (query ? `${concrete}?${query}` : concrete)),
    );
  }

  const httpRoutes = routes.filter((route) => route.transport === 'http');
  it.each(httpRoutes.map((route) => [`${route.method} ${route.url}`, route] as const))(
    '%s never answers 5xx',
    async (_name, route) => {
      for (const target of targetsFor(route.url)) {
        const response = await app.inject({ method: route.method as 'GET', url: target, headers });
        expect(response.statusCode, `${route.method} ${target}`).toBeLessThan(500);
        if (response.statusCode >= 400) expect(response.json(), target).toHaveProperty('code');
      }
      if (['GET', 'DELETE'].includes(route.method)) return;
      const urls = route.url.includes(':')
        ? BAD_IDS.map((id) => route.url.replace(/:[A-Za-z]+/g, encodeURIComponent(id)))
        : [route.url];
      for (const url of urls) {
        for (const body of BAD_BODIES) {
          const response = await app.inject({
            method: route.method as 'POST',
            url,
            headers: { ...headers, 'content-type': body.contentType },
            payload: body.payload,
          });
          const label = `${route.method} ${url} ${body.payload}`;
          expect(response.statusCode, label).toBeLessThan(500);
          if (body.mustFail) expect(response.statusCode, label).toBeGreaterThanOrEqual(400);
          if (response.statusCode >= 400) expect(response.json(), label).toHaveProperty('code');
        }
      }
    },
  );

  // A WebSocket route asked without an upgrade, with malformed ids and queries: refused, never 5xx.
  const websocketRoutes = routes.filter((route) => route.transport === 'websocket');
  it.each(websocketRoutes.map((route) => [`${route.method} ${route.url}`, route] as const))(
    '%s (WebSocket) never answers 5xx',
    async (_name, route) => {
      for (const target of targetsFor(route.url)) {
        const response = await app.inject({ method: 'GET', url: target, headers });
        expect(response.statusCode, target).toBeLessThan(500);
      }
    },
  );

  // A streamed response never ends, so these go over a real socket: read the status, then hang up.
  const streamRoutes = routes.filter((route) => route.transport === 'stream');
  it.each(streamRoutes.map((route) => [`${route.method} ${route.url}`, route] as const))(
    '%s (stream) never answers 5xx',
    async (_name, route) => {
      const base = await app.listen({ port: 0, host: '127.0.0.1' });
      for (const target of targetsFor(route.url)) {
        const controller = new AbortController();
        const timer = setTimeout(() => controller.abort(), 5_000);
        try {
          const response = await fetch(`${base}${target}`, { headers, signal: controller.signal });
          expect(response.status, target).toBeLessThan(500);
          if (response.status >= 400) expect(await response.json(), target).toHaveProperty('code');
        } finally {
          clearTimeout(timer);
          controller.abort();
        }
      }
    },
  );

  it('answers unknown API paths with a 404 code', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/no-such-thing', headers });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ code: 'not_found' });
  });
});
