import { z } from 'zod';
import { channelAccountTypes } from '../../../common/domain';
import { TEMPLATE_PARAMETER_MAX } from '../../../common/whatsapp-template';
import { idSchema, isoDate, isoDateOrNull } from '../../platform/http/schemas';
import { windowReasons } from '../channels/messaging-window';

export const restoreBody = z
  .strictObject({
    text: z
      .string()
      .trim()
      .min(1)
      .max(4096)
      .optional()
      .describe('the first message as free text (inside the messaging window)'),
    template: z
      .strictObject({
        name: z.string().min(1).max(512),
        language: z.string().min(1).max(20).describe('the template language code, e.g. `cs` or `en_US`'),
        parameters: z
          .array(z.string().max(TEMPLATE_PARAMETER_MAX))
          .max(100)
          .default([])
          .describe('the values of the body placeholders {{1}}, {{2}} … in order'),
      })
      .optional()
      .describe(
        'WhatsApp: an approved message template instead of text (required outside the 24-hour window)',
      ),
    groupId: idSchema
      .optional()
      .describe(
        'offer the new session to this group instead of taking it yourself (required for an API key acting for no user)',
      ),
  })
  .refine((body) => (body.text === undefined) !== (body.template === undefined), {
    message: 'give either text or template',
    path: ['text'],
  });
export type RestoreBody = z.infer<typeof restoreBody>;

export const restoreBlockers = [
  'restore.not_messaging',
  'restore.session_live',
  'restore.no_platform_client',
  'restore.account_disabled',
  'restore.client_banned',
  'restore.window_closed',
] as const;

export const templateSchema = z.object({
  name: z.string(),
  language: z.string(),
  category: z.string(),
  status: z.string(),
  body: z.string().describe('the BODY text with {{1}} … placeholders'),
  parameterCount: z.number().int(),
  offered: z.boolean().describe('approved and with positional parameters: Restore may send it'),
});

export const restoreOptionsSchema = z.object({
  restorable: z.boolean().describe('a new session can be started now'),
  blocked: z
    .object({ code: z.enum(restoreBlockers), message: z.string() })
    .nullable()
    .describe('why not, when it cannot'),
  channel: z.string(),
  accountId: z.string().nullable(),
  window: z
    .object({
      allows: z.enum(['free', 'tag', 'template', 'nothing']),
      reason: z.enum(windowReasons),
      closesAt: isoDateOrNull.describe('when what is allowed now stops being allowed (null: no deadline)'),
      lastInboundAt: isoDateOrNull.describe("the client's last message on this account, whichever session"),
      tag: z.string().nullable().describe('Messenger: the tag the first message is sent with'),
    })
    .nullable(),
  options: z.object({
    text: z.boolean().describe('the first message may be free text'),
    template: z.boolean().describe('the first message may be a WhatsApp template'),
  }),
  templates: z
    .array(templateSchema.extend({ inClientLanguage: z.boolean() }))
    .describe("WhatsApp: the account's approved templates, the client's language first"),
  clientLanguage: z.string().nullable(),
  liveSessionId: z
    .string()
    .nullable()
    .describe('the client already has this live session on the account: Restore opens it instead'),
  groups: z.array(z.object({ id: z.string(), name: z.string() })).describe('groups it can be offered to'),
  canTakeIt: z.boolean().describe('the caller is a user, who takes the new session'),
});

export const restoreResultSchema = z.object({
  created: z
    .boolean()
    .describe('false: the client already had a live session on the account, answered instead'),
  session: z.object({
    id: z.string(),
    status: z.string(),
    channel: z.enum(channelAccountTypes),
    source: z.string(),
    restoredFrom: z.string().nullable(),
    createdAt: isoDate,
  }),
});

export const templateListSchema = z.object({
  syncedAt: isoDateOrNull,
  error: z.string().nullable().describe('why the last synchronisation failed'),
  items: z.array(templateSchema),
});
