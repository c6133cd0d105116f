import net from 'node:net';
import { describe, expect, inject, it } from 'vitest';
import { loadConfig } from '../../config';
import { connectDatabase } from '../../db/database';
import { createServices } from '../../services';
import { bearer, createTenant } from '../../test/factories';
import { useTestApp } from '../../test/harness';
import { createApp } from '../../app';

/** Sends raw bytes and returns what comes back until the server closes the connection. */
function exchange(port: number, request: string): Promise<{ status: number; headers: string; body: string }> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.end(request));
    let received = '';
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head = '', body = ''] = received.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(head)?.[1]), headers: head, body });
    });
  });
}

/** Issue #13, finding 9: errors raised before routing and a database that is down, in our own shape. */
describe('every error is { code, message } with the true status', async () => {
  const { app, services } = await useTestApp();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as net.AddressInfo;

  it.each([
    [
      'headers over the limit',
      `GET /api/v1/sessions HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      431,
      'headers_too_large',
    ],
    [
      'a URL over the limit',
      `GET /api/v1/sessions?q=${'a'.repeat(20_000)} HTTP/1.1\r\nHost: x\r\n\r\n`,
      431,
      'headers_too_large',
    ],
    [
      'a path segment over 200 characters',
      `GET /api/v1/sessions/${'1'.repeat(300)} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
      414,
      'uri_too_long',
    ],
    [
      'a malformed percent-encoding',
      `GET /api/v1/sessions/%E0%A4%A HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`,
      400,
      'validation_failed',
    ],
    ['something that is not HTTP', 'GARBAGE\r\n\r\n', 400, 'validation_failed'],
    [
      'an unknown path',
      'GET /api/v1/nothing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n',
      404,
      'not_found',
    ],
  ])('%s', async (_name, request, status, code) => {
    const response = await exchange(port, request);
    expect(response.status, response.headers).toBe(status);
    expect(response.headers).toMatch(/content-type: application\/json/i);
    const body = JSON.parse(response.body) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['code', 'message']);
    expect(body.code).toBe(code);
  });

  it('the OpenAPI document lists 503 for every route and explains the errors before routing', async () => {
    const document = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json<{
      info: { description: string };
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    }>();
    for (const code of ['414', '431', '408']) expect(document.info.description).toContain(code);
    for (const [url, operations] of Object.entries(document.paths)) {
      if (!url.startsWith('/api/v1')) continue;
      for (const [method, operation] of Object.entries(operations)) {
        expect(Object.keys(operation.responses), `${method} ${url}`).toContain('503');
      }
    }
  });

  it('with the database unreachable, calls answer 503 unavailable with Retry-After, not 500', async () => {
    const tenant = await createTenant(services);
    // The same app, pointed at a port where no database listens.
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const deadPort = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const url = new URL(inject('databaseUrl'));
    url.port = String(deadPort);
    const database = connectDatabase(url.toString(), { max: 1, applicationName: 'sessiondesk-test-down' });
    const config = { ...loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }), databaseUrl: url.toString() };
    const down = await createApp({ config, services: createServices(database.db, config), logger: false });
    try {
      for (const request of [
        { method: 'GET' as const, url: '/api/v1/sessions', headers: bearer(tenant.admin) },
        {
          method: 'POST' as const,
          url: '/api/v1/auth/login',
          payload: { tenant: tenant.slug, email: tenant.admin.email, password: 'x' },
        },
      ]) {
        const response = await down.inject(request);
        expect(response.statusCode, response.body).toBe(503);
        expect(response.json()).toMatchObject({ code: 'unavailable' });
        expect(response.headers['retry-after']).toBe('5');
      }
    } finally {
      await down.close();
      await database.close();
    }
  });
});
