import { expect } from 'vitest';
import { bearer } from '../factories';
import type { IsolationCases, IsolationContext } from '../isolation-cases';

async function saveForB({ app, b }: IsolationContext) {
  const response = await app.inject({
    method: 'PUT',
    url: '/api/v1/preferences/sessions.columns',
    headers: bearer(b.admin),
    payload: { value: ['b-secret-column'] },
  });
  expect(response.statusCode).toBe(200);
}

/** Tenant isolation of the preferences routes: each user has their own. */
export const preferenceIsolationCases: IsolationCases = {
  'GET /api/v1/preferences/:key': async (ctx) => {
    await saveForB(ctx);
    const response = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/preferences/sessions.columns',
      headers: bearer(ctx.a.admin),
    });
    expect(response.json()).toMatchObject({ value: null });
  },

  'PUT /api/v1/preferences/:key': async (ctx) => {
    await saveForB(ctx);
    await ctx.app.inject({
      method: 'PUT',
      url: '/api/v1/preferences/sessions.columns',
      headers: bearer(ctx.a.admin),
      payload: { value: ['a'] },
    });
    const b = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/preferences/sessions.columns',
      headers: bearer(ctx.b.admin),
    });
    expect(b.json()).toMatchObject({ value: ['b-secret-column'] });
  },
};
