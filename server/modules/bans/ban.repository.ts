import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../db/types.generated';
import type { BanIdentityKind, Channel } from '../../../common/domain';
import type { BanIdentity } from './ban-identity';

type Db = Kysely<DB> | Transaction<DB>;

/** A ban applies now: not lifted and not past its expiry, decided by the database's clock. */
const ACTIVE = sql<boolean>`(b.lifted_at IS NULL AND (b.expires_at IS NULL OR b.expires_at > now()))`;

export interface BanRow {
  id: string;
  channel: Channel;
  reason: string | null;
  client_name: string | null;
  session_id: string | null;
  created_at: Date;
  created_key: string;
  expires_at: Date | null;
  lifted_at: Date | null;
  lift_reason: string | null;
  attempts: string;
  last_attempt_at: Date | null;
  active: boolean;
  created_by: string | null;
  created_by_name: string | null;
  created_by_api_key_id: string | null;
  created_by_api_key_name: string | null;
  lifted_by: string | null;
  lifted_by_name: string | null;
  lifted_by_api_key_id: string | null;
  lifted_by_api_key_name: string | null;
  identities: { kind: BanIdentityKind; value: string }[];
}

export interface BanFilter {
  active?: boolean;
  channel?: Channel;
  /** Part of an identity's value (case-insensitive), or an address inside a banned subnet. */
  identity?: string;
  createdBy?: string;
  from?: Date;
  to?: Date;
}

export interface BanKey {
  at: string;
  id: string;
}

/** A ban with its names, identities and whether it applies now. */
function banQuery(db: Db, tenantId: string) {
  return db
    .selectFrom('bans as b')
    .leftJoin('users as cu', (j) =>
      j.onRef('cu.tenant_id', '=', 'b.tenant_id').onRef('cu.id', '=', 'b.created_by'),
    )
    .leftJoin('users as lu', (j) =>
      j.onRef('lu.tenant_id', '=', 'b.tenant_id').onRef('lu.id', '=', 'b.lifted_by'),
    )
    .leftJoin('api_keys as ck', (j) =>
      j.onRef('ck.tenant_id', '=', 'b.tenant_id').onRef('ck.id', '=', 'b.created_by_api_key_id'),
    )
    .leftJoin('api_keys as lk', (j) =>
      j.onRef('lk.tenant_id', '=', 'b.tenant_id').onRef('lk.id', '=', 'b.lifted_by_api_key_id'),
    )
    .select([
      'b.id',
      sql<Channel>`b.channel`.as('channel'),
      'b.reason',
      'b.client_name',
      'b.session_id',
      'b.created_at',
      sql<string>`b.created_at::text`.as('created_key'),
      'b.expires_at',
      'b.lifted_at',
      'b.lift_reason',
      sql<string>`b.attempts::text`.as('attempts'),
      'b.last_attempt_at',
      ACTIVE.as('active'),
      'b.created_by',
      'cu.name as created_by_name',
      'b.created_by_api_key_id',
      'ck.name as created_by_api_key_name',
      'b.lifted_by',
      'lu.name as lifted_by_name',
      'b.lifted_by_api_key_id',
      'lk.name as lifted_by_api_key_name',
      sql<{ kind: BanIdentityKind; value: string }[]>`(
        SELECT coalesce(json_agg(json_build_object('kind', i.kind, 'value', i.value) ORDER BY i.kind, i.value), '[]')
        FROM ban_identities i WHERE i.tenant_id = b.tenant_id AND i.ban_id = b.id)`.as('identities'),
    ])
    .where('b.tenant_id', '=', tenantId);
}

