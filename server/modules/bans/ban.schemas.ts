import { z } from 'zod';
import { banStates } from '../../../common/bans';
import { banIdentityKinds, channels } from '../../../common/domain';
import { idSchema, isoDate, isoDateOrNull } from '../../platform/http/schemas';
import { BAN_PAGE_DEFAULT, BAN_PAGE_MAX } from './ban.service';

const dateTime = z.iso.datetime({ offset: true });

const identitySchema = z.object({
  kind: z.enum(banIdentityKinds),
  value: z.string().min(1).max(320).describe('ip: an address or a CIDR subnet (IPv4 or IPv6)'),
});

export const createBanBody = z
  .object({
    channel: z.enum(channels),
    identities: z.array(identitySchema.strict()).min(1).max(20),
    reason: z.string().trim().min(1).max(2000),
    expiresAt: dateTime.nullable().describe('null: until lifted'),
    sessionId: idSchema.nullable().optional().describe('the session the ban was made from'),
  })
  .strict();

export const liftBanBody = z.object({ reason: z.string().trim().min(1).max(2000) }).strict();

export const banListQuery = z.object({
  active: z.enum(['true', 'false']).optional().describe('true: applying now; false: lifted or expired'),
  channel: z.enum(channels).optional(),
  identity: z
    .string()
    .min(1)
    .max(320)
    .optional()
    .describe('part of an identity (case-insensitive); an IP address also finds the subnets containing it'),
  createdBy: idSchema.optional().describe('the user who banned'),
  from: dateTime.optional().describe('banned at or after this time'),
  to: dateTime.optional().describe('banned before this time'),
  limit: z.coerce.number().int().min(1).max(BAN_PAGE_MAX).default(BAN_PAGE_DEFAULT),
  cursor: z.string().max(400).optional().describe("the previous page's nextCursor"),
});

const actorSchema = z
  .object({ kind: z.enum(['user', 'api_key']), id: z.string(), name: z.string() })
  .nullable();

export const banSchema = z.object({
  id: z.string(),
  channel: z.enum(channels),
  identities: z.array(z.object({ kind: z.enum(banIdentityKinds), value: z.string() })),
  reason: z.string().nullable(),
  clientName: z.string().nullable(),
  sessionId: z.string().nullable(),
  createdAt: isoDate,
  createdBy: actorSchema,
  expiresAt: isoDateOrNull,
  active: z.boolean().describe('applies now: not lifted and not expired'),
  state: z.enum(banStates),
  liftedAt: isoDateOrNull,
  liftedBy: actorSchema,
  liftReason: z.string().nullable(),
  attempts: z.number().int().describe('refused attempts of the banned client (sessions, messages, sockets)'),
  lastAttemptAt: isoDateOrNull,
});

export const banPageSchema = z.object({ items: z.array(banSchema), nextCursor: z.string().nullable() });

export const sessionClientSchema = z.object({
  sessionId: z.string(),
  channel: z.enum(channels),
  clientName: z.string().nullable(),
  identities: z.array(z.object({ kind: z.enum(banIdentityKinds), value: z.string() })),
  kinds: z.array(z.enum(banIdentityKinds)).describe('the identities a ban on this channel may name'),
  mayBan: z.boolean(),
  activeBanIds: z.array(z.string()).describe('bans made from this session that apply now'),
});
