import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/types.generated';
import type { DeliveryState } from '../../../common/domain';
import type { InboundMessage, OutboundTemplate, StatusUpdate, Watermark } from './adapters/platform';

type Db = Kysely<DB> | Transaction<DB>;

/** What an inbound row keeps of the platform's message: the adapter's normalised form. */
export type StoredInbound = Omit<InboundMessage, 'messageId' | 'clientId'>;

/** Order of the delivery states: a status only ever moves a line forward. */
const rank = sql<number>`CASE state WHEN 'pending' THEN 0 WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2
  WHEN 'read' THEN 3 WHEN 'failed' THEN 4 END`;
const rankOf = (state: DeliveryState) => ({ pending: 0, sent: 1, delivered: 2, read: 3, failed: 4 })[state];

/**
 * The SQL of messaging channels: inbound messages (once each), the session ↔ platform client link,
 * the clients' last inbound time, the outbox with delivery states, and status callbacks.
 */
/** A pending outbound line: its delivery row with the transcript line's file, both phases of a send read. */
const pendingLine = (db: Db, tenantId: string, activityId: string) =>
  db
    .selectFrom('channel_deliveries as d')
    .innerJoin('activities as a', (join) =>
      join.onRef('a.tenant_id', '=', 'd.tenant_id').onRef('a.id', '=', 'd.activity_id'),
    )
    .select([
      'd.account_id',
      'd.client_id',
      'd.session_id',
      'd.attempts',
      'd.file_ref_sealed',
      'd.file_ref_at',
      'a.file_name',
      'a.file_size',
      'a.file_mime_type',
      'a.file_object_key',
    ])
    .where('d.tenant_id', '=', tenantId)
    .where('d.activity_id', '=', activityId)
    .where('d.state', '=', 'pending');

