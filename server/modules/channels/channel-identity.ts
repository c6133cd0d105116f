import type { ChannelAccountType } from '../../../common/domain';

/** The kind of identity a platform's client id is, as bans and contacts name it. */
export function identityKind(type: ChannelAccountType): string {
  return { whatsapp: 'wa_id', messenger: 'psid', apple: 'apple_id', vkontakte: 'vk_id' }[type];
}
