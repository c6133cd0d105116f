import type { ChannelAccountType } from '../../../common/domain';
import type { OpenAccount } from './channel-account.service';

/**
 * What a business may send to a client on a messaging platform now, computed from the client's last
 * inbound message on that account (whichever session it was in). The one rule: outbound delivery
 * uses it, and so does restoring an ended session. Sources per platform: docs/channels.md.
 */
export type WindowAnswer =
  /** Any message (free text, media). */
  | { allows: 'free'; reason: WindowReason; closesAt: Date | null }
  /** Free text only with the platform's tag (Messenger HUMAN_AGENT). */
  | { allows: 'tag'; tag: 'HUMAN_AGENT'; reason: WindowReason; closesAt: Date }
  /** Only an approved template (WhatsApp). */
  | { allows: 'template'; reason: WindowReason; closesAt: null }
  /** Nothing. */
  | { allows: 'nothing'; reason: WindowReason; closesAt: null };

export const windowReasons = [
  'never_wrote',
  'whatsapp_customer_service_window',
  'whatsapp_window_closed',
  'messenger_standard_window',
  'messenger_human_agent_window',
  'messenger_window_closed',
  'messenger_human_agent_not_allowed',
  'apple_customer_initiated',
  'vkontakte_messages_allowed',
] as const;
export type WindowReason = (typeof windowReasons)[number];

const HOUR = 3600 * 1000;
export const WHATSAPP_WINDOW_MS = 24 * HOUR;
export const MESSENGER_STANDARD_MS = 24 * HOUR;
export const MESSENGER_HUMAN_AGENT_MS = 7 * 24 * HOUR;

/**
 * The window of one account: its platform's rule with what the account itself may (a Messenger page's
 * human-agent tag). What the outbox and Restore ask.
 */
export function accountWindow(account: OpenAccount, lastInboundAt: Date | null, now: Date): WindowAnswer {
  return messagingWindow(account.type, lastInboundAt, now, {
    humanAgentTag: account.type === 'messenger' && account.config.humanAgentTag,
  });
}

export function messagingWindow(
  type: ChannelAccountType,
  lastInboundAt: Date | null,
  now: Date,
  account: { humanAgentTag?: boolean } = {},
): WindowAnswer {
  if (lastInboundAt === null) {
    // The platforms let a business write only to someone who wrote first (WhatsApp: a template).
    return type === 'whatsapp'
      ? { allows: 'template', reason: 'never_wrote', closesAt: null }
      : { allows: 'nothing', reason: 'never_wrote', closesAt: null };
  }
  const age = now.getTime() - lastInboundAt.getTime();
  const at = (ms: number) => new Date(lastInboundAt.getTime() + ms);
  switch (type) {
    case 'whatsapp':
      return age < WHATSAPP_WINDOW_MS
        ? { allows: 'free', reason: 'whatsapp_customer_service_window', closesAt: at(WHATSAPP_WINDOW_MS) }
        : { allows: 'template', reason: 'whatsapp_window_closed', closesAt: null };
    case 'messenger':
      if (age < MESSENGER_STANDARD_MS)
        return { allows: 'free', reason: 'messenger_standard_window', closesAt: at(MESSENGER_STANDARD_MS) };
      if (age < MESSENGER_HUMAN_AGENT_MS) {
        return account.humanAgentTag
          ? {
              allows: 'tag',
              tag: 'HUMAN_AGENT',
              reason: 'messenger_human_agent_window',
              closesAt: at(MESSENGER_HUMAN_AGENT_MS),
            }
          : { allows: 'nothing', reason: 'messenger_human_agent_not_allowed', closesAt: null };
      }
      return { allows: 'nothing', reason: 'messenger_window_closed', closesAt: null };
    case 'apple':
      // Apple Messages for Business: the business answers in a conversation the customer started;
      // the MSP documentation sets no reply deadline (the customer may delete the conversation).
      return { allows: 'free', reason: 'apple_customer_initiated', closesAt: null };
    case 'vkontakte':
      // VK: a community may write to a user who wrote to it (or allowed its messages); no time limit.
      return { allows: 'free', reason: 'vkontakte_messages_allowed', closesAt: null };
  }
}

/**
 * What the first message of a restored session may be under the window: free text (Messenger with
 * the tag the answer names), and on WhatsApp an approved template at any time — a template is how a
 * business opens a conversation, inside the window or not.
 */
export function restoreOptions(
  type: ChannelAccountType,
  answer: WindowAnswer,
): { text: boolean; template: boolean } {
  return {
    text: answer.allows === 'free' || answer.allows === 'tag',
    template: type === 'whatsapp',
  };
}

/**
 * Whether the outbox may send a line now: free text needs an open window (or the tag), a WhatsApp
 * template goes at any time.
 */
export function maySend(answer: WindowAnswer, kind: 'text' | 'template'): boolean {
  if (kind === 'template') return answer.allows !== 'nothing';
  return answer.allows === 'free' || answer.allows === 'tag';
}

/** A sentence for the delivery state's reason when the window refuses a free-text message. */
export function windowRefusal(answer: WindowAnswer): string {
  switch (answer.reason) {
    case 'never_wrote':
      return 'The client has never written to this account; the platform allows no free-text message.';
    case 'whatsapp_window_closed':
      return "More than 24 hours since the client's last message: WhatsApp allows only an approved template.";
    case 'messenger_human_agent_not_allowed':
      return "More than 24 hours since the client's last message and this page may not use the HUMAN_AGENT tag.";
    case 'messenger_window_closed':
      return "More than 7 days since the client's last message: Messenger allows no message.";
    case 'whatsapp_customer_service_window':
    case 'messenger_standard_window':
    case 'messenger_human_agent_window':
    case 'apple_customer_initiated':
    case 'vkontakte_messages_allowed':
      return 'The messaging window is open.';
  }
}
