import { expect } from 'vitest';
import { bearer, createUser } from '../factories';
import type { IsolationCases } from '../isolation-cases';

/** Tenant isolation of the people routes. */
export const userIsolationCases: IsolationCases = {
  'GET /api/v1/users': async ({ app, a, b }) => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/users', headers: bearer(a.admin) });
    expect(response.statusCode).toBe(200);
    const ids = response.json<{ items: { id: string }[] }>().items.map((user) => user.id);
    expect(ids).toContain(a.admin.id);
    expect(ids).not.toContain(b.admin.id);
  },

  'POST /api/v1/users': async ({ app, services, a, b }) => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: bearer(a.admin),
      payload: { email: b.admin.email, name: 'Same e-mail', role: 'operator' },
    });
    // B's e-mail is free in A: a new user of A, B untouched.
    expect(response.statusCode).toBe(201);
    const inB = await services.db
      .selectFrom('users')
      .select('id')
      .where('tenant_id', '=', b.id)
      .where('email', '=', b.admin.email)
      .execute();
    expect(inB).toEqual([{ id: b.admin.id }]);
  },

  'GET /api/v1/users/:id': async ({ app, a, b }) => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/users/${b.admin.id}`,
      headers: bearer(a.admin),
    });
    expect(response.statusCode).toBe(404);
  },

  'PATCH /api/v1/users/:id': async ({ app, services, a, b }) => {
    const bOperator = await createUser(services, b.slug, 'operator');
    const response = await app.inject({
      method: 'PATCH',
      url: `/api/v1/users/${bOperator.id}`,
      headers: bearer(a.admin),
      payload: { active: false, role: 'admin' },
    });
    expect(response.statusCode).toBe(404);
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(bOperator) })).json(),
    ).toMatchObject({ user: { role: 'operator' } });
  },

  'POST /api/v1/users/:id/reset-password': async ({ app, a, b }) => {
    const response = await app.inject({
      method: 'POST',
      url: `/api/v1/users/${b.admin.id}/reset-password`,
      headers: bearer(a.admin),
    });
    expect(response.statusCode).toBe(404);
  },

  'POST /api/v1/me/password': async ({ app, a, b }) => {
    // Changes the caller's own password only: B's admin still signs in with theirs.
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      headers: bearer(a.admin),
      payload: { currentPassword: 'correct horse battery', newPassword: 'another long secret' },
    });
    expect(response.statusCode).toBe(204);
    const login = await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { tenant: b.slug, email: b.admin.email, password: 'correct horse battery' },
    });
    expect(login.statusCode).toBe(200);
  },
};