export const banRepository = {
  /**
   * The enforcement: the first ban applying now to any of the client's identities on the channel, its
   * attempt counted in the same statement. One statement, served by ban_identities_lookup_idx (exact
   * identities) and ban_identities_network_idx (the address inside a banned subnet); a client that
   * is not banned writes nothing, a banned one updates one counter.
   */
  async matchAndCount(
    db: Db,
    tenantId: string,
    channel: Channel,
    identities: readonly BanIdentity[],
  ): Promise<{ id: string } | undefined> {
    if (identities.length === 0) return undefined;
    const result = await sql<{ id: string }>`
      UPDATE bans SET attempts = attempts + 1, last_attempt_at = now()
      WHERE tenant_id = ${tenantId} AND id = (${firstActive(tenantId, channel, identities)})
      RETURNING id`.execute(db);
    return result.rows[0];
  },

  /** The same question without counting an attempt: a person asking about the client (Restore). */
  async match(
    db: Db,
    tenantId: string,
    channel: Channel,
    identities: readonly BanIdentity[],
  ): Promise<{ id: string } | undefined> {
    if (identities.length === 0) return undefined;
    const result = await sql<{
      id: string;
    }>`SELECT (${firstActive(tenantId, channel, identities)}) AS id`.execute(db);
    return result.rows[0]?.id ? { id: result.rows[0].id } : undefined;
  },

  async insert(
    db: Db,
    ban: {
      tenantId: string;
      channel: Channel;
      identities: readonly BanIdentity[];
      reason: string;
      expiresAt: Date | null;
      sessionId: string | null;
      clientName: string | null;
      createdBy: string | null;
      createdByApiKeyId: string | null;
    },
  ): Promise<string> {
    const row = await db
      .insertInto('bans')
      .values({
        tenant_id: ban.tenantId,
        channel: ban.channel,
        reason: ban.reason,
        expires_at: ban.expiresAt,
        session_id: ban.sessionId,
        client_name: ban.clientName,
        created_by: ban.createdBy,
        created_by_api_key_id: ban.createdByApiKeyId,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('ban_identities')
      .values(
        ban.identities.map((identity) => ({
          tenant_id: ban.tenantId,
          ban_id: row.id,
          channel: ban.channel,
          kind: identity.kind,
          value: identity.value,
          network: identity.kind === 'ip' ? sql<string>`network(${identity.value}::inet)` : null,
        })),
      )
      .execute();
    return row.id;
  },

  async find(db: Db, tenantId: string, banId: string): Promise<BanRow | undefined> {
    return banQuery(db, tenantId).where('b.id', '=', banId).executeTakeFirst();
  },

  /** The Blacklist: newest first, keyset on (created_at, id) over bans_created_idx. */
  async page(
    db: Db,
    tenantId: string,
    filter: BanFilter,
    after: BanKey | null,
    limit: number,
  ): Promise<BanRow[]> {
    let query = banQuery(db, tenantId);
    if (filter.active !== undefined)
      query = query.where(filter.active ? ACTIVE : sql<boolean>`NOT ${ACTIVE}`);
    if (filter.channel) query = query.where('b.channel', '=', filter.channel);
    if (filter.createdBy) query = query.where('b.created_by', '=', filter.createdBy);
    if (filter.from) query = query.where('b.created_at', '>=', filter.from);
    if (filter.to) query = query.where('b.created_at', '<', filter.to);
    if (filter.identity) {
      const needle = filter.identity.trim().toLowerCase();
      const pattern = `%${needle.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      // An address also finds the subnets that contain it (ban_try_cidr: NULL for anything else).
      query = query.where(
        sql<boolean>`EXISTS (SELECT 1 FROM ban_identities i WHERE i.tenant_id = b.tenant_id AND i.ban_id = b.id
          AND (lower(i.value) LIKE ${pattern}
               OR (i.network IS NOT NULL AND i.network >>= ban_try_cidr(${needle}))))`,
      );
    }
    if (after)
      query = query.where(
        sql<boolean>`(b.created_at, b.id) < (${after.at}::timestamptz, ${after.id}::bigint)`,
      );
    return query.orderBy('b.created_at', 'desc').orderBy('b.id', 'desc').limit(limit).execute();
  },

  /** Lifts a ban still in force; undefined when it was already lifted (or is not this tenant's). */
  async lift(
    db: Db,
    tenantId: string,
    banId: string,
    by: { userId: string | null; apiKeyId: string | null; reason: string },
  ): Promise<boolean> {
    const result = await db
      .updateTable('bans')
      .set({
        lifted_at: sql<Date>`now()`,
        lifted_by: by.userId,
        lifted_by_api_key_id: by.apiKeyId,
        lift_reason: by.reason,
      })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', banId)
      .where('lifted_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  },

  /** What a session says of its client: its channel, name, fields and the platform's client id. */
  async sessionClient(db: Db, tenantId: string, sessionId: string) {
    return db
      .selectFrom('sessions as s')
      .leftJoin('channel_sessions as cs', (j) =>
        j.onRef('cs.tenant_id', '=', 's.tenant_id').onRef('cs.session_id', '=', 's.id'),
      )
      .select([
        's.id',
        's.channel',
        's.status',
        's.operator_ids',
        's.client_name',
        's.visitor_id',
        's.client_ip',
        's.client_email',
        's.client_phone',
        'cs.client_id as platform_client_id',
      ])
      .where('s.tenant_id', '=', tenantId)
      .where('s.id', '=', sessionId)
      .executeTakeFirst();
  },

  /** Ids of bans applying now that were made from this session. */
  async activeFromSession(db: Db, tenantId: string, sessionId: string): Promise<string[]> {
    const rows = await db
      .selectFrom('bans as b')
      .select('b.id')
      .where('b.tenant_id', '=', tenantId)
      .where('b.session_id', '=', sessionId)
      .where(ACTIVE)
      .orderBy('b.id')
      .execute();
    return rows.map((row) => row.id);
  },

  /**
   * The live sessions of the clients a ban names, on its channel: what must end now. Live sessions are
   * few and served by the live-status index; each identity is compared as the ban check compares it.
   */
  async liveSessionsOf(db: Db, tenantId: string, banId: string): Promise<string[]> {
    const result = await sql<{ id: string }>`
      SELECT DISTINCT s.id FROM bans b
      JOIN ban_identities i ON i.tenant_id = b.tenant_id AND i.ban_id = b.id
      JOIN sessions s ON s.tenant_id = b.tenant_id AND s.channel = b.channel
      LEFT JOIN channel_sessions cs ON cs.tenant_id = s.tenant_id AND cs.session_id = s.id
      WHERE b.tenant_id = ${tenantId} AND b.id = ${banId}
        AND s.status IN ('queued', 'offered', 'active', 'after_work')
        AND CASE i.kind
          WHEN 'visitorId' THEN s.visitor_id = i.value
          WHEN 'email' THEN lower(btrim(s.client_email)) = i.value
          WHEN 'phone' THEN '+' || regexp_replace(s.client_phone, '[^0-9]', '', 'g') = i.value
          WHEN 'ip' THEN ban_try_cidr(s.client_ip) <<= i.network
          ELSE cs.client_id = i.value
        END
      ORDER BY s.id`.execute(db);
    return result.rows.map((row) => row.id);
  },

  /**
   * Marks a session as the source of a ban. A closed one changes after it closed, so the tenant's facet
   * rollups are voided (history epoch, see migration 0008).
   */
  async markSessionBanned(db: Db, tenantId: string, sessionId: string): Promise<void> {
    const updated = await db
      .updateTable('sessions')
      .set({ banned: true })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', sessionId)
      .where('banned', '=', false)
      .returning('status')
      .executeTakeFirst();
    if (updated?.status === 'closed') {
      await sql`UPDATE tenant_settings SET history_epoch = history_epoch + 1 WHERE tenant_id = ${tenantId}`.execute(
        db,
      );
    }
  },
};

/** The first ban applying now to any of the identities on the channel (a scalar subquery). */
function firstActive(tenantId: string, channel: Channel, identities: readonly BanIdentity[]) {
  const exact = identities.filter((identity) => identity.kind !== 'ip');
  const address = identities.find((identity) => identity.kind === 'ip')?.value;
  const exactHit =
    exact.length > 0
      ? sql`SELECT ban_id FROM ban_identities
            WHERE tenant_id = ${tenantId} AND channel = ${channel}
              AND (kind, value) IN (${sql.join(exact.map((i) => sql`(${i.kind}, ${i.value})`))})`
      : sql`SELECT NULL::bigint AS ban_id WHERE false`;
  const networkHit = address
    ? sql`SELECT ban_id FROM ban_identities
          WHERE tenant_id = ${tenantId} AND channel = ${channel}
            AND network IS NOT NULL AND network >>= ${address}::inet`
    : sql`SELECT NULL::bigint AS ban_id WHERE false`;
  return sql<string>`SELECT b.id FROM bans b
    WHERE b.tenant_id = ${tenantId} AND b.id IN (${exactHit} UNION ALL ${networkHit}) AND ${ACTIVE}
    ORDER BY b.id LIMIT 1`;
}
