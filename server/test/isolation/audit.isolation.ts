import { expect } from 'vitest';
import { recordAudit } from '../../modules/audit/audit.repository';
import { bearer } from '../factories';
import type { IsolationCases } from '../isolation-cases';

/** Tenant isolation of the audit log: B's events never show in A's list, actions or export. */
async function marked(ctx: Parameters<IsolationCases[string]>[0]) {
  await recordAudit(
    ctx.services.db,
    { tenantId: ctx.b.id, userId: ctx.b.admin.id, apiKeyId: null },
    { action: 'secret.of_b', objectType: 'session', objectId: 'b-only' },
  );
}

export const auditIsolationCases: IsolationCases = {
  'GET /api/v1/audit-events': async (ctx) => {
    await marked(ctx);
    const response = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/audit-events?actor=${ctx.b.admin.id}`,
      headers: bearer(ctx.a.admin),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ items: [], nextCursor: null });
    const all = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/audit-events',
      headers: bearer(ctx.a.admin),
    });
    expect(all.body).not.toContain('secret.of_b');
  },

  'GET /api/v1/audit-events/actions': async (ctx) => {
    await marked(ctx);
    const response = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/audit-events/actions',
      headers: bearer(ctx.a.admin),
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('secret.of_b');
  },

  'GET /api/v1/audit-events/export.csv': async (ctx) => {
    await marked(ctx);
    const response = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/audit-events/export.csv',
      headers: bearer(ctx.a.admin),
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('secret.of_b');
    expect(response.body).not.toContain('b-only');
  },
};
