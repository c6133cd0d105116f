import { sql, type Transaction } from 'kysely';
import type { Database } from '../../db/database';
import type { DB } from '../../db/types.generated';
import { AppError, notFound } from '../../platform/errors';
import type { EventBus } from '../../platform/events/event-bus';
import type { JobQueue, JobTypes } from '../../platform/jobs/job-queue';
import type { ChannelAccountType, Sender, UserState } from '../../../common/domain';
import { routingRepository as repo, type LockedSession, type SessionRow } from './routing.repository';
import { redirectSession } from './routing-redirect';
import { restoreSession } from './routing-restore';
import { pickRule } from './routing.rules';
import { routingSteps } from './routing-steps';
import {
  lockOrThrow,
  markTried,
  offerToAnswer,
  routingEvent,
  secondsSince,
  systemMessage,
  unitRunner,
  updateRouting,
  updateSession,
  userName,
} from './routing-unit';
import { invariantChecker } from './routing-invariant';
import type { Log } from '../../platform/log';
import { clientIdentities, type BanIdentity } from '../bans/ban-identity';
import { banRepository } from '../bans/ban.repository';

export type { RedirectTarget } from './routing-redirect';
export type { RestoreOutcome, RestoreSessionInput } from './routing-restore';

export interface StartSessionInput {
  tenantId: string;
  widgetId: string | null;
  /** Web chat, or a messaging platform (the channels module starts those from webhooks). */
  channel: 'webchat' | ChannelAccountType;
  source: 'widget' | 'api' | 'campaign';
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
  clientTokenHash: Buffer | null;
  /** Identities beyond the client's fields the ban check looks at (waId, psid, appleId, vkId). */
  identities?: BanIdentity[];
  /** The client's first message, written with the session before it is routed. */
  firstMessage?: NewMessage;
  /**
   * Runs in the session's creating transaction after the session (and its first message) is written,
   * before routing: the caller's own rows commit with the session or not at all (channels: the link
   * to the platform's client and the inbound message marked processed). Throwing rolls back both.
   */
  inTransaction?: (
    trx: Transaction<DB>,
    session: SessionRow,
    firstActivityId: string | null,
    moreActivityIds: string[],
  ) => Promise<void>;
}

export interface NewMessage {
  text: string | null;
  file: { name: string; size: number | null; mimeType: string | null } | null;
  /**
   * Further files of the same message (an Apple message may carry several attachments): each is a
   * file line of its own right after the message's line, in the same transaction — one file per line,
   * as every transcript line, file route and export already has it.
   */
  moreFiles?: { name: string; size: number | null; mimeType: string | null }[];
}

/**
 * Called inside the transaction of every message `addMessage` writes, after the line is written:
 * the channels module's outbox, which must commit with the transcript line or not at all.
 */
export type TranscriptHook = (
  trx: Transaction<DB>,
  written: {
    tenantId: string;
    session: SessionRow;
    activityId: string;
    sender: Sender;
    /** A restore's first message sent as a WhatsApp template: { name, language, parameters }. */
    template?: { name: string; language: string; parameters: string[] } | null;
  },
) => Promise<void>;

/**
 * The live session engine: creates sessions from client requests, routes them by the tenant's rules to
 * a group or chatbot, offers them to operators by the group's strategy, and moves them on timeouts,
 * declines, redirects and ends. Every step runs in a transaction holding the session's row lock and
 * writes a routing event; live events go out after the commit.
 */
