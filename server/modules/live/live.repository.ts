import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../../db/database';
import type { EndReason, Status } from '../../../common/domain';

/** What a live event carries about a session: the fields the Live table shows and changes. */
export interface SessionSnapshot {
  id: string;
  status: Status;
  channel: string;
  source: string;
  createdAt: Date;
  acceptedAt: Date | null;
  endedAt: Date | null;
  waitingSeconds: number | null;
  durationSeconds: number | null;
  operatorIds: string[];
  groupId: string | null;
  chatbotId: string | null;
  endReason: EndReason | null;
  clientLeft: string | null;
  messageCount: number;
  lastClientMessageAt: Date | null;
}

export function liveRepository(db: Database) {
  /** A session's transcript entries with the operator's name: one shape for a single entry and a page. */
  const activitiesOf = (tenantId: string, sessionId: string) =>
    db
      .selectFrom('activities as a')
      .leftJoin('users as u', (join) =>
        join.onRef('u.tenant_id', '=', 'a.tenant_id').onRef('u.id', '=', 'a.user_id'),
      )
      .select([
        'a.id',
        'a.at',
        'a.sender',
        'a.type',
        'a.user_id',
        'u.name as user_name',
        'a.text',
        'a.file_name',
        'a.file_size',
        'a.file_mime_type',
        'a.system_code',
        'a.system_data',
      ])
      .where('a.tenant_id', '=', tenantId)
      .where('a.session_id', '=', sessionId);

  const repository = {
    /** The widget of a public key. Keys are random, so one key names one widget. */
    async widgetByKey(publicKey: string) {
      const rows = await db
        .selectFrom('widgets')
        .select(['tenant_id', 'id', 'name', 'allowed_origins'])
        .where('public_key', '=', publicKey)
        .limit(2)
        .execute();
      return rows.length === 1 ? rows[0] : undefined;
    },

    async snapshot(tenantId: string, sessionId: string): Promise<SessionSnapshot | undefined> {
      return (await repository.snapshots(tenantId, [sessionId])).get(sessionId);
    },

    /** Several sessions' snapshots in one query (the live stream batches the events of a moment). */
    async snapshots(tenantId: string, sessionIds: string[]): Promise<Map<string, SessionSnapshot>> {
      if (sessionIds.length === 0) return new Map();
      const rows = await db
        .selectFrom('sessions')
        .select([
          'id',
          'status',
          'channel',
          'source',
          'created_at',
          'accepted_at',
          'ended_at',
          sql<number | null>`coalesce(waiting_seconds, CASE WHEN status <> 'closed'
            THEN greatest(0, extract(epoch FROM now() - created_at))::int END)`.as('waiting'),
          'duration_seconds',
          'operator_ids',
          'group_id',
          'chatbot_id',
          'end_reason',
          'client_left',
          'message_count',
          'last_client_message_at',
        ])
        .where('tenant_id', '=', tenantId)
        .where('id', 'in', sessionIds)
        .execute();
      return new Map(
        rows.map((row) => [
          row.id,
          {
            id: row.id,
            status: row.status,
            channel: row.channel,
            source: row.source,
            createdAt: row.created_at,
            acceptedAt: row.accepted_at,
            endedAt: row.ended_at,
            waitingSeconds: row.waiting,
            durationSeconds: row.duration_seconds,
            operatorIds: row.operator_ids,
            groupId: row.group_id,
            chatbotId: row.chatbot_id,
            endReason: row.end_reason,
            clientLeft: row.client_left,
            messageCount: row.message_count,
            lastClientMessageAt: row.last_client_message_at,
          },
        ]),
      );
    },

    /** Which of these sessions satisfy conditions on `s` (the sessions list's filters, the caller's scope). */
    async sessionsMatching(tenantId: string, sessionIds: string[], condition: RawBuilder<unknown>) {
      if (sessionIds.length === 0) return new Set<string>();
      const result = await sql<{ id: string }>`
        SELECT s.id FROM sessions s
        WHERE s.tenant_id = ${tenantId} AND s.id = ANY(${sessionIds}::bigint[]) AND ${condition}`.execute(db);
      return new Set(result.rows.map((row) => row.id));
    },

    async activity(tenantId: string, sessionId: string, activityId: string) {
      return activitiesOf(tenantId, sessionId).where('a.id', '=', activityId).executeTakeFirst();
    },

    async transcript(tenantId: string, sessionId: string, limit: number) {
      return activitiesOf(tenantId, sessionId).orderBy('a.at').orderBy('a.id').limit(limit).execute();
    },

    async operator(tenantId: string, userId: string) {
      return db
        .selectFrom('users')
        .select(['id', 'name', 'state', 'capacity'])
        .where('tenant_id', '=', tenantId)
        .where('id', '=', userId)
        .executeTakeFirst();
    },

    /** The operator's pending offers with what they need to decide. */
    async offersOf(tenantId: string, userId: string) {
      return db
        .selectFrom('session_offers as o')
        .innerJoin('sessions as s', (join) =>
          join.onRef('s.tenant_id', '=', 'o.tenant_id').onRef('s.id', '=', 'o.session_id'),
        )
        .leftJoin('operator_groups as g', (join) =>
          join.onRef('g.tenant_id', '=', 'o.tenant_id').onRef('g.id', '=', 'o.group_id'),
        )
        .select([
          'o.id',
          'o.session_id',
          'o.offered_at',
          'o.expires_at',
          'o.group_id',
          'g.name as group_name',
          's.channel',
          's.client_name',
          's.page_url',
          's.created_at',
        ])
        .where('o.tenant_id', '=', tenantId)
        .where('o.user_id', '=', userId)
        .where('o.state', '=', 'pending')
        .orderBy('o.id')
        .execute();
    },

    /** Sessions the operator is in right now. */
    async sessionsOf(tenantId: string, userId: string) {
      return db
        .selectFrom('session_participants as p')
        .innerJoin('sessions as s', (join) =>
          join.onRef('s.tenant_id', '=', 'p.tenant_id').onRef('s.id', '=', 'p.session_id'),
        )
        .select(['s.id', 's.status', 's.channel', 's.client_name', 's.accepted_at', 's.message_count'])
        .where('p.tenant_id', '=', tenantId)
        .where('p.user_id', '=', userId)
        .where('p.left_at', 'is', null)
        .where('s.status', '<>', 'closed')
        .orderBy('s.id')
        .execute();
    },

    async isCurrentParticipant(tenantId: string, sessionId: string, userId: string) {
      const row = await db
        .selectFrom('session_participants')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('session_id', '=', sessionId)
        .where('user_id', '=', userId)
        .where('left_at', 'is', null)
        .executeTakeFirst();
      return row !== undefined;
    },
  };
  return repository;
}

export type LiveRepository = ReturnType<typeof liveRepository>;
