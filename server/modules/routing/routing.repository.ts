import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { DB, OperatorGroups, Sessions } from '../../db/types.generated';
import type {
  ActivityType,
  Channel,
  ClientLeft,
  EndReason,
  RoutingEventKind,
  Sender,
  Status,
  UserState,
} from '../../../common/domain';

/** A handle queries run on: the pool, or the transaction holding the session's lock. */
export type Db = Kysely<DB> | Transaction<DB>;

export type SessionRow = Selectable<Sessions>;
export type GroupRow = Selectable<OperatorGroups>;

export interface LockedSession {
  session: SessionRow;
  routing: {
    group_id: string | null;
    queued_at: Date | null;
    episode: number;
    tried_user_ids: string[];
    target_user_id: string | null;
  };
}

export interface Candidate {
  id: string;
  name: string;
  priority: number;
  capacity: number;
  load: number;
}

/** Sessions an operator holds now (accepted, not ended) plus offers waiting for their answer. */
export const operatorLoad = (db: Db, tenantId: string, userIdRef: string) =>
  sql<number>`(
    (SELECT count(*) FROM session_participants p JOIN sessions s ON s.tenant_id = p.tenant_id AND s.id = p.session_id
      WHERE p.tenant_id = ${tenantId} AND p.user_id = ${sql.ref(userIdRef)} AND p.left_at IS NULL
        AND s.status IN ('active', 'after_work'))
    + (SELECT count(*) FROM session_offers o
      WHERE o.tenant_id = ${tenantId} AND o.user_id = ${sql.ref(userIdRef)} AND o.state = 'pending')
  )::int`;

