import { expect } from 'vitest';
import { adminPrincipal, bearer, type TestTenant } from '../factories';
import type { IsolationCases, IsolationContext } from '../isolation-cases';
import { insertSession } from '../session-fixtures';

/** Tenant isolation of the export routes: A's exports never carry B's sessions or reach B's jobs. */

async function sessionOfB({ services, b }: IsolationContext): Promise<string> {
  return insertSession(services, b.id, { clientName: 'Tajný klient B' }, [
    { sender: 'client', text: 'tajemství B' },
  ]);
}

async function jobOfB({ services, b }: IsolationContext): Promise<string> {
  await sessionOfB({ services, b } as IsolationContext);
  const job = await services.exports.startJob(adminPrincipal(b), {
    format: 'csv',
    query: {},
    lang: 'cs',
    timeZone: 'UTC',
    separator: 'semicolon',
    transcript: false,
  });
  await services.exports.runJob(b.id, job.id);
  return job.id;
}

/**
 * Runs a queued export the way the job queue's worker would (these apps start no worker), then
 * checks it finished.
 */
async function waitDone(ctx: IsolationContext, tenant: TestTenant, id: string): Promise<void> {
  await ctx.services.exports.runJob(tenant.id, id);
  const job = await ctx.services.exports.getJob(adminPrincipal(tenant), id);
  expect(job.state).toBe('done');
}

export const exportIsolationCases: IsolationCases = {
  'GET /api/v1/sessions/export.csv': async (ctx) => {
    const id = await sessionOfB(ctx);
    const response = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/sessions/export.csv?columns=id,clientName&transcript=true',
      headers: bearer(ctx.a.admin),
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('Tajný klient B');
    expect(response.body).not.toContain('tajemství B');
    expect(response.body.split('\r\n').map((line) => line.split(';')[0])).not.toContain(id);
  },

  'GET /api/v1/sessions/export.html': async (ctx) => {
    await sessionOfB(ctx);
    const response = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/sessions/export.html',
      headers: bearer(ctx.a.admin),
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('Tajný klient B');
    expect(response.body).not.toContain('tajemství B');
  },

  'POST /api/v1/exports': async (ctx) => {
    await sessionOfB(ctx);
    const created = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/exports',
      headers: bearer(ctx.a.admin),
      payload: { format: 'html', query: '' },
    });
    expect(created.statusCode).toBe(202);
    const id = created.json<{ id: string }>().id;
    await waitDone(ctx, ctx.a, id);
    const file = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/exports/${id}/file`,
      headers: bearer(ctx.a.admin),
    });
    expect(file.statusCode).toBe(200);
    expect(file.body).not.toContain('tajemství B');
    const jobs = await ctx.services.db
      .selectFrom('export_jobs')
      .select('id')
      .where('tenant_id', '=', ctx.b.id)
      .execute();
    expect(jobs.map((job) => job.id)).not.toContain(id);
  },

  'GET /api/v1/exports': async (ctx) => {
    const id = await jobOfB(ctx);
    const response = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/exports',
      headers: bearer(ctx.a.admin),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json<{ items: { id: string }[] }>().items.map((item) => item.id)).not.toContain(id);
  },

  'GET /api/v1/exports/:id': async (ctx) => {
    const id = await jobOfB(ctx);
    const response = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/exports/${id}`,
      headers: bearer(ctx.a.admin),
    });
    expect(response.statusCode).toBe(404);
  },

  'GET /api/v1/exports/:id/file': async (ctx) => {
    const id = await jobOfB(ctx);
    await waitDone(ctx, ctx.b, id);
    const response = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/exports/${id}/file`,
      headers: bearer(ctx.a.admin),
    });
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain('Tajný klient B');
  },

  'DELETE /api/v1/exports/:id': async (ctx) => {
    const id = await jobOfB(ctx);
    const response = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/v1/exports/${id}`,
      headers: bearer(ctx.a.admin),
    });
    expect(response.statusCode).toBe(404);
    const still = await ctx.services.exports.getJob(adminPrincipal(ctx.b), id);
    expect(still.id).toBe(id);
  },
};
