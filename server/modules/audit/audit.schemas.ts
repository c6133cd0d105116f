import { z } from 'zod';
import { idSchema, isoDate } from '../../platform/http/schemas';
import { csvSeparators } from '../exports/csv-writer';
import { AUDIT_PAGE_DEFAULT, AUDIT_PAGE_MAX } from './audit.service';

const dateTime = z.iso.datetime({ offset: true }).transform((value) => new Date(value));
const actionPattern = /^[a-z][a-z0-9_.-]{0,99}(?:\.\*)?$/;

/** The audit log's filters, shared by the page and the CSV export. */
export const auditFilterQuery = z.object({
  actor: idSchema.optional().describe('the acting user id'),
  apiKey: idSchema.optional().describe('the acting API key id'),
  action: z
    .string()
    .max(2000)
    .optional()
    .describe('comma-separated actions, exact (`user.update`) or by prefix (`user.*`)'),
  objectType: z.string().min(1).max(100).optional(),
  objectId: z.string().min(1).max(200).optional(),
  from: dateTime.optional().describe('from this time (inclusive), ISO 8601 with an offset'),
  to: dateTime.optional().describe('before this time (exclusive), ISO 8601 with an offset'),
});

export const auditListQuery = auditFilterQuery.extend({
  limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(AUDIT_PAGE_DEFAULT),
  cursor: z.string().max(400).optional().describe("the previous page's nextCursor"),
});

export const auditExportQuery = auditFilterQuery.extend({
  lang: z.enum(['cs', 'en']).default('cs'),
  separator: z
    .enum(Object.keys(csvSeparators) as ['semicolon', 'comma'])
    .optional()
    .describe("default: the tenant's setting"),
});

export const auditEventSchema = z.object({
  id: z.string(),
  at: isoDate,
  actor: z.object({
    kind: z.enum(['user', 'api_key', 'system']),
    id: z.string().nullable(),
    name: z.string().nullable(),
  }),
  action: z.string(),
  objectType: z.string().nullable(),
  objectId: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  ip: z.string().nullable(),
});

/** Splits and checks `action=`; a malformed one is a 400 naming the parameter. */
export function parseActions(raw: string | undefined): string[] | undefined | Error {
  if (raw === undefined || raw.trim() === '') return undefined;
  const actions = raw
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  if (actions.length > 50 || actions.some((action) => !actionPattern.test(action))) {
    return new Error('action: give actions such as user.update or prefixes such as user.*, comma-separated.');
  }
  return actions;
}
