import type { ChannelAccountType } from '../../../../common/domain';
import type { OpenAccount } from '../channel-account.service';
import {
  APPLE_ATTACHMENT_LIFETIME_MS,
  fetchAppleMedia,
  prepareAppleFile,
  readAppleWebhook,
  sendApple,
} from './apple.adapter';
import {
  fetchMessengerMedia,
  fetchWhatsappMedia,
  parseMessengerWebhook,
  parseWhatsappWebhook,
  prepareMessengerFile,
  prepareWhatsappFile,
  readMetaWebhook,
  sendMessenger,
  sendWhatsapp,
  verificationChallenge,
  WHATSAPP_MEDIA_LIFETIME_MS,
} from './meta.adapter';
import type {
  MediaRef,
  OutboundFile,
  OutboundMessage,
  PrepareResult,
  SendResult,
  WebhookReading,
  WebhookRequest,
} from './platform';
import { prepareVkFile, readVkWebhook, sendVk } from './vk.adapter';

/**
 * What the channels do with a messaging platform, each a plain function of the account's config of
 * that platform. What else it needs (the clock, the line, the client) comes as a parameter.
 */
export interface PlatformAdapter<Config> {
  /** The GET verification: the platform's challenge when the verify token matches, else undefined. */
  verify: (config: Config, query: Record<string, unknown>) => string | undefined;
  /**
   * Authenticates a webhook and turns it into messages and statuses. Meta: the X-Hub-Signature-256
   * HMAC over the raw bytes, before anything is parsed. VK: the community id and the `secret` inside
   * the JSON. Answers what to reply: Meta expects 200, VK the confirmation code or `ok`.
   */
  receive: (config: Config, request: WebhookRequest, now: () => Date) => WebhookReading;
  /** Fetches an inbound message's media: the platform's answer, for the caller to judge (keep, note or retry). */
  fetchMedia: (config: Config, media: MediaRef, now: () => Date) => Promise<Response>;
  /**
   * Uploads a file to the platform (the first phase of a file's send): answers the platform's reference
   * to it, or its refusal.
   */
  prepare: (config: Config, file: OutboundFile, clientId: string, now: () => Date) => Promise<PrepareResult>;
  /** An operator's line to the client; `lineKey` names the line, so a resend is the same message. */
  send: (config: Config, message: OutboundMessage, lineKey: string, now: () => Date) => Promise<SendResult>;
  /** How long a platform keeps a prepared file's reference usable (null: as long as the file exists). */
  refLifetimeMs: number | null;
}

/** The config of an account of type `T`. */
export type PlatformConfig<T extends ChannelAccountType> = Extract<OpenAccount, { type: T }>['config'];

const epochSeconds = (now: () => Date) => Math.floor(now().getTime() / 1000);
const noVerification = () => undefined;

/**
 * Every messaging platform's adapter, by account type: each takes its own platform's config, and a
 * new platform is one more entry (the compiler asks for it).
 */
export const platformAdapters: { [T in ChannelAccountType]: PlatformAdapter<PlatformConfig<T>> } = {
  whatsapp: {
    verify: (config, query) => verificationChallenge(config.verifyToken, query),
    receive: (config, request) =>
      readMetaWebhook(config.appSecret, request, (body) => parseWhatsappWebhook(body, config.phoneNumberId)),
    fetchMedia: fetchWhatsappMedia,
    prepare: prepareWhatsappFile,
    send: sendWhatsapp,
    refLifetimeMs: WHATSAPP_MEDIA_LIFETIME_MS,
  },
  messenger: {
    verify: (config, query) => verificationChallenge(config.verifyToken, query),
    receive: (config, request) =>
      readMetaWebhook(config.appSecret, request, (body) => parseMessengerWebhook(body, config.pageId)),
    fetchMedia: (_config, media) => fetchMessengerMedia(media),
    prepare: prepareMessengerFile,
    send: sendMessenger,
    refLifetimeMs: null,
  },
  vkontakte: {
    verify: noVerification,
    receive: readVkWebhook,
    fetchMedia: (_config, media) => fetchMessengerMedia(media),
    prepare: prepareVkFile,
    send: sendVk,
    refLifetimeMs: null,
  },
  apple: {
    verify: noVerification,
    receive: (config, request, now) => readAppleWebhook(config, request, epochSeconds(now)),
    fetchMedia: (config, media, now) => fetchAppleMedia(config, media, epochSeconds(now)),
    prepare: (config, file, _clientId, now) => prepareAppleFile(config, file, epochSeconds(now)),
    send: (config, message, lineKey, now) => sendApple(config, message, lineKey, epochSeconds(now)),
    refLifetimeMs: APPLE_ATTACHMENT_LIFETIME_MS,
  },
};

type WithoutConfig<F> = F extends (config: never, ...rest: infer A) => infer R ? (...rest: A) => R : F;

/** A platform adapter with one account's config bound: its functions without their first parameter. */
export type AccountAdapter = {
  [K in keyof PlatformAdapter<never>]: WithoutConfig<PlatformAdapter<never>[K]>;
};

/**
 * The adapter of the account's platform, bound to the account's config. The one narrowing of the
 * table: indexed by the account's type `T`, the entry takes `PlatformConfig<T>`, the account's own.
 */
export function accountAdapter<T extends ChannelAccountType>(account: {
  type: T;
  config: PlatformConfig<T>;
}): AccountAdapter {
  const adapter: PlatformAdapter<PlatformConfig<T>> = platformAdapters[account.type];
  const { config } = account;
  return {
    verify: (query) => adapter.verify(config, query),
    receive: (request, now) => adapter.receive(config, request, now),
    fetchMedia: (media, now) => adapter.fetchMedia(config, media, now),
    prepare: (file, clientId, now) => adapter.prepare(config, file, clientId, now),
    send: (message, lineKey, now) => adapter.send(config, message, lineKey, now),
    refLifetimeMs: adapter.refLifetimeMs,
  };
}
