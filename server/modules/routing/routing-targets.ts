import { sql } from 'kysely';
import { z } from 'zod';
import type { Database } from '../../db/database';
import type { Principal } from '../../platform/auth/principal';
import { MANAGERS } from '../../platform/auth/principal';
import { principalOf } from '../../platform/auth/authorize';
import type { App } from '../../platform/http/types';
import { errorResponses } from '../../platform/http/schemas';
import type { Services } from '../../services';
import { groupStrategies, userStates } from '../../../common/domain';

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

export function routingTargetsService(db: Database) {
  return {
    async list(principal: Principal): Promise<RoutingTargets> {
      const tenantId = principal.tenantId;
      const operators = await db
        .selectFrom('users as u')
        .select([
          'u.id',
          'u.name',
          'u.state',
          'u.capacity',
          // Same load the engine counts: accepted live sessions plus pending offers.
          sql<number>`(
            (SELECT count(*) FROM session_participants p JOIN sessions s
               ON s.tenant_id = p.tenant_id AND s.id = p.session_id
              WHERE p.tenant_id = ${tenantId} AND p.user_id = u.id AND p.left_at IS NULL
                AND s.status IN ('active', 'after_work'))
            + (SELECT count(*) FROM session_offers o
              WHERE o.tenant_id = ${tenantId} AND o.user_id = u.id AND o.state = 'pending')
          )::int`.as('load'),
        ])
        .where('u.tenant_id', '=', tenantId)
        .where('u.disabled_at', 'is', null)
        .orderBy('u.name')
        .orderBy('u.id')
        .execute();
      const groups = await db
        .selectFrom('operator_groups as g')
        .select([
          'g.id',
          'g.name',
          'g.strategy',
          'g.queue_size',
          sql<number>`(SELECT count(*) FROM session_routing r
            WHERE r.tenant_id = ${tenantId} AND r.group_id = g.id AND r.queued_at IS NOT NULL)::int`.as(
            'queued',
          ),
        ])
        .where('g.tenant_id', '=', tenantId)
        .orderBy('g.name')
        .orderBy('g.id')
        .execute();
      return {
        operators: operators.map((row) => ({
          id: row.id,
          name: row.name,
          state: row.state,
          activeSessions: Number(row.load),
          capacity: row.capacity,
        })),
        groups: groups.map((row) => ({
          id: row.id,
          name: row.name,
          strategy: row.strategy,
          queued: Number(row.queued),
          queueSize: row.queue_size,
        })),
      };
    },
  };
}

export function routingTargetsRoutes(app: App, services: Services): void {
  app.get(
    '/api/v1/routing/targets',
    {
      config: { access: MANAGERS },
      schema: {
        tags: ['sessions'],
        summary: 'Operators and groups a live session can be redirected to',
        description:
          "The tenant's enabled users with state and load (`activeSessions` of `capacity`) and its groups " +
          'with their queue (`queued` of `queueSize`). Only online operators with free capacity and groups ' +
          'with room in the queue accept a redirect.',
        response: { 200: routingTargetsSchema, ...errorResponses },
      },
    },
    async (request) => services.routingTargets.list(principalOf(request)),
  );
}
