import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createLiveTenant, startChat } from '../../test/live-kit';
import { useTestApp } from '../../test/harness';

/** CORS of the web chat's public API, over real HTTP as a browser on the tenant's site calls it. */
describe('CORS of the web chat client API', async () => {
  const { app, services } = await useTestApp();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}`;
  const shop = 'https://shop.example';
  const foreign = 'https://evil.example';

  async function widgetFor(origins: string[]) {
    const tenant = await createLiveTenant(services);
    await services.db
      .updateTable('widgets')
      .set({ allowed_origins: origins })
      .where('tenant_id', '=', tenant.id)
      .execute();
    return tenant;
  }

  it("echoes an allowed origin on the client's requests, with Vary: Origin and no credentials", async () => {
    const tenant = await widgetFor([shop]);
    const response = await fetch(`${base}/api/v1/live/client/sessions`, {
      method: 'POST',
      headers: { origin: shop, 'content-type': 'application/json', 'x-widget-key': tenant.widgetKey },
      body: JSON.stringify({ name: 'Karel' }),
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('access-control-allow-origin')).toBe(shop);
    expect(response.headers.get('vary')).toMatch(/origin/i);
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    const chat = (await response.json()) as { sessionId: string; clientToken: string };

    const read = await fetch(`${base}/api/v1/live/client/sessions/${chat.sessionId}`, {
      headers: { origin: shop, 'x-widget-key': tenant.widgetKey, 'x-client-token': chat.clientToken },
    });
    expect(read.status).toBe(200);
    expect(read.headers.get('access-control-allow-origin')).toBe(shop);

    // An error the widget must be able to read carries the header too.
    const wrongToken = await fetch(`${base}/api/v1/live/client/sessions/${chat.sessionId}`, {
      headers: { origin: shop, 'x-widget-key': tenant.widgetKey, 'x-client-token': 'nope' },
    });
    expect(wrongToken.status).toBe(401);
    expect(wrongToken.headers.get('access-control-allow-origin')).toBe(shop);
  });

  it('refuses a page of a foreign origin on every client route, without the CORS header', async () => {
    const tenant = await widgetFor([shop]);
    const chat = await startChat(app, tenant.widgetKey);
    const headers = { 'x-widget-key': tenant.widgetKey, 'x-client-token': chat.clientToken };
    for (const [method, path] of [
      ['POST', `/api/v1/live/client/sessions`],
      ['GET', `/api/v1/live/client/sessions/${chat.sessionId}`],
      ['POST', `/api/v1/live/client/sessions/${chat.sessionId}/messages`],
      ['POST', `/api/v1/live/client/sessions/${chat.sessionId}/typing`],
    ] as const) {
      const response = await fetch(`${base}${path}`, {
        method,
        headers: { ...headers, origin: foreign, 'content-type': 'application/json' },
        ...(method === 'POST' ? { body: JSON.stringify({ text: 'hi' }) } : {}),
      });
      expect(response.status, `${method} ${path}`).toBe(403);
      expect(((await response.json()) as { code: string }).code).toBe('live.origin_not_allowed');
      expect(response.headers.get('access-control-allow-origin')).toBeNull();
    }
    const row = await services.db
      .selectFrom('sessions')
      .select('message_count')
      .where('tenant_id', '=', tenant.id)
      .where('id', '=', chat.sessionId)
      .executeTakeFirstOrThrow();
    expect(row.message_count).toBe(0);
  });

  it('answers any origin when the widget lists no allowed origins', async () => {
    const tenant = await widgetFor([]);
    const response = await fetch(`${base}/api/v1/live/client/sessions`, {
      method: 'POST',
      headers: { origin: foreign, 'content-type': 'application/json', 'x-widget-key': tenant.widgetKey },
      body: '{}',
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('access-control-allow-origin')).toBe(foreign);
  });

  it('answers a preflight with the methods and headers the widget sends', async () => {
    const response = await fetch(`${base}/api/v1/live/client/sessions/1/messages`, {
      method: 'OPTIONS',
      headers: {
        origin: shop,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-widget-key,x-client-token',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe(shop);
    expect(response.headers.get('access-control-allow-methods')).toBe('GET, POST');
    expect(response.headers.get('access-control-allow-headers')).toBe(
      'content-type, x-widget-key, x-client-token',
    );
    expect(response.headers.get('access-control-allow-credentials')).toBeNull();
    expect(response.headers.get('vary')).toMatch(/origin/i);
  });

  it('puts no CORS on the operator and admin APIs', async () => {
    for (const path of ['/api/v1/live/operator', '/api/v1/sessions', '/api/v1/widgets']) {
      const preflight = await fetch(`${base}${path}`, {
        method: 'OPTIONS',
        headers: { origin: shop, 'access-control-request-method': 'GET' },
      });
      expect(preflight.headers.get('access-control-allow-origin'), path).toBeNull();
      const get = await fetch(`${base}${path}`, { headers: { origin: shop } });
      expect(get.headers.get('access-control-allow-origin'), path).toBeNull();
    }
  });

  it('refuses the client WebSocket from an origin the widget does not allow', async () => {
    const tenant = await widgetFor([shop]);
    const chat = await startChat(app, tenant.widgetKey);
    const query = new URLSearchParams({ key: tenant.widgetKey, token: chat.clientToken }).toString();
    const url = `ws://127.0.0.1:${port}/api/v1/live/client/sessions/${chat.sessionId}/ws?${query}`;
    const opened = (origin: string) =>
      new Promise<number>((resolve) => {
        const socket = new WebSocket(url, { origin });
        socket.on('open', () => {
          socket.close();
          resolve(101);
        });
        socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
        socket.on('error', () => resolve(-1));
      });
    expect(await opened(foreign)).toBe(403);
    expect(await opened(shop)).toBe(101);
  });
});
