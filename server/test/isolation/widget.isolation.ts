import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import { bearer } from '../factories';
import type { IsolationCases } from '../isolation-cases';

async function bWidget(ctx: Parameters<IsolationCases[string]>[0]) {
  const key = `wk_${randomBytes(16).toString('hex')}`;
  const row = await ctx.services.db
    .insertInto('widgets')
    .values({ tenant_id: ctx.b.id, name: 'B widget', public_key: key })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, key };
}

/** Tenant isolation of web chat widgets: B's keys are never shown, changed or rotated from A. */
export const widgetIsolationCases: IsolationCases = {
  'GET /api/v1/widgets': async (ctx) => {
    const widget = await bWidget(ctx);
    const response = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/widgets',
      headers: bearer(ctx.a.admin),
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain(widget.key);
  },
  'POST /api/v1/widgets': async (ctx) => {
    await bWidget(ctx);
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/widgets',
      headers: bearer(ctx.a.admin),
      payload: { name: 'B widget' },
    });
    expect(response.statusCode).toBe(201);
  },
  'PATCH /api/v1/widgets/:id': async (ctx) => {
    const widget = await bWidget(ctx);
    const response = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/widgets/${widget.id}`,
      headers: bearer(ctx.a.admin),
      payload: { allowedOrigins: ['https://a.example'] },
    });
    expect(response.statusCode).toBe(404);
  },
  'POST /api/v1/widgets/:id/rotate-key': async (ctx) => {
    const widget = await bWidget(ctx);
    const response = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/widgets/${widget.id}/rotate-key`,
      headers: bearer(ctx.a.admin),
    });
    expect(response.statusCode).toBe(404);
    const row = await ctx.services.db
      .selectFrom('widgets')
      .select('public_key')
      .where('tenant_id', '=', ctx.b.id)
      .where('id', '=', widget.id)
      .executeTakeFirstOrThrow();
    expect(row.public_key).toBe(widget.key);
  },
};
