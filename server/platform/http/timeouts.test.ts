import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../app';
import { useTestApp } from '../../test/harness';

/** Opens a raw connection, writes `first`, then `trickle` one byte every `everyMs` until closed. */
function slowClient(
  port: number,
  first: string,
  trickle = '',
  everyMs = 50,
): Promise<{ received: string; closedAfterMs: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = net.connect(port, '127.0.0.1', () => socket.write(first));
    let received = '';
    let sent = 0;
    const timer = setInterval(() => {
      if (sent < trickle.length && socket.writable) socket.write(trickle[sent++] ?? '');
    }, everyMs);
    socket.on('data', (chunk) => (received += chunk.toString()));
    socket.on('error', () => {});
    socket.on('close', () => {
      clearInterval(timer);
      resolve({ received, closedAfterMs: Date.now() - started });
    });
    setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server kept the connection open; received ${received}`));
    }, 5_000);
  });
}

/** Issue #13, finding 6: slow clients are cut off; short limits here, the same code as in production. */
describe('slow clients time out', async () => {
  const { config, services } = await useTestApp();
  const app = await createApp({
    config,
    services,
    logger: false,
    timeouts: { headersMs: 300, bodyMs: 600, bodyIdleMs: 400, keepAliveMs: 300, checkIntervalMs: 100 },
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as net.AddressInfo;
  const post = (length: number) =>
    `POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;

  it('a body trickling a byte at a time is answered 408 when its time is up', async () => {
    // A byte every 50 ms never pauses long, but 100 bytes would take 5 s: cut at 0.6 s.
    const { received, closedAfterMs } = await slowClient(port, post(100), '{"tenant":"'.padEnd(100, 'a'), 50);
    expect(received).toMatch(/^HTTP\/1\.1 408/);
    expect(JSON.parse(received.split('\r\n\r\n')[1] ?? '{}')).toMatchObject({ code: 'request_timeout' });
    expect(closedAfterMs).toBeLessThan(2_000);
  });

  it('a body that stops arriving is answered 408 after the idle limit', async () => {
    const { received, closedAfterMs } = await slowClient(port, `${post(50)}{"ten`);
    expect(received).toMatch(/^HTTP\/1\.1 408/);
    expect(closedAfterMs).toBeLessThan(2_000);
  });

  it('headers that never finish are answered 408', async () => {
    const { received, closedAfterMs } = await slowClient(
      port,
      'GET /healthz HTTP/1.1\r\nHost: x\r\n',
      'X-Slow: 1',
      100,
    );
    expect(received).toMatch(/^HTTP\/1\.1 408/);
    expect(JSON.parse(received.split('\r\n\r\n')[1] ?? '{}')).toMatchObject({ code: 'request_timeout' });
    expect(closedAfterMs).toBeLessThan(2_000);
  });

  it('an idle keep-alive connection is closed', async () => {
    const { received, closedAfterMs } = await slowClient(port, 'GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(received).toMatch(/^HTTP\/1\.1 200/);
    expect(closedAfterMs).toBeLessThan(2_000);
  });

  it('a body that arrives in time is served as usual', async () => {
    const body = JSON.stringify({ tenant: 'nobody', email: 'a@example.com', password: 'x' });
    const { received } = await slowClient(port, `${post(Buffer.byteLength(body))}${body}`);
    expect(received).toMatch(/^HTTP\/1\.1 401/);
  });

  it('the production limits are deliberate', async () => {
    const { defaultTimeouts } = await import('./timeouts');
    expect(defaultTimeouts).toEqual({
      headersMs: 10_000,
      bodyMs: 30_000,
      bodyIdleMs: 10_000,
      keepAliveMs: 5_000,
      checkIntervalMs: 1_000,
    });
    await app.close();
  });
});
