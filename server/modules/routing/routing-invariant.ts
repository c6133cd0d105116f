import type { Database } from '../../db/database';
import type { Log } from '../../platform/log';
import { invariantRepository, type InvariantProblem } from './routing-invariant.repository';
import { routingRepository as repo, type LockedSession } from './routing.repository';
import type { RoutingSteps } from './routing-steps';
import { markTried, routingEvent, type InUnit, type Unit } from './routing-unit';

/**
 * Timers fire within seconds of their time; one overdue by this much was lost (a crash between a
 * commit and the job, a bug, a row written outside the engine) and its session is repaired.
 */
export const INVARIANT_GRACE_SECONDS = 60;

export interface RepairedSession {
  tenantId: string;
  sessionId: string;
  problem: InvariantProblem;
}

/**
 * The engine's invariant, checked and restored: every live session is active with an operator or
 * chatbot in it, or offered with a pending offer whose timer runs, or waiting in a group's queue whose
 * maximum wait runs, or it is closed. A session found breaking it is repaired through the engine's own
 * steps (the timer that should have fired, the queue it belongs to, or routing_failed), which write the
 * routing timeline as usual; each repair is logged as an error naming the session, because it means
 * something upstream went wrong.
 */
export function invariantChecker(deps: { db: Database; inUnit: InUnit; steps: RoutingSteps; log: Log }) {
  const { closeOffers, dispatch, enterQueue, leaveQueue, closeSession } = deps.steps;

  /** Back to the queue it belongs to (its routing group, else its session's group), or routing_failed. */
  async function requeue(unit: Unit, locked: LockedSession): Promise<void> {
    await closeOffers(unit, locked, 'withdrawn');
    const groupId = locked.routing.group_id ?? locked.session.group_id;
    const entered = groupId ? await enterQueue(unit, locked, groupId, { reason: 'repaired' }) : 'unknown';
    if (entered === 'queued') return;
    await routingEvent(unit, locked.session.id, 'routing_failed', {
      groupId,
      data: { reason: entered === 'full' ? 'queue_full' : 'repaired' },
    });
    await closeSession(unit, locked, 'routing_failed', null);
  }

  async function repair(unit: Unit, locked: LockedSession, problem: InvariantProblem, graceSeconds: number) {
    const sessionId = locked.session.id;
    switch (problem) {
      case 'no_routing': {
        // A live row the engine never knew (an import, a hand-made row): give it a routing row, then
        // judge it again like any other session.
        await repo.insertRouting(unit.trx, unit.tenantId, sessionId, null);
        locked.routing = {
          group_id: null,
          queued_at: null,
          episode: 0,
          tried_user_ids: [],
          target_user_id: null,
        };
        const [again] = await invariantRepository.brokenLive(unit.trx, {
          graceSeconds,
          limit: 1,
          only: { tenantId: unit.tenantId, sessionId },
        });
        if (again && again.problem !== 'no_routing') await repair(unit, locked, again.problem, graceSeconds);
        return;
      }
      case 'offer_overdue': {
        // What the lost offer timers would have done.
        for (const overdue of await invariantRepository.overdueOffers(
          unit.trx,
          unit.tenantId,
          sessionId,
          graceSeconds,
        )) {
          await closeOffers(unit, locked, 'timed_out', { offerId: overdue.id });
          await markTried(unit, locked, overdue.user_id);
          await routingEvent(unit, sessionId, 'offer_timed_out', {
            userId: overdue.user_id,
            groupId: overdue.group_id,
            data: { repaired: true },
          });
        }
        await dispatch(unit, locked);
        return;
      }
      case 'wait_overdue':
        await leaveQueue(unit, locked);
        return;
      case 'offered_to_nobody':
        await dispatch(unit, locked);
        return;
      case 'nobody_in_session':
      case 'not_waiting':
      case 'no_queue':
        await requeue(unit, locked);
        return;
    }
  }

  /** Finds sessions breaking the invariant (any tenant) and repairs them; returns what it repaired. */
  return async function checkInvariant(
    options: { limit?: number; graceSeconds?: number } = {},
  ): Promise<RepairedSession[]> {
    const graceSeconds = options.graceSeconds ?? INVARIANT_GRACE_SECONDS;
    const broken = await invariantRepository.brokenLive(deps.db, {
      graceSeconds,
      limit: options.limit ?? 50,
    });
    const repaired: RepairedSession[] = [];
    for (const row of broken) {
      const tenantId = row.tenant_id;
      const sessionId = row.session_id;
      const problem = await deps.inUnit(tenantId, async (unit) => {
        // Another instance may be moving it right now; it is looked at again next time then.
        const locked = await repo.lockSession(unit.trx, tenantId, sessionId, { skipLocked: true });
        if (!locked) return undefined;
        const [still] = await invariantRepository.brokenLive(unit.trx, {
          graceSeconds,
          limit: 1,
          only: { tenantId, sessionId },
        });
        if (!still) return undefined;
        await repair(unit, locked, still.problem, graceSeconds);
        return still.problem;
      });
      if (!problem) continue;
      deps.log.error(
        { tenantId, sessionId, problem },
        `live session ${sessionId} broke the routing invariant (${problem}); repaired through the routing engine`,
      );
      repaired.push({ tenantId, sessionId, problem });
    }
    return repaired;
  };
}
