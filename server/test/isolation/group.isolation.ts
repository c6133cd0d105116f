import { expect } from 'vitest';
import { bearer } from '../factories';
import type { IsolationCases } from '../isolation-cases';
import { addGroup, addRule } from '../live-kit';

/** Tenant isolation of groups and routing rules: B's are neither listed, read, changed, used nor deleted. */
export const groupIsolationCases: IsolationCases = {
  'GET /api/v1/groups': async ({ app, services, a, b }) => {
    const bGroup = await addGroup(services, b.id, { name: 'B only' });
    const response = await app.inject({ method: 'GET', url: '/api/v1/groups', headers: bearer(a.admin) });
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('B only');
    expect(response.body).not.toContain(`"${bGroup}"`);
  },
  'POST /api/v1/groups': async ({ app, services, a, b }) => {
    const bGroup = await addGroup(services, b.id, { name: 'Shared name' });
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/groups',
      headers: bearer(a.admin),
      payload: { name: 'Shared name', nextGroupId: bGroup },
    });
    expect(response.statusCode).toBe(400);
    const ok = await app.inject({
      method: 'POST',
      url: '/api/v1/groups',
      headers: bearer(a.admin),
      payload: { name: 'Shared name', members: [{ userId: a.admin.id, priority: 1 }] },
    });
    expect(ok.statusCode).toBe(201);
  },
  'GET /api/v1/groups/:id': async ({ app, services, a, b }) => {
    const bGroup = await addGroup(services, b.id);
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/groups/${bGroup}`,
      headers: bearer(a.admin),
    });
    expect(response.statusCode).toBe(404);
  },
  'PATCH /api/v1/groups/:id': async ({ app, services, a, b }) => {
    const bGroup = await addGroup(services, b.id, { name: 'Untouched' });
    const response = await app.inject({
      method: 'PATCH',
      url: `/api/v1/groups/${bGroup}`,
      headers: bearer(a.admin),
      payload: { name: 'Taken over' },
    });
    expect(response.statusCode).toBe(404);
    const row = await services.db
      .selectFrom('operator_groups')
      .select('name')
      .where('tenant_id', '=', b.id)
      .where('id', '=', bGroup)
      .executeTakeFirstOrThrow();
    expect(row.name).toBe('Untouched');
  },
  'DELETE /api/v1/groups/:id': async ({ app, services, a, b }) => {
    const bGroup = await addGroup(services, b.id);
    const response = await app.inject({
      method: 'DELETE',
      url: `/api/v1/groups/${bGroup}`,
      headers: bearer(a.admin),
    });
    expect(response.statusCode).toBe(404);
    const row = await services.db
      .selectFrom('operator_groups')
      .select('id')
      .where('tenant_id', '=', b.id)
      .where('id', '=', bGroup)
      .executeTakeFirst();
    expect(row).toBeDefined();
  },

  'GET /api/v1/routing-rules': async ({ app, services, a, b }) => {
    const bRule = await addRule(services, b.id, { groupId: await addGroup(services, b.id), fallback: true });
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/routing-rules',
      headers: bearer(a.admin),
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain(`"${bRule}"`);
  },
  'POST /api/v1/routing-rules': async ({ app, services, a, b }) => {
    const bGroup = await addGroup(services, b.id);
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/routing-rules',
      headers: bearer(a.admin),
      payload: { name: 'to B', target: { groupId: bGroup } },
    });
    expect(response.statusCode).toBe(400);
  },
  'PUT /api/v1/routing-rules/order': async ({ app, services, a, b }) => {
    const bRule = await addRule(services, b.id, { groupId: await addGroup(services, b.id), fallback: true });
    const response = await app.inject({
      method: 'PUT',
      url: '/api/v1/routing-rules/order',
      headers: bearer(a.admin),
      payload: { ids: [bRule] },
    });
    expect(response.statusCode).toBe(400);
  },
  'POST /api/v1/routing-rules/test': async ({ app, services, a, b }) => {
    await addRule(services, b.id, { groupId: await addGroup(services, b.id), fallback: true });
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/routing-rules/test',
      headers: bearer(a.admin),
      payload: { channel: 'webchat' },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ rule: null });
  },
  'PATCH /api/v1/routing-rules/:id': async ({ app, services, a, b }) => {
    const bRule = await addRule(services, b.id, { groupId: await addGroup(services, b.id), fallback: true });
    const response = await app.inject({
      method: 'PATCH',
      url: `/api/v1/routing-rules/${bRule}`,
      headers: bearer(a.admin),
      payload: { enabled: false },
    });
    expect(response.statusCode).toBe(404);
    const row = await services.db
      .selectFrom('routing_rules')
      .select('enabled')
      .where('tenant_id', '=', b.id)
      .where('id', '=', bRule)
      .executeTakeFirstOrThrow();
    expect(row.enabled).toBe(true);
  },
  'DELETE /api/v1/routing-rules/:id': async ({ app, services, a, b }) => {
    const bRule = await addRule(services, b.id, { groupId: await addGroup(services, b.id), fallback: true });
    const response = await app.inject({
      method: 'DELETE',
      url: `/api/v1/routing-rules/${bRule}`,
      headers: bearer(a.admin),
    });
    expect(response.statusCode).toBe(404);
  },
  'GET /api/v1/chatbots': async ({ app, services, a, b }) => {
    await services.db.insertInto('chatbots').values({ tenant_id: b.id, name: 'B bot' }).execute();
    const response = await app.inject({ method: 'GET', url: '/api/v1/chatbots', headers: bearer(a.admin) });
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain('B bot');
  },
};
