import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { bearer, createTenant } from '../../test/factories';
import { useTestApp } from '../../test/harness';

const lines: string[] = [];
const logStream = new Writable({
  write(chunk: Buffer, _encoding, done) {
    lines.push(chunk.toString());
    done();
  },
});
const { app, services } = await useTestApp({ config: { logLevel: 'info' }, logStream });

describe('request log', () => {
  it('logs requests without credentials, cookies or secret query parameters', async () => {
    const tenant = await createTenant(services);
    const key = bearer(tenant.admin).authorization;
    await app.inject({ method: 'GET', url: '/api/v1/sessions?limit=1', headers: bearer(tenant.admin) });
    await app.inject({
      method: 'GET',
      url: '/api/v1/live/client/sessions/1/ws?key=public-widget-key&token=client-secret-123&x=1',
      headers: { cookie: 'sd_session=cookie-secret-456' },
    });
    const log = lines.join('');
    expect(log).toContain('/api/v1/sessions?limit=1');
    expect(log).toContain('token=[redacted]&x=1');
    expect(log).toContain('key=public-widget-key');
    for (const secret of [key.replace('Bearer ', ''), 'client-secret-123', 'cookie-secret-456'])
      expect(log).not.toContain(secret);
  });

  it('logs an upload the client cut short as the client closing, not as a failure of ours', async () => {
    const tenant = await createTenant(services);
    await app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = app.server.address() as AddressInfo;
    const request = http.request({
      host: '127.0.0.1',
      port,
      method: 'POST',
      path: '/api/v1/imports',
      headers: {
        ...bearer(tenant.admin),
        'content-type': 'application/x-ndjson',
        'content-length': 10_000_000,
      },
    });
    request.on('error', () => {});
    request.write('{"externalId": "cut-1", "channel": "phone"');
    await new Promise((resolve) => setTimeout(resolve, 300));
    request.destroy();
    // The import ends (and is audited) once the server sees the connection gone.
    await expect
      .poll(
        async () =>
          (
            await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_events
              WHERE tenant_id = ${tenant.id} AND action = 'import'`.execute(services.db)
          ).rows[0]!.n,
        { timeout: 10_000 },
      )
      .toBe(1);
    await expect.poll(() => lines.join('').includes('the client closed the connection')).toBe(true);
    const entries = lines
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { level: number; msg?: string; reqId?: string });
    expect(entries.filter((entry) => entry.level >= 50)).toEqual([]);
  });
});
