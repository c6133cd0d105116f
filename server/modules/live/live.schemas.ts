import { activityText } from '../../../common/system-messages';
import type { LabelLanguage } from '../../../common/labels';
import { z } from 'zod';
import { idSchema, isoDate, isoDateOrNull } from '../../platform/http/schemas';
import { activityTypes, endReasons, senders, statuses, userStates } from '../../../common/domain';

export const WIDGET_KEY_HEADER = 'x-widget-key';
export const CLIENT_TOKEN_HEADER = 'x-client-token';

const shortText = (max: number) => z.string().trim().min(1).max(max);

export const clientHeaders = z
  .object({
    [WIDGET_KEY_HEADER]: z.string().max(200).optional().describe("The widget's public key"),
  })
  .loose();

export const clientSessionHeaders = z
  .object({
    [WIDGET_KEY_HEADER]: z.string().max(200).optional().describe("The widget's public key"),
    [CLIENT_TOKEN_HEADER]: z
      .string()
      .max(200)
      .optional()
      .describe('The client token returned when the session was started'),
  })
  .loose();

export const startChatBody = z
  .object({
    visitorId: shortText(200).optional().describe("The visitor's id (cookie); bans can name it"),
    name: shortText(200).optional(),
    email: z.email().max(320).optional(),
    phone: z
      .string()
      .regex(/^\+?[0-9 ()-]{3,30}$/, 'must be a phone number')
      .optional(),
    language: shortText(20).optional(),
    browser: shortText(100).optional(),
    os: shortText(100).optional(),
    pageUrl: z.string().max(2000).optional(),
    params: z
      .record(z.string().min(1).max(200), z.string().max(2000))
      .refine((value) => Object.keys(value).length <= 50, 'at most 50 parameters')
      .optional()
      .describe('Free key → value pairs (form fields, page context); routing rules can match them'),
  })
  .strict();

export const messageBody = z
  .object({
    text: z.string().max(10_000).optional(),
    file: z
      .object({
        name: shortText(500),
        size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
        mimeType: z.string().max(200).optional(),
      })
      .strict()
      .optional()
      .describe('A file sent: metadata only (name, size, type); the bytes are not stored by this API'),
  })
  .strict();

export const activitySchema = z.object({
  id: z.string(),
  at: isoDate,
  sender: z.enum(senders),
  type: z.enum(activityTypes),
  userId: z.string().nullable(),
  userName: z.string().nullable(),
  text: z.string().nullable(),
  file: z
    .object({ name: z.string(), size: z.number().nullable(), mimeType: z.string().nullable() })
    .nullable(),
  systemCode: z.string().nullable(),
  systemData: z.unknown().nullable(),
});

export const snapshotSchema = z.object({
  id: z.string(),
  status: z.enum(statuses),
  channel: z.string(),
  source: z.string(),
  createdAt: isoDate,
  acceptedAt: isoDateOrNull,
  endedAt: isoDateOrNull,
  waitingSeconds: z.number().nullable(),
  durationSeconds: z.number().nullable(),
  operatorIds: z.array(z.string()),
  groupId: z.string().nullable(),
  chatbotId: z.string().nullable(),
  endReason: z.enum(endReasons).nullable(),
  clientLeft: z.string().nullable(),
  messageCount: z.number(),
  lastClientMessageAt: isoDateOrNull,
});

export const startChatResponse = z.object({
  sessionId: z.string(),
  status: z.enum(statuses),
  endReason: z.enum(endReasons).nullable(),
  clientToken: z.string().describe('Send as X-Client-Token (or `token` on the WebSocket); shown only now'),
});

export const sessionEndResponse = z.object({
  sessionId: z.string(),
  status: z.enum(statuses),
  endReason: z.enum(endReasons).nullable(),
});

export const createdActivity = z.object({ id: z.string(), at: isoDate });

export const operatorOverview = z.object({
  user: z.object({ id: z.string(), name: z.string(), state: z.enum(userStates), capacity: z.number() }),
  offers: z.array(
    z.object({
      sessionId: z.string(),
      offeredAt: isoDate,
      expiresAt: isoDateOrNull,
      groupId: z.string().nullable(),
      groupName: z.string().nullable(),
      channel: z.string(),
      clientName: z.string().nullable(),
      pageUrl: z.string().nullable(),
      createdAt: isoDate,
    }),
  ),
  sessions: z.array(
    z.object({
      id: z.string(),
      status: z.enum(statuses),
      channel: z.string(),
      clientName: z.string().nullable(),
      acceptedAt: isoDateOrNull,
      messageCount: z.number(),
    }),
  ),
});

export const sessionIdParams = z.object({ id: idSchema });

export const clientSocketQuery = z.object({
  key: z.string().max(200).describe("The widget's public key"),
  token: z.string().max(200).describe('The client token'),
});

interface ActivityRow {
  id: string;
  at: Date;
  sender: (typeof senders)[number];
  type: (typeof activityTypes)[number];
  user_id: string | null;
  user_name: string | null;
  text: string | null;
  file_name: string | null;
  file_size: string | null;
  file_mime_type: string | null;
  system_code: string | null;
  system_data: unknown;
}

/** A transcript line for a party; engine-written system messages are worded in `lang`. */
export function presentActivity(row: ActivityRow, lang: LabelLanguage) {
  return {
    id: row.id,
    at: row.at,
    sender: row.sender,
    type: row.type,
    userId: row.user_id,
    userName: row.user_name,
    text: activityText({ text: row.text, systemCode: row.system_code, systemData: row.system_data }, lang),
    file: row.file_name
      ? {
          name: row.file_name,
          size: row.file_size === null ? null : Number(row.file_size),
          mimeType: row.file_mime_type,
        }
      : null,
    systemCode: row.system_code,
    systemData: row.system_data ?? null,
  };
}
