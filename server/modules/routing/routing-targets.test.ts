import { describe, expect, it } from 'vitest';
import { bearer, createUser, type TestUser } from '../../test/factories';
import type { RoutingTargets } from './routing.schemas';
import {
  addGroup,
  addOperator,
  addRule,
  createLiveTenant,
  operatorPost,
  startChat,
} from '../../test/live-kit';
import { useTestApp } from '../../test/harness';

describe('redirect targets', async () => {
  const { app, services } = await useTestApp({ live: {} });

  async function targets(user: TestUser) {
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/routing/targets',
      headers: bearer(user),
    });
    expect(response.statusCode, response.body).toBe(200);
    return response.json<RoutingTargets>();
  }

  it('lists operators with state, load and capacity, and groups with their queue', async () => {
    const tenant = await createLiveTenant(services);
    const support = await addGroup(services, tenant.id, { name: 'Support', queueSize: 5 });
    const sales = await addGroup(services, tenant.id, { name: 'Sales', strategy: 'whole_group' });
    await addRule(services, tenant.id, { groupId: support, fallback: true });
    const anna = await addOperator(services, tenant, {
      name: 'Anna',
      capacity: 2,
      groups: [{ id: support }],
    });
    await addOperator(services, tenant, { name: 'Bob', state: 'break', capacity: 4 });

    const chat = await startChat(app, tenant.widgetKey);
    expect((await operatorPost(app, anna, `/sessions/${chat.sessionId}/accept`)).statusCode).toBe(200);
    // Nobody else in Support is online: the second chat waits in its queue.
    const away = await app.inject({
      method: 'PUT',
      url: '/api/v1/live/operator/state',
      headers: bearer(anna),
      payload: { state: 'away' },
    });
    expect(away.statusCode).toBe(200);
    await startChat(app, tenant.widgetKey);

    const body = await targets(tenant.admin);
    const byName = new Map(body.operators.map((row) => [row.name, row]));
    expect(byName.get('Anna')).toMatchObject({ state: 'away', activeSessions: 1, capacity: 2 });
    expect(byName.get('Bob')).toMatchObject({ state: 'break', activeSessions: 0, capacity: 4 });
    expect(body.groups).toEqual([
      { id: sales, name: 'Sales', strategy: 'whole_group', queued: 0, queueSize: 20 },
      { id: support, name: 'Support', strategy: 'utilisation', queued: 1, queueSize: 5 },
    ]);
  });

  it('leaves out disabled users', async () => {
    const tenant = await createLiveTenant(services);
    const gone = await addOperator(services, tenant, { name: 'Gone' });
    await services.db
      .updateTable('users')
      .set({ disabled_at: new Date() })
      .where('id', '=', gone.id)
      .execute();
    const body = await targets(tenant.admin);
    expect(body.operators.map((row) => row.id)).not.toContain(gone.id);
  });

  it('is for managers only: an operator gets 403', async () => {
    const tenant = await createLiveTenant(services);
    const operator = await createUser(services, tenant.slug, 'operator');
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/routing/targets',
      headers: bearer(operator),
    });
    expect(response.statusCode).toBe(403);
    const asSupervisor = await app.inject({
      method: 'GET',
      url: '/api/v1/routing/targets',
      headers: bearer(tenant.supervisor),
    });
    expect(asSupervisor.statusCode).toBe(200);
  });
});
