import { randomBytes } from 'node:crypto';
import type { Principal } from '../../platform/auth/principal';
import type { Services } from '../../services';
import { channelsSandbox } from '../channels/sandbox/channels-sandbox';

/** What clients write on the demo's messaging channels. */
const MESSAGES = [
  'Dobrý den, kdy mi dorazí objednávka?',
  'Dobrý den, potřebuji změnit doručovací adresu.',
  'Hello, I would like to return a product.',
  'Ahoj, máte otevřeno i v sobotu?',
  'Dobrý den, nefunguje mi přihlášení do aplikace.',
  'Hi, can I pay by card on delivery?',
];
const CLIENTS = [
  { id: '420601111001', name: 'Petra Svobodová' },
  { id: '420601111002', name: 'Tomáš Dvořák' },
  { id: '420601111003', name: 'Emma Wilson' },
];
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)] as T;

/**
 * The demo's messaging channels: a WhatsApp and a Messenger account of the demo tenant talking to a
 * local stand-in platform (started here, on a free port, answering each send with sent, delivered and
 * read), whose clients write now and then. The accounts are created on the first start and pointed
 * at this start's stand-in (new secrets each start: they are never read back).
 */
export async function startDemoChannels(
  services: Services,
  options: { tenantSlug: string; appUrl: string; intervalSeconds: number },
): Promise<{ stop(): Promise<void>; write(): Promise<void> }> {
  const tenant = await services.tenants.requireTenant(options.tenantSlug);
  const principal: Principal = {
    tenantId: tenant.id,
    role: 'admin',
    userId: null,
    apiKeyId: null,
    via: 'api_key',
    csrfToken: null,
    authSessionId: null,
  };
  const sandbox = channelsSandbox({ autoStatuses: true });
  const baseUrl = await sandbox.listen(0, '127.0.0.1');
  const existing = await services.channelAccounts.list(principal);
  const secret = () => randomBytes(16).toString('hex');

  const wa = {
    phoneNumberId: '100200300',
    accessToken: secret(),
    appSecret: secret(),
    verifyToken: secret(),
    baseUrl,
  };
  const waAccount = existing.find(
    (account) => account.type === 'whatsapp' && account.name === 'Demo WhatsApp',
  );
  const waId = waAccount
    ? (await services.channelAccounts.update(principal, waAccount.id, { config: wa, enabled: true })).id
    : (
        await services.channelAccounts.create(principal, {
          type: 'whatsapp',
          name: 'Demo WhatsApp',
          config: wa,
        })
      ).id;
  sandbox.whatsapp.addAccount({ ...wa, webhookUrl: `${options.appUrl}/webhooks/whatsapp/${waId}` });

  const fb = {
    pageId: '400500600',
    pageAccessToken: secret(),
    appSecret: secret(),
    verifyToken: secret(),
    humanAgentTag: true,
    baseUrl,
  };
  const fbAccount = existing.find(
    (account) => account.type === 'messenger' && account.name === 'Demo Messenger',
  );
  const fbId = fbAccount
    ? (await services.channelAccounts.update(principal, fbAccount.id, { config: fb, enabled: true })).id
    : (
        await services.channelAccounts.create(principal, {
          type: 'messenger',
          name: 'Demo Messenger',
          config: fb,
        })
      ).id;
  sandbox.messenger.addAccount({ ...fb, webhookUrl: `${options.appUrl}/webhooks/messenger/${fbId}` });

  const write = async () => {
    const client = pick(CLIENTS);
    if (Math.random() < 0.6) {
      await sandbox.whatsapp.inbound(
        wa.phoneNumberId,
        { waId: client.id, name: client.name },
        { text: pick(MESSAGES) },
      );
    } else {
      await sandbox.messenger.inbound(fb.pageId, `psid-${client.id}`, { text: pick(MESSAGES) });
    }
  };
  const timer = setInterval(() => {
    void write().catch(() => {});
  }, options.intervalSeconds * 1000);
  timer.unref();
  return {
    /** One client writes now (the timer does this every interval). */
    write,
    async stop() {
      clearInterval(timer);
      await sandbox.close();
    },
  };
}
