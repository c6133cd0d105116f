import { describe, expect, it } from 'vitest';
import { bearer } from '../../test/factories';
import { useChannelTestApp } from '../../test/channel-kit';
import { createUser } from '../../test/factories';

/** WhatsApp templates synchronised from the stand-in's template list, over real HTTP. */
const { app, services, connect } = await useChannelTestApp('whatsapp');

describe('WhatsApp message templates', () => {
  it('synchronises every page of the platform’s list and offers only approved positional ones', async () => {
    const setup = await connect();
    // 230 templates: three pages of 100 for the platform to hand out.
    setup.sandbox.whatsapp.setTemplates(setup.businessAccountId, [
      {
        name: 'named_params',
        language: 'cs',
        category: 'UTILITY',
        status: 'APPROVED',
        body: 'Ahoj {{jmeno}}',
      },
      { name: 'paused', language: 'cs', category: 'MARKETING', status: 'PAUSED', body: 'Akce {{1}}' },
      ...Array.from({ length: 228 }, (_, index) => ({
        name: `t_${String(index).padStart(3, '0')}`,
        language: index % 2 === 0 ? 'cs' : 'en_US',
        category: 'UTILITY' as const,
        status: 'APPROVED' as const,
        body: index === 0 ? 'Bez parametrů' : 'Dobrý den {{1}}, kód {{2}}.',
      })),
    ]);
    const synced = await app.inject({
      method: 'POST',
      url: `/api/v1/channels/${setup.accountId}/templates/sync`,
      headers: bearer(setup.tenant.admin),
    });
    expect(synced.statusCode).toBe(200);
    const list = synced.json<{
      syncedAt: string | null;
      error: string | null;
      items: { name: string; status: string; parameterCount: number; offered: boolean }[];
    }>();
    expect(list.items).toHaveLength(230);
    expect(list.syncedAt).not.toBeNull();
    expect(list.items.find((item) => item.name === 't_000')).toMatchObject({
      parameterCount: 0,
      offered: true,
    });
    expect(list.items.find((item) => item.name === 't_001')).toMatchObject({
      parameterCount: 2,
      offered: true,
    });
    expect(list.items.find((item) => item.name === 'paused')).toMatchObject({ offered: false });
    expect(list.items.find((item) => item.name === 'named_params')).toMatchObject({ offered: false });
    const pages = setup.sandbox.requests.filter((request) => request.path.endsWith('/message_templates'));
    expect(pages.map((request) => request.status)).toEqual([200, 200, 200]);
    expect(pages[0]?.headers.authorization).toMatch(/^Bearer EAA/);
    expect(await services.whatsappTemplates.offered(setup.tenant.id, setup.accountId)).toHaveLength(228);

    // A refresh replaces the list (a template deleted on the platform is gone) and is audited.
    setup.sandbox.whatsapp.setTemplates(setup.businessAccountId, [
      { name: 'only_one', language: 'cs', category: 'UTILITY', status: 'APPROVED', body: 'Jen {{1}}' },
    ]);
    const again = await app.inject({
      method: 'POST',
      url: `/api/v1/channels/${setup.accountId}/templates/sync`,
      headers: bearer(setup.tenant.admin),
    });
    expect(again.json<{ items: { name: string }[] }>().items.map((item) => item.name)).toEqual(['only_one']);
    const audit = await services.db
      .selectFrom('audit_events')
      .select('action')
      .where('tenant_id', '=', setup.tenant.id)
      .where('action', '=', 'channel.templates_sync')
      .execute();
    expect(audit).toHaveLength(2);
  });

  it('keeps the platform’s refusal on the account and answers 502; the daily run syncs what is due', async () => {
    const setup = await connect();
    setup.sandbox.faults.failNext = { status: 500, count: 1 };
    const failed = await app.inject({
      method: 'POST',
      url: `/api/v1/channels/${setup.accountId}/templates/sync`,
      headers: bearer(setup.tenant.admin),
    });
    expect(failed.statusCode).toBe(502);
    expect(failed.json()).toMatchObject({ code: 'channels.templates_unavailable' });
    const view = await app.inject({
      method: 'GET',
      url: `/api/v1/channels/${setup.accountId}/templates`,
      headers: bearer(setup.tenant.admin),
    });
    expect(view.json()).toMatchObject({
      syncedAt: null,
      error: expect.stringContaining('temporarily unavailable') as unknown,
      items: [],
    });

    // The daily run: accounts never synchronised (or a day ago) are synchronised, others are left.
    setup.sandbox.whatsapp.setTemplates(setup.businessAccountId, [
      { name: 'daily', language: 'cs', category: 'UTILITY', status: 'APPROVED', body: 'Denně' },
    ]);
    await services.whatsappTemplates.syncDue(1000);
    expect(
      (await services.whatsappTemplates.offered(setup.tenant.id, setup.accountId)).map((t) => t.name),
    ).toEqual(['daily']);
    const calls = setup.sandbox.requests.length;
    await services.whatsappTemplates.syncDue(1000);
    expect(setup.sandbox.requests.length).toBe(calls);

    // Operators and supervisors do not manage templates.
    const operator = await createUser(services, setup.tenant.slug, 'operator');
    const refused = await app.inject({
      method: 'POST',
      url: `/api/v1/channels/${setup.accountId}/templates/sync`,
      headers: bearer(operator),
    });
    expect(refused.statusCode).toBe(403);
  });
});
