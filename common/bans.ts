import type { BanIdentityKind, Channel, ChannelAccountType } from './domain';
import type { LabelLanguage } from './labels';

/**
 * Which identities a ban may name on each channel (the client identities that channel knows): the
 * API refuses others, and the detail's Ban dialog offers exactly these.
 */
export const banKindsByChannel = {
  webchat: ['visitorId', 'ip', 'email', 'phone'],
  av: ['visitorId', 'ip', 'email', 'phone'],
  phone: ['phone'],
  whatsapp: ['waId', 'phone', 'email'],
  messenger: ['psid', 'email', 'phone'],
  apple: ['appleId', 'email', 'phone'],
  vkontakte: ['vkId', 'email', 'phone'],
} as const satisfies Record<Channel, readonly BanIdentityKind[]>;

/** The platform's own client id on each messaging channel (what its webhooks name the client by). */
export const platformClientKind = {
  whatsapp: 'waId',
  messenger: 'psid',
  apple: 'appleId',
  vkontakte: 'vkId',
} as const satisfies Record<ChannelAccountType, BanIdentityKind>;

export const banIdentityLabels = {
  visitorId: { cs: 'ID návštěvníka', en: 'Visitor ID' },
  ip: { cs: 'IP adresa nebo podsíť', en: 'IP address or subnet' },
  email: { cs: 'E-mail', en: 'E-mail' },
  phone: { cs: 'Telefon', en: 'Phone' },
  psid: { cs: 'Messenger PSID', en: 'Messenger PSID' },
  waId: { cs: 'WhatsApp ID', en: 'WhatsApp ID' },
  appleId: { cs: 'Apple ID klienta', en: 'Apple opaque ID' },
  vkId: { cs: 'VK ID uživatele', en: 'VK user ID' },
} as const satisfies Record<BanIdentityKind, Record<LabelLanguage, string>>;

/** A ban is active until lifted or until it expires; the state says which. */
export const banStates = ['active', 'expired', 'lifted'] as const;
export type BanState = (typeof banStates)[number];
