import { afterAll, describe, expect, it } from 'vitest';
import { bearer, createTenant, createUser, type TestUser } from '../../test/factories';
import { startTestApp, useTestApp } from '../../test/harness';
import {
  addGroup,
  addOperator,
  addRule,
  createLiveTenant,
  pendingOffers,
  startChat,
} from '../../test/live-kit';

describe('operator groups', async () => {
  const { app, services } = await useTestApp();

  const call = (user: TestUser, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
    app.inject({ method, url, headers: bearer(user), ...(payload ? { payload } : {}) });

  it('creates a group with members and priorities, lists it, refuses a duplicate name', async () => {
    const tenant = await createTenant(services);
    const a = await createUser(services, tenant.slug, 'operator');
    const b = await createUser(services, tenant.slug, 'operator');
    const overflow = await addGroup(services, tenant.id, { name: 'Overflow' });
    const created = await call(tenant.admin, 'POST', '/api/v1/groups', {
      name: 'Podpora',
      strategy: 'whole_group',
      acceptTimeoutSeconds: 20,
      queueSize: 5,
      maxWaitSeconds: 120,
      nextGroupId: overflow,
      members: [
        { userId: a.id, priority: 1 },
        { userId: b.id, priority: 5 },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      name: 'Podpora',
      strategy: 'whole_group',
      queueSize: 5,
      nextGroupId: overflow,
      members: [
        { userId: b.id, priority: 5, active: true },
        { userId: a.id, priority: 1 },
      ],
      rules: 0,
      liveSessions: 0,
    });
    const list = await call(tenant.admin, 'GET', '/api/v1/groups');
    expect(list.json<{ items: { name: string }[] }>().items.map((g) => g.name)).toEqual([
      'Overflow',
      'Podpora',
    ]);
    const again = await call(tenant.admin, 'POST', '/api/v1/groups', { name: 'Podpora' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'groups.name_taken' });
  });

  it('refuses bad input with 400 and supervisors with 403', async () => {
    const tenant = await createTenant(services);
    const other = await createTenant(services);
    const foreignGroup = await addGroup(services, other.id);
    for (const payload of [
      { name: '' },
      { name: 'x', strategy: 'random' },
      { name: 'x', acceptTimeoutSeconds: 0 },
      { name: 'x', nextGroupId: foreignGroup },
      { name: 'x', members: [{ userId: other.admin.id, priority: 1 }] },
      {
        name: 'x',
        members: [
          { userId: tenant.admin.id, priority: 1 },
          { userId: tenant.admin.id, priority: 2 },
        ],
      },
      { name: 'x', colour: 'red' },
    ]) {
      const response = await call(tenant.admin, 'POST', '/api/v1/groups', payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
      expect(response.json()).toMatchObject({ code: 'validation_failed' });
    }
    const supervisor = await createUser(services, tenant.slug, 'supervisor');
    expect((await call(supervisor, 'GET', '/api/v1/groups')).statusCode).toBe(200);
    expect((await call(supervisor, 'POST', '/api/v1/groups', { name: 'S' })).statusCode).toBe(403);
  });

  it('audits a change with the values before and after', async () => {
    const tenant = await createTenant(services);
    const group = await addGroup(services, tenant.id, { name: 'Obchod', queueSize: 20 });
    const operator = await createUser(services, tenant.slug, 'operator');
    const response = await call(tenant.admin, 'PATCH', `/api/v1/groups/${group}`, {
      name: 'Obchod B2B',
      queueSize: 8,
      members: [{ userId: operator.id, priority: 3 }],
    });
    expect(response.statusCode, response.body).toBe(200);
    const event = await services.db
      .selectFrom('audit_events')
      .select(['action', 'data'])
      .where('tenant_id', '=', tenant.id)
      .where('object_type', '=', 'group')
      .where('object_id', '=', group)
      .executeTakeFirstOrThrow();
    expect(event).toEqual({
      action: 'group.update',
      data: {
        before: { name: 'Obchod', queueSize: 20, members: [] },
        after: { name: 'Obchod B2B', queueSize: 8, members: [{ userId: operator.id, priority: 3 }] },
      },
    });
  });

  it('cannot delete a group a rule sends to or a live session is in (409), can delete an unused one', async () => {
    const tenant = await createLiveTenant(services);
    const ruled = await addGroup(services, tenant.id);
    await addRule(services, tenant.id, { groupId: ruled, conditions: { channel: ['phone'] } });
    const busy = await addGroup(services, tenant.id);
    const fallback = await addRule(services, tenant.id, { groupId: busy, fallback: true });
    await startChat(app, tenant.widgetKey);
    await services.db
      .deleteFrom('routing_rules')
      .where('tenant_id', '=', tenant.id)
      .where('id', '=', fallback)
      .execute();
    const unused = await addGroup(services, tenant.id);
    for (const group of [ruled, busy]) {
      const response = await call(tenant.admin, 'DELETE', `/api/v1/groups/${group}`);
      expect(response.statusCode).toBe(409);
      expect(response.json()).toMatchObject({ code: 'groups.in_use' });
    }
    expect((await call(tenant.admin, 'DELETE', `/api/v1/groups/${unused}`)).statusCode).toBe(204);
    expect((await call(tenant.admin, 'GET', `/api/v1/groups/${unused}`)).statusCode).toBe(404);
  });

  it('a changed membership routes the next session at once, also on another instance', async () => {
    const other = await startTestApp();
    afterAll(() => other.stop());
    const tenant = await createLiveTenant(services);
    const group = await addGroup(services, tenant.id);
    await addRule(services, tenant.id, { groupId: group, fallback: true });
    const before = await addOperator(services, tenant, { groups: [{ id: group }] });
    const after = await addOperator(services, tenant);
    const first = await startChat(other.app, tenant.widgetKey);
    expect(await pendingOffers(services, tenant.id, first.sessionId)).toEqual([before.id]);
    const changed = await call(tenant.admin, 'PATCH', `/api/v1/groups/${group}`, {
      members: [{ userId: after.id, priority: 1 }],
    });
    expect(changed.statusCode).toBe(200);
    const second = await startChat(other.app, tenant.widgetKey);
    expect(await pendingOffers(services, tenant.id, second.sessionId)).toEqual([after.id]);
  });
});
