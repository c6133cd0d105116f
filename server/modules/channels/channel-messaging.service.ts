import { createHash } from 'node:crypto';
import type { Transaction } from 'kysely';
import type { Database } from '../../db/database';
import type { DB } from '../../db/types.generated';
import { AppError, notFound } from '../../platform/errors';
import type { EventBus } from '../../platform/events/event-bus';
import type { JobQueue } from '../../platform/jobs/job-queue';
import type { Log } from '../../platform/log';
import type { SecretBox } from '../../platform/auth/secret-box';
import type { ChannelAccountType } from '../../../common/domain';
import type { RoutingService } from '../routing/routing.service';
import { accountAdapter } from './adapters';
import type { MediaRef, ParsedWebhook, WebhookRefusal, WebhookRequest } from './adapters/platform';
import type { ChannelAccountService, OpenAccount } from './channel-account.service';
import type { FileService } from '../files/file.service';
import { channelRepository as repo, type StoredInbound } from './channel.repository';
import { channelOutbox } from './channel-outbox';
import { clientIdentities } from '../bans/ban-identity';
import { banRepository } from '../bans/ban.repository';

/** Media larger than this are not kept (WhatsApp's own limit for video and audio is 16 MB). */
export const MAX_MEDIA_BYTES = 16 * 1024 * 1024;
/** Content types kept as session files; anything else becomes a note in the transcript. */
const KEPT_MEDIA =
  /^(image\/(jpeg|png|gif|webp)|audio\/[a-z0-9.+-]+|video\/(mp4|3gpp|quicktime)|application\/pdf|text\/plain|application\/(msword|vnd\.ms-excel|vnd\.openxmlformats-officedocument\.[a-z.]+))$/;

/** Another worker already placed this inbound message; the transaction is rolled back. */
class AlreadyProcessed extends Error {}
/** Another message of the same new client created its session first; place this one again. */
class PlaceAgain extends Error {}

const extensionOf = (mimeType: string): string =>
  ({
    'image/jpeg': 'jpg',
    'image/png': 'png',
    'image/gif': 'gif',
    'image/webp': 'webp',
    'application/pdf': 'pdf',
    'text/plain': 'txt',
    'video/mp4': 'mp4',
    'audio/ogg': 'ogg',
    'audio/mpeg': 'mp3',
  })[mimeType] ?? 'bin';

/** The error of each refusal of a webhook (an adapter's `receive`). */
const webhookRefusals = {
  invalid_signature: () =>
    new AppError('channels.invalid_signature', 'The webhook signature does not match the account.'),
  invalid_json: () => new AppError('invalid_json', 'The webhook body is not JSON.'),
} satisfies Record<WebhookRefusal, () => AppError>;

/**
 * Messaging sessions: platform webhooks in (verified, stored once, answered at once; placed into the
 * client's live session or a new routed one by the `channels.inbound` job, media fetched and kept),
 * operators' lines out through the outbox (`channels.send`, channel-outbox.ts), and each outbound
 * line's delivery state from the platform's answers and status callbacks.
 */
