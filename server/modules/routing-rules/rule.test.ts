import { afterAll, describe, expect, it } from 'vitest';
import { bearer, createTenant, type TestUser } from '../../test/factories';
import { startTestApp, useTestApp } from '../../test/harness';
import { addGroup, addRule, createLiveTenant, sessionRow, startChat } from '../../test/live-kit';

interface Rule {
  id: string;
  name: string;
  position: number;
  enabled: boolean;
  target: { kind: string; id: string; name: string };
}

describe('routing rules', async () => {
  const { app, services } = await useTestApp();

  const call = (
    user: TestUser,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    payload?: object,
  ) => app.inject({ method, url, headers: bearer(user), ...(payload ? { payload } : {}) });
  const names = async (user: TestUser) =>
    (await call(user, 'GET', '/api/v1/routing-rules'))
      .json<{ items: Rule[] }>()
      .items.map((rule) => rule.name);

  it('adds rules at the end, reorders, enables and disables them, and tests a session like the engine', async () => {
    const tenant = await createTenant(services);
    const english = await addGroup(services, tenant.id, { name: 'English' });
    const czech = await addGroup(services, tenant.id, { name: 'Čeština' });
    const made: Rule[] = [];
    for (const body of [
      { name: 'Fallback', target: { groupId: czech }, isFallback: true },
      { name: 'English', target: { groupId: english }, conditions: { params: { lang: 'en' } } },
      {
        name: 'Pricing page',
        target: { groupId: english },
        conditions: { pageUrlContains: '/cenik', channel: ['webchat'] },
      },
    ]) {
      const response = await call(tenant.admin, 'POST', '/api/v1/routing-rules', body);
      expect(response.statusCode, response.body).toBe(201);
      made.push(response.json<Rule>());
    }
    expect(made.map((rule) => rule.position)).toEqual([1, 2, 3]);
    expect(made[1]?.target).toEqual({ kind: 'group', id: english, name: 'English' });

    const test = async (body: object) =>
      (await call(tenant.admin, 'POST', '/api/v1/routing-rules/test', body)).json<{ rule: Rule | null }>()
        .rule?.name;
    expect(await test({ channel: 'webchat', params: { lang: 'en' } })).toBe('English');
    expect(await test({ channel: 'webchat', pageUrl: 'https://shop.cz/CENIK' })).toBe('Pricing page');
    expect(await test({ channel: 'phone', source: 'incoming_call' })).toBe('Fallback');

    const [fallback, englishRule, pricing] = made.map((rule) => rule.id) as [string, string, string];
    const reordered = await call(tenant.admin, 'PUT', '/api/v1/routing-rules/order', {
      ids: [pricing, englishRule, fallback],
    });
    expect(reordered.statusCode, reordered.body).toBe(200);
    expect(await names(tenant.admin)).toEqual(['Pricing page', 'English', 'Fallback']);

    const disabled = await call(tenant.admin, 'PATCH', `/api/v1/routing-rules/${englishRule}`, {
      enabled: false,
    });
    expect(disabled.json()).toMatchObject({ enabled: false });
    expect(await test({ channel: 'webchat', params: { lang: 'en' } })).toBe('Fallback');

    const actions = await services.db
      .selectFrom('audit_events')
      .select(['action', 'data'])
      .where('tenant_id', '=', tenant.id)
      .where('action', 'like', 'routing_rule.%')
      .orderBy('id')
      .execute();
    expect(actions.map((row) => row.action)).toEqual([
      'routing_rule.create',
      'routing_rule.create',
      'routing_rule.create',
      'routing_rule.reorder',
      'routing_rule.update',
    ]);
    expect(actions.at(-1)?.data).toEqual({ before: { enabled: true }, after: { enabled: false } });
    expect(actions[3]?.data).toEqual({
      before: { order: [fallback, englishRule, pricing] },
      after: { order: [pricing, englishRule, fallback] },
    });

    expect((await call(tenant.admin, 'DELETE', `/api/v1/routing-rules/${pricing}`)).statusCode).toBe(204);
    expect(await names(tenant.admin)).toEqual(['English', 'Fallback']);
  });

  it('refuses bad input with 400', async () => {
    const tenant = await createTenant(services);
    const other = await createTenant(services);
    const group = await addGroup(services, tenant.id);
    const foreign = await addGroup(services, other.id);
    const rule = await addRule(services, tenant.id, { groupId: group, fallback: true });
    for (const body of [
      { name: 'x', target: { groupId: foreign } },
      { name: 'x', target: { groupId: group, chatbotId: '1' } },
      { name: 'x', target: { groupId: group }, conditions: { channel: ['pigeon'] } },
      { name: 'x', target: { groupId: group }, conditions: { unknown: true } },
      { name: '', target: { groupId: group } },
      { name: 'x' },
    ]) {
      const response = await call(tenant.admin, 'POST', '/api/v1/routing-rules', body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json()).toMatchObject({ code: 'validation_failed' });
    }
    for (const ids of [[], [rule, rule], ['999999']]) {
      const response = await call(tenant.admin, 'PUT', '/api/v1/routing-rules/order', { ids });
      expect(response.statusCode, JSON.stringify(ids)).toBe(400);
    }
    expect(
      (await call(tenant.admin, 'POST', '/api/v1/routing-rules/test', { channel: 'fax' })).statusCode,
    ).toBe(400);
    expect(
      (await call(tenant.admin, 'PATCH', '/api/v1/routing-rules/999999', { enabled: false })).statusCode,
    ).toBe(404);
  });

  it('a new rule routes the next session at once, also on another instance', async () => {
    const other = await startTestApp();
    afterAll(() => other.stop());
    const tenant = await createLiveTenant(services);
    const general = await addGroup(services, tenant.id, { name: 'General' });
    const english = await addGroup(services, tenant.id, { name: 'English' });
    await addRule(services, tenant.id, { groupId: general, fallback: true });
    const before = await startChat(other.app, tenant.widgetKey, { params: { lang: 'en' } });
    expect((await sessionRow(services, tenant.id, before.sessionId)).group_id).toBe(general);
    const created = await call(tenant.admin, 'POST', '/api/v1/routing-rules', {
      name: 'English speakers',
      conditions: { params: { lang: 'en' } },
      target: { groupId: english },
    });
    expect(created.statusCode).toBe(201);
    const after = await startChat(other.app, tenant.widgetKey, { params: { lang: 'en' } });
    expect((await sessionRow(services, tenant.id, after.sessionId)).group_id).toBe(english);
    const czech = await startChat(other.app, tenant.widgetKey, { params: { lang: 'cs' } });
    expect((await sessionRow(services, tenant.id, czech.sessionId)).group_id).toBe(general);
  });
});
