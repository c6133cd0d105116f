import { describe, expect, it } from 'vitest';
import { listeningUrl } from '../../test/channel-kit';
import { adminPrincipal, createTenant } from '../../test/factories';
import { useTestApp } from '../../test/harness';
import { equipTenant, eventually } from '../../test/live-kit';
import { startDemoChannels } from './demo-channels';

const { app, services } = await useTestApp({ live: {} });

describe('the demo’s messaging channels', () => {
  it('connects a WhatsApp and a Messenger account to a local stand-in whose clients write', async () => {
    const tenant = await createTenant(services);
    await equipTenant(services, tenant);
    const options = { tenantSlug: tenant.slug, appUrl: await listeningUrl(app), intervalSeconds: 3600 };
    const first = await startDemoChannels(services, options);
    await first.stop();
    // A restart points the same accounts at the new stand-in.
    const demo = await startDemoChannels(services, options);
    try {
      const accounts = await services.channelAccounts.list(adminPrincipal(tenant));
      expect(accounts.map((account) => `${account.type}:${account.name}`).sort()).toEqual([
        'messenger:Demo Messenger',
        'whatsapp:Demo WhatsApp',
      ]);
      for (let index = 0; index < 4; index += 1) await demo.write();
      await eventually(async () => {
        const sessions = await services.db
          .selectFrom('sessions')
          .select(['channel', 'message_count'])
          .where('tenant_id', '=', tenant.id)
          .execute();
        expect(sessions.length).toBeGreaterThan(0);
        expect(sessions.every((session) => ['whatsapp', 'messenger'].includes(session.channel))).toBe(true);
        expect(sessions.reduce((sum, session) => sum + session.message_count, 0)).toBe(4);
      }, 20_000);
    } finally {
      await demo.stop();
    }
  });
});