export function channelMessagingService(
  db: Database,
  deps: {
    accounts: ChannelAccountService;
    routing: RoutingService;
    jobs: JobQueue;
    events: Pick<EventBus, 'publish'>;
    /** Where fetched media are kept (the object store, with the other session files). */
    files: Pick<FileService, 'keepFetched' | 'linkKey' | 'readStored'>;
    /** Seals prepared files' platform references at rest (Apple's carries the file's key). */
    box: SecretBox;
    log: Log;
    now?: () => Date;
  },
) {
  const now = deps.now ?? (() => new Date());
  const outbox = channelOutbox(db, { ...deps, now });
  const { publishDeliveryChanges } = outbox;

  async function accountFor(type: ChannelAccountType, accountId: string): Promise<OpenAccount> {
    const account = await deps.accounts.forWebhook(type, accountId);
    if (!account) throw notFound(`Channel account ${accountId}`);
    return account;
  }

  /** Authenticates a webhook and reads it by its platform's adapter (`receive`); a refusal throws. */
  function authenticateAndParse(account: OpenAccount, request: WebhookRequest) {
    const reading = accountAdapter(account).receive(request, now);
    if (!reading.ok) throw webhookRefusals[reading.refusal]();
    return reading;
  }

  /**
   * Fetches an inbound message's media into the session's files. Answers the file, or a note for the
   * transcript when the platform's file cannot be kept (too large, a refused type, gone); throws on a
   * temporary failure so the job is retried.
   */
  async function keepMedia(
    account: OpenAccount,
    messageId: string,
    media: MediaRef,
  ): Promise<{ file: { name: string; size: number; mimeType: string }; key: string } | { note: string }> {
    let response: Response;
    try {
      response = await accountAdapter(account).fetchMedia(media, now);
    } catch (error) {
      throw new Error(`media download failed: ${(error as Error).message}`);
    }
    if (response.status === 429 || response.status >= 500)
      throw new Error(`media download: HTTP ${response.status}`);
    if (!response.ok) return { note: `[The platform no longer has this file (HTTP ${response.status}).]` };
    const mimeType =
      (media.mimeType ?? response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
    if (!KEPT_MEDIA.test(mimeType)) {
      await response.body?.cancel();
      return { note: `[A file of type ${mimeType || 'unknown'} was not kept.]` };
    }
    const declared = Number(response.headers.get('content-length') ?? '0');
    if (declared > MAX_MEDIA_BYTES) {
      await response.body?.cancel();
      return { note: `[A file of ${declared} bytes was not kept: over the ${MAX_MEDIA_BYTES}-byte limit.]` };
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of response.body ?? []) {
      size += (chunk as Uint8Array).length;
      if (size > MAX_MEDIA_BYTES)
        return { note: `[A file over the ${MAX_MEDIA_BYTES}-byte limit was not kept.]` };
      chunks.push(Buffer.from(chunk as Uint8Array));
    }
    const bytes = Buffer.concat(chunks);
    // The key follows from the message, so a retried job writes the same file again; the type is what
    // the bytes are, not what the platform said.
    const digest = createHash('sha256').update(messageId).digest('hex').slice(0, 32);
    const kept = await deps.files.keepFetched(
      account.tenantId,
      `${account.id}/${digest}.${extensionOf(mimeType)}`,
      bytes,
    );
    return {
      file: {
        name: media.fileName ?? `${digest.slice(0, 8)}.${extensionOf(mimeType)}`,
        size: bytes.length,
        mimeType: kept.mimeType,
      },
      key: kept.key,
    };
  }

  /** One inbound message into the client's live session of the account, or a new routed session. */
  async function place(account: OpenAccount, messageId: string, clientId: string, stored: StoredInbound) {
    const { tenantId } = account;
    const accountId = account.id;
    let text = stored.text;
    // Every file of the message is fetched before its lines are written: the first is the message
    // line's file, the others lines of their own (one file per transcript line, as everywhere else).
    const kept: { file: { name: string; size: number; mimeType: string }; key: string }[] = [];
    const media = [...(stored.media ? [stored.media] : []), ...(stored.moreMedia ?? [])];
    for (const [index, item] of media.entries()) {
      // The first file's key follows from the message id alone, as it did before several were kept.
      const fetched = await keepMedia(account, index === 0 ? messageId : `${messageId}#${index}`, item);
      if ('note' in fetched) text = [text, fetched.note].filter(Boolean).join('\n');
      else kept.push(fetched);
    }
    const file = kept[0]?.file ?? null;
    const moreFiles = kept.slice(1).map((item) => item.file);
    if (text === null && file === null) text = '[empty message]';

    const finish = async (
      trx: Transaction<DB>,
      activityId: string | null,
      sessionId: string,
      moreActivityIds: string[],
    ) => {
      const first = await repo.markProcessed(
        trx,
        { tenantId, accountId, messageId },
        { sessionId, activityId },
      );
      if (!first) throw new AlreadyProcessed();
      // The stored files are linked with their transcript lines, or not at all.
      const lines = [activityId, ...moreActivityIds];
      for (const [index, item] of kept.entries()) {
        const line = lines[index];
        if (line) await deps.files.linkKey(trx, tenantId, line, item.key);
      }
      await repo.touchClient(trx, {
        tenantId,
        accountId,
        clientId,
        name: stored.clientName,
        phone: stored.clientPhone,
      });
    };

    for (let attempt = 0; attempt < 5; attempt += 1) {
      const live = await repo.liveSession(db, tenantId, accountId, clientId);
      try {
        if (live) {
          await deps.routing.addMessage(
            tenantId,
            live,
            { sender: 'client', userId: null, text, file, moreFiles },
            { inTransaction: (trx, activityId, _session, more) => finish(trx, activityId, live, more) },
          );
        } else {
          await deps.routing.startSession({
            tenantId,
            widgetId: null,
            channel: account.type,
            source: stored.source,
            pageUrl: null,
            params: {},
            client: {
              name: stored.clientName,
              email: null,
              phone: stored.clientPhone,
              ip: null,
              language: null,
              browser: null,
              os: null,
              visitorId: null,
            },
            clientTokenHash: null,
            identities: clientIdentities(account.type, { platformClientId: clientId }),
            firstMessage: { text, file, moreFiles },
            inTransaction: async (trx, session, firstActivityId, more) => {
              // One new session per client at a time: a second message waits here, then joins it.
              await repo.lockClient(trx, tenantId, accountId, clientId);
              if (await repo.liveSession(trx, tenantId, accountId, clientId)) throw new PlaceAgain();
              await repo.linkSession(trx, { tenantId, sessionId: session.id, accountId, clientId });
              await finish(trx, firstActivityId, session.id, more);
            },
          });
        }
        return;
      } catch (error) {
        if (error instanceof AlreadyProcessed) return;
        if (error instanceof PlaceAgain) continue;
        if (error instanceof AppError && error.code === 'live.session_ended') continue;
        if (error instanceof AppError && error.code === 'live.banned') {
          // The platform got its 200; the message becomes no session (the ban module counts it).
          await repo.markProcessed(
            db,
            { tenantId, accountId, messageId },
            { sessionId: null, activityId: null },
          );
          return;
        }
        throw error;
      }
    }
    throw new Error(`Inbound message ${messageId} found no session to join after 5 attempts.`);
  }

  /**
   * The messages of clients not banned on the account's channel. A banned client's messages are
   * dropped before anything is stored (no inbound row, no job, no session, no transcript line): one
   * indexed lookup per client of the webhook, which also counts the attempt on the ban. The platform
   * still gets its 200, so it does not retry.
   */
  async function withoutBanned(account: OpenAccount, messages: ParsedWebhook['messages']) {
    const banned = new Map<string, boolean>();
    for (const message of messages) {
      if (banned.has(message.clientId)) continue;
      const identities = clientIdentities(account.type, {
        platformClientId: message.clientId,
        phone: message.clientPhone,
      });
      const ban = await banRepository.matchAndCount(db, account.tenantId, account.type, identities);
      banned.set(message.clientId, ban !== undefined);
    }
    return messages.filter((message) => banned.get(message.clientId) !== true);
  }

  return {
    transcriptHook: outbox.transcriptHook,

    /** GET verification: the platform's challenge echoed when the verify token matches. */
    async verify(
      type: ChannelAccountType,
      accountId: string,
      query: Record<string, unknown>,
    ): Promise<string> {
      const account = await accountFor(type, accountId);
      const challenge = accountAdapter(account).verify(query);
      if (challenge === undefined)
        throw new AppError('channels.verification_failed', 'The verify token does not match the account.');
      return challenge;
    },

    /**
     * A webhook: signature first (nothing is stored without it), then in one transaction the new
     * messages (idempotent by the platform's id) with their jobs, and the statuses. Answers quickly:
     * the media and the routing wait for the job.
     */
    async receive(type: ChannelAccountType, accountId: string, request: WebhookRequest) {
      const account = await accountFor(type, accountId);
      const { parsed, reply, readUpTo } = authenticateAndParse(account, request);
      if (!account.enabled)
        throw new AppError('channels.account_disabled', 'This channel account is disabled.');
      const { tenantId } = account;
      const admitted = await withoutBanned(account, parsed.messages);
      const changed = await db.transaction().execute(async (trx) => {
        const fresh = await repo.storeInbound(trx, tenantId, account.id, admitted);
        for (const messageId of fresh)
          await deps.jobs.send(
            'channels.inbound',
            { tenantId, accountId: account.id, messageId },
            { within: trx },
          );
        const lines: { session_id: string }[] = [];
        for (const status of parsed.statuses) await repo.storeStatus(trx, tenantId, account.id, status);
        lines.push(
          ...(await repo.applyStatuses(
            trx,
            tenantId,
            account.id,
            parsed.statuses.map((status) => status.platformMessageId),
          )),
        );
        for (const watermark of parsed.watermarks)
          lines.push(...(await repo.applyWatermark(trx, tenantId, account.id, watermark)));
        if (readUpTo) lines.push(...(await repo.applyReadUpTo(trx, tenantId, account.id, readUpTo)));
        return { fresh, lines };
      });
      if (parsed.statuses.length > 0) {
        // A status for a line whose send is committing right now may have found no line with its id
        // inside the transaction; applied again after the commit, one of the two sides always sees both.
        changed.lines.push(
          ...(await repo.applyStatuses(
            db,
            tenantId,
            account.id,
            parsed.statuses.map((status) => status.platformMessageId),
          )),
        );
      }
      await publishDeliveryChanges(tenantId, changed.lines);
      return { reply, stored: changed.fresh.length, statuses: parsed.statuses.length };
    },

    /**
     * The `channels.inbound` job: the message into the client's live session or a new one. The
     * client's earlier messages still waiting are placed first, so a client's lines keep their order
     * whichever job runs first (each message is placed once: the first worker to mark it wins).
     */
    async processInbound(job: { tenantId: string; accountId: string; messageId: string }): Promise<void> {
      const account = await deps.accounts.openAccount(job.tenantId, job.accountId);
      if (!account) return;
      for (const row of await repo.unplacedUpTo(db, job.tenantId, job.accountId, job.messageId)) {
        await place(account, row.message_id, row.client_id, row.payload as StoredInbound);
      }
    },

    /** The `channels.send` job (channel-outbox.ts). */
    deliver: outbox.deliver,
  };
}

export type ChannelMessagingService = ReturnType<typeof channelMessagingService>;
