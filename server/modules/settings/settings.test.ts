import { afterAll, describe, expect, it } from 'vitest';
import { bearer, createTenant, createUser, type TestUser } from '../../test/factories';
import { startTestApp, useTestApp } from '../../test/harness';
import { eventually } from '../../test/live-kit';

describe('tenant settings', async () => {
  const { app, services } = await useTestApp();

  const get = (user: TestUser) =>
    app.inject({ method: 'GET', url: '/api/v1/settings', headers: bearer(user) });
  const patch = (user: TestUser, payload: object) =>
    app.inject({ method: 'PATCH', url: '/api/v1/settings', headers: bearer(user), payload });
  const settingsAudit = (tenantId: string) =>
    services.db
      .selectFrom('audit_events')
      .select(['action', 'data', 'actor_user_id'])
      .where('tenant_id', '=', tenantId)
      .where('action', '=', 'settings.update')
      .orderBy('id')
      .execute();

  it('answers the defaults of a new tenant', async () => {
    const tenant = await createTenant(services);
    const response = await get(tenant.admin);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      operatorsSeeAllSessions: false,
      operatorsMayBan: false,
      recordingAv: false,
      recordingPhone: false,
      recordingRetentionDays: 365,
      fileRetentionDays: 730,
      exportSeparator: 'semicolon',
      timeZone: 'Europe/Prague',
      auditRetentionDays: 365,
    });
  });

  it('changes settings, audited with only the changed values before and after', async () => {
    const tenant = await createTenant(services);
    const response = await patch(tenant.admin, {
      recordingAv: true,
      operatorsMayBan: true,
      recordingRetentionDays: 30,
      fileRetentionDays: 90,
      timeZone: 'UTC',
      exportSeparator: 'comma',
      recordingPhone: false,
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      recordingAv: true,
      recordingPhone: false,
      operatorsMayBan: true,
      recordingRetentionDays: 30,
      timeZone: 'UTC',
      exportSeparator: 'comma',
    });
    expect((await get(tenant.admin)).json()).toMatchObject({ recordingAv: true, timeZone: 'UTC' });
    expect(await settingsAudit(tenant.id)).toEqual([
      {
        action: 'settings.update',
        actor_user_id: tenant.admin.id,
        data: {
          before: {
            recordingAv: false,
            operatorsMayBan: false,
            recordingRetentionDays: 365,
            fileRetentionDays: 730,
            timeZone: 'Europe/Prague',
            exportSeparator: 'semicolon',
          },
          after: {
            recordingAv: true,
            operatorsMayBan: true,
            recordingRetentionDays: 30,
            fileRetentionDays: 90,
            timeZone: 'UTC',
            exportSeparator: 'comma',
          },
        },
      },
    ]);
    // The same values again change nothing and write nothing.
    expect((await patch(tenant.admin, { recordingAv: true })).statusCode).toBe(200);
    expect(await settingsAudit(tenant.id)).toHaveLength(1);
  });

  it('refuses bad input with 400 and leaves the settings as they were', async () => {
    const tenant = await createTenant(services);
    for (const payload of [
      { recordingRetentionDays: 0 },
      { recordingRetentionDays: 1.5 },
      { auditRetentionDays: 7 },
      { exportSeparator: 'tab' },
      { timeZone: 'Mars/Olympus' },
      { recordingEnabled: true },
      { recordingAv: 'yes' },
    ]) {
      const response = await patch(tenant.admin, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json()).toMatchObject({ code: 'validation_failed' });
    }
    expect((await get(tenant.admin)).json()).toMatchObject({
      recordingRetentionDays: 365,
      timeZone: 'Europe/Prague',
    });
    expect(await settingsAudit(tenant.id)).toEqual([]);
  });

  it('lets supervisors read and only admins change', async () => {
    const tenant = await createTenant(services);
    const supervisor = await createUser(services, tenant.slug, 'supervisor');
    expect((await get(supervisor)).statusCode).toBe(200);
    const refused = await patch(supervisor, { operatorsSeeAllSessions: true });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ code: 'auth.forbidden' });
    expect((await get(tenant.admin)).json()).toMatchObject({ operatorsSeeAllSessions: false });
  });

  it('is what the features read: recordings tab, me, export separator and time zone', async () => {
    const tenant = await createTenant(services);
    const me = async () =>
      (await app.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(tenant.admin) })).json<{
        settings: Record<string, unknown>;
      }>().settings;
    expect(await me()).toMatchObject({ recordingAv: false, recordingPhone: false });
    const header = async () =>
      (
        await app.inject({
          method: 'GET',
          url: '/api/v1/sessions/export.csv?columns=id,createdAt&lang=en',
          headers: bearer(tenant.admin),
        })
      ).body;
    expect(await header()).toContain('ID;Created (Europe/Prague)');
    await patch(tenant.admin, {
      recordingPhone: true,
      exportSeparator: 'comma',
      timeZone: 'America/New_York',
    });
    expect(await me()).toMatchObject({
      recordingAv: false,
      recordingPhone: true,
      timeZone: 'America/New_York',
    });
    expect(await header()).toContain('ID,Created (America/New_York)');
  });

  it('reaches another instance at once through NOTIFY, not after its cache expires', async () => {
    const other = await startTestApp({ live: {} });
    afterAll(() => other.stop());
    const tenant = await createTenant(services);
    // The other instance reads (and caches for 5 s) the settings before the change.
    expect((await other.services.settings.get(tenant.id)).operatorsSeeAllSessions).toBe(false);
    const started = Date.now();
    expect((await patch(tenant.admin, { operatorsSeeAllSessions: true })).statusCode).toBe(200);
    await eventually(async () => {
      expect((await other.services.settings.get(tenant.id)).operatorsSeeAllSessions).toBe(true);
    }, 2_000);
    expect(Date.now() - started).toBeLessThan(2_500);
  });
});
