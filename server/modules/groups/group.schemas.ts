import { z } from 'zod';
import { groupStrategies } from '../../../common/domain';
import { idSchema, isoDate } from '../../platform/http/schemas';

export const groupSchema = z.object({
  id: z.string(),
  name: z.string(),
  strategy: z.enum(groupStrategies),
  queueSize: z.number().int(),
  acceptTimeoutSeconds: z.number().int(),
  maxWaitSeconds: z.number().int().nullable(),
  nextGroupId: z.string().nullable(),
  members: z.array(
    z.object({ userId: z.string(), name: z.string(), priority: z.number().int(), active: z.boolean() }),
  ),
  rules: z.number().int().describe('routing rules that send to this group'),
  liveSessions: z.number().int().describe('live sessions in this group now'),
  createdAt: isoDate,
});

const fields = {
  name: z.string().trim().min(1).max(200),
  strategy: z
    .enum(groupStrategies)
    .describe('utilisation: one operator at a time; whole_group: everyone at once'),
  queueSize: z.number().int().min(0).max(10_000),
  acceptTimeoutSeconds: z.number().int().min(5).max(3600),
  maxWaitSeconds: z.number().int().min(10).max(86_400).nullable(),
  nextGroupId: idSchema.nullable().describe('where sessions go when the maximum wait is over'),
  members: z
    .array(z.object({ userId: idSchema, priority: z.number().int().min(0).max(100) }))
    .max(1000)
    .describe('the whole membership; higher priority is offered first'),
};

export const createGroupBody = z
  .object({ ...fields })
  .partial()
  .required({ name: true })
  .strict();
export const patchGroupBody = z
  .object({ ...fields })
  .partial()
  .strict();
