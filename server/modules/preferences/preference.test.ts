import { describe, expect, it } from 'vitest';
import { bearer, createTenant, createUser } from '../../test/factories';
import { useTestApp } from '../../test/harness';

describe('per-user preferences', async () => {
  const { app, services } = await useTestApp();

  it('keeps any JSON value per user and key', async () => {
    const tenant = await createTenant(services);
    const operator = await createUser(services, tenant.slug, 'operator');
    const url = '/api/v1/preferences/sessions.columns';
    expect((await app.inject({ method: 'GET', url, headers: bearer(operator) })).json()).toEqual({
      key: 'sessions.columns',
      value: null,
      updatedAt: null,
    });
    const value = { order: ['id', 'createdAt', 'param.orderId'], widths: { id: 80 } };
    const saved = await app.inject({ method: 'PUT', url, headers: bearer(operator), payload: { value } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await app.inject({ method: 'GET', url, headers: bearer(operator) })).json()).toMatchObject({
      value,
    });
    await app.inject({ method: 'PUT', url, headers: bearer(operator), payload: { value: ['id'] } });
    expect((await app.inject({ method: 'GET', url, headers: bearer(operator) })).json()).toMatchObject({
      value: ['id'],
    });
    expect((await app.inject({ method: 'GET', url, headers: bearer(tenant.admin) })).json()).toMatchObject({
      value: null,
    });
  });

  it('refuses API keys that act for no user, oversize values and bad keys', async () => {
    const tenant = await createTenant(services);
    const key = await services.apiKeys.create(
      { tenantId: tenant.id, userId: null, apiKeyId: null },
      { name: 'x', role: 'admin' },
    );
    const headers = { authorization: `Bearer ${key.key}` };
    const noUser = await app.inject({ method: 'GET', url: '/api/v1/preferences/a', headers });
    expect(noUser.statusCode).toBe(403);
    expect(noUser.json<{ message: string }>().message).toContain('no user');

    const url = '/api/v1/preferences/big';
    const big = await app.inject({
      method: 'PUT',
      url,
      headers: bearer(tenant.admin),
      payload: { value: 'x'.repeat(64 * 1024) },
    });
    expect(big.statusCode).toBe(400);
    const huge = await app.inject({
      method: 'PUT',
      url,
      headers: bearer(tenant.admin),
      payload: { value: 'x'.repeat(200_000) },
    });
    expect(huge.statusCode).toBe(413);
    const missing = await app.inject({ method: 'PUT', url, headers: bearer(tenant.admin), payload: {} });
    expect(missing.statusCode).toBe(400);
    const badKey = await app.inject({
      method: 'GET',
      url: '/api/v1/preferences/a%20b',
      headers: bearer(tenant.admin),
    });
    expect(badKey.statusCode).toBe(400);
  });
});
