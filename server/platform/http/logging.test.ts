import { Writable } from 'node:stream';
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
const { app, services } = await useTestApp({ logLevel: 'info' }, { logStream });

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
});
