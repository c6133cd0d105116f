import { expect } from 'vitest';
import { bearer } from '../factories';
import type { IsolationCases } from '../isolation-cases';

/** Tenant isolation of the API key routes. */
export const apiKeyIsolationCases: IsolationCases = {
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
