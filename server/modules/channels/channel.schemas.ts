import { z } from 'zod';
import { channelAccountTypes } from '../../../common/domain';
import { isoDate } from '../../platform/http/schemas';

/** The real platforms' API hosts; a test or the demo points an account at a local stand-in instead. */
export const defaultBaseUrls = {
  whatsapp: 'https://graph.facebook.com',
  messenger: 'https://graph.facebook.com',
  apple: 'https://mspgw.push.apple.com',
  vkontakte: 'https://api.vk.com',
} as const;

const secret = z.string().min(1).max(1000);
const platformId = z.string().regex(/^[A-Za-z0-9._:-]{1,100}$/, 'letters, digits and . _ : - only');
const baseUrl = z
  .url({ protocol: /^https?$/ })
  .max(500)
  .transform((value) => value.replace(/\/+$/, ''))
  .describe("the platform's API base URL; defaults to the real platform");

/**
 * Each platform's account: its ids and settings (returned) and its secrets (write-only). The field
 * lists below are the one place that says which is which.
 */
export const accountFields = {
  whatsapp: {
    settings: ['phoneNumberId', 'businessAccountId', 'baseUrl'],
    secrets: ['accessToken', 'appSecret', 'verifyToken'],
  },
  messenger: {
    settings: ['pageId', 'humanAgentTag', 'baseUrl'],
    secrets: ['pageAccessToken', 'appSecret', 'verifyToken'],
  },
  apple: { settings: ['businessId', 'mspId', 'baseUrl'], secrets: ['mspSecret'] },
  vkontakte: {
    settings: ['communityId', 'baseUrl'],
    secrets: ['accessToken', 'confirmationCode', 'secretKey'],
  },
} as const;

export const whatsappConfig = z.strictObject({
  phoneNumberId: platformId,
  businessAccountId: platformId
    .optional()
    .describe('the WhatsApp Business Account (WABA) id: the message templates are read from it'),
  accessToken: secret,
  appSecret: secret,
  verifyToken: secret,
  baseUrl: baseUrl.default(defaultBaseUrls.whatsapp),
});
export const messengerConfig = z.strictObject({
  pageId: platformId,
  pageAccessToken: secret,
  appSecret: secret,
  verifyToken: secret,
  humanAgentTag: z.boolean().default(false).describe('the page may send with the HUMAN_AGENT tag'),
  baseUrl: baseUrl.default(defaultBaseUrls.messenger),
});
export const appleConfig = z.strictObject({
  businessId: platformId,
  mspId: platformId,
  mspSecret: secret.describe('the MSP secret (base64) Apple issued; signs and checks the JWTs'),
  baseUrl: baseUrl.default(defaultBaseUrls.apple),
});
export const vkontakteConfig = z.strictObject({
  communityId: z.string().regex(/^\d{1,20}$/, 'a numeric community id'),
  accessToken: secret,
  confirmationCode: secret,
  secretKey: secret,
  baseUrl: baseUrl.default(defaultBaseUrls.vkontakte),
});

export const accountConfigSchemas = {
  whatsapp: whatsappConfig,
  messenger: messengerConfig,
  apple: appleConfig,
  vkontakte: vkontakteConfig,
} as const;

export type WhatsappConfig = z.infer<typeof whatsappConfig>;
export type MessengerConfig = z.infer<typeof messengerConfig>;
export type AppleConfig = z.infer<typeof appleConfig>;
export type VkontakteConfig = z.infer<typeof vkontakteConfig>;

const name = z.string().trim().min(1).max(200);

export const createChannelBody = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('whatsapp'), name, config: whatsappConfig }),
  z.strictObject({ type: z.literal('messenger'), name, config: messengerConfig }),
  z.strictObject({ type: z.literal('apple'), name, config: appleConfig }),
  z.strictObject({ type: z.literal('vkontakte'), name, config: vkontakteConfig }),
]);
export type CreateChannelInput = z.infer<typeof createChannelBody>;

/** A change: any of the fields; a secret left out keeps its stored value. */
export const updateChannelBody = z.strictObject({
  name: name.optional(),
  enabled: z
    .boolean()
    .optional()
    .describe('false disables the account: webhooks are refused, nothing is sent'),
  config: z
    .record(z.string(), z.union([z.string().max(1000), z.boolean()]))
    .optional()
    .describe("fields of the type's config to change (checked against the type's schema)"),
});
export type UpdateChannelInput = z.infer<typeof updateChannelBody>;

export const channelSchema = z.object({
  id: z.string(),
  type: z.enum(channelAccountTypes),
  name: z.string(),
  enabled: z.boolean(),
  config: z
    .record(z.string(), z.union([z.string(), z.boolean()]))
    .describe('ids and settings; secrets are never returned'),
  secretsSet: z.array(z.string()).describe('which secrets are stored (their values are never returned)'),
  webhookUrl: z.string().describe('paste this into the platform as the callback / webhook URL'),
  createdAt: isoDate,
  updatedAt: isoDate,
});
