import { describe, expect, it } from 'vitest';
import { bearer, createTenant, createUser, TEST_PASSWORD, type TestUser } from '../../test/factories';
import { useTestApp } from '../../test/harness';
import {
  addGroup,
  addOperator,
  addRule,
  createLiveTenant,
  pendingOffers,
  startChat,
} from '../../test/live-kit';

describe('users', async () => {
  const { app, services } = await useTestApp();

  const call = (user: TestUser, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    app.inject({ method, url, headers: bearer(user), ...(payload ? { payload } : {}) });
  const login = (tenant: string, email: string, password: string) =>
    app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { tenant, email, password } });
  const auditOf = (tenantId: string, objectId: string) =>
    services.db
      .selectFrom('audit_events')
      .select(['action', 'data', 'actor_user_id'])
      .where('tenant_id', '=', tenantId)
      .where('object_type', '=', 'user')
      .where('object_id', '=', objectId)
      // Failed sign-ins are about the user too; these tests look at changes made to them.
      .where('action', 'like', 'user.%')
      .orderBy('id')
      .execute();

  it('creates a user with a one-time password that signs in, and lists them with groups', async () => {
    const tenant = await createTenant(services);
    const group = await addGroup(services, tenant.id, { name: 'Podpora' });
    const created = await call(tenant.admin, 'POST', '/api/v1/users', {
      email: 'Jana.Nova@Example.com',
      name: 'Jana Nová',
      role: 'operator',
      languages: ['cs', 'en'],
      capacity: 4,
    });
    expect(created.statusCode, created.body).toBe(201);
    const body = created.json<{ id: string; email: string; password: string; active: boolean }>();
    expect(body).toMatchObject({
      email: 'jana.nova@example.com',
      role: 'operator',
      active: true,
      capacity: 4,
    });
    expect(body.password).toMatch(/^\w{4}-\w{4}-\w{4}-\w{4}$/);
    await services.db
      .insertInto('group_members')
      .values({ tenant_id: tenant.id, group_id: group, user_id: body.id, priority: 2 })
      .execute();

    expect((await login(tenant.slug, 'jana.nova@example.com', body.password)).statusCode).toBe(200);

    const list = await call(tenant.admin, 'GET', '/api/v1/users');
    expect(list.statusCode).toBe(200);
    expect(list.body).not.toContain(body.password);
    expect(list.body).not.toContain('scrypt');
    const jana = list.json<{ items: Record<string, unknown>[] }>().items.find((u) => u.id === body.id);
    expect(jana).toMatchObject({
      name: 'Jana Nová',
      languages: ['cs', 'en'],
      groups: [{ id: group, name: 'Podpora', priority: 2 }],
    });
    expect(jana?.lastLoginAt).toEqual(expect.any(String));
    const audit = await auditOf(tenant.id, body.id);
    expect(audit).toMatchObject([
      {
        action: 'user.create',
        actor_user_id: tenant.admin.id,
        data: { after: { email: 'jana.nova@example.com', role: 'operator' }, passwordGenerated: true },
      },
    ]);
    expect(JSON.stringify(audit)).not.toContain(body.password);
  });

  it('keeps a given password (returns none) and refuses a duplicate e-mail with 409', async () => {
    const tenant = await createTenant(services);
    const payload = {
      email: 'petr@example.com',
      name: 'Petr',
      role: 'supervisor',
      password: 'long enough pw',
    };
    const first = await call(tenant.admin, 'POST', '/api/v1/users', payload);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ password: null });
    const again = await call(tenant.admin, 'POST', '/api/v1/users', {
      ...payload,
      email: 'PETR@example.com',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'users.email_taken' });
    expect(again.json<{ message: string }>().message).toContain('petr@example.com');
    // Another tenant may use the same e-mail.
    const other = await createTenant(services);
    expect((await call(other.admin, 'POST', '/api/v1/users', payload)).statusCode).toBe(201);
  });

  it('answers bad input with 400 and a code', async () => {
    const tenant = await createTenant(services);
    for (const payload of [
      { email: 'not-an-email', name: 'X', role: 'operator' },
      { email: 'x@example.com', name: '', role: 'operator' },
      { email: 'x@example.com', name: 'X', role: 'owner' },
      { email: 'x@example.com', name: 'X', role: 'operator', password: 'short' },
      { email: 'x@example.com', name: 'X', role: 'operator', languages: ['not a language'] },
    ]) {
      const response = await call(tenant.admin, 'POST', '/api/v1/users', payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json()).toMatchObject({ code: 'validation_failed' });
    }
    const patch = await call(tenant.admin, 'PATCH', `/api/v1/users/${tenant.admin.id}`, { capacity: -1 });
    expect(patch.statusCode).toBe(400);
    const unknown = await call(tenant.admin, 'PATCH', `/api/v1/users/${tenant.admin.id}`, { password: 'x' });
    expect(unknown.statusCode).toBe(400);
    expect((await call(tenant.admin, 'PATCH', '/api/v1/users/999999999', { capacity: 2 })).statusCode).toBe(
      404,
    );
  });

  it('lets supervisors read people but not change them', async () => {
    const tenant = await createTenant(services);
    const supervisor = await createUser(services, tenant.slug, 'supervisor');
    expect((await call(supervisor, 'GET', '/api/v1/users')).statusCode).toBe(200);
    expect((await call(supervisor, 'GET', `/api/v1/users/${tenant.admin.id}`)).statusCode).toBe(200);
    const create = await call(supervisor, 'POST', '/api/v1/users', {
      email: 'a@b.cz',
      name: 'A',
      role: 'admin',
    });
    expect(create.statusCode).toBe(403);
    const patch = await call(supervisor, 'PATCH', `/api/v1/users/${supervisor.id}`, { role: 'admin' });
    expect(patch.statusCode).toBe(403);
  });

  it('changes role, capacity and languages, audited with before and after', async () => {
    const tenant = await createTenant(services);
    const operator = await createUser(services, tenant.slug, 'operator');
    const response = await call(tenant.admin, 'PATCH', `/api/v1/users/${operator.id}`, {
      role: 'supervisor',
      capacity: 7,
      languages: ['de'],
      name: 'Nové jméno',
    });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      role: 'supervisor',
      capacity: 7,
      languages: ['de'],
      name: 'Nové jméno',
    });
    const audit = await auditOf(tenant.id, operator.id);
    expect(audit.at(-1)).toMatchObject({
      action: 'user.update',
      data: {
        before: { role: 'operator', capacity: 3, languages: [] },
        after: { role: 'supervisor', capacity: 7, languages: ['de'], name: 'Nové jméno' },
      },
    });
    // A change to nothing is not an event.
    await call(tenant.admin, 'PATCH', `/api/v1/users/${operator.id}`, { capacity: 7 });
    expect((await auditOf(tenant.id, operator.id)).length).toBe(audit.length);
  });

  it('never loses the last active admin', async () => {
    const tenant = await createTenant(services);
    for (const patch of [{ role: 'operator' }, { active: false }]) {
      const response = await call(tenant.admin, 'PATCH', `/api/v1/users/${tenant.admin.id}`, patch);
      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({ code: 'users.last_admin' });
    }
    const second = await createUser(services, tenant.slug, 'admin');
    // Two demotions at once: exactly one succeeds.
    const results = await Promise.all([
      call(tenant.admin, 'PATCH', `/api/v1/users/${second.id}`, { role: 'operator' }),
      call(second, 'PATCH', `/api/v1/users/${tenant.admin.id}`, { role: 'operator' }),
    ]);
    expect(results.map((r) => r.statusCode).sort()).toEqual([200, 409]);
    const admins = await services.db
      .selectFrom('users')
      .select('id')
      .where('tenant_id', '=', tenant.id)
      .where('role', '=', 'admin')
      .where('disabled_at', 'is', null)
      .execute();
    expect(admins).toHaveLength(1);
  });

  it('deactivation stops sign-in, ends logins, stops API keys and offers; history stays', async () => {
    const tenant = await createLiveTenant(services);
    const group = await addGroup(services, tenant.id);
    await addRule(services, tenant.id, { groupId: group, fallback: true });
    const operator = await addOperator(services, tenant, { groups: [{ id: group }] });
    const loggedIn = await login(tenant.slug, operator.email, TEST_PASSWORD);
    const cookie = `sd_session=${loggedIn.cookies.find((c) => c.name === 'sd_session')?.value ?? ''}`;
    const first = await startChat(app, tenant.widgetKey);
    expect(await pendingOffers(services, tenant.id, first.sessionId)).toEqual([operator.id]);

    const response = await call(tenant.admin, 'PATCH', `/api/v1/users/${operator.id}`, { active: false });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ active: false, state: 'offline' });
    expect(response.json<{ deactivatedAt: string | null }>().deactivatedAt).not.toBeNull();

    expect((await login(tenant.slug, operator.email, TEST_PASSWORD)).statusCode).toBe(401);
    expect((await app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie } })).statusCode).toBe(
      401,
    );
    expect((await call(operator, 'GET', '/api/v1/me')).statusCode).toBe(401);
    // Their pending offer was handed on, and nothing new is offered to them.
    expect(await pendingOffers(services, tenant.id, first.sessionId)).toEqual([]);
    const second = await startChat(app, tenant.widgetKey);
    expect(await pendingOffers(services, tenant.id, second.sessionId)).toEqual([]);
    expect((await auditOf(tenant.id, operator.id)).at(-1)).toMatchObject({
      action: 'user.deactivate',
      data: { before: { active: true }, after: { active: false } },
    });
    // Still listed, marked; reactivation lets them in again.
    const listed = (await call(tenant.admin, 'GET', '/api/v1/users')).json<{ items: { id: string }[] }>();
    expect(listed.items.find((u) => u.id === operator.id)).toMatchObject({ active: false });
    expect(
      (await call(tenant.admin, 'PATCH', `/api/v1/users/${operator.id}`, { active: true })).statusCode,
    ).toBe(200);
    expect((await login(tenant.slug, operator.email, TEST_PASSWORD)).statusCode).toBe(200);
    expect((await call(operator, 'GET', '/api/v1/me')).statusCode).toBe(200);
  });

  it('resets a password (returned once, old one stops) and lets people change their own', async () => {
    const tenant = await createTenant(services);
    const operator = await createUser(services, tenant.slug, 'operator');
    const reset = await call(tenant.admin, 'POST', `/api/v1/users/${operator.id}/reset-password`);
    expect(reset.statusCode, reset.body).toBe(200);
    const { password } = reset.json<{ password: string }>();
    expect((await login(tenant.slug, operator.email, TEST_PASSWORD)).statusCode).toBe(401);
    expect((await login(tenant.slug, operator.email, password)).statusCode).toBe(200);

    const wrong = await call(operator, 'POST', '/api/v1/me/password', {
      currentPassword: 'not it at all',
      newPassword: 'a brand new secret',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json()).toMatchObject({ code: 'users.wrong_password' });
    const weak = await call(operator, 'POST', '/api/v1/me/password', {
      currentPassword: password,
      newPassword: 'short',
    });
    expect(weak.statusCode).toBe(400);
    const changed = await call(operator, 'POST', '/api/v1/me/password', {
      currentPassword: password,
      newPassword: 'a brand new secret',
    });
    expect(changed.statusCode).toBe(204);
    expect((await login(tenant.slug, operator.email, password)).statusCode).toBe(401);
    expect((await login(tenant.slug, operator.email, 'a brand new secret')).statusCode).toBe(200);
    const actions = (await auditOf(tenant.id, operator.id)).map((row) => row.action);
    expect(actions).toEqual(['user.password_reset', 'user.password_change']);
  });
});
