import { describe, expect, it } from 'vitest';
import { LOGIN_THROTTLE } from './auth.service';
import { bearer, createTenant, createUser, TEST_PASSWORD } from '../../test/factories';
import { useTestApp } from '../../test/harness';

describe('auth', async () => {
  const { app, services } = await useTestApp();

  async function login(tenant: string, email: string, password = TEST_PASSWORD) {
    return app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { tenant, email, password } });
  }

  function cookieFrom(response: Awaited<ReturnType<typeof login>>): string {
    const cookie = response.cookies.find((c) => c.name === 'sd_session');
    if (!cookie) throw new Error('no login cookie');
    return `sd_session=${cookie.value}`;
  }

  it('signs in with the right password and sets an HttpOnly, SameSite cookie', async () => {
    const tenant = await createTenant(services);
    const response = await login(tenant.slug, tenant.admin.email.toUpperCase());
    expect(response.statusCode).toBe(200);
    const body = response.json<{
      user: { email: string; role: string };
      tenant: { slug: string };
      csrfToken: string;
    }>();
    expect(body.user).toMatchObject({ email: tenant.admin.email, role: 'admin' });
    expect(body.tenant.slug).toBe(tenant.slug);
    const cookie = response.cookies.find((c) => c.name === 'sd_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });

    const me = await app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { cookie: cookieFrom(response) },
    });
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ user: { email: tenant.admin.email }, csrfToken: body.csrfToken });
  });

  it('refuses a wrong password, an unknown user and an unknown workspace alike', async () => {
    const tenant = await createTenant(services);
    for (const response of [
      await login(tenant.slug, tenant.admin.email, 'wrong password!'),
      await login(tenant.slug, 'nobody@example.com'),
      await login('no-such-workspace', tenant.admin.email),
    ]) {
      expect(response.statusCode).toBe(401);
      expect(response.json()).toMatchObject({ code: 'auth.invalid_credentials' });
    }
  });

  it('throttles repeated failures for one account, even with the right password afterwards', async () => {
    const tenant = await createTenant(services);
    for (let i = 0; i < LOGIN_THROTTLE.perAccount; i++) {
      expect((await login(tenant.slug, tenant.admin.email, `wrong-${i}`)).statusCode).toBe(401);
    }
    const blocked = await login(tenant.slug, tenant.admin.email);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json()).toMatchObject({ code: 'auth.rate_limited' });
    expect(Number(blocked.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('requires the CSRF token for changes made with the cookie, and not for API keys', async () => {
    const tenant = await createTenant(services);
    const response = await login(tenant.slug, tenant.admin.email);
    const { csrfToken } = response.json<{ csrfToken: string }>();
    const cookie = cookieFrom(response);
    const payload = { name: 'ci', role: 'operator' };

    const without = await app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: { cookie },
      payload,
    });
    expect(without.statusCode).toBe(403);
    expect(without.json()).toMatchObject({ code: 'auth.csrf_failed' });
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: { cookie, 'x-csrf-token': 'nope' },
      payload,
    });
    expect(wrong.statusCode).toBe(403);
    const right = await app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: { cookie, 'x-csrf-token': csrfToken },
      payload,
    });
    expect(right.statusCode).toBe(201);
    const byKey = await app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: bearer(tenant.admin),
      payload,
    });
    expect(byKey.statusCode).toBe(201);
  });

  it('ends the login session on logout', async () => {
    const tenant = await createTenant(services);
    const response = await login(tenant.slug, tenant.admin.email);
    const cookie = cookieFrom(response);
    const { csrfToken } = response.json<{ csrfToken: string }>();
    const out = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/logout',
      headers: { cookie, 'x-csrf-token': csrfToken },
    });
    expect(out.statusCode).toBe(204);
    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } });
    expect(me.statusCode).toBe(401);
  });

  it('stores API keys hashed, shows them once, and stops a revoked key at once', async () => {
    const tenant = await createTenant(services);
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: bearer(tenant.admin),
      payload: { name: 'export bot', role: 'supervisor' },
    });
    const { id, key } = created.json<{ id: string; key: string }>();
    expect(key).toMatch(/^sdk_\d+_\d+_[\w-]{43}$/);

    const stored = await services.db
      .selectFrom('api_keys')
      .select('secret_hash')
      .where('tenant_id', '=', tenant.id)
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(Buffer.from(stored.secret_hash).toString()).not.toContain(key.split('_').at(-1));
    const listed = await app.inject({
      method: 'GET',
      url: '/api/v1/api-keys',
      headers: bearer(tenant.admin),
    });
    expect(listed.body).not.toContain(key);

    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization: `Bearer ${key}` } }))
        .statusCode,
    ).toBe(200);
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/v1/api-keys/${id}`, headers: bearer(tenant.admin) }))
        .statusCode,
    ).toBe(200);
    const after = await app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${key}` },
    });
    expect(after.statusCode).toBe(401);
  });

  it('rejects a tampered key, a malformed header and a disabled user', async () => {
    const tenant = await createTenant(services);
    const operator = await createUser(services, tenant.slug, 'operator');
    const tampered = operator.apiKey.slice(0, -2) + (operator.apiKey.endsWith('AA') ? 'BB' : 'AA');
    for (const authorization of [
      `Bearer ${tampered}`,
      'Basic abc',
      'Bearer',
      `Bearer ${operator.apiKey} extra`,
    ]) {
      const response = await app.inject({ method: 'GET', url: '/api/v1/me', headers: { authorization } });
      expect(response.statusCode, authorization).toBe(401);
      expect(response.json()).toMatchObject({ code: 'auth.unauthenticated' });
    }
    await services.db
      .updateTable('users')
      .set({ disabled_at: new Date() })
      .where('tenant_id', '=', tenant.id)
      .where('id', '=', operator.id)
      .execute();
    expect((await login(tenant.slug, operator.email)).statusCode).toBe(401);
  });

  it("applies a role change and a deactivation to the user's next request, by cookie and by key", async () => {
    const tenant = await createTenant(services);
    const user = await createUser(services, tenant.slug, 'supervisor');
    const cookie = cookieFrom(await login(tenant.slug, user.email));
    // The people list is for supervisors and admins: the answer follows the caller's role.
    const me = async (headers: Record<string, string>) => {
      const people = await app.inject({ method: 'GET', url: '/api/v1/users', headers });
      if (people.statusCode !== 200) return people.statusCode;
      const response = await app.inject({ method: 'GET', url: '/api/v1/me', headers });
      return response.statusCode === 200
        ? response.json<{ user: { role: string } }>().user.role
        : response.statusCode;
    };
    // Each credential has been seen (and is remembered by this instance for a few seconds).
    expect(await me({ cookie })).toBe('supervisor');
    expect(await me({ authorization: `Bearer ${user.apiKey}` })).toBe('supervisor');

    const change = (payload: object) =>
      app.inject({
        method: 'PATCH',
        url: `/api/v1/users/${user.id}`,
        headers: bearer(tenant.admin),
        payload,
      });
    expect((await change({ role: 'operator' })).statusCode).toBe(200);
    expect(await me({ cookie })).toBe(403);
    expect((await change({ role: 'supervisor' })).statusCode).toBe(200);
    expect(await me({ cookie })).toBe('supervisor');
    expect((await change({ active: false })).statusCode).toBe(200);
    expect(await me({ cookie })).toBe(401);
    expect(await me({ authorization: `Bearer ${user.apiKey}` })).toBe(401);
  });

  it('answers malformed login bodies with 4xx codes, never 500', async () => {
    const cases = [
      {
        payload: '{not json',
        headers: { 'content-type': 'application/json' },
        status: 400,
        code: 'invalid_json',
      },
      { payload: '', headers: { 'content-type': 'application/json' }, status: 400, code: 'invalid_json' },
      {
        payload: 'tenant=a',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        status: 415,
        code: 'unsupported_media_type',
      },
      {
        payload: JSON.stringify({ tenant: 'a' }),
        headers: { 'content-type': 'application/json' },
        status: 400,
        code: 'validation_failed',
      },
      {
        payload: JSON.stringify({ tenant: 'a', email: 'b', password: 'x'.repeat(20_000) }),
        headers: { 'content-type': 'application/json' },
        status: 413,
        code: 'payload_too_large',
      },
      {
        payload: JSON.stringify([1, 2]),
        headers: { 'content-type': 'application/json' },
        status: 400,
        code: 'validation_failed',
      },
    ];
    for (const c of cases) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: c.payload,
        headers: c.headers,
      });
      expect(response.statusCode, c.payload.slice(0, 40)).toBe(c.status);
      expect(response.json()).toMatchObject({ code: c.code });
    }
  });
});
