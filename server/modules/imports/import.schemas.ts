import { z } from 'zod';
import {
  activityTypes,
  channels,
  clientLeftValues,
  endReasons,
  recordingStates,
  recordingTracks,
  routingEventKinds,
  senders,
  sources,
  statuses,
} from '../../../common/domain';

/**
 * One line of an import file: one session with its transcript, notes and parameters (docs/import.md).
 * Parsing normalises: times → Date (any offset, same instant), e-mails lower-cased, parameter values →
 * strings.
 */

const oneOf = (values: readonly string[]) => ({
  error: (issue: { input?: unknown }) =>
    issue.input === undefined
      ? 'is required'
      : `${JSON.stringify(issue.input)} is unknown; expected one of ${values.join(', ')}`,
});

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;
const INSTANT_MESSAGE = 'must be an ISO 8601 time with an offset, such as 2025-03-01T09:15:00+01:00 or …Z';

/** An ISO 8601 instant with an offset (Z or ±hh:mm); the instant is kept whatever the offset. */
const instant = z
  .string({ error: 'must be an ISO 8601 time such as 2025-03-01T09:15:00+01:00' })
  .transform((value, ctx) => {
    const date = ISO_INSTANT.test(value) ? new Date(value) : undefined;
    if (!date || Number.isNaN(date.getTime())) {
      ctx.addIssue({ code: 'custom', message: INSTANT_MESSAGE });
      return z.NEVER;
    }
    return date;
  });

const email = z
  .string({ error: 'must be an e-mail address' })
  .trim()
  .toLowerCase()
  .pipe(z.email({ error: 'must be an e-mail address' }).max(320));

const name = (max = 200) => z.string().trim().min(1, { error: 'must not be empty' }).max(max);
const optionalText = (max: number) => z.string().max(max, { error: `must be at most ${max} characters` });

export const operatorRefSchema = z.object({
  email,
  name: name().optional(),
  joinedAt: instant.optional(),
  leftAt: instant.optional(),
});

export const clientSchema = z.object({
  name: optionalText(500).optional(),
  email: optionalText(320).optional(),
  phone: optionalText(100).optional(),
  ip: optionalText(100).optional(),
  language: optionalText(20).optional(),
  browser: optionalText(100).optional(),
  os: optionalText(100).optional(),
  visitorId: optionalText(200).optional(),
  /** Messenger PSID, WhatsApp wa_id, Apple opaque id or VK user id, by the session's channel. */
  channelUserId: optionalText(200).optional(),
});

export const fileSchema = z.object({
  name: name(1000),
  size: z.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  mimeType: optionalText(200).optional(),
});

export const activitySchema = z.object({
  at: instant,
  from: z.enum(senders, oneOf(senders)),
  operator: email.optional(),
  chatbot: name().optional(),
  type: z.enum(activityTypes, oneOf(activityTypes)).default('message'),
  text: optionalText(100_000).optional(),
  file: fileSchema.optional(),
  /** System messages: a stable code (joined, left, redirected, ended, recording_started, …) and its data. */
  systemCode: name(100).optional(),
  systemData: z.record(z.string(), z.unknown()).optional(),
});

export const noteSchema = z.object({
  author: email.optional(),
  at: instant,
  text: name(20_000),
});

export const recordingSchema = z.object({
  track: z.enum(recordingTracks, oneOf(recordingTracks)),
  startedAt: instant,
  durationSeconds: z.number().int().min(0).optional(),
  sizeBytes: z.number().int().min(0).optional(),
  mediaType: name(200),
  state: z.enum(recordingStates, oneOf(recordingStates)).default('ready'),
});

export const routingEventSchema = z.object({
  at: instant,
  kind: z.enum(routingEventKinds, oneOf(routingEventKinds)),
  operator: email.optional(),
  group: name().optional(),
  chatbot: name().optional(),
  by: email.optional(),
  data: z.record(z.string(), z.unknown()).optional(),
});

export const banSchema = z.object({
  reason: optionalText(2000).optional(),
  at: instant,
  expiresAt: instant.optional(),
  by: email.optional(),
});

const paramValue = z
  .union([z.string().max(10_000), z.number(), z.boolean()], {
    error: 'parameter values must be strings, numbers or booleans',
  })
  .transform(String);

