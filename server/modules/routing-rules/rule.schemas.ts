import { z } from 'zod';
import { channels, sources } from '../../../common/domain';
import { idSchema } from '../../platform/http/schemas';

/** A rule's conditions on the wire: every one given must hold; none matches every session. */
export const conditionsSchema = z
  .object({
    channel: z.array(z.enum(channels)).min(1).max(channels.length).optional(),
    source: z.array(z.enum(sources)).min(1).max(sources.length).optional(),
    pageUrlContains: z.string().min(1).max(500).optional(),
    params: z
      .record(z.string().min(1).max(100), z.string().max(500))
      .refine((value) => Object.keys(value).length <= 20, 'at most 20 parameters')
      .optional(),
  })
  .strict();

export const targetSchema = z.union([
  z.object({ groupId: idSchema }).strict(),
  z.object({ chatbotId: idSchema }).strict(),
]);

export const ruleSchema = z.object({
  id: z.string(),
  position: z.number().int(),
  name: z.string(),
  conditions: z.record(z.string(), z.unknown()),
  target: z.object({ kind: z.enum(['group', 'chatbot']), id: z.string(), name: z.string() }),
  enabled: z.boolean(),
  isFallback: z.boolean().describe('taken when no other enabled rule matches'),
});

const fields = {
  name: z.string().trim().min(1).max(200),
  conditions: conditionsSchema,
  target: targetSchema,
  enabled: z.boolean(),
  isFallback: z.boolean(),
};

export const createRuleBody = z.object(fields).partial().required({ name: true, target: true }).strict();
export const patchRuleBody = z.object(fields).partial().strict();
export const reorderBody = z.object({ ids: z.array(idSchema).max(1000) }).strict();

export const testRuleBody = z
  .object({
    channel: z.enum(channels),
    source: z.enum(sources).default('widget'),
    pageUrl: z.string().max(2000).optional(),
    params: z.record(z.string().min(1).max(100), z.string().max(500)).optional(),
  })
  .strict();
