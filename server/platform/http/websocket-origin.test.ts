import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { TEST_PASSWORD, bearer, createTenant, createUser } from '../../test/factories';
import { useTestApp } from '../../test/harness';

interface Outcome {
  status: number;
  body: string;
  /** The first message, when the upgrade happened. */
  message?: string;
}

/** Opens a WebSocket over a real socket: the HTTP answer when refused, the first message when upgraded. */
function open(url: string, headers: Record<string, string>): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { headers });
    socket.on('unexpected-response', (_request, response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    });
    socket.on('message', (data: Buffer) => {
      resolve({ status: 101, body: '', message: data.toString() });
      socket.close();
    });
    socket.on('error', reject);
  });
}

/** Issue #13, finding 7: the operator's socket refuses before upgrading, with a proper status. */
describe('operator WebSocket upgrades', async () => {
  const { app, services } = await useTestApp();
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  const url = `ws://127.0.0.1:${port}/api/v1/live/operator/ws`;
  const own = `http://127.0.0.1:${port}`;
  const tenant = await createTenant(services);
  const operator = await createUser(services, tenant.slug, 'operator');

  async function loginCookie(): Promise<string> {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { tenant: tenant.slug, email: operator.email, password: TEST_PASSWORD },
    });
    expect(response.statusCode, response.body).toBe(200);
    const cookie = response.cookies.find((c) => c.name === 'sd_session');
    return `sd_session=${cookie?.value ?? ''}`;
  }

  it('a key acting for no user gets 403 live.no_user instead of a socket that drops', async () => {
    const key = await services.apiKeys.create(
      { tenantId: tenant.id, userId: null, apiKeyId: null },
      { name: 'integration', role: 'operator' },
    );
    const outcome = await open(url, { authorization: `Bearer ${key.key}` });
    expect(outcome.status).toBe(403);
    expect(JSON.parse(outcome.body)).toMatchObject({ code: 'live.no_user' });
  });

  it("a page on another origin cannot open it with the operator's cookie", async () => {
    const cookie = await loginCookie();
    const outcome = await open(url, { cookie, origin: 'https://evil.example' });
    expect(outcome.status).toBe(403);
    expect(JSON.parse(outcome.body)).toMatchObject({ code: 'auth.forbidden' });
  });

  it('our own pages, and programs that send no Origin, are upgraded', async () => {
    const cookie = await loginCookie();
    const fromPage = await open(url, { cookie, origin: own });
    expect(fromPage.status).toBe(101);
    expect(JSON.parse(fromPage.message ?? '{}')).toMatchObject({ type: 'hello' });
    const fromProgram = await open(url, bearer(operator));
    expect(JSON.parse(fromProgram.message ?? '{}')).toMatchObject({ type: 'hello' });
  });
});
