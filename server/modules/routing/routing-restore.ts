import { sql, type Transaction } from 'kysely';
import type { DB } from '../../db/types.generated';
import type { Principal } from '../../platform/auth/principal';
import { AppError } from '../../platform/errors';
import type { ChannelAccountType } from '../../../common/domain';
import { recordAudit } from '../audit/audit.repository';
import { routingRepository as repo, type LockedSession, type SessionRow } from './routing.repository';
import type { RoutingSteps } from './routing-steps';
import { routingEvent, systemMessage, updateSession, userName, type InUnit } from './routing-unit';
import type { TranscriptHook } from './routing.service';

export interface RestoreSessionInput {
  actor: Principal;
  /** The ended session restored (the caller checked it is ended, visible and of this channel). */
  origin: SessionRow;
  channel: ChannelAccountType;
  /** The restoring operator takes it at once, or it is offered to a group through its queue. */
  assignTo: { operatorId: string } | { groupId: string };
  /** The first message, written as the restoring user's line and sent through the outbox. */
  firstMessage: { text: string; template: { name: string; language: string; parameters: string[] } | null };
  /**
   * Runs first in the unit: serialises restores and new sessions of this client (the channels' per-client
   * lock) and answers the client's live session on the account when there is one — then nothing is
   * created and that session is answered instead.
   */
  claim: (trx: Transaction<DB>) => Promise<string | undefined>;
  /** Links the new session to the platform's client (before its first message goes to the outbox). */
  link: (trx: Transaction<DB>, session: SessionRow) => Promise<void>;
  /** What the audit entry says beyond the ids (the option used, the template's name). */
  audit: Record<string, unknown>;
}

export type RestoreOutcome = { created: true; session: SessionRow } | { created: false; sessionId: string };

/**
 * Restore as an engine step: a new live session of the same client, linked to the ended one, created
 * in one unit with its routing — taken by the restoring operator (active, with them in it) or entered
 * into a group's queue with its timer, so the engine's invariant holds from the commit on — its first
 * message in the outbox and a system message in both transcripts.
 */
export function restoreSession(deps: {
  inUnit: InUnit;
  steps: RoutingSteps;
  hook: () => TranscriptHook | undefined;
}) {
  return async function restore(input: RestoreSessionInput): Promise<RestoreOutcome> {
    const { actor, origin } = input;
    const tenantId = actor.tenantId;
    return deps.inUnit(tenantId, async (unit) => {
      const live = await input.claim(unit.trx);
      if (live) return { created: false, sessionId: live };

      const session = await repo.insertSession(unit.trx, {
        tenantId,
        channel: input.channel,
        source: 'restored',
        restoredFromId: origin.id,
        contactId: origin.contact_id,
        widgetId: null,
        pageUrl: null,
        params: {},
        clientName: origin.client_name,
        clientEmail: origin.client_email,
        clientPhone: origin.client_phone,
        clientIp: null,
        clientLanguage: origin.client_language,
        clientBrowser: null,
        clientOs: null,
        visitorId: null,
      });
      await repo.insertRouting(unit.trx, tenantId, session.id, null);
      await input.link(unit.trx, session);
      unit.events.push({ tenantId, sessionId: session.id, kind: 'session.created' });
      // The ended session now shows "Restored as" (the column is kept by a trigger, migration 0013).
      unit.events.push({ tenantId, sessionId: origin.id, kind: 'session.updated', fields: ['restoredAs'] });
      const locked: LockedSession = {
        session,
        routing: { group_id: null, queued_at: null, episode: 0, tried_user_ids: [], target_user_id: null },
      };

      const actorName = await userName(unit, actor.userId);
      const operatorId = 'operatorId' in input.assignTo ? input.assignTo.operatorId : null;
      const groupId = 'groupId' in input.assignTo ? input.assignTo.groupId : null;
      await routingEvent(unit, session.id, 'restored', {
        actorUserId: actor.userId,
        userId: operatorId,
        groupId,
        data: { fromSessionId: origin.id },
      });
      await systemMessage(unit, session.id, 'restored_from', { sessionId: origin.id, actorName });
      await systemMessage(unit, origin.id, 'restored_as', { sessionId: session.id, actorName });

      if (operatorId !== null) {
        await repo.addParticipant(unit.trx, tenantId, session.id, { userId: operatorId });
        await updateSession(
          unit,
          locked,
          { status: 'active', accepted_at: sql<Date>`now()`, waiting_seconds: 0, operator_ids: [operatorId] },
          ['status', 'operatorIds', 'acceptedAt', 'waitingSeconds'],
        );
        await systemMessage(unit, session.id, 'joined', {
          userId: operatorId,
          name: await userName(unit, operatorId),
        });
      } else {
        const entered = await deps.steps.enterQueue(unit, locked, groupId ?? '0', { reason: 'restored' });
        if (entered !== 'queued') {
          throw entered === 'full'
            ? new AppError('routing.group_full', `The queue of group ${groupId ?? ''} is full.`)
            : new AppError('not_found', `Group ${groupId ?? ''} was not found.`);
        }
      }

      const first = await repo.addActivity(unit.trx, {
        tenantId,
        sessionId: session.id,
        sender: 'operator',
        type: 'message',
        userId: actor.userId,
        text: input.firstMessage.text,
      });
      await repo.countMessage(unit.trx, tenantId, session.id, false);
      const hook = deps.hook();
      if (!hook) throw new Error('No outbox is wired: the first message could not be queued.');
      await hook(unit.trx, {
        tenantId,
        session: locked.session,
        activityId: first.id,
        sender: 'operator',
        template: input.firstMessage.template,
      });
      unit.searchRefresh.add(session.id);
      unit.searchRefresh.add(origin.id);
      unit.events.push({ tenantId, sessionId: session.id, kind: 'session.message', activityId: first.id });

      await recordAudit(unit.trx, actor, {
        action: 'session.restore',
        objectType: 'session',
        objectId: origin.id,
        data: { sessionId: session.id, operatorId, groupId, ...input.audit },
      });
      return { created: true, session: locked.session };
    });
  };
}
