import { sql, type Transaction, type UpdateObject } from 'kysely';
import type { Database } from '../../db/database';
import type { DB } from '../../db/types.generated';
import { AppError, notFound } from '../../platform/errors';
import type { Log } from '../../platform/log';
import type { EventBus, LiveEvent } from '../../platform/events/event-bus';
import type { RoutingEventKind, Status } from '../../../common/domain';
import { routingRepository as repo, type LockedSession } from './routing.repository';

/**
 * The engine's unit of work and the primitive writes every step is made of. A unit is one transaction
 * on one tenant plus what to do once it committed: live events to publish, operators whose freed
 * capacity may take waiting sessions.
 */

export type PendingEvent = Omit<LiveEvent, 'at'>;

export interface Unit {
  trx: Transaction<DB>;
  tenantId: string;
  events: PendingEvent[];
  searchRefresh: Set<string>;
  freedOperators: Set<string>;
}

/** Seconds a session has existed, as SQL (its waiting time while nobody accepted it). */
export const secondsSince = sql<number>`greatest(0, extract(epoch FROM now() - created_at))::int`;

/**
 * Runs `work` in a unit: the transaction commits (with the search documents of sessions that got new
 * activities), then the events are published and freed operators offered waiting sessions.
 */
export function unitRunner(
  db: Database,
  deps: {
    events: Pick<EventBus, 'publish'>;
    log: Log;
    dispatchForOperators: (tenantId: string, operatorIds: string[]) => Promise<void>;
  },
) {
  return async function inUnit<T>(tenantId: string, work: (unit: Unit) => Promise<T>): Promise<T> {
    const events: PendingEvent[] = [];
    const freedOperators = new Set<string>();
    const result = await db.transaction().execute(async (trx) => {
      const unit: Unit = { trx, tenantId, events, searchRefresh: new Set(), freedOperators };
      const value = await work(unit);
      // Live transcripts are searchable at once: the search document follows every new activity.
      await repo.refreshSearch(trx, tenantId, [...unit.searchRefresh]);
      return value;
    });
    // After the commit: announce, then let freed operators take waiting sessions.
    await deps.events.publish(mergeEvents(events)).catch((error: unknown) => {
      deps.log.warn({ err: error }, 'publishing live events failed');
    });
    if (freedOperators.size > 0) {
      await deps.dispatchForOperators(tenantId, [...freedOperators]).catch((error: unknown) => {
        deps.log.warn({ err: error }, 'dispatching waiting sessions failed');
      });
    }
    return result;
  };
}

export type InUnit = ReturnType<typeof unitRunner>;

// --- primitive writes (all run inside a unit, with the session locked) ---

export async function routingEvent(
  unit: Unit,
  sessionId: string,
  kind: RoutingEventKind,
  values: {
    actorUserId?: string | null;
    userId?: string | null;
    groupId?: string | null;
    chatbotId?: string | null;
    data?: Record<string, unknown>;
  } = {},
): Promise<void> {
  await repo.addRoutingEvent(unit.trx, { tenantId: unit.tenantId, sessionId, kind, ...values });
  unit.events.push({ tenantId: unit.tenantId, sessionId, kind: 'session.routing' });
}

/**
 * A system message: a code with data and no text, worded in each reader's language when read
 * (`common/system-messages.ts`).
 */
export async function systemMessage(
  unit: Unit,
  sessionId: string,
  code: 'joined' | 'redirected' | 'ended' | 'restored_from' | 'restored_as',
  data: Record<string, unknown>,
): Promise<void> {
  const activity = await repo.addActivity(unit.trx, {
    tenantId: unit.tenantId,
    sessionId,
    sender: 'system',
    type: 'system',
    systemCode: code,
    systemData: data,
  });
  unit.searchRefresh.add(sessionId);
  unit.events.push({
    tenantId: unit.tenantId,
    sessionId,
    kind: 'session.message',
    activityId: activity.id,
  });
}

export async function updateSession(
  unit: Unit,
  locked: LockedSession,
  values: UpdateObject<DB, 'sessions'>,
  fields: string[],
): Promise<void> {
  locked.session = await unit.trx
    .updateTable('sessions')
    .set(values)
    .where('tenant_id', '=', unit.tenantId)
    .where('id', '=', locked.session.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  unit.events.push({
    tenantId: unit.tenantId,
    sessionId: locked.session.id,
    kind: 'session.updated',
    fields,
  });
}

export async function setStatus(unit: Unit, locked: LockedSession, status: Status): Promise<void> {
  if (locked.session.status !== status) await updateSession(unit, locked, { status }, ['status']);
}

export async function updateRouting(
  unit: Unit,
  locked: LockedSession,
  values: Partial<LockedSession['routing']>,
): Promise<void> {
  locked.routing = { ...locked.routing, ...values };
  await repo.updateRouting(unit.trx, unit.tenantId, locked.session.id, values);
}

/**
 * The operator had their chance (declined, timed out, went away): not offered it again in this
 * episode. A session redirected to them keeps its target until dispatch returns it to a queue, so the
 * return is one step with its own timeline entry.
 */
export async function markTried(unit: Unit, locked: LockedSession, operatorId: string): Promise<void> {
  if (locked.routing.tried_user_ids.includes(operatorId)) return;
  await updateRouting(unit, locked, { tried_user_ids: [...locked.routing.tried_user_ids, operatorId] });
}

/** The operator's pending offer of a locked session, which they are answering; a 409 when there is none. */
export async function offerToAnswer(unit: Unit, locked: LockedSession, operatorId: string) {
  const pending = await repo.pendingOffers(unit.trx, unit.tenantId, locked.session.id);
  const mine = pending.find((row) => row.user_id === operatorId);
  if (mine) return mine;
  if (locked.session.status === 'closed') throw new AppError('live.session_ended', 'The session has ended.');
  throw new AppError('live.no_offer', 'This session is not offered to you (any more).');
}

export async function lockOrThrow(unit: Unit, sessionId: string): Promise<LockedSession> {
  const locked = await repo.lockSession(unit.trx, unit.tenantId, sessionId);
  if (!locked) throw notFound(`Session ${sessionId}`);
  return locked;
}

export async function userName(unit: Unit, userId: string | null): Promise<string> {
  if (!userId) return 'an API client';
  return (await repo.user(unit.trx, unit.tenantId, userId))?.name ?? `user ${userId}`;
}

/** One session.updated per session with the union of changed fields; other events as they came. */
export function mergeEvents(events: PendingEvent[]): PendingEvent[] {
  const merged: PendingEvent[] = [];
  const updates = new Map<string, PendingEvent>();
  const routing = new Set<string>();
  for (const event of events) {
    if (event.kind === 'session.updated') {
      const existing = updates.get(event.sessionId);
      if (existing) {
        existing.fields = [...new Set([...(existing.fields ?? []), ...(event.fields ?? [])])];
        continue;
      }
      const copy = { ...event, fields: [...(event.fields ?? [])] };
      updates.set(event.sessionId, copy);
      merged.push(copy);
      continue;
    }
    if (event.kind === 'session.routing') {
      if (routing.has(event.sessionId)) continue;
      routing.add(event.sessionId);
    }
    merged.push(event);
  }
  return merged;
}
