import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { afterAll, expect } from 'vitest';
import { fileRefContext } from '../modules/channels/channel-outbox';
import { channelsSandbox, type ChannelsSandbox } from '../modules/channels/sandbox/channels-sandbox';
import type { App } from '../platform/http/types';
import type { Services } from '../services';
import { bearer, createTenant, type TestTenant, type TestUser } from './factories';
import { useTestApp } from './harness';
import { equipTenant, eventually, operatorPost } from './live-kit';

/** Builders for messaging-channel tests: a tenant with an online operator, an account, its stand-in. */

/** The app on a real port, so the stand-in's webhooks arrive over HTTP as a platform's do. */
export async function listeningUrl(app: App): Promise<string> {
  if (!app.server.listening) await app.listen({ port: 0, host: '127.0.0.1' });
  return `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
}

export interface ChannelSetup {
  tenant: TestTenant;
  operator: TestUser & { name: string };
  sandbox: ChannelsSandbox;
  accountId: string;
  /** WhatsApp: phone number id; Messenger: page id; VK: community id. */
  platformId: string;
  /** Meta: the app secret; VK: the callback secret key. */
  appSecret: string;
  /** Meta: the verify token; VK: the confirmation code. */
  verifyToken: string;
  /** WhatsApp: the WhatsApp Business Account id the templates are read from. */
  businessAccountId: string;
}

/** A tenant routed to one online operator, one account of the type, and its own stand-in platform. */
export async function connectChannel(
  app: App,
  services: Services,
  type: 'whatsapp' | 'messenger' | 'vkontakte' | 'apple',
  options: { humanAgentTag?: boolean; sandbox?: ChannelsSandbox } = {},
): Promise<ChannelSetup> {
  const businessAccountId = String(200_000_000 + Math.floor(Math.random() * 800_000_000));
  const tenant = await createTenant(services);
  const { operator } = await equipTenant(services, tenant);
  const sandbox = options.sandbox ?? channelsSandbox();
  if (!sandbox.url) await sandbox.listen();
  const platformId = String(100_000_000 + Math.floor(Math.random() * 900_000_000));
  const appSecret = randomBytes(16).toString('hex');
  const verifyToken = randomBytes(8).toString('hex');
  const accessToken = `EAA${randomBytes(16).toString('hex')}`;
  const appleSecret = randomBytes(32);
  const config =
    type === 'whatsapp'
      ? {
          phoneNumberId: platformId,
          businessAccountId,
          accessToken,
          appSecret,
          verifyToken,
          baseUrl: sandbox.url,
        }
      : type === 'messenger'
        ? {
            pageId: platformId,
            pageAccessToken: accessToken,
            appSecret,
            verifyToken,
            humanAgentTag: options.humanAgentTag ?? false,
            baseUrl: sandbox.url,
          }
        : type === 'apple'
          ? {
              businessId: platformId,
              mspId: `msp-${platformId}`,
              mspSecret: Buffer.from(appleSecret).toString('base64'),
              baseUrl: sandbox.url,
            }
          : {
              communityId: platformId,
              accessToken,
              confirmationCode: verifyToken,
              secretKey: appSecret,
              baseUrl: sandbox.url,
            };
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/channels',
    headers: bearer(tenant.admin),
    payload: { type, name: `${type} test`, config },
  });
  expect(response.statusCode).toBe(201);
  const accountId = response.json<{ id: string }>().id;
  const webhookUrl = `${await listeningUrl(app)}/webhooks/${type}/${accountId}`;
  if (type === 'whatsapp')
    sandbox.whatsapp.addAccount({
      phoneNumberId: platformId,
      businessAccountId,
      accessToken,
      appSecret,
      webhookUrl,
    });
  else if (type === 'messenger')
    sandbox.messenger.addAccount({ pageId: platformId, pageAccessToken: accessToken, appSecret, webhookUrl });
  else if (type === 'apple')
    sandbox.apple.addAccount({
      businessId: platformId,
      mspId: `msp-${platformId}`,
      mspSecret: appleSecret.toString('base64'),
      webhookUrl,
    });
  else
    sandbox.vkontakte.addAccount({ communityId: platformId, accessToken, secretKey: appSecret, webhookUrl });
  return { tenant, operator, sandbox, accountId, platformId, businessAccountId, appSecret, verifyToken };
}

/** The sessions of a tenant's account with the client, newest first. */
export async function clientSessions(services: Services, tenantId: string, clientId: string) {
  return services.db
    .selectFrom('channel_sessions as c')
    .innerJoin('sessions as s', (join) =>
      join.onRef('s.tenant_id', '=', 'c.tenant_id').onRef('s.id', '=', 'c.session_id'),
    )
    .select([
      's.id',
      's.status',
      's.channel',
      's.source',
      's.client_name',
      's.client_phone',
      's.message_count',
    ])
    .where('c.tenant_id', '=', tenantId)
    .where('c.client_id', '=', clientId)
    .orderBy('s.id', 'desc')
    .execute();
}

export interface TranscriptItem {
  id: string;
  sender: string;
  type: string;
  text: string | null;
  file: { name: string; size: number | null; mimeType: string | null; url: string | null } | null;
  delivery: { state: string; reason: string | null; errorCode: string | null } | null;
}

export async function transcript(app: App, user: TestUser, sessionId: string): Promise<TranscriptItem[]> {
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/sessions/${sessionId}/transcript?limit=500`,
    headers: bearer(user),
  });
  expect(response.statusCode).toBe(200);
  return response.json<{ items: TranscriptItem[] }>().items;
}

