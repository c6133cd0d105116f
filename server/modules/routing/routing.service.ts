import { sql, type Transaction, type UpdateObject } from 'kysely';
import type { Database } from '../../db/database';
import type { DB } from '../../db/types.generated';
import { AppError, notFound } from '../../platform/errors';
import type { EventBus, LiveEvent } from '../../platform/events/event-bus';
import type { JobQueue, JobTypes } from '../../platform/jobs/job-queue';
import type { Principal } from '../../platform/auth/principal';
import type { ClientLeft, EndReason, RoutingEventKind, Status, UserState } from '../../../common/domain';
import { recordAudit } from '../audit/audit.repository';
import { routingRepository as repo, type LockedSession, type SessionRow } from './routing.repository';
import { pickRule } from './routing.rules';

/** Accept timeout of an offer made outside a group (redirect to an operator of a session without one). */
const DEFAULT_ACCEPT_TIMEOUT_SECONDS = 30;

type PendingEvent = Omit<LiveEvent, 'at'>;

/**
 * One unit of work on one tenant: a transaction plus what to do once it committed (events to publish,
 * operators whose freed capacity may take waiting sessions).
 */
interface Unit {
  trx: Transaction<DB>;
  tenantId: string;
  events: PendingEvent[];
  searchRefresh: Set<string>;
  freedOperators: Set<string>;
}

export interface StartSessionInput {
  tenantId: string;
  widgetId: string | null;
  channel: 'webchat';
  source: 'widget' | 'api';
  pageUrl: string | null;
  params: Record<string, string>;
  client: {
    name: string | null;
    email: string | null;
    phone: string | null;
    ip: string | null;
    language: string | null;
    browser: string | null;
    os: string | null;
    visitorId: string | null;
  };
  clientTokenHash: Buffer;
}

export type RedirectTarget = { operatorId: string } | { groupId: string };

export interface RoutingLog {
  warn(message: string, error?: unknown): void;
}

const secondsSince = sql<number>`greatest(0, extract(epoch FROM now() - created_at))::int`;

const END_TEXT: Record<EndReason, string> = {
  client_left: 'the client left',
  operator_ended: 'the operator ended it',
  chatbot_ended: 'the chatbot ended it',
  client_abandoned: 'the client left the queue',
  operator_abandoned: 'the operator left',
  routing_failed: 'no operator could take it',
  window_expired: 'the messaging window expired',
  api: 'it was ended through the API',
};

/**
 * The live session engine: creates sessions from client requests, routes them by the tenant's rules to
 * a group or chatbot, offers them to operators by the group's strategy, and moves them on timeouts,
 * declines, redirects and ends. Every step runs in a transaction holding the session's row lock and
 * writes a routing event; live events go out after the commit.
 */