export const channelRepository = {
  /** Stores what is new of a webhook's messages; answers the ids that were new. */
  async storeInbound(db: Db, tenantId: string, accountId: string, messages: InboundMessage[]) {
    if (messages.length === 0) return [];
    const rows = await db
      .insertInto('channel_inbound')
      .values(
        messages.map(({ messageId, clientId, ...rest }) => ({
          tenant_id: tenantId,
          account_id: accountId,
          message_id: messageId,
          client_id: clientId,
          payload: JSON.stringify(rest),
        })),
      )
      .onConflict((oc) => oc.doNothing())
      .returning('message_id')
      .execute();
    return rows.map((row) => row.message_id);
  },

  /** The client's messages not yet placed, up to and including this one, oldest first. */
  async unplacedUpTo(db: Db, tenantId: string, accountId: string, messageId: string) {
    const result = await sql<{ message_id: string; client_id: string; payload: unknown }>`
      SELECT i.message_id, i.client_id, i.payload FROM channel_inbound i
      JOIN channel_inbound target ON target.tenant_id = i.tenant_id AND target.account_id = i.account_id
        AND target.client_id = i.client_id
      WHERE target.tenant_id = ${tenantId} AND target.account_id = ${accountId} AND target.message_id = ${messageId}
        AND i.processed_at IS NULL AND (i.received_at, i.message_id) <= (target.received_at, target.message_id)
      ORDER BY i.received_at, i.message_id`.execute(db);
    return result.rows;
  },

  async inbound(db: Db, tenantId: string, accountId: string, messageId: string) {
    return db
      .selectFrom('channel_inbound')
      .select(['message_id', 'client_id', 'payload', 'processed_at'])
      .where('tenant_id', '=', tenantId)
      .where('account_id', '=', accountId)
      .where('message_id', '=', messageId)
      .executeTakeFirst();
  },

  /** Marks an inbound message done; false when another worker did it first. */
  async markProcessed(
    db: Db,
    key: { tenantId: string; accountId: string; messageId: string },
    result: { sessionId: string | null; activityId: string | null },
  ): Promise<boolean> {
    const updated = await db
      .updateTable('channel_inbound')
      .set({ processed_at: sql<Date>`now()`, session_id: result.sessionId, activity_id: result.activityId })
      .where('tenant_id', '=', key.tenantId)
      .where('account_id', '=', key.accountId)
      .where('message_id', '=', key.messageId)
      .where('processed_at', 'is', null)
      .executeTakeFirst();
    return updated.numUpdatedRows > 0n;
  },

  /** The client's live session on this account, if any. */
  async liveSession(db: Db, tenantId: string, accountId: string, clientId: string) {
    const row = await db
      .selectFrom('channel_sessions as c')
      .innerJoin('sessions as s', (join) =>
        join.onRef('s.tenant_id', '=', 'c.tenant_id').onRef('s.id', '=', 'c.session_id'),
      )
      .select('s.id')
      .where('c.tenant_id', '=', tenantId)
      .where('c.account_id', '=', accountId)
      .where('c.client_id', '=', clientId)
      .where('s.status', '<>', 'closed')
      .orderBy('c.session_id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row?.id;
  },

  /** Serialises session creation for one client of one account until the transaction ends. */
  async lockClient(trx: Transaction<DB>, tenantId: string, accountId: string, clientId: string) {
    await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`channel:${tenantId}:${accountId}:${clientId}`}, 0))`.execute(
      trx,
    );
  },

  async linkSession(
    db: Db,
    values: { tenantId: string; sessionId: string; accountId: string; clientId: string },
  ) {
    await db
      .insertInto('channel_sessions')
      .values({
        tenant_id: values.tenantId,
        session_id: values.sessionId,
        account_id: values.accountId,
        client_id: values.clientId,
      })
      .execute();
  },

  async sessionLink(db: Db, tenantId: string, sessionId: string) {
    return db
      .selectFrom('channel_sessions as c')
      .innerJoin('channel_accounts as a', (join) =>
        join.onRef('a.tenant_id', '=', 'c.tenant_id').onRef('a.id', '=', 'c.account_id'),
      )
      .select(['c.account_id', 'c.client_id', 'a.type'])
      .where('c.tenant_id', '=', tenantId)
      .where('c.session_id', '=', sessionId)
      .executeTakeFirst();
  },

  /** The client wrote: their name and phone as the platform gave them, and the time (the window). */
  async touchClient(
    db: Db,
    values: {
      tenantId: string;
      accountId: string;
      clientId: string;
      name: string | null;
      phone: string | null;
    },
  ) {
    await db
      .insertInto('channel_clients')
      .values({
        tenant_id: values.tenantId,
        account_id: values.accountId,
        client_id: values.clientId,
        name: values.name,
        phone: values.phone,
        last_inbound_at: sql<Date>`now()`,
      })
      .onConflict((oc) =>
        oc.columns(['tenant_id', 'account_id', 'client_id']).doUpdateSet({
          name: sql<string>`coalesce(excluded.name, channel_clients.name)`,
          phone: sql<string>`coalesce(excluded.phone, channel_clients.phone)`,
          last_inbound_at: sql<Date>`greatest(channel_clients.last_inbound_at, excluded.last_inbound_at)`,
        }),
      )
      .execute();
  },

  /** When the client last wrote to this account (whichever session): the messaging window's start. */
  async lastInboundAt(db: Db, tenantId: string, accountId: string, clientId: string) {
    const row = await db
      .selectFrom('channel_clients')
      .select('last_inbound_at')
      .where('tenant_id', '=', tenantId)
      .where('account_id', '=', accountId)
      .where('client_id', '=', clientId)
      .executeTakeFirst();
    return row?.last_inbound_at ?? null;
  },

  // --- the outbox ---

  async enqueueDelivery(
    db: Db,
    values: {
      tenantId: string;
      activityId: string;
      sessionId: string;
      accountId: string;
      clientId: string;
      template?: OutboundTemplate | null;
    },
  ) {
    await db
      .insertInto('channel_deliveries')
      .values({
        tenant_id: values.tenantId,
        activity_id: values.activityId,
        session_id: values.sessionId,
        account_id: values.accountId,
        client_id: values.clientId,
        template: values.template ? JSON.stringify(values.template) : null,
      })
      .execute();
  },

  /**
   * The pending line, locked for its send (SKIP LOCKED: a second worker on the same line goes away;
   * the first one's outcome decides). Undefined when it is not pending any more.
   */
  async claimPending(trx: Transaction<DB>, tenantId: string, activityId: string) {
    return pendingLine(trx, tenantId, activityId)
      .select(['d.template', 'a.text'])
      .forUpdate('d')
      .skipLocked()
      .executeTakeFirst();
  },

  /**
   * A pending line with a file, read without a lock for its preparation (the upload runs outside any
   * transaction); undefined when the line is not pending or carries no file.
   */
  async pendingFile(db: Db, tenantId: string, activityId: string) {
    return pendingLine(db, tenantId, activityId).where('a.file_name', 'is not', null).executeTakeFirst();
  },

  /**
   * Takes the lease to prepare a pending line's file until `until`, unless another worker holds an
   * unexpired one (`now` is the caller's clock). Answers whether it was taken.
   */
  async leasePreparation(db: Db, tenantId: string, activityId: string, now: Date, until: Date) {
    const row = await db
      .updateTable('channel_deliveries')
      .set({ file_preparing_until: until })
      .where('tenant_id', '=', tenantId)
      .where('activity_id', '=', activityId)
      .where('state', '=', 'pending')
      .where((eb) => eb.or([eb('file_preparing_until', 'is', null), eb('file_preparing_until', '<', now)]))
      .returning('activity_id')
      .executeTakeFirst();
    return row !== undefined;
  },

  /**
   * The platform's reference to the prepared file, kept for the send (and every retry of it); sealed by
   * the caller (it may carry a decryption key).
   */
  async storeFileRef(db: Db, tenantId: string, activityId: string, sealed: Buffer, at: Date) {
    await db
      .updateTable('channel_deliveries')
      .set({ file_ref_sealed: sealed, file_ref_at: at, file_preparing_until: null })
      .where('tenant_id', '=', tenantId)
      .where('activity_id', '=', activityId)
      .where('state', '=', 'pending')
      .execute();
  },

  /**
   * A preparation the platform refused or did not answer: the attempt is counted and the lease given
   * up; `final` fails the line with the platform's reason (only while it is still pending).
   */
  async preparationFailed(
    db: Db,
    tenantId: string,
    activityId: string,
    failure: { reason: string; errorCode: string | null; final: boolean },
  ) {
    await db
      .updateTable('channel_deliveries')
      .set({
        attempts: sql<number>`attempts + 1`,
        file_preparing_until: null,
        ...(failure.final
          ? {
              state: 'failed',
              reason: failure.reason,
              error_code: failure.errorCode,
              failed_at: sql<Date>`now()`,
            }
          : { last_error: failure.reason }),
      })
      .where('tenant_id', '=', tenantId)
      .where('activity_id', '=', activityId)
      .where('state', '=', 'pending')
      .execute();
  },

  /** The delivery's state without waiting for its lock (undefined when the line has no delivery). */
  async deliveryState(db: Db, tenantId: string, activityId: string) {
    const row = await db
      .selectFrom('channel_deliveries')
      .select('state')
      .where('tenant_id', '=', tenantId)
      .where('activity_id', '=', activityId)
      .executeTakeFirst();
    return row?.state;
  },

  async markSent(db: Db, tenantId: string, activityId: string, platformMessageId: string) {
    await db
      .updateTable('channel_deliveries')
      .set({
        state: 'sent',
        platform_message_id: platformMessageId,
        sent_at: sql<Date>`now()`,
        attempts: sql<number>`attempts + 1`,
        last_error: null,
      })
      .where('tenant_id', '=', tenantId)
      .where('activity_id', '=', activityId)
      .execute();
  },

  async markAttemptFailed(db: Db, tenantId: string, activityId: string, error: string) {
    await db
      .updateTable('channel_deliveries')
      .set({ attempts: sql<number>`attempts + 1`, last_error: error })
      .where('tenant_id', '=', tenantId)
      .where('activity_id', '=', activityId)
      .execute();
  },

  async markFailed(
    db: Db,
    tenantId: string,
    activityId: string,
    failure: { reason: string; errorCode: string | null; attempted: boolean },
  ) {
    await db
      .updateTable('channel_deliveries')
      .set({
        state: 'failed',
        reason: failure.reason,
        error_code: failure.errorCode,
        failed_at: sql<Date>`now()`,
        ...(failure.attempted ? { attempts: sql<number>`attempts + 1` } : {}),
      })
      .where('tenant_id', '=', tenantId)
      .where('activity_id', '=', activityId)
      .where('state', '<>', 'failed')
      .execute();
  },

  /** Keeps a status callback (once per message and state); answers whether it was new. */
  async storeStatus(db: Db, tenantId: string, accountId: string, status: StatusUpdate) {
    const row = await db
      .insertInto('channel_statuses')
      .values({
        tenant_id: tenantId,
        account_id: accountId,
        platform_message_id: status.platformMessageId,
        state: status.state,
        reason: status.reason,
        error_code: status.errorCode,
      })
      .onConflict((oc) => oc.doNothing())
      .returning('state')
      .executeTakeFirst();
    return row !== undefined;
  },

  /**
   * Moves the lines of these platform message ids forward by the statuses stored for them (any order,
   * any repetition: the furthest state wins, a failure keeps its reason). Answers the changed lines.
   */
  async applyStatuses(db: Db, tenantId: string, accountId: string, platformMessageIds: string[]) {
    if (platformMessageIds.length === 0) return [];
    const result = await sql<{ activity_id: string; session_id: string }>`
      UPDATE channel_deliveries d
      SET state = best.state,
          reason = CASE WHEN best.state = 'failed' THEN best.reason ELSE d.reason END,
          error_code = CASE WHEN best.state = 'failed' THEN best.error_code ELSE d.error_code END,
          sent_at = coalesce(d.sent_at, best.at),
          delivered_at = CASE WHEN best.state IN ('delivered', 'read') THEN coalesce(d.delivered_at, best.at) ELSE d.delivered_at END,
          read_at = CASE WHEN best.state = 'read' THEN coalesce(d.read_at, best.at) ELSE d.read_at END,
          failed_at = CASE WHEN best.state = 'failed' THEN coalesce(d.failed_at, best.at) ELSE d.failed_at END
      FROM (
        SELECT DISTINCT ON (platform_message_id) platform_message_id, state, reason, error_code, at
        FROM channel_statuses
        WHERE tenant_id = ${tenantId} AND account_id = ${accountId}
          AND platform_message_id = ANY(${platformMessageIds}::text[])
        ORDER BY platform_message_id, ${rank} DESC
      ) best
      WHERE d.tenant_id = ${tenantId} AND d.account_id = ${accountId}
        AND d.platform_message_id = best.platform_message_id
        AND (CASE d.state WHEN 'pending' THEN 0 WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2 WHEN 'read' THEN 3
             WHEN 'failed' THEN 4 END) < (CASE best.state WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2
             WHEN 'read' THEN 3 WHEN 'failed' THEN 4 END)
      RETURNING d.activity_id, d.session_id`.execute(db);
    return result.rows;
  },

  /** A watermark: every line to the client sent up to that time is delivered (or read). */
  async applyWatermark(db: Db, tenantId: string, accountId: string, watermark: Watermark) {
    const states: DeliveryState[] = watermark.state === 'read' ? ['sent', 'delivered'] : ['sent'];
    return db
      .updateTable('channel_deliveries')
      .set(
        watermark.state === 'read'
          ? {
              state: 'read',
              read_at: sql<Date>`now()`,
              delivered_at: sql<Date>`coalesce(delivered_at, now())`,
            }
          : { state: 'delivered', delivered_at: sql<Date>`now()` },
      )
      .where('tenant_id', '=', tenantId)
      .where('account_id', '=', accountId)
      .where('client_id', '=', watermark.clientId)
      .where('state', 'in', states)
      .where('sent_at', '<=', watermark.upTo)
      .returning(['activity_id', 'session_id'])
      .execute();
  },

  /** VK's message_read: every line to the client up to that platform message id is read. */
  async applyReadUpTo(
    db: Db,
    tenantId: string,
    accountId: string,
    read: { clientId: string; messageId: string },
  ) {
    return db
      .updateTable('channel_deliveries')
      .set({
        state: 'read',
        read_at: sql<Date>`now()`,
        delivered_at: sql<Date>`coalesce(delivered_at, now())`,
      })
      .where('tenant_id', '=', tenantId)
      .where('account_id', '=', accountId)
      .where('client_id', '=', read.clientId)
      .where('state', 'in', ['sent', 'delivered'])
      .where(
        sql<boolean>`platform_message_id ~ '^[0-9]{1,18}$' AND platform_message_id::bigint <= ${read.messageId}::bigint`,
      )
      .returning(['activity_id', 'session_id'])
      .execute();
  },

  rankOf,
};
