import type { Database } from '../../db/database';
import type { Principal } from '../../platform/auth/principal';
import { notFound } from '../../platform/errors';
import type { SessionVisibility } from '../sessions/session-visibility';
import { routingRepository as repo } from './routing.repository';
import { routingViewRepository as views } from './routing-view.repository';
import type { RoutingTargets } from './routing.schemas';

/**
 * The routing tab (where a live session is now, and every routing step as it happened) and the
 * Redirect dialog's targets.
 */
export function routingViewService(db: Database, deps: { visibility: SessionVisibility }) {
  return {
    async view(principal: Principal, sessionId: string) {
      const session = await repo.findSession(db, principal.tenantId, sessionId);
      // Invisible and unknown look the same: no hint that a session exists.
      if (!session || !(await deps.visibility.canSee(principal, { operatorIds: session.operator_ids }))) {
        throw notFound(`Session ${sessionId}`);
      }

      const events = await views.routingEvents(db, principal.tenantId, sessionId);
      const pending =
        session.status === 'closed' ? [] : await repo.pendingOffers(db, principal.tenantId, sessionId);
      const routing = await views.queueEntry(db, principal.tenantId, sessionId);

      const userIds = new Set<string>();
      const groupIds = new Set<string>();
      for (const event of events) {
        if (event.actor_user_id) userIds.add(event.actor_user_id);
        if (event.user_id) userIds.add(event.user_id);
        if (event.group_id) groupIds.add(event.group_id);
      }
      for (const offer of pending) userIds.add(offer.user_id);
      const currentGroupId = routing?.group_id ?? session.group_id;
      if (currentGroupId) groupIds.add(currentGroupId);
      const users = await views.userNames(db, principal.tenantId, [...userIds]);
      const groups = await views.groupNames(db, principal.tenantId, [...groupIds]);
      const ref = (map: Map<string, string>, id: string | null) =>
        id === null ? null : { id, name: map.get(id) ?? `#${id}` };

      let current = null;
      if (session.status !== 'closed') {
        const queuePosition =
          routing?.queued_at && routing.group_id
            ? await views.queuePosition(
                db,
                principal.tenantId,
                routing.group_id,
                routing.queued_at,
                sessionId,
              )
            : null;
        const waitingSeconds =
          session.waiting_seconds ??
          Math.max(0, Math.round((Date.now() - session.created_at.getTime()) / 1000));
        current = {
          state: session.status,
          groupId: currentGroupId,
          groupName: currentGroupId ? (groups.get(currentGroupId) ?? null) : null,
          queuePosition,
          offeredTo: pending.map((offer) => ({
            id: offer.user_id,
            name: users.get(offer.user_id) ?? `#${offer.user_id}`,
            since: offer.offered_at,
            expiresAt: offer.expires_at,
          })),
          waitingSeconds,
        };
      }

      return {
        current,
        events: events.map((event) => ({
          id: event.id,
          at: event.at,
          kind: event.kind,
          actor: ref(users, event.actor_user_id),
          user: ref(users, event.user_id),
          group: ref(groups, event.group_id),
          data: (event.data ?? {}) as Record<string, unknown>,
        })),
      };
    },

    /** Operators and groups a live session can be redirected to (the redirect re-checks under lock). */
    async targets(principal: Principal): Promise<RoutingTargets> {
      const { operators, groups } = await views.redirectTargets(db, principal.tenantId);
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
