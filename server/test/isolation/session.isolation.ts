import { expect } from 'vitest';
import { bearer } from '../factories';
import type { IsolationCases, IsolationContext } from '../isolation-cases';
import { insertSession } from '../session-fixtures';

/** A session of tenant B with a distinctive transcript and parameter. */
async function foreignSession({ services, b }: IsolationContext): Promise<string> {
  return insertSession(
    services,
    b.id,
    { clientName: 'Cizí Klient', params: { secretParam: 'tajné' }, tags: ['b-only'] },
    [{ sender: 'client', text: 'tajnaobjednavka' }],
  );
}

/** Tenant isolation of the sessions routes (see server/test/isolation-cases.ts). */
export const sessionIsolationCases: IsolationCases = {
  'GET /api/v1/sessions/columns': async (ctx) => {
    await foreignSession(ctx);
    const response = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/sessions/columns',
      headers: bearer(ctx.a.admin),
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('secretParam');
  },

  'GET /api/v1/sessions': async (ctx) => {
    const id = await foreignSession(ctx);
    const queries: Record<string, string>[] = [
      {},
      { q: 'tajnaobjednavka' },
      { id },
      { tags: 'b-only' },
      { 'param.secretParam': 'tajné' },
    ];
    for (const query of queries) {
      const response = await ctx.app.inject({
        method: 'GET',
        url: '/api/v1/sessions',
        query,
        headers: bearer(ctx.a.admin),
      });
      expect(response.statusCode).toBe(200);
      expect(response.json<{ items: unknown[]; total: number }>()).toMatchObject({ items: [], total: 0 });
    }
  },

  'GET /api/v1/sessions/count': async (ctx) => {
    const id = await foreignSession(ctx);
    const queries: Record<string, string>[] = [{}, { q: 'tajnaobjednavka' }, { id }, { tags: 'b-only' }];
    for (const query of queries) {
      const response = await ctx.app.inject({
        method: 'GET',
        url: '/api/v1/sessions/count',
        query,
        headers: bearer(ctx.a.admin),
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ total: 0, totalIsEstimate: false });
    }
  },

  'GET /api/v1/sessions/facets/:column': async (ctx) => {
    await foreignSession(ctx);
    for (const column of ['tags', 'param.secretParam', 'channel']) {
      const response = await ctx.app.inject({
        method: 'GET',
        url: `/api/v1/sessions/facets/${column}`,
        headers: bearer(ctx.a.admin),
      });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ values: [], truncated: false, countsAreEstimates: false });
    }
  },

  'GET /api/v1/sessions/:id': async (ctx) => {
    const id = await foreignSession(ctx);
    const response = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/sessions/${id}`,
      headers: bearer(ctx.a.admin),
    });
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain('Cizí');
  },

  'GET /api/v1/sessions/:id/transcript': async (ctx) => {
    const id = await foreignSession(ctx);
    const response = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/sessions/${id}/transcript`,
      headers: bearer(ctx.a.admin),
    });
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain('tajna');
  },
};
