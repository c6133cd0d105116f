import { expect } from 'vitest';
import { adminPrincipal, bearer, type TestTenant } from '../factories';
import type { IsolationCases, IsolationContext } from '../isolation-cases';
import { equipTenant } from '../live-kit';
import { insertSession } from '../session-fixtures';
import type { Services } from '../../services';

/** An ended WhatsApp session of a tenant, linked to a client who wrote a minute ago. */
export async function endedWhatsappSession(services: Services, tenant: TestTenant) {
  const account = await services.channelAccounts.create(adminPrincipal(tenant), {
    type: 'whatsapp',
    name: `účet ${tenant.slug}`,
    config: {
      phoneNumberId: '4242',
      businessAccountId: '9090',
      accessToken: 'token',
      appSecret: 'secret',
      verifyToken: 'verify',
      baseUrl: 'http://127.0.0.1:9',
    },
  });
  const sessionId = await insertSession(services, tenant.id, {
    channel: 'whatsapp',
    source: 'api',
    clientName: 'Klient B',
  });
  await services.db
    .insertInto('channel_sessions')
    .values({
      tenant_id: tenant.id,
      session_id: sessionId,
      account_id: account.id,
      client_id: '420777000111',
    })
    .execute();
  await services.db
    .insertInto('channel_clients')
    .values({
      tenant_id: tenant.id,
      account_id: account.id,
      client_id: '420777000111',
      last_inbound_at: new Date(Date.now() - 60_000),
    })
    .execute();
  return { accountId: account.id, sessionId };
}

async function sessionsOf(ctx: IsolationContext, tenantId: string) {
  return ctx.services.db.selectFrom('sessions').select('id').where('tenant_id', '=', tenantId).execute();
}

/** Tenant isolation of Restore and of the WhatsApp templates. */
export const restoreIsolationCases: IsolationCases = {
  'GET /api/v1/sessions/:id/restore': async (ctx) => {
    const foreign = await endedWhatsappSession(ctx.services, ctx.b);
    const response = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/sessions/${foreign.sessionId}/restore`,
      headers: bearer(ctx.a.admin),
    });
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain('Klient B');
    const own = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/sessions/${foreign.sessionId}/restore`,
      headers: bearer(ctx.b.admin),
    });
    expect(own.json()).toMatchObject({ restorable: true, options: { text: true } });
  },

  'POST /api/v1/sessions/:id/restore': async (ctx) => {
    const foreign = await endedWhatsappSession(ctx.services, ctx.b);
    const before = await sessionsOf(ctx, ctx.b.id);
    const response = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/sessions/${foreign.sessionId}/restore`,
      headers: bearer(ctx.a.admin),
      payload: { text: 'Dobrý den' },
    });
    expect(response.statusCode).toBe(404);
    expect(await sessionsOf(ctx, ctx.b.id)).toHaveLength(before.length);
    // A's own session cannot be offered to B's group either.
    const own = await endedWhatsappSession(ctx.services, ctx.a);
    const bSetup = await equipTenant(ctx.services, ctx.b);
    const toForeignGroup = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/sessions/${own.sessionId}/restore`,
      headers: bearer(ctx.a.admin),
      payload: { text: 'Dobrý den', groupId: bSetup.group },
    });
    expect(toForeignGroup.statusCode).toBe(404);
    expect(await sessionsOf(ctx, ctx.b.id)).toHaveLength(before.length);
  },

  'GET /api/v1/channels/:id/templates': async (ctx) => {
    const foreign = await endedWhatsappSession(ctx.services, ctx.b);
    await ctx.services.db
      .insertInto('whatsapp_templates')
      .values({
        tenant_id: ctx.b.id,
        account_id: foreign.accountId,
        name: 'tajna_sablona',
        language: 'cs',
        category: 'UTILITY',
        status: 'APPROVED',
        body: 'B',
        parameter_count: 0,
        synced_at: new Date(),
      })
      .execute();
    const response = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/channels/${foreign.accountId}/templates`,
      headers: bearer(ctx.a.admin),
    });
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain('tajna_sablona');
  },

  'POST /api/v1/channels/:id/templates/sync': async (ctx) => {
    const foreign = await endedWhatsappSession(ctx.services, ctx.b);
    const response = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/channels/${foreign.accountId}/templates/sync`,
      headers: bearer(ctx.a.admin),
    });
    expect(response.statusCode).toBe(404);
    const account = await ctx.services.db
      .selectFrom('channel_accounts')
      .select(['templates_synced_at', 'templates_error'])
      .where('tenant_id', '=', ctx.b.id)
      .where('id', '=', foreign.accountId)
      .executeTakeFirstOrThrow();
    expect(account).toEqual({ templates_synced_at: null, templates_error: null });
  },
};