export const routingRepository = {
  /**
   * Locks a session for the engine (its row, and with it the right to change its routing). With
   * `skipLocked`, a session another instance is working on is skipped instead of waited for.
   */
  async lockSession(
    db: Db,
    tenantId: string,
    sessionId: string,
    options: { skipLocked?: boolean } = {},
  ): Promise<LockedSession | undefined> {
    // One round trip: the session row locked, with its routing row (not locked: it changes only
    // under the session's lock).
    let query = db
      .selectFrom('sessions as s')
      .leftJoin('session_routing as r', (join) =>
        join.onRef('r.tenant_id', '=', 's.tenant_id').onRef('r.session_id', '=', 's.id'),
      )
      .selectAll('s')
      .select([
        'r.group_id as r_group_id',
        'r.queued_at as r_queued_at',
        'r.episode as r_episode',
        'r.tried_user_ids as r_tried_user_ids',
        'r.target_user_id as r_target_user_id',
      ])
      .where('s.tenant_id', '=', tenantId)
      .where('s.id', '=', sessionId)
      .forUpdate('s');
    if (options.skipLocked) query = query.skipLocked();
    const row = await query.executeTakeFirst();
    if (!row) return undefined;
    const { r_group_id, r_queued_at, r_episode, r_tried_user_ids, r_target_user_id, ...session } = row;
    return {
      session,
      routing: {
        group_id: r_group_id,
        queued_at: r_queued_at,
        episode: r_episode ?? 0,
        tried_user_ids: r_tried_user_ids ?? [],
        target_user_id: r_target_user_id,
      },
    };
  },

  async findSession(db: Db, tenantId: string, sessionId: string) {
    return db
      .selectFrom('sessions')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', sessionId)
      .executeTakeFirst();
  },

  async enabledRules(db: Db, tenantId: string) {
    return db
      .selectFrom('routing_rules')
      .select(['id', 'name', 'position', 'conditions', 'target_group_id', 'target_chatbot_id', 'is_fallback'])
      .where('tenant_id', '=', tenantId)
      .where('enabled', '=', true)
      .orderBy('position')
      .execute();
  },

  async group(db: Db, tenantId: string, groupId: string): Promise<GroupRow | undefined> {
    return db
      .selectFrom('operator_groups')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', groupId)
      .executeTakeFirst();
  },

  async insertSession(
    db: Db,
    values: {
      tenantId: string;
      channel: Channel;
      source: 'widget' | 'api' | 'campaign' | 'restored';
      /** A restored session: the ended session it continues, and the client's contact. */
      restoredFromId?: string | null;
      contactId?: string | null;
      widgetId: string | null;
      pageUrl: string | null;
      params: Record<string, string>;
      clientName: string | null;
      clientEmail: string | null;
      clientPhone: string | null;
      clientIp: string | null;
      clientLanguage: string | null;
      clientBrowser: string | null;
      clientOs: string | null;
      visitorId: string | null;
    },
  ) {
    return db
      .insertInto('sessions')
      .values({
        tenant_id: values.tenantId,
        channel: values.channel,
        source: values.source,
        status: 'queued',
        widget_id: values.widgetId,
        page_url: values.pageUrl,
        params: JSON.stringify(values.params),
        client_name: values.clientName,
        client_email: values.clientEmail,
        client_phone: values.clientPhone,
        client_ip: values.clientIp,
        client_language: values.clientLanguage,
        client_browser: values.clientBrowser,
        client_os: values.clientOs,
        visitor_id: values.visitorId,
        restored_from_id: values.restoredFromId ?? null,
        contact_id: values.contactId ?? null,
        // The generated types lose these columns' nullability (enum override); they start empty.
        end_reason: sql<EndReason>`NULL`,
        client_left: sql<ClientLeft>`NULL`,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  /** Every parameter name seen becomes a column; a name seen before costs nothing. */
  async rememberParamNames(db: Db, tenantId: string, names: string[]) {
    if (names.length === 0) return;
    await db
      .insertInto('param_names')
      .values(names.map((name) => ({ tenant_id: tenantId, name })))
      .onConflict((oc) => oc.doNothing())
      .execute();
  },

  async insertRouting(db: Db, tenantId: string, sessionId: string, clientTokenHash: Buffer | null) {
    await db
      .insertInto('session_routing')
      .values({ tenant_id: tenantId, session_id: sessionId, client_token_hash: clientTokenHash })
      .execute();
  },

  async updateRouting(
    db: Db,
    tenantId: string,
    sessionId: string,
    values: Partial<{
      group_id: string | null;
      queued_at: Date | null;
      episode: number;
      tried_user_ids: string[];
      target_user_id: string | null;
    }>,
  ) {
    await db
      .updateTable('session_routing')
      .set({ ...values, updated_at: sql<Date>`now()` })
      .where('tenant_id', '=', tenantId)
      .where('session_id', '=', sessionId)
      .execute();
  },

  async clientTokenHash(db: Db, tenantId: string, sessionId: string) {
    const row = await db
      .selectFrom('session_routing')
      .select('client_token_hash')
      .where('tenant_id', '=', tenantId)
      .where('session_id', '=', sessionId)
      .executeTakeFirst();
    return row?.client_token_hash ?? null;
  },

  async updateSession(
    db: Db,
    tenantId: string,
    sessionId: string,
    values: Partial<{
      status: Status;
      group_id: string | null;
      chatbot_id: string | null;
      accepted_at: Date;
      ended_at: Date;
      waiting_seconds: number;
      duration_seconds: number | null;
      end_reason: SessionRow['end_reason'];
      client_left: SessionRow['client_left'];
      operator_ids: string[];
    }>,
  ) {
    return db
      .updateTable('sessions')
      .set(values)
      .where('tenant_id', '=', tenantId)
      .where('id', '=', sessionId)
      .returningAll()
      .executeTakeFirstOrThrow();
  },

  /** Sessions waiting in a group's queue (queued or offered), apart from one. */
  async waitingCount(db: Db, tenantId: string, groupId: string, exceptSessionId: string) {
    const row = await db
      .selectFrom('session_routing')
      .select((eb) => eb.fn.countAll<number>().as('count'))
      .where('tenant_id', '=', tenantId)
      .where('group_id', '=', groupId)
      .where('queued_at', 'is not', null)
      .where('session_id', '<>', exceptSessionId)
      .executeTakeFirstOrThrow();
    return Number(row.count);
  },

  /**
   * Waiting sessions an operator could be offered now, oldest first: in their groups' queues, not
   * redirected elsewhere, not already declined or missed by them, and either offered to nobody or in a
   * whole-group queue (where every free member gets it). Serves "an operator got free".
   */
  async waitingFor(db: Db, tenantId: string, userId: string, limit: number) {
    const rows = await sql<{ session_id: string }>`
      SELECT r.session_id FROM session_routing r
      JOIN group_members m ON m.tenant_id = r.tenant_id AND m.group_id = r.group_id AND m.user_id = ${userId}
      JOIN operator_groups g ON g.tenant_id = r.tenant_id AND g.id = r.group_id
      JOIN sessions s ON s.tenant_id = r.tenant_id AND s.id = r.session_id
      WHERE r.tenant_id = ${tenantId} AND r.queued_at IS NOT NULL AND r.target_user_id IS NULL
        AND NOT (${userId}::bigint = ANY (r.tried_user_ids))
        AND (s.status = 'queued' OR (g.strategy = 'whole_group' AND NOT EXISTS (
          SELECT 1 FROM session_offers o WHERE o.tenant_id = r.tenant_id AND o.session_id = r.session_id
            AND o.user_id = ${userId} AND o.state = 'pending')))
      ORDER BY r.queued_at, r.session_id
      LIMIT ${limit}`.execute(db);
    return rows.rows.map((row) => row.session_id);
  },

  /**
   * Waiting sessions nobody is offered and nobody looked at for a while (any tenant): the safety net
   * for a crash between a commit and its follow-up. Least recently considered first.
   */
  async staleWaiting(db: Db, limit: number) {
    return db
      .selectFrom('session_routing as r')
      .innerJoin('sessions as s', (join) =>
        join.onRef('s.tenant_id', '=', 'r.tenant_id').onRef('s.id', '=', 'r.session_id'),
      )
      .select(['r.tenant_id', 'r.session_id'])
      .where('r.queued_at', 'is not', null)
      .where('s.status', '=', 'queued')
      .where('r.updated_at', '<', sql<Date>`now() - interval '5 seconds'`)
      .orderBy('r.updated_at')
      .limit(limit)
      .execute();
  },

  async touchRouting(db: Db, tenantId: string, sessionId: string) {
    await db
      .updateTable('session_routing')
      .set({ updated_at: sql<Date>`now()` })
      .where('tenant_id', '=', tenantId)
      .where('session_id', '=', sessionId)
      .execute();
  },

  /** The groups an operator is a member of, their highest priority first. */
  async userGroups(db: Db, tenantId: string, userId: string) {
    const rows = await db
      .selectFrom('group_members')
      .select('group_id')
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .orderBy('priority', 'desc')
      .orderBy('group_id')
      .execute();
    return rows.map((row) => row.group_id);
  },

  /** Online members of a group with free capacity, best first: priority, then most free capacity. */
  async candidates(
    db: Db,
    tenantId: string,
    groupId: string,
    excludeUserIds: string[],
  ): Promise<Candidate[]> {
    let query = db
      .selectFrom('group_members as m')
      .innerJoin('users as u', (join) =>
        join.onRef('u.tenant_id', '=', 'm.tenant_id').onRef('u.id', '=', 'm.user_id'),
      )
      .select(['u.id', 'u.name', 'm.priority', 'u.capacity', operatorLoad(db, tenantId, 'u.id').as('load')])
      .where('m.tenant_id', '=', tenantId)
      .where('m.group_id', '=', groupId)
      .where('u.state', '=', 'online')
      .where('u.disabled_at', 'is', null);
    if (excludeUserIds.length > 0) query = query.where('u.id', 'not in', excludeUserIds);
    const rows = await query.execute();
    return rows
      .filter((row) => row.load < row.capacity)
      .sort(
        (a, b) =>
          b.priority - a.priority ||
          b.capacity - b.load - (a.capacity - a.load) ||
          Number(BigInt(a.id) - BigInt(b.id)),
      );
  },

  /**
   * Locks an operator for an offer and reads their state and load afresh. SKIP LOCKED: an operator
   * another transaction is offering something right now is passed over, never double-booked. `wait`
   * (the one operator a session was redirected to) waits for the lock instead; no transaction that
   * holds an operator's lock waits for a session's, so this cannot deadlock.
   */
  async lockOperator(db: Db, tenantId: string, userId: string, options: { wait?: boolean } = {}) {
    let query = db
      .selectFrom('users')
      .select(['id', 'name', 'state', 'capacity', 'disabled_at'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', userId)
      .forUpdate();
    if (!options.wait) query = query.skipLocked();
    const user = await query.executeTakeFirst();
    if (!user) return undefined;
    const fresh = await sql<{ load: number }>`SELECT ${operatorLoad(db, tenantId, 'u.id')} AS load
      FROM (SELECT ${userId}::bigint AS id) u`.execute(db);
    return { ...user, load: fresh.rows[0]?.load ?? 0 };
  },

  async user(db: Db, tenantId: string, userId: string) {
    return db
      .selectFrom('users')
      .select(['id', 'name', 'state', 'capacity', 'disabled_at', 'role'])
      .where('tenant_id', '=', tenantId)
      .where('id', '=', userId)
      .executeTakeFirst();
  },

  async userLoad(db: Db, tenantId: string, userId: string) {
    const result = await sql<{ load: number }>`SELECT ${operatorLoad(db, tenantId, 'u.id')} AS load
      FROM (SELECT ${userId}::bigint AS id) u`.execute(db);
    return result.rows[0]?.load ?? 0;
  },

  async setUserState(db: Db, tenantId: string, userId: string, state: UserState) {
    return db
      .updateTable('users')
      .set({ state })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', userId)
      .returning(['id', 'state', 'capacity'])
      .executeTakeFirst();
  },

  async insertOffer(
    db: Db,
    values: {
      tenantId: string;
      sessionId: string;
      userId: string;
      groupId: string | null;
      timeoutSeconds: number | null;
    },
  ) {
    return db
      .insertInto('session_offers')
      .values({
        tenant_id: values.tenantId,
        session_id: values.sessionId,
        user_id: values.userId,
        group_id: values.groupId,
        expires_at:
          values.timeoutSeconds === null
            ? null
            : sql<Date>`now() + make_interval(secs => ${values.timeoutSeconds})`,
      })
      .returning(['id', 'user_id', 'offered_at', 'expires_at'])
      .executeTakeFirstOrThrow();
  },

  async pendingOffers(db: Db, tenantId: string, sessionId: string) {
    return db
      .selectFrom('session_offers')
      .select(['id', 'user_id', 'offered_at', 'expires_at', 'group_id'])
      .where('tenant_id', '=', tenantId)
      .where('session_id', '=', sessionId)
      .where('state', '=', 'pending')
      .orderBy('id')
      .execute();
  },

  /** Closes pending offers of a session (all, or one operator's); returns whose offers closed. */
  async closeOffers(
    db: Db,
    tenantId: string,
    sessionId: string,
    state: 'accepted' | 'declined' | 'timed_out' | 'withdrawn',
    only: { userId?: string; offerId?: string } = {},
  ) {
    let query = db
      .updateTable('session_offers')
      .set({ state, closed_at: sql<Date>`now()` })
      .where('tenant_id', '=', tenantId)
      .where('session_id', '=', sessionId)
      .where('state', '=', 'pending');
    if (only.userId) query = query.where('user_id', '=', only.userId);
    if (only.offerId) query = query.where('id', '=', only.offerId);
    return query.returning(['id', 'user_id']).execute();
  },

  async pendingOffersOfUser(db: Db, tenantId: string, userId: string) {
    return db
      .selectFrom('session_offers')
      .select(['id', 'session_id', 'offered_at', 'expires_at', 'group_id'])
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .where('state', '=', 'pending')
      .orderBy('id')
      .execute();
  },

  async addRoutingEvent(
    db: Db,
    values: {
      tenantId: string;
      sessionId: string;
      kind: RoutingEventKind;
      actorUserId?: string | null;
      userId?: string | null;
      groupId?: string | null;
      chatbotId?: string | null;
      data?: Record<string, unknown>;
    },
  ) {
    await db
      .insertInto('routing_events')
      .values({
        tenant_id: values.tenantId,
        session_id: values.sessionId,
        kind: values.kind,
        actor_user_id: values.actorUserId ?? null,
        user_id: values.userId ?? null,
        group_id: values.groupId ?? null,
        chatbot_id: values.chatbotId ?? null,
        data: JSON.stringify(values.data ?? {}),
      })
      .execute();
  },

  async addActivity(
    db: Db,
    values: {
      tenantId: string;
      sessionId: string;
      sender: Sender;
      type: ActivityType;
      userId?: string | null;
      text?: string | null;
      file?: { name: string; size: number | null; mimeType: string | null } | null;
      systemCode?: string;
      systemData?: Record<string, unknown>;
    },
  ) {
    return db
      .insertInto('activities')
      .values({
        tenant_id: values.tenantId,
        session_id: values.sessionId,
        at: sql<Date>`clock_timestamp()`,
        sender: values.sender,
        type: values.type,
        user_id: values.userId ?? null,
        text: values.text ?? null,
        file_name: values.file?.name ?? null,
        file_size: values.file?.size == null ? null : String(values.file.size),
        file_mime_type: values.file?.mimeType ?? null,
        system_code: values.systemCode ?? null,
        system_data: values.systemData ? JSON.stringify(values.systemData) : null,
      })
      .returning(['id', 'at'])
      .executeTakeFirstOrThrow();
  },

  /** Counts a message into the session's columns (message count, last client message). */
  async countMessage(db: Db, tenantId: string, sessionId: string, fromClient: boolean) {
    await db
      .updateTable('sessions')
      .set((eb) => ({
        message_count: eb('message_count', '+', 1),
        ...(fromClient ? { last_client_message_at: sql<Date>`now()` } : {}),
      }))
      .where('tenant_id', '=', tenantId)
      .where('id', '=', sessionId)
      .execute();
  },

  async refreshSearch(db: Db, tenantId: string, sessionIds: string[]) {
    if (sessionIds.length === 0) return;
    await sql`SELECT refresh_search_documents(${tenantId}::bigint, ${sessionIds}::bigint[])`.execute(db);
  },

  async addParticipant(
    db: Db,
    tenantId: string,
    sessionId: string,
    who: { userId?: string; chatbotId?: string },
  ) {
    await db
      .insertInto('session_participants')
      .values({
        tenant_id: tenantId,
        session_id: sessionId,
        kind: who.userId ? 'operator' : 'chatbot',
        user_id: who.userId ?? null,
        chatbot_id: who.chatbotId ?? null,
        joined_at: sql<Date>`now()`,
      })
      .execute();
  },

  /** Ends current participation (all, or one operator's); returns who left. */
  async leaveParticipants(db: Db, tenantId: string, sessionId: string, userId?: string) {
    let query = db
      .updateTable('session_participants')
      .set({ left_at: sql<Date>`now()` })
      .where('tenant_id', '=', tenantId)
      .where('session_id', '=', sessionId)
      .where('left_at', 'is', null);
    if (userId) query = query.where('user_id', '=', userId);
    return query.returning(['user_id', 'chatbot_id']).execute();
  },

  async currentOperators(db: Db, tenantId: string, sessionId: string) {
    const rows = await db
      .selectFrom('session_participants')
      .select('user_id')
      .where('tenant_id', '=', tenantId)
      .where('session_id', '=', sessionId)
      .where('left_at', 'is', null)
      .where('user_id', 'is not', null)
      .execute();
    return rows.map((row) => row.user_id).filter((id): id is string => id !== null);
  },

  async wasOfferedTo(db: Db, tenantId: string, sessionId: string, userId: string) {
    const row = await db
      .selectFrom('session_offers')
      .select('id')
      .where('tenant_id', '=', tenantId)
      .where('session_id', '=', sessionId)
      .where('user_id', '=', userId)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  },
};