export const importRecordSchema = z
  .object({
    externalId: z
      .string({ error: 'is required' })
      .trim()
      .min(1, { error: 'must not be empty' })
      .max(200, { error: 'must be at most 200 characters' }),
    channel: z.enum(channels, oneOf(channels)),
    source: z.enum(sources, oneOf(sources)),
    status: z.enum(statuses, oneOf(statuses)).default('closed'),
    createdAt: instant,
    acceptedAt: instant.optional(),
    endedAt: instant.optional(),
    endReason: z.enum(endReasons, oneOf(endReasons)).optional(),
    clientLeft: z.enum(clientLeftValues, oneOf(clientLeftValues)).optional(),
    group: name().optional(),
    chatbot: name().optional(),
    operators: z.array(operatorRefSchema).max(100).default([]),
    client: clientSchema.default({}),
    pageUrl: optionalText(4000).optional(),
    widget: name().optional(),
    params: z.record(z.string().min(1).max(200), paramValue).default({}),
    tags: z.array(name(100)).max(100).default([]),
    rating: z.number().int().min(1).max(5).optional(),
    feedback: optionalText(10_000).optional(),
    result: optionalText(200).optional(),
    activities: z.array(activitySchema).max(20_000).default([]),
    notes: z.array(noteSchema).max(1000).default([]),
    recordings: z.array(recordingSchema).max(100).default([]),
    routing: z.array(routingEventSchema).max(1000).default([]),
    ban: banSchema.optional(),
    /** The externalId of the ended session this one was restored from (imported earlier or in this file). */
    restoredFrom: z.string().trim().min(1).max(200).optional(),
  })
  .superRefine((record, ctx) => {
    const issue = (path: (string | number)[], message: string) =>
      ctx.addIssue({ code: 'custom', path, message });
    // Runs even when a field failed already; compare only the times that parsed.
    const time = (value: unknown) => (value instanceof Date ? value.getTime() : undefined);
    const created = time(record.createdAt);
    const accepted = time(record.acceptedAt);
    const ended = time(record.endedAt);
    if (created !== undefined && accepted !== undefined && accepted < created)
      issue(['acceptedAt'], 'is before createdAt');
    if (created !== undefined && ended !== undefined && ended < created)
      issue(['endedAt'], 'is before createdAt');
    else if (accepted !== undefined && ended !== undefined && ended < accepted)
      issue(['endedAt'], 'is before acceptedAt');
    if (record.status === 'closed' && !record.endedAt)
      issue(['endedAt'], 'is required for a closed session (status "closed")');
    if (record.status !== 'closed' && record.endedAt)
      issue(['endedAt'], `must be empty while the session is live (status "${record.status}")`);
    (Array.isArray(record.operators) ? record.operators : []).forEach((operator, index) => {
      const joined = time(operator?.joinedAt);
      const left = time(operator?.leftAt);
      if (joined !== undefined && left !== undefined && left < joined)
        issue(['operators', index, 'leftAt'], 'is before joinedAt');
    });
    (Array.isArray(record.activities) ? record.activities : []).forEach((activity, index) => {
      if (!activity || typeof activity !== 'object') return;
      if (activity.type === 'file' && !activity.file)
        issue(['activities', index, 'file'], 'is required for an activity of type "file"');
      if (activity.type === 'message' && !activity.text)
        issue(['activities', index, 'text'], 'is required for an activity of type "message"');
      if (activity.type === 'system' && !activity.text && !activity.systemCode)
        issue(['activities', index, 'text'], 'a system message needs a text or a systemCode');
      if (activity.from === 'operator' && !activity.operator)
        issue(['activities', index, 'operator'], 'is required when from is "operator" (the e-mail)');
    });
    if (record.restoredFrom !== undefined && record.restoredFrom === record.externalId)
      issue(['restoredFrom'], 'a session cannot be restored from itself');
  });

export type ImportRecordInput = z.input<typeof importRecordSchema>;
export type ImportRecord = z.output<typeof importRecordSchema>;

/** Turns zod's issues into one sentence a person understands: "endedAt is before createdAt; …". */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => {
      const path = issue.path
        .map((part, index) => (typeof part === 'number' ? `[${part}]` : `${index ? '.' : ''}${String(part)}`))
        .join('');
      return path ? `${path} ${issue.message}` : issue.message;
    })
    .join('; ')
    .concat(error.issues.length > 5 ? ` (and ${error.issues.length - 5} more problems)` : '');
}

export const importErrorSchema = z.object({
  line: z.number().int(),
  externalId: z.string().nullable(),
  reason: z.string(),
});
export type ImportError = z.infer<typeof importErrorSchema>;

export const importSummarySchema = z.object({
  lines: z.number().int().describe('Non-empty lines read'),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.number().int(),
  errors: z.array(importErrorSchema).describe('The first 1,000 rejected lines with their reasons'),
  moreErrors: z.number().int().describe('Rejected lines beyond those listed'),
  sessions: z.number().int().describe('Sessions written (created + updated)'),
  activities: z.number().int().describe('Transcript activities written'),
  seconds: z.number(),
});
export type ImportSummary = z.infer<typeof importSummarySchema>;