/** The operator takes the session (it was offered to them) and writes; answers the line's id. */
export async function operatorReply(
  app: App,
  operator: TestUser,
  sessionId: string,
  text: string,
  accept = true,
) {
  if (accept) {
    const accepted = await operatorPost(app, operator, `/sessions/${sessionId}/accept`);
    expect(accepted.statusCode).toBe(200);
  }
  const written = await operatorPost(app, operator, `/sessions/${sessionId}/messages`, { text });
  expect(written.statusCode).toBe(201);
  return written.json<{ id: string }>().id;
}

export async function deliveryRow(services: Services, tenantId: string, activityId: string) {
  return services.db
    .selectFrom('channel_deliveries')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('activity_id', '=', activityId)
    .executeTakeFirstOrThrow();
}

/** A line's prepared platform reference, opened from its sealed column; null when it has none. */
export async function storedRef(
  services: Services,
  tenantId: string,
  activityId: string,
): Promise<Record<string, string> | null> {
  const { file_ref_sealed: sealed } = await deliveryRow(services, tenantId, activityId);
  return sealed === null
    ? null
    : (JSON.parse(services.box.open(sealed, fileRefContext(tenantId, activityId))) as Record<string, string>);
}

/**
 * A live test app for one channel type, as each platform's test file uses it: `connect()` gives a
 * fresh tenant, account and stand-in platform (closed after the file); `sessionOf()` waits until the
 * inbound job has placed the client's messages into their one session.
 */
export async function useChannelTestApp(
  type: 'whatsapp' | 'messenger' | 'vkontakte' | 'apple',
  options: { now?: () => Date } = {},
) {
  const instance = await useTestApp({ live: {}, ...options });
  const { app, services } = instance;
  const sandboxes: ChannelsSandbox[] = [];
  afterAll(async () => {
    for (const sandbox of sandboxes) await sandbox.close();
  });
  return {
    ...instance,
    async connect(options: { humanAgentTag?: boolean } = {}): Promise<ChannelSetup> {
      const made = await connectChannel(app, services, type, options);
      sandboxes.push(made.sandbox);
      return made;
    },
    async sessionOf(setup: ChannelSetup, clientId: string, messages = 1) {
      return eventually(async () => {
        const sessions = await clientSessions(services, setup.tenant.id, clientId);
        expect(sessions).toHaveLength(1);
        expect(sessions[0]?.message_count).toBe(messages);
        return sessions[0] as NonNullable<(typeof sessions)[0]>;
      }, 20_000);
    },
  };
}
