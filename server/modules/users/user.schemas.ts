import { z } from 'zod';
import { isoDate, isoDateOrNull } from '../../platform/http/schemas';
import { roles } from '../../../common/roles';
import { userStates } from '../../../common/domain';
import { emailSchema, passwordSchema } from '../tenants/tenant.service';

/** A language an operator speaks: a BCP 47 primary tag such as `cs` or `en`. */
const languageSchema = z
  .string()
  .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'must be a language tag such as "cs" or "en-GB"');

export const userSchema = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(roles),
  /** False once deactivated: the user cannot sign in, is offered nothing, and their API keys stop working. */
  active: z.boolean(),
  state: z.enum(userStates),
  capacity: z.number().int(),
  languages: z.array(z.string()),
  groups: z.array(z.object({ id: z.string(), name: z.string(), priority: z.number().int() })),
  lastLoginAt: isoDateOrNull,
  createdAt: isoDate,
  deactivatedAt: isoDateOrNull,
});

const nameSchema = z.string().trim().min(1).max(200);
const capacitySchema = z.number().int().min(0).max(100);
const languagesSchema = z.array(languageSchema).max(20);

export const createUserBody = z.object({
  email: emailSchema,
  name: nameSchema,
  role: z.enum(roles),
  /** Optional: without it a password is generated and returned once in the response. */
  password: passwordSchema.optional(),
  capacity: capacitySchema.optional(),
  languages: languagesSchema.optional(),
});

export const createdUserSchema = userSchema.extend({
  /** The generated one-time password; null when the request gave one. Shown only in this response. */
  password: z.string().nullable(),
});

export const patchUserBody = z
  .object({
    name: nameSchema.optional(),
    role: z.enum(roles).optional(),
    active: z.boolean().optional(),
    capacity: capacitySchema.optional(),
    languages: languagesSchema.optional(),
  })
  .strict();

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(200),
  newPassword: passwordSchema,
});
