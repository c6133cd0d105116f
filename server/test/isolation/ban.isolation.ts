import { expect } from 'vitest';
import { bearer } from '../factories';
import type { IsolationCases, IsolationContext } from '../isolation-cases';
import { insertSession } from '../session-fixtures';

/** A ban of tenant B, made through B's own API, naming a visitor id only B knows. */
async function bBan(ctx: IsolationContext) {
  const response = await ctx.app.inject({
    method: 'POST',
    url: '/api/v1/bans',
    headers: bearer(ctx.b.admin),
    payload: {
      channel: 'webchat',
      identities: [{ kind: 'visitorId', value: 'b-secret-visitor' }],
      reason: 'B only',
      expiresAt: null,
    },
  });
  expect(response.statusCode).toBe(201);
  return response.json<{ id: string }>().id;
}

/** Tenant isolation of bans: B's bans are never listed, read or lifted from A; B's sessions are 404. */
export const banIsolationCases: IsolationCases = {
  'POST /api/v1/bans': async (ctx) => {
    const sessionId = await insertSession(ctx.services, ctx.b.id, { channel: 'webchat' });
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/bans',
      headers: bearer(ctx.a.admin),
      payload: {
        channel: 'webchat',
        identities: [{ kind: 'visitorId', value: 'v-1' }],
        reason: 'x',
        expiresAt: null,
        sessionId,
      },
    });
    expect(response.statusCode).toBe(404);
  },
  'GET /api/v1/bans': async (ctx) => {
    await bBan(ctx);
    const response = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/bans',
      headers: bearer(ctx.a.admin),
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('b-secret-visitor');
  },
  'GET /api/v1/bans/:id': async (ctx) => {
    const id = await bBan(ctx);
    const response = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/bans/${id}`,
      headers: bearer(ctx.a.admin),
    });
    expect(response.statusCode).toBe(404);
  },
  'POST /api/v1/bans/:id/lift': async (ctx) => {
    const id = await bBan(ctx);
    const response = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/bans/${id}/lift`,
      headers: bearer(ctx.a.admin),
      payload: { reason: 'not mine' },
    });
    expect(response.statusCode).toBe(404);
    const row = await ctx.services.db
      .selectFrom('bans')
      .select('lifted_at')
      .where('tenant_id', '=', ctx.b.id)
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row.lifted_at).toBeNull();
  },
  'GET /api/v1/sessions/:id/client-identities': async (ctx) => {
    const sessionId = await insertSession(ctx.services, ctx.b.id, { channel: 'webchat' });
    const response = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/sessions/${sessionId}/client-identities`,
      headers: bearer(ctx.a.admin),
    });
    expect(response.statusCode).toBe(404);
  },
};
