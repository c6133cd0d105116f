import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { bearer, createTenant } from '../../test/factories';
import { useTestApp } from '../../test/harness';
import { insertSession } from '../../test/session-fixtures';

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

  it('names every answer and error by its request id: the one a proxy sent when it is well formed, else a new one', async () => {
    const tenant = await createTenant(services);
    const given = 'edge-7f3a9c21';
    const answers = [
      await app.inject({
        method: 'GET',
        url: '/api/v1/sessions?limit=1',
        headers: { ...bearer(tenant.admin), 'x-request-id': given },
      }),
      await app.inject({
        method: 'GET',
        url: '/api/v1/sessions?limit=1',
        headers: { 'x-request-id': given },
      }),
      await app.inject({ method: 'GET', url: '/api/v1/nothing', headers: { 'x-request-id': given } }),
    ];
    expect(answers.map((answer) => answer.statusCode)).toEqual([200, 401, 404]);
    for (const answer of answers) expect(answer.headers['x-request-id']).toBe(given);
    const made = await app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-request-id': 'a b\u202e' },
    });
    expect(made.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines.join('')).toContain(`"reqId":"${given}"`);
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

  it('logs a failed background refresh of the filter-list rollups with its tenant', async () => {
    const tenant = await createTenant(services);
    await insertSession(services, tenant.id, {});
    await services.sessions.refreshFacetRollups(tenant.id);
    // An hour-old rollup is refreshed in the background by the next unfiltered list; make that fail.
    await sql`UPDATE facet_rollups SET computed_at = now() - interval '2 hours'
      WHERE tenant_id = ${tenant.id}`.execute(services.db);
    const fn = `refuse_rollup_${tenant.id}`;
    await sql`CREATE FUNCTION ${sql.raw(fn)}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.tenant_id = ${sql.raw(tenant.id)} THEN RAISE EXCEPTION 'rollup store unavailable'; END IF;
        RETURN NEW;
      END $$`.execute(services.db);
    await sql`CREATE TRIGGER ${sql.raw(fn)} BEFORE INSERT OR UPDATE ON facet_rollups
      FOR EACH ROW EXECUTE FUNCTION ${sql.raw(fn)}()`.execute(services.db);
    try {
      const response = await app.inject({
        method: 'GET',
        url: '/api/v1/sessions/facets/channel',
        headers: bearer(tenant.admin),
      });
      expect(response.statusCode).toBe(200);
      await expect
        .poll(() => lines.find((line) => line.includes('facet rollup refresh failed')), { timeout: 10_000 })
        .toBeDefined();
      const line = JSON.parse(lines.find((l) => l.includes('facet rollup refresh failed'))!) as {
        level: number;
        tenantId: string;
        err: { message: string };
      };
      expect(line).toMatchObject({ level: 50, tenantId: tenant.id });
      expect(line.err.message).toContain('rollup store unavailable');
    } finally {
      await sql`DROP TRIGGER ${sql.raw(fn)} ON facet_rollups`.execute(services.db);
      await sql`DROP FUNCTION ${sql.raw(fn)}()`.execute(services.db);
    }
  });
});
