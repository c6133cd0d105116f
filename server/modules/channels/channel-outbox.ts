import type { Database } from '../../db/database';
import type { EventBus } from '../../platform/events/event-bus';
import type { JobQueue } from '../../platform/jobs/job-queue';
import type { Log } from '../../platform/log';
import type { SecretBox } from '../../platform/auth/secret-box';
import { restorableChannels, type ChannelAccountType } from '../../../common/domain';
import type { TranscriptHook } from '../routing/routing.service';
import { accountAdapter, platformAdapters } from './adapters';
import { uploadTimeoutMs, type FileRef, type OutboundFile, type OutboundTemplate } from './adapters/platform';
import type { ChannelAccountService } from './channel-account.service';
import type { FileService } from '../files/file.service';
import { channelRepository as repo } from './channel.repository';
import { accountWindow, maySend, windowRefusal } from './messaging-window';

/** After this many refused or unanswered attempts a line is failed rather than retried again. */
export const CHANNEL_SEND_ATTEMPTS = 8;

/** What a prepared file's platform reference is sealed to: its own delivery row. */
export const fileRefContext = (tenantId: string, activityId: string): string =>
  `channel_delivery:${tenantId}:${activityId}`;

/**
 * The outbox of messaging sessions: an operator's line is queued in its own transaction
 * (`transcriptHook`), and the `channels.send` job takes it to its platform (`deliver`): a file first
 * prepared (uploaded, its reference sealed on the line), then the line sent under its row lock, its
 * delivery state from the platform's answer. Webhooks in are channel-messaging.service.ts.
 */
