import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { sql } from 'kysely';
import { adminPrincipal, bearer, createTenant, createUser, type TestTenant } from '../../test/factories';
import { useTestApp } from '../../test/harness';
import { insertSession } from '../../test/session-fixtures';

const { app, services, config } = await useTestApp();

/** A background export that a worker took and that got 7,600 of 40,000 sessions into its partial file. */
async function runningJob(tenant: TestTenant, heartbeatAgo = '0 seconds') {
  const job = await services.exports.startJob(adminPrincipal(tenant), {
    format: 'csv',
    query: {},
    lang: 'en',
    timeZone: 'UTC',
    separator: 'comma',
    transcript: false,
  });
  await sql`
    UPDATE export_jobs SET state = 'running', progress = 7600, total = 40000, started_at = now(),
      heartbeat_at = now() - ${heartbeatAgo}::interval
    WHERE tenant_id = ${tenant.id} AND id = ${job.id}`.execute(services.db);
  const partial = path.join(config.dataDir, 'exports', tenant.id, `${job.id}.csv.part`);
  fs.mkdirSync(path.dirname(partial), { recursive: true });
  fs.writeFileSync(partial, 'id\r\n1\r\n');
  return { id: job.id, partial };
}

async function stateOf(tenant: TestTenant, id: string) {
  const row = await services.db
    .selectFrom('export_jobs')
    .select(['state', 'error'])
    .where('tenant_id', '=', tenant.id)
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  return row;
}

describe('background exports survive a crash of their worker (issue #13, finding 4)', () => {
  it('a running export whose worker stopped beating is failed within a minute, its partial file removed', async () => {
    const tenant = await createTenant(services);
    const job = await runningJob(tenant);
    // 30 s later the worker may just be busy: still running.
    await services.exports.failStaleJobs(new Date(Date.now() + 30_000));
    expect((await stateOf(tenant, job.id)).state).toBe('running');
    expect(fs.existsSync(job.partial)).toBe(true);
    // A minute after its last heartbeat, it is failed with a reason, and its partial file is gone.
    await services.exports.failStaleJobs(new Date(Date.now() + 60_000));
    expect(await stateOf(tenant, job.id)).toEqual({
      state: 'failed',
      error: 'The export stopped when the server running it stopped; start it again.',
    });
    expect(fs.existsSync(job.partial)).toBe(false);
  });

  it('a server starting after a crash settles what the dead worker left running', async () => {
    const tenant = await createTenant(services);
    const job = await runningJob(tenant, '2 minutes');
    await services.liveRuntime.start({
      connection: { connectionString: inject('databaseUrl') },
      log: { warn: () => {} },
    });
    try {
      expect((await stateOf(tenant, job.id)).state).toBe('failed');
      expect(fs.existsSync(job.partial)).toBe(false);
    } finally {
      await services.liveRuntime.stop();
    }
  });

  it('canceling a running export removes its partial file at once', async () => {
    const tenant = await createTenant(services);
    const job = await runningJob(tenant);
    const response = await app.inject({
      method: 'DELETE',
      url: `/api/v1/exports/${job.id}`,
      headers: bearer(tenant.admin),
    });
    expect(response.json()).toEqual({ id: job.id, deleted: false });
    expect((await stateOf(tenant, job.id)).state).toBe('canceled');
    expect(fs.existsSync(job.partial)).toBe(false);
  });
});

describe('export requests', () => {
  it('an operator key acting for no user cannot start an export it could never see (finding 8)', async () => {
    const tenant = await createTenant(services);
    const key = await services.apiKeys.create(
      { tenantId: tenant.id, userId: null, apiKeyId: null },
      { name: 'integration', role: 'operator' },
    );
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/exports',
      headers: { authorization: `Bearer ${key.key}` },
      payload: { format: 'csv' },
    });
    expect(response.statusCode, response.body).toBe(403);
    expect(response.json()).toMatchObject({ code: 'auth.forbidden' });
    const jobs = await services.db
      .selectFrom('export_jobs')
      .select('id')
      .where('tenant_id', '=', tenant.id)
      .execute();
    expect(jobs).toEqual([]);
    // An operator key acting for a user still can.
    const operator = await createUser(services, tenant.slug, 'operator');
    const own = await app.inject({
      method: 'POST',
      url: '/api/v1/exports',
      headers: bearer(operator),
      payload: { format: 'csv' },
    });
    expect(own.statusCode, own.body).toBe(202);
  });

  it('a parameter whose name holds a comma can be named in columns= (finding 10)', async () => {
    const tenant = await createTenant(services);
    await insertSession(services, tenant.id, { params: { 'a,b': 'comma', 'c\\d': 'backslash' } });
    for (const columns of [
      encodeURIComponent('id,param.a\\,b,param.c\\\\d'),
      `id&columns=${encodeURIComponent('param.a,b')}&columns=${encodeURIComponent('param.c\\d')}`,
    ]) {
      const response = await app.inject({
        method: 'GET',
        url: `/api/v1/sessions/export.csv?lang=en&separator=comma&columns=${columns}`,
        headers: bearer(tenant.admin),
      });
      expect(response.statusCode, response.body).toBe(200);
      const [header, row] = response.body.replace(/^\uFEFF/, '').split('\r\n');
      expect(header).toBe('ID,"a,b",c\\d');
      expect(row).toMatch(/^\d+,comma,backslash$/);
    }
  });
});
