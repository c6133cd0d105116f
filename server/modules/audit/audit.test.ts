import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { bearer, createTenant, createUser, type TestTenant, type TestUser } from '../../test/factories';
import { useTestApp } from '../../test/harness';
import { parseCsv } from '../../test/spreadsheet';
import { recordAudit } from './audit.repository';

interface Page {
  items: { id: string; action: string; actor: { kind: string; id: string | null; name: string | null } }[];
  nextCursor: string | null;
}

describe('audit log', async () => {
  const { app, services } = await useTestApp();
  const db = services.db;

  const list = async (user: TestUser, query = '') => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/audit-events${query}`,
      headers: bearer(user),
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<Page>();
  };

  /** A tenant with `count` events of its own, `at` spread one minute apart into the past. */
  async function tenantWithEvents(count: number): Promise<TestTenant> {
    const tenant = await createTenant(services);
    for (let i = 0; i < count; i++) {
      await db
        .insertInto('audit_events')
        .values({
          tenant_id: tenant.id,
          actor_user_id: tenant.admin.id,
          action: i % 2 === 0 ? 'note.create' : 'session.transcript_view',
          object_type: 'session',
          object_id: String(1000 + i),
          at: sql<Date>`now() - make_interval(mins => ${i})`,
          data: JSON.stringify({ i }),
        })
        .execute();
    }
    return tenant;
  }

  it('pages newest first by keyset, every event exactly once, with actor names', async () => {
    const tenant = await tenantWithEvents(25);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: Page = await list(tenant.admin, `?limit=7${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...page.items.map((item) => item.id));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    const all = await db
      .selectFrom('audit_events')
      .select('id')
      .where('tenant_id', '=', tenant.id)
      .orderBy('at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    expect(seen).toEqual(all.map((row) => row.id));
    expect(pages).toBe(Math.ceil(all.length / 7));
    const first = await list(tenant.admin, '?limit=1');
    expect(first.items[0]?.actor).toMatchObject({ kind: 'user', id: tenant.admin.id });
  });

  it('filters by actor, action (exact and prefix), object and time', async () => {
    const tenant = await tenantWithEvents(10);
    const other = await createUser(services, tenant.slug, 'supervisor');
    await recordAudit(
      db,
      { tenantId: tenant.id, userId: other.id, apiKeyId: null },
      {
        action: 'export.csv',
        objectType: 'export',
      },
    );
    expect((await list(tenant.admin, `?actor=${other.id}`)).items.map((item) => item.action)).toEqual([
      'export.csv',
      // The factory made the supervisor's API key in their name.
      'api_key.create',
    ]);
    const notes = await list(tenant.admin, '?action=note.create');
    expect(notes.items).toHaveLength(5);
    const sessionEvents = await list(tenant.admin, '?action=session.*,export.csv');
    expect(new Set(sessionEvents.items.map((item) => item.action))).toEqual(
      new Set(['session.transcript_view', 'export.csv']),
    );
    expect((await list(tenant.admin, '?objectType=session&objectId=1003')).items).toHaveLength(1);
    const from = new Date(Date.now() - 4.5 * 60_000).toISOString();
    const recent = await list(tenant.admin, `?from=${encodeURIComponent(from)}&objectType=session`);
    expect(recent.items.map((item) => item.action)).toHaveLength(5);
    const to = new Date(Date.now() - 7.5 * 60_000).toISOString();
    expect((await list(tenant.admin, `?to=${encodeURIComponent(to)}`)).items).toHaveLength(2);
    const actions = await app.inject({
      method: 'GET',
      url: '/api/v1/audit-events/actions',
      headers: bearer(tenant.admin),
    });
    expect(actions.json()).toEqual({
      items: ['api_key.create', 'export.csv', 'note.create', 'session.transcript_view'],
    });
  });

  it('refuses bad filters and cursors with 400, and is for admins only', async () => {
    const tenant = await tenantWithEvents(1);
    for (const query of [
      '?cursor=garbage!',
      `?cursor=${Buffer.from('["x","1"]').toString('base64url')}`,
      '?action=DROP TABLE',
      '?from=yesterday',
      '?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z',
      '?limit=0',
      '?actor=abc',
    ]) {
      const response = await app.inject({
        method: 'GET',
        url: `/api/v1/audit-events${query}`,
        headers: bearer(tenant.admin),
      });
      expect(response.statusCode, query).toBe(400);
      expect(response.json()).toMatchObject({ code: 'validation_failed' });
    }
    const supervisor = await createUser(services, tenant.slug, 'supervisor');
    expect(
      (await app.inject({ method: 'GET', url: '/api/v1/audit-events', headers: bearer(supervisor) }))
        .statusCode,
    ).toBe(403);
  });

  it('exports the filtered log as formula-safe CSV and audits the export', async () => {
    const tenant = await createTenant(services);
    await recordAudit(
      db,
      { tenantId: tenant.id, userId: tenant.admin.id, apiKeyId: null },
      {
        action: 'note.create',
        objectType: 'session',
        objectId: '=HYPERLINK("http://evil")',
        data: { text: 'Příliš žluťoučký kůň' },
      },
    );
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/audit-events/export.csv?action=note.*&lang=en',
      headers: bearer(tenant.admin),
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    expect(response.body.startsWith('\ufeff')).toBe(true);
    const rows = parseCsv(response.body.slice(1), ';');
    expect(rows[0]).toEqual(['Time', 'Actor', 'Action', 'Object type', 'Object ID', 'IP address', 'Details']);
    expect(rows).toHaveLength(2);
    expect(rows[1]?.[2]).toBe('note.create');
    expect(rows[1]?.[4]).toBe(`'=HYPERLINK("http://evil")`);
    expect(rows[1]?.[6]).toContain('Příliš žluťoučký kůň');
    expect(rows[1]?.[0]).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect((await list(tenant.admin, '?action=audit.export')).items).toHaveLength(1);
  });

  it('records failed sign-ins of known accounts', async () => {
    const tenant = await createTenant(services);
    await app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { tenant: tenant.slug, email: tenant.admin.email, password: 'not the password' },
    });
    const failed = await list(tenant.admin, '?action=auth.login_failed');
    expect(failed.items).toMatchObject([{ action: 'auth.login_failed', actor: { kind: 'system' } }]);
  });

  describe('append-only', () => {
    it('no route changes or removes an event', () => {
      const writes = app.apiRoutes.filter(
        (route) => route.url.startsWith('/api/v1/audit-events') && route.method !== 'GET',
      );
      expect(writes).toEqual([]);
    });

    it('the database refuses UPDATE, DELETE and TRUNCATE, even a DELETE claiming to be the purge of a recent event', async () => {
      const tenant = await tenantWithEvents(2);
      const refused = (promise: Promise<unknown>) => expect(promise).rejects.toThrow(/append-only/);
      await refused(
        db.updateTable('audit_events').set({ action: 'forged' }).where('tenant_id', '=', tenant.id).execute(),
      );
      await refused(db.deleteFrom('audit_events').where('tenant_id', '=', tenant.id).execute());
      await refused(sql`TRUNCATE audit_events`.execute(db));
      await refused(
        db.transaction().execute(async (trx) => {
          await sql`SET LOCAL sessiondesk.audit_purge = 'on'`.execute(trx);
          await trx.deleteFrom('audit_events').where('tenant_id', '=', tenant.id).execute();
        }),
      );
      const left = await db
        .selectFrom('audit_events')
        .select('action')
        .where('tenant_id', '=', tenant.id)
        .where('object_type', '=', 'session')
        .execute();
      expect(left).toHaveLength(2);
      expect(left.map((row) => row.action)).not.toContain('forged');
    });

    it("the purge removes only what is past each tenant's retention", async () => {
      const short = await createTenant(services);
      const long = await createTenant(services);
      await services.settings.update(short.id, { auditRetentionDays: 30 });
      for (const tenant of [short, long]) {
        for (const days of [1, 40, 400]) {
          await db
            .insertInto('audit_events')
            .values({
              tenant_id: tenant.id,
              action: `age.${days}`,
              at: sql<Date>`now() - make_interval(days => ${days})`,
            })
            .execute();
        }
      }
      await services.audit.purgeExpired();
      const ages = async (tenantId: string) =>
        (
          await db
            .selectFrom('audit_events')
            .select('action')
            .where('tenant_id', '=', tenantId)
            .where('action', 'like', 'age.%')
            .orderBy('action')
            .execute()
        ).map((row) => row.action);
      expect(await ages(short.id)).toEqual(['age.1']);
      expect(await ages(long.id)).toEqual(['age.1', 'age.40']);
    });

    it('a deleted tenant takes its log with it', async () => {
      const tenant = await tenantWithEvents(3);
      await db.deleteFrom('tenants').where('id', '=', tenant.id).execute();
      const left = await db
        .selectFrom('audit_events')
        .select('id')
        .where('tenant_id', '=', tenant.id)
        .execute();
      expect(left).toEqual([]);
    });
  });
});