export function channelOutbox(
  db: Database,
  deps: {
    accounts: Pick<ChannelAccountService, 'openAccount'>;
    jobs: Pick<JobQueue, 'send'>;
    events: Pick<EventBus, 'publish'>;
    files: Pick<FileService, 'readStored'>;
    box: SecretBox;
    log: Log;
    now: () => Date;
  },
) {
  const { now } = deps;

  /**
   * The line's stored reference when it is still usable now, else null (then it is prepared again).
   * It is kept sealed to the line (`fileRefContext`), so a reference copied to another row opens nowhere.
   */
  function freshRef(
    type: ChannelAccountType,
    line: { file_ref_sealed: Buffer | null; file_ref_at: Date | null },
    tenantId: string,
    activityId: string,
  ): FileRef | null {
    const at = line.file_ref_at;
    if (line.file_ref_sealed === null || at === null) return null;
    const lifetime = platformAdapters[type].refLifetimeMs;
    if (lifetime !== null && now().getTime() - at.getTime() >= lifetime) return null;
    return JSON.parse(deps.box.open(line.file_ref_sealed, fileRefContext(tenantId, activityId))) as FileRef;
  }

  /**
   * The first phase of a file's send: the upload, outside any transaction. It can take minutes (a
   * 100 MB document), so it holds no row lock and no connection; a lease on the line
   * (`file_preparing_until`) keeps a second worker from uploading the same file meanwhile. The
   * platform's reference is kept on the line, so the send (the second phase, under the line's row
   * lock) only names it, and a retried send reuses it. Lines it cannot help (no file, not pending, a
   * disabled account, a closed window) are left to the send phase, which
   * judges and fails them under the lock. Answers 'done' when it settled the line itself (a refusal of
   * the upload); throws for the queue to retry later.
   */
  async function prepareFile(tenantId: string, activityId: string): Promise<'send' | 'done'> {
    const line = await repo.pendingFile(db, tenantId, activityId);
    const key = line?.file_object_key;
    if (!line?.file_name || !key) return 'send';
    const account = await deps.accounts.openAccount(tenantId, line.account_id);
    if (!account?.enabled) return 'send';
    if (freshRef(account.type, line, tenantId, activityId)) return 'send';
    const window = accountWindow(
      account,
      await repo.lastInboundAt(db, tenantId, line.account_id, line.client_id),
      now(),
    );
    if (!maySend(window, 'text')) return 'send';
    const file: OutboundFile = {
      name: line.file_name,
      mimeType: line.file_mime_type ?? 'application/octet-stream',
      size: Number(line.file_size ?? 0),
      open: () => deps.files.readStored(key),
    };
    const startedAt = now();
    // The lease outlasts the upload's own deadline, so it runs out only when its worker is gone.
    const until = new Date(startedAt.getTime() + uploadTimeoutMs(file.size) + 60_000);
    if (!(await repo.leasePreparation(db, tenantId, activityId, startedAt, until))) {
      if ((await repo.deliveryState(db, tenantId, activityId)) !== 'pending') return 'done';
      throw new Error(`channels.send ${activityId}: the line is being sent by another worker`);
    }
    const prepared = await accountAdapter(account).prepare(file, line.client_id, now);
    if (prepared.ok) {
      const sealed = deps.box.seal(JSON.stringify(prepared.ref), fileRefContext(tenantId, activityId));
      await repo.storeFileRef(db, tenantId, activityId, sealed, startedAt);
      return 'send';
    }
    const final = !prepared.retryable || line.attempts + 1 >= CHANNEL_SEND_ATTEMPTS;
    await repo.preparationFailed(db, tenantId, activityId, {
      reason: prepared.reason,
      errorCode: prepared.errorCode,
      final,
    });
    await publishDeliveryChanges(tenantId, [{ session_id: line.session_id }]);
    if (!final) throw new Error(`channels.send ${activityId}: ${prepared.reason}`);
    return 'done';
  }

  async function publishDeliveryChanges(tenantId: string, lines: { session_id: string }[]) {
    const sessions = [...new Set(lines.map((line) => line.session_id))];
    if (sessions.length === 0) return;
    await deps.events
      .publish(
        sessions.map((sessionId) => ({ tenantId, sessionId, kind: 'session.updated', fields: ['delivery'] })),
      )
      .catch((error: unknown) => deps.log.warn({ err: error }, 'publishing delivery changes failed'));
  }

  /** The outbox: an operator's line in a messaging session is queued in the line's own transaction. */
  const transcriptHook: TranscriptHook = async (trx, written) => {
    if (written.sender !== 'operator') return;
    if (!(restorableChannels as readonly string[]).includes(written.session.channel)) return;
    const link = await repo.sessionLink(trx, written.tenantId, written.session.id);
    if (!link) return;
    await repo.enqueueDelivery(trx, {
      tenantId: written.tenantId,
      activityId: written.activityId,
      sessionId: written.session.id,
      accountId: link.account_id,
      clientId: link.client_id,
      template: written.template ?? null,
    });
    await deps.jobs.send(
      'channels.send',
      { tenantId: written.tenantId, activityId: written.activityId },
      { within: trx },
    );
  };

  /**
   * The `channels.send` job, in two phases. A file is first prepared: uploaded to the platform outside
   * any transaction, its reference kept on the line (`prepareFile`). Then the pending line goes to
   * its platform, under the line's row lock (a second worker on the same line skips it), naming that
   * reference. Sent → the platform's id; a refusal → failed with the platform's reason; a temporary
   * failure → the attempt is recorded and the job throws, so the queue retries it with backoff (a
   * retry reuses the prepared reference). A line that is no longer pending is never sent again.
   */
  async function deliver(job: { tenantId: string; activityId: string }): Promise<void> {
    const { tenantId, activityId } = job;
    if ((await prepareFile(tenantId, activityId)) === 'done') return;
    const outcome = await db.transaction().execute(async (trx) => {
      const line = await repo.claimPending(trx, tenantId, activityId);
      if (!line) return { kind: 'none' as const };
      const fail = async (reason: string, errorCode: string | null, attempted: boolean) => {
        await repo.markFailed(trx, tenantId, activityId, { reason, errorCode, attempted });
        return { kind: 'done' as const, sessionId: line.session_id };
      };
      const account = await deps.accounts.openAccount(tenantId, line.account_id);
      if (!account?.enabled) return fail('The channel account is disabled.', 'account_disabled', false);
      // Only WhatsApp sends a template (a line written for another platform's account is text).
      const template = account.type === 'whatsapp' ? (line.template as OutboundTemplate | null) : null;
      const hasFile = line.file_name !== null;
      if (hasFile && !line.file_object_key)
        return fail('The file is no longer stored, so it cannot be sent.', 'file_missing', false);
      if (!line.text && !template && !hasFile) return fail('The line has nothing to send.', 'empty', false);
      const last = await repo.lastInboundAt(trx, tenantId, line.account_id, line.client_id);
      const window = accountWindow(account, last, now());
      if (!maySend(window, template ? 'template' : 'text'))
        return fail(windowRefusal(window), 'window_closed', false);
      const ref = hasFile ? freshRef(account.type, line, tenantId, activityId) : null;
      if (hasFile && !ref) {
        // Not prepared (another worker's upload ran out, or the reference aged between the phases):
        // the next run of the job prepares it.
        await repo.markAttemptFailed(trx, tenantId, activityId, 'The file is not at the platform yet.');
        return {
          kind: 'retry' as const,
          sessionId: line.session_id,
          reason: 'the file is not at the platform yet',
        };
      }
      const file =
        hasFile && ref
          ? {
              name: line.file_name ?? '',
              mimeType: line.file_mime_type ?? 'application/octet-stream',
              size: Number(line.file_size ?? 0),
              ref,
            }
          : null;
      const result = await accountAdapter(account).send(
        {
          clientId: line.client_id,
          text: line.text,
          tag: window.allows === 'tag' ? window.tag : null,
          template,
          file,
        },
        `${tenantId}:${activityId}`,
        now,
      );
      if (result.ok) {
        await repo.markSent(trx, tenantId, activityId, result.platformMessageId);
        return {
          kind: 'sent' as const,
          sessionId: line.session_id,
          accountId: line.account_id,
          platformMessageId: result.platformMessageId,
        };
      }
      if (!result.retryable || line.attempts + 1 >= CHANNEL_SEND_ATTEMPTS)
        return fail(result.reason, result.errorCode, true);
      await repo.markAttemptFailed(trx, tenantId, activityId, result.reason);
      return { kind: 'retry' as const, sessionId: line.session_id, reason: result.reason };
    });
    if (outcome.kind === 'none') {
      // Not claimed: sent or failed already (done), or still pending under another worker's lock — a
      // long upload whose job outlived the queue's expiry. Then this job retries later rather than
      // completing, so the line is never left pending without a job should that worker fail.
      if ((await repo.deliveryState(db, tenantId, activityId)) === 'pending')
        throw new Error(`channels.send ${activityId}: the line is being sent by another worker`);
      return;
    }
    if (outcome.kind === 'sent') {
      // A status callback may have come while the send was in flight (the platform is fast) and
      // found no line with this id yet: what it stored applies now that the id is committed.
      await repo.applyStatuses(db, tenantId, outcome.accountId, [outcome.platformMessageId]);
    }
    await publishDeliveryChanges(tenantId, [{ session_id: outcome.sessionId }]);
    if (outcome.kind === 'retry') throw new Error(`channels.send ${activityId}: ${outcome.reason}`);
  }

  return { transcriptHook, deliver, publishDeliveryChanges };
}
