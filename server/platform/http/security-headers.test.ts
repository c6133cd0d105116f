import { describe, expect, it } from 'vitest';
import viteConfig from '../../../web/vite.config';
import { bearer, createTenant } from '../../test/factories';
import { useTestApp } from '../../test/harness';

/** Issue #13, finding 2: every response carries the security headers; production builds have no maps. */
describe('security headers', async () => {
  const { app, services } = await useTestApp();
  const secure = await useTestApp({ config: { cookieSecure: true } });
  const tenant = await createTenant(services);

  const responses = {
    'an API answer': () => app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(tenant.admin) }),
    'an API error': () => app.inject({ method: 'GET', url: '/api/v1/sessions' }),
    'an unknown API path': () => app.inject({ method: 'GET', url: '/api/v1/nothing' }),
    'a page of the UI': () =>
      app.inject({ method: 'GET', url: '/sessions', headers: { accept: 'text/html' } }),
    'the health check': () => app.inject({ method: 'GET', url: '/healthz' }),
  };

  it.each(Object.entries(responses))('%s carries them', async (_name, request) => {
    const response = await request();
    const csp = String(response.headers['content-security-policy']);
    const directives = new Map(
      csp.split(';').map((part) => {
        const [name = '', ...values] = part.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get('default-src')).toEqual(["'self'"]);
    // Scripts only from our origin: no inline script, no eval.
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(response.headers['x-frame-options']).toBe('DENY');
    expect(response.headers['x-content-type-options']).toBe('nosniff');
    expect(response.headers['referrer-policy']).toBe('no-referrer');
    // Plain HTTP (cookies not Secure): no HSTS, which would lock a development host to HTTPS.
    expect(response.headers['strict-transport-security']).toBeUndefined();
  });

  it('HSTS is sent when cookies are Secure (HTTPS)', async () => {
    const response = await secure.app.inject({ method: 'GET', url: '/healthz' });
    expect(response.headers['strict-transport-security']).toMatch(/max-age=\d{7,}/);
    expect(String(response.headers['content-security-policy'])).toContain('upgrade-insecure-requests');
  });

  it('a production build of the UI has no source maps unless asked', () => {
    expect(viteConfig.build?.sourcemap).toBe(false);
  });
});