export function routingService(db: Database, deps: { events: EventBus; jobs: JobQueue; log: Log }) {
  let transcriptHook: TranscriptHook | undefined;
  const inUnit = unitRunner(db, {
    events: deps.events,
    log: deps.log,
    dispatchForOperators: (tenantId, operatorIds) => dispatchForOperators(tenantId, operatorIds),
  });
  const steps = routingSteps({ jobs: deps.jobs });
  const { closeOffers, dispatch, enterQueue, closeSession } = steps;

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
    /** Sets the hook every written message passes through in its transaction (the channels' outbox). */
    setTranscriptHook(hook: TranscriptHook): void {
      transcriptHook = hook;
    },

    /** A client asks for a session: ban check, create, route. */
    async startSession(input: StartSessionInput): Promise<SessionRow> {
      // The ban check comes first: a banned client costs this one statement and writes only its
      // ban's attempt counter — no session, no transcript line, no routing step.
      const identities = [...clientIdentities(input.channel, input.client), ...(input.identities ?? [])];
      const ban = await banRepository.matchAndCount(db, input.tenantId, input.channel, identities);
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
        let firstActivityId: string | null = null;
        if (input.firstMessage) {
          const first = await repo.addActivity(unit.trx, {
            tenantId: input.tenantId,
            sessionId: session.id,
            sender: 'client',
            type: input.firstMessage.file ? 'file' : 'message',
            text: input.firstMessage.text,
            file: input.firstMessage.file,
          });
          await repo.countMessage(unit.trx, input.tenantId, session.id, true);
          unit.searchRefresh.add(session.id);
          firstActivityId = first.id;
        }
        const moreActivityIds: string[] = [];
        for (const file of input.firstMessage?.moreFiles ?? []) {
          const more = await repo.addActivity(unit.trx, {
            tenantId: input.tenantId,
            sessionId: session.id,
            sender: 'client',
            type: 'file',
            text: null,
            file,
          });
          await repo.countMessage(unit.trx, input.tenantId, session.id, true);
          moreActivityIds.push(more.id);
        }
        if (input.inTransaction)
          await input.inTransaction(unit.trx, session, firstActivityId, moreActivityIds);
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
          await systemMessage(unit, session.id, 'joined', {
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
        const mine = await offerToAnswer(unit, locked, operatorId);
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
        await systemMessage(unit, sessionId, 'joined', {
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
        const mine = await offerToAnswer(unit, locked, operatorId);
        await closeOffers(unit, locked, 'declined', { offerId: mine.id });
        await markTried(unit, locked, operatorId);
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
        await markTried(unit, locked, operatorId);
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
        await steps.leaveQueue(unit, locked);
      });
    },

    redirect: redirectSession({ inUnit, steps }),

    /** Restore of an ended messaging session (`routing-restore.ts`). */
    restore: restoreSession({ inUnit, steps, hook: () => transcriptHook }),

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
    async endByOperator(
      tenantId: string,
      operatorId: string,
      sessionId: string,
      result?: string,
    ): Promise<SessionRow> {
      return inUnit(tenantId, async (unit) => {
        const locked = await lockOrThrow(unit, sessionId);
        if (locked.session.status === 'closed')
          throw new AppError('live.session_ended', 'The session has ended.');
        const current = await repo.currentOperators(unit.trx, tenantId, sessionId);
        if (!current.includes(operatorId)) {
          throw new AppError('live.not_participant', 'Only an operator in the session can end it.');
        }
        const name = await userName(unit, operatorId);
        if (result !== undefined) await updateSession(unit, locked, { result }, ['result']);
        await closeSession(unit, locked, 'operator_ended', 'still_connected', { name });
        return locked.session;
      });
    },

    /**
     * A ban ended the client's live session: it closes at once with end reason `banned` and the
     * engine's "ended" system message, offers withdrawn and operators freed like any other end.
     * A session that ended meanwhile is left as it is.
     */
    async endBanned(tenantId: string, sessionId: string): Promise<SessionRow | undefined> {
      return inUnit(tenantId, async (unit) => {
        const locked = await repo.lockSession(unit.trx, tenantId, sessionId);
        if (!locked || locked.session.status === 'closed') return undefined;
        await updateSession(unit, locked, { banned: true }, ['banned']);
        await closeSession(unit, locked, 'banned', null);
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
        /** Further files of the same message, each a file line of its own (see `NewMessage`). */
        moreFiles?: { name: string; size: number | null; mimeType: string | null }[];
      },
      options: {
        /** Runs in the message's transaction after it is written (channels: inbound marked processed). */
        inTransaction?: (
          trx: Transaction<DB>,
          activityId: string,
          session: SessionRow,
          moreActivityIds: string[],
        ) => Promise<void>;
      } = {},
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
        const moreActivityIds: string[] = [];
        for (const file of message.moreFiles ?? []) {
          const more = await repo.addActivity(unit.trx, {
            tenantId,
            sessionId,
            sender: message.sender,
            type: 'file',
            userId: message.userId,
            text: null,
            file,
          });
          await repo.countMessage(unit.trx, tenantId, sessionId, message.sender === 'client');
          moreActivityIds.push(more.id);
        }
        if (options.inTransaction)
          await options.inTransaction(unit.trx, activity.id, locked.session, moreActivityIds);
        if (transcriptHook) {
          await transcriptHook(unit.trx, {
            tenantId,
            session: locked.session,
            activityId: activity.id,
            sender: message.sender,
          });
        }
        unit.searchRefresh.add(sessionId);
        for (const activityId of [activity.id, ...moreActivityIds])
          unit.events.push({ tenantId, sessionId, kind: 'session.message', activityId });
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
          await markTried(unit, locked, operatorId);
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

    /** Repairs live sessions that break the engine's invariant (the runtime runs it periodically). */
    checkInvariant: invariantChecker({ db, inUnit, steps, log: deps.log }),

    dispatchForOperators,
  };
}

export type RoutingService = ReturnType<typeof routingService>;
