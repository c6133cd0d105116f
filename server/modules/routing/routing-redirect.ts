import type { Principal } from '../../platform/auth/principal';
import { AppError, notFound } from '../../platform/errors';
import { recordAudit } from '../audit/audit.repository';
import { routingRepository as repo, type SessionRow } from './routing.repository';
import type { RoutingSteps } from './routing-steps';
import {
  lockOrThrow,
  routingEvent,
  setStatus,
  systemMessage,
  updateRouting,
  userName,
  type InUnit,
} from './routing-unit';

export type RedirectTarget = { operatorId: string } | { groupId: string };

/**
 * A manager moves a live session to an operator (who must be online with free capacity) or a group
 * (with room in its queue); it leaves its current operator or queue and is offered there at once.
 */
export function redirectSession(deps: { inUnit: InUnit; steps: RoutingSteps }) {
  const { inUnit } = deps;
  const { closeOffers, dispatch, enterQueue } = deps.steps;
  return async function redirect(
    actor: Principal,
    sessionId: string,
    target: RedirectTarget,
  ): Promise<SessionRow> {
    return inUnit(actor.tenantId, async (unit) => {
      const locked = await lockOrThrow(unit, sessionId);
      const { session } = locked;
      if (session.status === 'closed') {
        throw new AppError(
          'routing.session_ended',
          `Session ${sessionId} has ended; only live sessions can be redirected.`,
        );
      }
      const current = await repo.currentOperators(unit.trx, actor.tenantId, sessionId);
      let targetName: string;
      if ('operatorId' in target) {
        const operator = await repo.user(unit.trx, actor.tenantId, target.operatorId);
        if (!operator) throw notFound(`Operator ${target.operatorId}`);
        if (current.includes(operator.id) || locked.routing.target_user_id === operator.id) {
          throw new AppError('routing.already_there', `The session is already with ${operator.name}.`);
        }
        if (operator.disabled_at !== null || operator.state !== 'online') {
          throw new AppError(
            'routing.operator_unavailable',
            `${operator.name} is ${operator.disabled_at ? 'disabled' : operator.state}; only online operators can take sessions.`,
            { state: operator.state },
          );
        }
        const pendingOfMine = (await repo.pendingOffers(unit.trx, actor.tenantId, sessionId)).some(
          (row) => row.user_id === operator.id,
        );
        const load = await repo.userLoad(unit.trx, actor.tenantId, operator.id);
        if (load - (pendingOfMine ? 1 : 0) >= operator.capacity) {
          throw new AppError(
            'routing.operator_full',
            `${operator.name} has no free capacity (${operator.capacity}).`,
            {
              capacity: operator.capacity,
            },
          );
        }
        targetName = operator.name;
      } else {
        const group = await repo.group(unit.trx, actor.tenantId, target.groupId);
        if (!group) throw notFound(`Group ${target.groupId}`);
        if (
          locked.routing.group_id === group.id &&
          locked.routing.queued_at !== null &&
          locked.routing.target_user_id === null
        ) {
          throw new AppError('routing.already_there', `The session already waits in ${group.name}.`);
        }
        const waiting = await repo.waitingCount(unit.trx, actor.tenantId, group.id, sessionId);
        if (waiting >= group.queue_size) {
          throw new AppError(
            'routing.group_full',
            `The queue of ${group.name} is full (${group.queue_size}).`,
            {
              queueSize: group.queue_size,
            },
          );
        }
        targetName = group.name;
      }

      // Leave the current operator or queue.
      await closeOffers(unit, locked, 'withdrawn');
      const left = await repo.leaveParticipants(unit.trx, actor.tenantId, sessionId);
      for (const row of left) {
        if (!row.user_id) continue;
        unit.freedOperators.add(row.user_id);
        unit.events.push({
          tenantId: actor.tenantId,
          sessionId,
          kind: 'session.left',
          userId: row.user_id,
        });
      }
      const actorName = await userName(unit, actor.userId);
      const operatorId = 'operatorId' in target ? target.operatorId : null;
      const groupId = 'groupId' in target ? target.groupId : null;
      await routingEvent(unit, sessionId, 'redirected', {
        actorUserId: actor.userId,
        userId: operatorId,
        groupId,
        data: { fromUserIds: current, fromGroupId: locked.routing.group_id, fromStatus: session.status },
      });
      await systemMessage(unit, sessionId, 'redirected', {
        actorUserId: actor.userId,
        actorName,
        userId: operatorId,
        groupId,
        name: targetName,
      });
      await recordAudit(unit.trx, actor, {
        action: 'session.redirect',
        objectType: 'session',
        objectId: sessionId,
        data: { operatorId, groupId },
      });

      if (operatorId !== null) {
        // Where it goes when the operator does not take it: the target's group (the one it came from
        // when the target is a member of it, else their first), or the group it came from.
        const origin = locked.routing.group_id ?? locked.session.group_id;
        const targetGroups = await repo.userGroups(unit.trx, actor.tenantId, operatorId);
        const fallback =
          origin !== null && targetGroups.includes(origin) ? origin : (targetGroups[0] ?? origin);
        await updateRouting(unit, locked, {
          group_id: fallback,
          queued_at: new Date(),
          episode: locked.routing.episode + 1,
          tried_user_ids: [],
          target_user_id: operatorId,
        });
        await setStatus(unit, locked, 'queued');
        await dispatch(unit, locked);
      } else if ((await enterQueue(unit, locked, groupId ?? '0')) !== 'queued') {
        throw new AppError('routing.group_full', `The queue of ${targetName} is full.`);
      }
      return locked.session;
    });
  };
}
