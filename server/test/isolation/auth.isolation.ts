import { expect } from 'vitest';
import { bearer, TEST_PASSWORD } from '../factories';
import type { IsolationCases } from '../isolation-cases';

/** Tenant isolation of the auth routes (see server/test/isolation-cases.ts). */
export const authIsolationCases: IsolationCases = {
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
};
