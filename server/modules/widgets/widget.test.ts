import { describe, expect, it } from 'vitest';
import { bearer, createTenant, createUser, type TestUser } from '../../test/factories';
import { useTestApp } from '../../test/harness';
import { addGroup, addRule } from '../../test/live-kit';

interface Widget {
  id: string;
  name: string;
  publicKey: string;
  allowedOrigins: string[];
  embedSnippet: string;
}

describe('web chat widgets', async () => {
  const { app, services } = await useTestApp();

  const call = (user: TestUser, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) =>
    app.inject({ method, url, headers: bearer(user), ...(payload ? { payload } : {}) });
  const start = (key: string, origin?: string) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/live/client/sessions',
      headers: { 'x-widget-key': key, ...(origin ? { origin } : {}) },
      payload: { visitorId: 'v-1' },
    });

  it('creates a widget whose key starts chats, with an embed snippet; refuses a duplicate name', async () => {
    const tenant = await createTenant(services);
    await addRule(services, tenant.id, { groupId: await addGroup(services, tenant.id), fallback: true });
    const created = await call(tenant.admin, 'POST', '/api/v1/widgets', { name: 'E-shop' });
    expect(created.statusCode, created.body).toBe(201);
    const widget = created.json<Widget>();
    expect(widget).toMatchObject({ name: 'E-shop', allowedOrigins: [] });
    expect(widget.publicKey).toMatch(/^wk_[0-9a-f]{32}$/);
    expect(widget.embedSnippet).toContain(widget.publicKey);
    expect((await start(widget.publicKey)).statusCode).toBe(201);
    const again = await call(tenant.admin, 'POST', '/api/v1/widgets', { name: 'E-shop' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'widgets.name_taken' });
    const list = await call(tenant.admin, 'GET', '/api/v1/widgets');
    expect(list.json<{ items: Widget[] }>().items.map((w) => w.id)).toEqual([widget.id]);
  });

  it('checks allowed origins on the client API (browsers only), rotates the key, audits', async () => {
    const tenant = await createTenant(services);
    await addRule(services, tenant.id, { groupId: await addGroup(services, tenant.id), fallback: true });
    const widget = (
      await call(tenant.admin, 'POST', '/api/v1/widgets', {
        name: 'Web',
        allowedOrigins: ['https://shop.example'],
      })
    ).json<Widget>();
    expect((await start(widget.publicKey, 'https://shop.example')).statusCode).toBe(201);
    const foreign = await start(widget.publicKey, 'https://evil.example');
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json()).toMatchObject({ code: 'live.origin_not_allowed' });
    expect((await start(widget.publicKey)).statusCode).toBe(201);

    // An empty change is answered with the widget as it is, and not audited.
    const same = await call(tenant.admin, 'PATCH', `/api/v1/widgets/${widget.id}`, {});
    expect(same.statusCode, same.body).toBe(200);
    const opened = await call(tenant.admin, 'PATCH', `/api/v1/widgets/${widget.id}`, { allowedOrigins: [] });
    expect(opened.json()).toMatchObject({ allowedOrigins: [] });
    expect((await start(widget.publicKey, 'https://evil.example')).statusCode).toBe(201);

    const rotated = await call(tenant.admin, 'POST', `/api/v1/widgets/${widget.id}/rotate-key`);
    expect(rotated.statusCode).toBe(200);
    const newKey = rotated.json<Widget>().publicKey;
    expect(newKey).not.toBe(widget.publicKey);
    expect((await start(widget.publicKey)).statusCode).toBe(401);
    expect((await start(newKey)).statusCode).toBe(201);

    const actions = await services.db
      .selectFrom('audit_events')
      .select('action')
      .where('tenant_id', '=', tenant.id)
      .where('object_type', '=', 'widget')
      .orderBy('id')
      .execute();
    expect(actions.map((row) => row.action)).toEqual(['widget.create', 'widget.update', 'widget.rotate_key']);
  });

  it('refuses bad input with 400 and supervisors with 403', async () => {
    const tenant = await createTenant(services);
    for (const payload of [
      { name: '' },
      { name: 'x', allowedOrigins: ['https://shop.example/path'] },
      { name: 'x', allowedOrigins: ['javascript:alert(1)'] },
      { name: 'x', publicKey: 'mine' },
    ]) {
      const response = await call(tenant.admin, 'POST', '/api/v1/widgets', payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(400);
    }
    const supervisor = await createUser(services, tenant.slug, 'supervisor');
    expect((await call(supervisor, 'GET', '/api/v1/widgets')).statusCode).toBe(200);
    expect((await call(supervisor, 'POST', '/api/v1/widgets', { name: 'S' })).statusCode).toBe(403);
  });
});