export function routingService(db: Database, deps: { events: EventBus; jobs: JobQueue }) {
  let log: RoutingLog = { warn: () => {} };

  async function inUnit<T>(tenantId: string, work: (unit: Unit) => Promise<T>): Promise<T> {
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
      log.warn('publishing live events failed', error);
    });
    if (freedOperators.size > 0) {
      await dispatchForOperators(tenantId, [...freedOperators]).catch((error: unknown) => {
        log.warn('dispatching waiting sessions failed', error);
      });
    }
    return result;
  }

  // --- building blocks (all run inside a unit, with the session locked) ---

  async function routingEvent(
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

  async function systemMessage(
    unit: Unit,
    sessionId: string,
    code: string,
    text: string,
    data: Record<string, unknown>,
  ): Promise<void> {
    const activity = await repo.addActivity(unit.trx, {
      tenantId: unit.tenantId,
      sessionId,
      sender: 'system',
      type: 'system',
      text,
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

  async function updateSession(
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

  async function setStatus(unit: Unit, locked: LockedSession, status: Status): Promise<void> {
    if (locked.session.status !== status) await updateSession(unit, locked, { status }, ['status']);
  }

  async function updateRouting(
    unit: Unit,
    locked: LockedSession,
    values: Partial<LockedSession['routing']>,
  ): Promise<void> {
    locked.routing = { ...locked.routing, ...values };
    await repo.updateRouting(unit.trx, unit.tenantId, locked.session.id, values);
  }

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
      const target = await repo.lockOperator(unit.trx, unit.tenantId, locked.routing.target_user_id, {
        wait: true,
      });
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
      // The operator it was redirected to cannot take it any more: back to its group's queue.
      await updateRouting(unit, locked, {
        target_user_id: null,
        tried_user_ids: [...locked.routing.tried_user_ids, locked.routing.target_user_id],
      });
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
      tried_user_ids: [],
      target_user_id: null,
    });
    if (locked.session.group_id !== group.id) {
      await updateSession(unit, locked, { group_id: group.id }, ['groupId']);
    }
    await routingEvent(unit, locked.session.id, 'entered_queue', {
      groupId: group.id,
      data: { queuePosition: waiting + 1, strategy: group.strategy },
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

  async function closeSession(
    unit: Unit,
    locked: LockedSession,
    reason: EndReason,
    clientLeft: ClientLeft | null,
    by?: { text: string },
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
    await systemMessage(unit, sessionId, 'ended', `Session ended: ${by?.text ?? END_TEXT[reason]}.`, {
      reason,
      clientLeft,
    });
    unit.events.push({ tenantId: unit.tenantId, sessionId, kind: 'session.ended' });
  }

  async function lockOrThrow(unit: Unit, sessionId: string): Promise<LockedSession> {
    const locked = await repo.lockSession(unit.trx, unit.tenantId, sessionId);
    if (!locked) throw notFound(`Session ${sessionId}`);
    return locked;
  }

  async function userName(unit: Unit, userId: string | null): Promise<string> {
    if (!userId) return 'an API client';
    return (await repo.user(unit.trx, unit.tenantId, userId))?.name ?? `user ${userId}`;
  }

  /**
   * Operators got free (came online, ended, declined, were withdrawn from): offer them the oldest
   * waiting sessions they can take, as many as their free capacity allows.
   */
  async function dispatchForOperators(tenantId: string, operatorIds: string[]): Promise<void> {
    for (const operatorId of operatorIds) {
      const user = await repo.user(db, tenantId, operatorId);
      if (!user || user.state !== 'online' || user.disabled_at !== null) continue;
      const free = user.capacity - (await repo.userLoad(db, tenantId, operatorId));
      if (free <= 0) continue;
      for (const sessionId of await repo.waitingFor(db, tenantId, operatorId, free)) {
        await dispatchOne(tenantId, sessionId);
      }
    }
  }

  /** Dispatches one session unless another instance holds it right now (it dispatches it then). */
  async function dispatchOne(
    tenantId: string,
    sessionId: string,
    options: { touch?: boolean } = {},
  ): Promise<void> {
    await inUnit(tenantId, async (unit) => {
      const locked = await repo.lockSession(unit.trx, tenantId, sessionId, { skipLocked: true });
      if (!locked) return;
      if (options.touch) await repo.touchRouting(unit.trx, tenantId, sessionId);
      await dispatch(unit, locked);
    });
  }

  return {
    setLog(logger: RoutingLog): void {
      log = logger;
    },

    /** A client asks for a session: ban check, create, route. */
    async startSession(input: StartSessionInput): Promise<SessionRow> {
      const identities = [
        input.client.visitorId ? { kind: 'visitor_id', value: input.client.visitorId } : undefined,
        input.client.ip ? { kind: 'ip', value: input.client.ip } : undefined,
        input.client.email ? { kind: 'email', value: input.client.email.toLowerCase() } : undefined,
        input.client.phone ? { kind: 'phone', value: input.client.phone } : undefined,
      ].filter((identity) => identity !== undefined);
      const ban = await repo.activeBan(db, input.tenantId, input.channel, identities);
      if (ban) {
        throw new AppError(
          'live.banned',
          'This client is blocked on this channel and cannot start a session.',
        );
      }
      return inUnit(input.tenantId, async (unit) => {
        const session = await repo.insertSession(unit.trx, {
          tenantId: input.tenantId,
          channel: input.channel,
          source: input.source,
          widgetId: input.widgetId,
          pageUrl: input.pageUrl,
          params: input.params,
          clientName: input.client.name,
          clientEmail: input.client.email,
          clientPhone: input.client.phone,
          clientIp: input.client.ip,
          clientLanguage: input.client.language,
          clientBrowser: input.client.browser,
          clientOs: input.client.os,
          visitorId: input.client.visitorId,
        });
        await repo.insertRouting(unit.trx, input.tenantId, session.id, input.clientTokenHash);
        await repo.rememberParamNames(unit.trx, input.tenantId, Object.keys(input.params));
        unit.events.push({ tenantId: input.tenantId, sessionId: session.id, kind: 'session.created' });
        const locked: LockedSession = {
          session,
          routing: { group_id: null, queued_at: null, episode: 0, tried_user_ids: [], target_user_id: null },
        };

        const rule = pickRule(await repo.enabledRules(unit.trx, input.tenantId), session);
        if (!rule) {
          await routingEvent(unit, session.id, 'routing_failed', { data: { reason: 'no_rule' } });
          await closeSession(unit, locked, 'routing_failed', null);
          return locked.session;
        }
        await routingEvent(unit, session.id, 'rule_matched', {
          groupId: rule.target_group_id,
          chatbotId: rule.target_chatbot_id,
          data: { ruleId: rule.id, ruleName: rule.name, fallback: rule.is_fallback },
        });
        if (rule.target_chatbot_id !== null) {
          // A chatbot takes the session at once; it is "active" with the chatbot as participant.
          await repo.addParticipant(unit.trx, input.tenantId, session.id, {
            chatbotId: rule.target_chatbot_id,
          });
          await updateSession(
            unit,
            locked,
            {
              status: 'active',
              chatbot_id: rule.target_chatbot_id,
              accepted_at: sql<Date>`now()`,
              waiting_seconds: 0,
            },
            ['status', 'chatbotId', 'acceptedAt', 'waitingSeconds'],
          );
          await systemMessage(unit, session.id, 'joined', 'A chatbot joined the session.', {
            chatbotId: rule.target_chatbot_id,
          });
          return locked.session;
        }
        const entered = await enterQueue(unit, locked, rule.target_group_id ?? '0');
        if (entered !== 'queued') {
          await routingEvent(unit, session.id, 'routing_failed', {
            groupId: rule.target_group_id,
            data: { reason: entered === 'full' ? 'queue_full' : 'no_group' },
          });
          await closeSession(unit, locked, 'routing_failed', null);
        }
        return locked.session;
      });
    },

    /** The operator takes an offered session: first accept wins, other offers are withdrawn. */
    async accept(tenantId: string, operatorId: string, sessionId: string): Promise<SessionRow> {
      return inUnit(tenantId, async (unit) => {
        const locked = await lockOrThrow(unit, sessionId);
        const pending = await repo.pendingOffers(unit.trx, tenantId, sessionId);
        const mine = pending.find((row) => row.user_id === operatorId);
        if (!mine) {
          if (locked.session.status === 'closed')
            throw new AppError('live.session_ended', 'The session has ended.');
          throw new AppError('live.no_offer', 'This session is not offered to you (any more).');
        }
        await closeOffers(unit, locked, 'accepted', { offerId: mine.id });
        await closeOffers(unit, locked, 'withdrawn');
        await repo.addParticipant(unit.trx, tenantId, sessionId, { userId: operatorId });
        const operatorIds = locked.session.operator_ids.includes(operatorId)
          ? locked.session.operator_ids
          : [...locked.session.operator_ids, operatorId];
        await updateSession(
          unit,
          locked,
          {
            status: 'active',
            accepted_at: sql<Date>`coalesce(accepted_at, now())`,
            waiting_seconds: sql<number>`coalesce(waiting_seconds, ${secondsSince})`,
            operator_ids: operatorIds,
          },
          ['status', 'operatorIds', 'acceptedAt', 'waitingSeconds'],
        );
        await updateRouting(unit, locked, { queued_at: null, target_user_id: null });
        await routingEvent(unit, sessionId, 'accepted', {
          userId: operatorId,
          groupId: locked.routing.group_id,
        });
        const name = await userName(unit, operatorId);
        await systemMessage(unit, sessionId, 'joined', `${name} joined the session.`, {
          userId: operatorId,
          name,
        });
        return locked.session;
      });
    },

    /** The operator declines: the next operator gets it (utilisation), the others keep theirs (whole group). */
    async decline(tenantId: string, operatorId: string, sessionId: string): Promise<void> {
      await inUnit(tenantId, async (unit) => {
        const locked = await lockOrThrow(unit, sessionId);
        const pending = await repo.pendingOffers(unit.trx, tenantId, sessionId);
        const mine = pending.find((row) => row.user_id === operatorId);
        if (!mine) {
          if (locked.session.status === 'closed')
            throw new AppError('live.session_ended', 'The session has ended.');
          throw new AppError('live.no_offer', 'This session is not offered to you (any more).');
        }
        await closeOffers(unit, locked, 'declined', { offerId: mine.id });
        await updateRouting(unit, locked, {
          tried_user_ids: [...locked.routing.tried_user_ids, operatorId],
          ...(locked.routing.target_user_id === operatorId ? { target_user_id: null } : {}),
        });
        await routingEvent(unit, sessionId, 'offer_declined', { userId: operatorId, groupId: mine.group_id });
        await dispatch(unit, locked);
      });
    },

    /** Timer: an offer was not answered in time. Does nothing when it was answered meanwhile. */
    async offerTimedOut(job: JobTypes['routing.offer-timeout']): Promise<void> {
      await inUnit(job.tenantId, async (unit) => {
        const locked = await repo.lockSession(unit.trx, job.tenantId, job.sessionId);
        if (!locked) return;
        const closed = await closeOffers(unit, locked, 'timed_out', { offerId: job.offerId });
        const operatorId = closed[0]?.user_id;
        if (!operatorId) return;
        await updateRouting(unit, locked, {
          tried_user_ids: [...locked.routing.tried_user_ids, operatorId],
          ...(locked.routing.target_user_id === operatorId ? { target_user_id: null } : {}),
        });
        await routingEvent(unit, job.sessionId, 'offer_timed_out', {
          userId: operatorId,
          groupId: locked.routing.group_id,
        });
        await dispatch(unit, locked);
      });
    },

    /** Timer: the session waited the group's max wait: on to the next group, or routing failed. */
    async queueTimedOut(job: JobTypes['routing.queue-timeout']): Promise<void> {
      await inUnit(job.tenantId, async (unit) => {
        const locked = await repo.lockSession(unit.trx, job.tenantId, job.sessionId);
        if (!locked) return;
        const { routing, session } = locked;
        if (routing.episode !== job.episode || routing.queued_at === null || session.status === 'closed')
          return;
        const group = routing.group_id
          ? await repo.group(unit.trx, job.tenantId, routing.group_id)
          : undefined;
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
      });
    },

    /** A manager moves a live session to an operator or a group; it is offered there at once. */
    async redirect(actor: Principal, sessionId: string, target: RedirectTarget): Promise<SessionRow> {
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
        await systemMessage(unit, sessionId, 'redirected', `Redirected by ${actorName} to ${targetName}.`, {
          actorUserId: actor.userId,
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
          await updateRouting(unit, locked, {
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
    },

    /** The client leaves: from the queue (abandoned) or from the conversation. */
    async endByClient(tenantId: string, sessionId: string): Promise<SessionRow> {
      return inUnit(tenantId, async (unit) => {
        const locked = await lockOrThrow(unit, sessionId);
        if (locked.session.status === 'closed')
          throw new AppError('live.session_ended', 'The session has ended.');
        const waiting = locked.session.status === 'queued' || locked.session.status === 'offered';
        await closeSession(
          unit,
          locked,
          waiting ? 'client_abandoned' : 'client_left',
          waiting ? 'left_queue' : 'left_session',
        );
        return locked.session;
      });
    },

    /** The operator ends a session they take part in; it closes at once (no after-work phase). */
    async endByOperator(tenantId: string, operatorId: string, sessionId: string): Promise<SessionRow> {
      return inUnit(tenantId, async (unit) => {
        const locked = await lockOrThrow(unit, sessionId);
        if (locked.session.status === 'closed')
          throw new AppError('live.session_ended', 'The session has ended.');
        const current = await repo.currentOperators(unit.trx, tenantId, sessionId);
        if (!current.includes(operatorId)) {
          throw new AppError('live.not_participant', 'Only an operator in the session can end it.');
        }
        const name = await userName(unit, operatorId);
        await closeSession(unit, locked, 'operator_ended', 'still_connected', { text: `${name} ended it` });
        return locked.session;
      });
    },

    /**
     * Adds a message or file (metadata) to a live session's transcript. The caller has checked who
     * may write; this keeps the session's counters and the search document right.
     */
    async addMessage(
      tenantId: string,
      sessionId: string,
      message: {
        sender: 'client' | 'operator';
        userId: string | null;
        text: string | null;
        file: { name: string; size: number | null; mimeType: string | null } | null;
      },
    ) {
      return inUnit(tenantId, async (unit) => {
        const locked = await lockOrThrow(unit, sessionId);
        if (locked.session.status === 'closed')
          throw new AppError('live.session_ended', 'The session has ended.');
        if (message.sender === 'operator') {
          const current = await repo.currentOperators(unit.trx, tenantId, sessionId);
          if (!message.userId || !current.includes(message.userId)) {
            throw new AppError('live.not_participant', 'Only an operator in the session can write to it.');
          }
        }
        const activity = await repo.addActivity(unit.trx, {
          tenantId,
          sessionId,
          sender: message.sender,
          type: message.file ? 'file' : 'message',
          userId: message.userId,
          text: message.text,
          file: message.file,
        });
        await repo.countMessage(unit.trx, tenantId, sessionId, message.sender === 'client');
        unit.searchRefresh.add(sessionId);
        unit.events.push({ tenantId, sessionId, kind: 'session.message', activityId: activity.id });
        unit.events.push({
          tenantId,
          sessionId,
          kind: 'session.updated',
          fields: message.sender === 'client' ? ['messageCount', 'lastClientMessageAt'] : ['messageCount'],
        });
        return activity;
      });
    },

    /** Sets an operator's state; leaving "online" hands their pending offers on. */
    async setOperatorState(tenantId: string, operatorId: string, state: UserState) {
      const updated = await inUnit(tenantId, async (unit) => {
        const row = await repo.setUserState(unit.trx, tenantId, operatorId, state);
        if (!row) throw notFound(`User ${operatorId}`);
        if (state === 'online') unit.freedOperators.add(operatorId);
        return row;
      });
      if (state === 'online') return updated;
      // One unit per offer, after the state change committed: a transaction holding the operator's row
      // never waits for a session's lock (see lockOperator).
      for (const pending of await repo.pendingOffersOfUser(db, tenantId, operatorId)) {
        await inUnit(tenantId, async (unit) => {
          const locked = await repo.lockSession(unit.trx, tenantId, pending.session_id);
          if (!locked) return;
          const closed = await closeOffers(unit, locked, 'withdrawn', { offerId: pending.id });
          if (closed.length === 0) return;
          unit.freedOperators.delete(operatorId);
          await updateRouting(unit, locked, {
            tried_user_ids: [...locked.routing.tried_user_ids, operatorId],
            ...(locked.routing.target_user_id === operatorId ? { target_user_id: null } : {}),
          });
          await routingEvent(unit, locked.session.id, 'offer_declined', {
            userId: operatorId,
            groupId: pending.group_id,
            data: { reason: 'state_changed', state },
          });
          await dispatch(unit, locked);
        });
      }
      return updated;
    },

    /** Safety net after a crash between a commit and its follow-up: offers waiting sessions nobody is offered. */
    async sweep(limit = 20): Promise<number> {
      const waiting = await repo.staleWaiting(db, limit);
      for (const row of waiting) await dispatchOne(row.tenant_id, row.session_id, { touch: true });
      return waiting.length;
    },

    dispatchForOperators,
  };
}

/** One session.updated per session with the union of changed fields; other events as they came. */
function mergeEvents(events: PendingEvent[]): PendingEvent[] {
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

export type RoutingService = ReturnType<typeof routingService>;
