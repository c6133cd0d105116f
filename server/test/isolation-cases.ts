import { expect } from 'vitest';
import type { App } from '../platform/http/types';
import type { Services } from '../services';
import { bearer, TEST_PASSWORD, type TestTenant } from './factories';

export interface IsolationContext {
  app: App;
  services: Services;
  /** The caller's tenant. */
  a: TestTenant;
  /** Another tenant whose data must stay out of reach. */
  b: TestTenant;
}

/**
 * For every API route: the caller of tenant A aims at tenant B's data and must neither see nor change
 * it. The access test fails when a route has no entry here, so a new route cannot skip this.
 */
export const isolationCases: Record<string, (ctx: IsolationContext) => Promise<void>> = {
  'POST /api/v1/auth/login': async ({ app, a, b }) => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { tenant: a.slug, email: b.admin.email, password: TEST_PASSWORD },
    });
    expect(response.statusCode).toBe(401);
  },

  'POST /api/v1/auth/logout': async ({ app, a, b }) => {
    expect(
      (await app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: bearer(a.admin) })).statusCode,
    ).toBe(204);
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(b.admin) })).statusCode,
    ).toBe(200);
  },

  'GET /api/v1/me': async ({ app, a, b }) => {
    const me = await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(a.admin) });
    expect(me.json()).toMatchObject({ tenant: { id: a.id } });
    expect(me.body).not.toContain(b.slug);
  },

  'GET /api/v1/api-keys': async ({ app, services, a, b }) => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/api-keys', headers: bearer(a.admin) });
    const ids = response.json<{ items: { id: string }[] }>().items.map((key) => key.id);
    const bKeys = await services.db
      .selectFrom('api_keys')
      .select('id')
      .where('tenant_id', '=', b.id)
      .execute();
    expect(bKeys.length).toBeGreaterThan(0);
    for (const key of bKeys) expect(ids).not.toContain(key.id);
  },

  'POST /api/v1/api-keys': async ({ app, a }) => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: bearer(a.admin),
      payload: { name: 'x', role: 'admin' },
    });
    const me = await app.inject({
      method: 'GET',
      url: '/api/v1/me',
      headers: { authorization: `Bearer ${created.json<{ key: string }>().key}` },
    });
    expect(me.json()).toMatchObject({ tenant: { id: a.id } });
  },

  'DELETE /api/v1/api-keys/:id': async ({ app, services, a, b }) => {
    const bKey = await services.db
      .selectFrom('api_keys')
      .select('id')
      .where('tenant_id', '=', b.id)
      .executeTakeFirstOrThrow();
    const response = await app.inject({
      method: 'DELETE',
      url: `/api/v1/api-keys/${bKey.id}`,
      headers: bearer(a.admin),
    });
    expect(response.statusCode).toBe(404);
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(b.admin) })).statusCode,
    ).toBe(200);
  },
};
