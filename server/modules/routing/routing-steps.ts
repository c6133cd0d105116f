import { sql } from 'kysely';
import type { JobQueue, JobTypes } from '../../platform/jobs/job-queue';
import type { ClientLeft, EndReason } from '../../../common/domain';
import { routingRepository as repo, type LockedSession } from './routing.repository';
import {
  routingEvent,
  secondsSince,
  setStatus,
  systemMessage,
  updateRouting,
  updateSession,
  type Unit,
} from './routing-unit';

/** Accept timeout of an offer made outside a group (redirect to an operator of a session without one). */
const DEFAULT_ACCEPT_TIMEOUT_SECONDS = 30;

/**
 * The engine's steps inside a unit: offers and their timers, dispatch by the group's strategy, the
 * queue, and closing a session. Timers are jobs sent in the unit's transaction.
 */
export function routingSteps(deps: { jobs: Pick<JobQueue, 'send'> }) {
  async function schedule<N extends keyof JobTypes>(
    unit: Unit,
    name: N,
    data: JobTypes[N],
    afterSeconds: number,
  ): Promise<void> {
    // In the unit's transaction: the timer exists exactly when the offer or queue entry does.
    await deps.jobs.send(name, data, { afterSeconds, within: unit.trx });
  }

  async function offer(
    unit: Unit,
    locked: LockedSession,
    operatorId: string,
    groupId: string | null,
    timeoutSeconds: number | null,
  ): Promise<void> {
    const sessionId = locked.session.id;
    const created = await repo.insertOffer(unit.trx, {
      tenantId: unit.tenantId,
      sessionId,
      userId: operatorId,
      groupId,
      timeoutSeconds,
    });
    if (timeoutSeconds !== null) {
      await schedule(
        unit,
        'routing.offer-timeout',
        { tenantId: unit.tenantId, sessionId, offerId: created.id },
        timeoutSeconds,
      );
    }
    await routingEvent(unit, sessionId, 'offered', {
      userId: operatorId,
      groupId,
      data: { offerId: created.id, timeoutSeconds },
    });
    unit.events.push({ tenantId: unit.tenantId, sessionId, kind: 'offer.created', userId: operatorId });
    await setStatus(unit, locked, 'offered');
  }

  /** Closes pending offers (all of the session's, or one) and tells their operators. */
  async function closeOffers(
    unit: Unit,
    locked: LockedSession,
    state: 'accepted' | 'declined' | 'timed_out' | 'withdrawn',
    only: { userId?: string; offerId?: string } = {},
  ) {
    const closed = await repo.closeOffers(unit.trx, unit.tenantId, locked.session.id, state, only);
    for (const row of closed) {
      unit.events.push({
        tenantId: unit.tenantId,
        sessionId: locked.session.id,
        kind: 'offer.closed',
        userId: row.user_id,
      });
      if (state !== 'accepted') unit.freedOperators.add(row.user_id);
    }
    return closed;
  }

  /**
   * Offers a waiting session by its group's strategy (or to the one operator it was redirected to).
   * Idempotent: calling it again while offers are pending changes nothing.
   */
  async function dispatch(unit: Unit, locked: LockedSession): Promise<void> {
    const { session } = locked;
    if (session.status === 'closed' || locked.routing.queued_at === null) return;
    const pending = await repo.pendingOffers(unit.trx, unit.tenantId, session.id);

    if (locked.routing.target_user_id !== null) {
      if (pending.length > 0) return;
      const targetId = locked.routing.target_user_id;
      const tried = locked.routing.tried_user_ids.includes(targetId);
      const target = tried
        ? undefined
        : await repo.lockOperator(unit.trx, unit.tenantId, targetId, { wait: true });
      if (target && target.state === 'online' && !target.disabled_at && target.load < target.capacity) {
        const group = locked.routing.group_id
          ? await repo.group(unit.trx, unit.tenantId, locked.routing.group_id)
          : undefined;
        await offer(
          unit,
          locked,
          target.id,
          group?.id ?? null,
          group?.accept_timeout_seconds ?? DEFAULT_ACCEPT_TIMEOUT_SECONDS,
        );
        return;
      }
      await returnFromRedirect(unit, locked, targetId, tried ? 'redirect_not_taken' : 'redirect_unavailable');
      return;
    }

    const group = locked.routing.group_id
      ? await repo.group(unit.trx, unit.tenantId, locked.routing.group_id)
      : undefined;
    if (!group) {
      if (pending.length === 0) {
        await routingEvent(unit, session.id, 'routing_failed', { data: { reason: 'no_group' } });
        await closeSession(unit, locked, 'routing_failed', null);
      }
      return;
    }

    if (group.strategy === 'utilisation') {
      if (pending.length > 0) return;
      const candidates = await repo.candidates(
        unit.trx,
        unit.tenantId,
        group.id,
        locked.routing.tried_user_ids,
      );
      for (const candidate of candidates) {
        const operator = await repo.lockOperator(unit.trx, unit.tenantId, candidate.id);
        if (!operator || operator.state !== 'online' || operator.load >= operator.capacity) continue;
        await offer(unit, locked, operator.id, group.id, group.accept_timeout_seconds);
        return;
      }
      await setStatus(unit, locked, 'queued');
      return;
    }

    // whole_group: every online member with free capacity who has not answered yet gets it at once.
    const exclude = [...locked.routing.tried_user_ids, ...pending.map((row) => row.user_id)];
    let offered = pending.length;
    for (const candidate of await repo.candidates(unit.trx, unit.tenantId, group.id, exclude)) {
      const operator = await repo.lockOperator(unit.trx, unit.tenantId, candidate.id);
      if (!operator || operator.state !== 'online' || operator.load >= operator.capacity) continue;
      await offer(unit, locked, operator.id, group.id, null);
      offered += 1;
    }
    await setStatus(unit, locked, offered > 0 ? 'offered' : 'queued');
  }

  /** Puts a session into a group's queue and offers it; 'full' when the group's queue has no room. */
  async function enterQueue(
    unit: Unit,
    locked: LockedSession,
    groupId: string,
    options: { tried?: string[]; reason?: string } = {},
  ): Promise<'queued' | 'full' | 'unknown'> {
    const group = await repo.group(unit.trx, unit.tenantId, groupId);
    if (!group) return 'unknown';
    const waiting = await repo.waitingCount(unit.trx, unit.tenantId, group.id, locked.session.id);
    if (waiting >= group.queue_size) return 'full';
    const episode = locked.routing.episode + 1;
    await updateRouting(unit, locked, {
      group_id: group.id,
      queued_at: new Date(),
      episode,
      tried_user_ids: options.tried ?? [],
      target_user_id: null,
    });
    if (locked.session.group_id !== group.id) {
      await updateSession(unit, locked, { group_id: group.id }, ['groupId']);
    }
    await routingEvent(unit, locked.session.id, 'entered_queue', {
      groupId: group.id,
      data: {
        queuePosition: waiting + 1,
        strategy: group.strategy,
        ...(options.reason ? { reason: options.reason } : {}),
      },
    });
    if (group.max_wait_seconds !== null) {
      await schedule(
        unit,
        'routing.queue-timeout',
        { tenantId: unit.tenantId, sessionId: locked.session.id, episode },
        group.max_wait_seconds,
      );
    }
    await setStatus(unit, locked, 'queued');
    await dispatch(unit, locked);
    return 'queued';
  }

  /** The session waited its group's maximum wait: on to the next group, or routing failed. */
  async function leaveQueue(unit: Unit, locked: LockedSession): Promise<void> {
    const { routing, session } = locked;
    const group = routing.group_id ? await repo.group(unit.trx, unit.tenantId, routing.group_id) : undefined;
    await closeOffers(unit, locked, 'withdrawn');
    const nextGroupId = group?.next_group_id ?? null;
    await routingEvent(unit, session.id, 'queue_timeout', {
      groupId: routing.group_id,
      data: { nextGroupId, maxWaitSeconds: group?.max_wait_seconds ?? null },
    });
    if (nextGroupId !== null) {
      const entered = await enterQueue(unit, locked, nextGroupId);
      if (entered === 'queued') return;
      await routingEvent(unit, session.id, 'routing_failed', {
        groupId: nextGroupId,
        data: { reason: entered === 'full' ? 'queue_full' : 'no_group' },
      });
    } else {
      await routingEvent(unit, session.id, 'routing_failed', {
        groupId: routing.group_id,
        data: { reason: 'max_wait' },
      });
    }
    await closeSession(unit, locked, 'routing_failed', null);
  }

  /**
   * A session redirected to one operator who let the offer expire, declined, went away or cannot take
   * it: back to the queue of the group chosen at the redirect (the target's group, else the one it came
   * from), where its strategy and maximum wait apply again; without a group it ends as routing_failed.
   * The operator is not offered it again in that queue.
   */
  async function returnFromRedirect(
    unit: Unit,
    locked: LockedSession,
    targetId: string,
    reason: 'redirect_not_taken' | 'redirect_unavailable',
  ): Promise<void> {
    const tried = [...new Set([...locked.routing.tried_user_ids, targetId])];
    const groupId = locked.routing.group_id;
    const entered = groupId ? await enterQueue(unit, locked, groupId, { tried, reason }) : 'unknown';
    if (entered === 'queued') return;
    await routingEvent(unit, locked.session.id, 'routing_failed', {
      groupId,
      userId: targetId,
      data: { reason: entered === 'full' ? 'queue_full' : reason },
    });
    await closeSession(unit, locked, 'routing_failed', null);
  }

  async function closeSession(
    unit: Unit,
    locked: LockedSession,
    reason: EndReason,
    clientLeft: ClientLeft | null,
    by?: { name: string },
  ): Promise<void> {
    const sessionId = locked.session.id;
    await closeOffers(unit, locked, 'withdrawn');
    const left = await repo.leaveParticipants(unit.trx, unit.tenantId, sessionId);
    // Operators in the session learn of the end from session.ended (no separate session.left).
    for (const row of left) if (row.user_id) unit.freedOperators.add(row.user_id);
    const accepted = locked.session.accepted_at !== null;
    await updateSession(
      unit,
      locked,
      {
        status: 'closed',
        ended_at: sql<Date>`greatest(now(), created_at)`,
        end_reason: reason,
        client_left: clientLeft ?? sql<ClientLeft>`NULL`,
        waiting_seconds: accepted ? sql<number>`waiting_seconds` : secondsSince,
        duration_seconds: accepted
          ? sql<number>`greatest(0, extract(epoch FROM now() - accepted_at))::int`
          : null,
      },
      ['status', 'endedAt', 'endReason', 'clientLeft', 'waitingSeconds', 'durationSeconds'],
    );
    await updateRouting(unit, locked, { queued_at: null, target_user_id: null });
    await routingEvent(unit, sessionId, 'ended', { data: { reason, clientLeft } });
    await systemMessage(unit, sessionId, 'ended', {
      reason,
      clientLeft,
      ...(by ? { endedBy: by.name } : {}),
    });
    unit.events.push({ tenantId: unit.tenantId, sessionId, kind: 'session.ended' });
  }

  return { offer, closeOffers, dispatch, enterQueue, leaveQueue, closeSession };
}

export type RoutingSteps = ReturnType<typeof routingSteps>;
