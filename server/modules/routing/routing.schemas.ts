import { z } from 'zod';
import { idSchema, isoDate, isoDateOrNull } from '../../platform/http/schemas';
import { groupStrategies, routingEventKinds, statuses, userStates } from '../../../common/domain';

const ref = z.object({ id: z.string(), name: z.string() }).nullable();

export const routingViewSchema = z.object({
  current: z
    .object({
      state: z.enum(statuses).describe('queued, offered, active or after_work'),
      groupId: z.string().nullable(),
      groupName: z.string().nullable(),
      queuePosition: z.number().nullable().describe('1-based place in the group queue while waiting'),
      offeredTo: z.array(
        z.object({ id: z.string(), name: z.string(), since: isoDate, expiresAt: isoDateOrNull }),
      ),
      waitingSeconds: z.number().describe('Waiting so far, or until it was accepted'),
    })
    .nullable()
    .describe('null once the session has ended'),
  events: z.array(
    z.object({
      id: z.string(),
      at: isoDate,
      kind: z.enum(routingEventKinds),
      actor: ref.describe('Who caused the step (redirect: the manager)'),
      user: ref.describe('The operator concerned (offered to, accepted by, redirected to)'),
      group: ref,
      data: z.record(z.string(), z.unknown()),
    }),
  ),
});

export const redirectBody = z.union([
  z.object({ operatorId: idSchema }).strict(),
  z.object({ groupId: idSchema }).strict(),
]);

/**
 * Where a manager can redirect a live session: the tenant's enabled users with their state and load,
 * and its groups with their queue. Read-only; the redirect itself re-checks everything under lock.
 */
export const routingTargetsSchema = z.object({
  operators: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      state: z.enum(userStates),
      activeSessions: z.number().describe('Sessions held now plus offers waiting for an answer'),
      capacity: z.number().describe('Concurrent sessions the operator can take'),
    }),
  ),
  groups: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      strategy: z.enum(groupStrategies),
      queued: z.number().describe('Live sessions waiting in the group now'),
      queueSize: z.number().describe('Maximum number of waiting sessions'),
    }),
  ),
});

export type RoutingTargets = z.infer<typeof routingTargetsSchema>;
