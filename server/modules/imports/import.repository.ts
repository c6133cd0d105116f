import { randomBytes } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import type pg from 'pg';
import type { Database } from '../../db/database';
import { copyRows, type CopyValue } from '../../db/copy';

/**
 * The SQL of the bulk write path shared by import, demo and seed. Rows are written with `COPY … FROM
 * STDIN` (sessions through a temporary staging table, so their search documents are built in the same
 * INSERT); the few statements that need ON CONFLICT take one array per column through `unnest`. Every
 * statement is scoped by the tenant it is given.
 */

/** Rows for one table, in the order of its column names. */
export interface Rows {
  columns: readonly string[];
  rows: readonly (readonly CopyValue[])[];
}

/** The values of one column of `rows`, for `unnest` parameters. */
function column(rows: Rows, name: string): CopyValue[] {
  const index = rows.columns.indexOf(name);
  if (index < 0) throw new Error(`No column ${name}`);
  return rows.rows.map((row) => row[index]);
}

/**
 * Columns of the session rows the writer stages, with their types. `search_text` is the transcript's
 * searchable text (the document is built from it in the INSERT) and `existing` marks a re-imported
 * session that is rewritten in place.
 */
export const SESSION_COLUMNS = [
  ['id', 'bigint'],
  ['external_id', 'text'],
  ['channel', 'text'],
  ['source', 'text'],
  ['status', 'text'],
  ['created_at', 'timestamptz'],
  ['accepted_at', 'timestamptz'],
  ['ended_at', 'timestamptz'],
  ['waiting_seconds', 'int'],
  ['duration_seconds', 'int'],
  ['group_id', 'bigint'],
  ['chatbot_id', 'bigint'],
  ['operator_ids', 'bigint[]'],
  ['end_reason', 'text'],
  ['client_left', 'text'],
  ['page_url', 'text'],
  ['widget_id', 'bigint'],
  ['contact_id', 'bigint'],
  ['client_name', 'text'],
  ['client_email', 'text'],
  ['client_phone', 'text'],
  ['client_ip', 'text'],
  ['client_language', 'text'],
  ['client_browser', 'text'],
  ['client_os', 'text'],
  ['visitor_id', 'text'],
  ['params', 'jsonb'],
  ['tags', 'text[]'],
  ['rating', 'smallint'],
  ['feedback', 'text'],
  ['result', 'text'],
  ['banned', 'boolean'],
  ['has_recording', 'boolean'],
  ['message_count', 'int'],
  ['last_client_message_at', 'timestamptz'],
] as const;

/** Bans named by imported records (written with ON CONFLICT semantics, so through `unnest`). */
export const BAN_COLUMNS = [
  ['channel', 'text'],
  ['identity_kind', 'text'],
  ['identity_value', 'text'],
  ['reason', 'text'],
  ['session_id', 'bigint'],
  ['created_by', 'bigint'],
  ['created_at', 'timestamptz'],
  ['expires_at', 'timestamptz'],
] as const;

const STAGED_SESSION_COLUMNS = [...SESSION_COLUMNS.map(([name]) => name), 'search_text', 'existing'] as const;

/** Column names of `sessions` the writer sets (everything it stages but the two helpers). */
const sessionNames = sql.raw(SESSION_COLUMNS.map(([name]) => name).join(', '));

/**
 * Per connection, once, outside any transaction: the staging table for session rows. Temporary (only
 * this connection sees it) and emptied at every commit.
 */
const staged = new WeakSet<pg.ClientBase>();
async function ensureStaging(client: pg.ClientBase): Promise<void> {
  if (staged.has(client)) return;
  const definitions = SESSION_COLUMNS.map(([name, type]) => `${name} ${type}`).join(', ');
  await client.query(
    `CREATE TEMPORARY TABLE IF NOT EXISTS import_sessions (${definitions}, search_text text, existing boolean NOT NULL)
     ON COMMIT DELETE ROWS`,
  );
  staged.add(client);
}

export interface Column {
  name: string;
  /** PostgreSQL element type of the parameter array (text, bigint, timestamptz, …). */
  type: string;
  values: readonly unknown[];
}

function unnestFrom(columns: readonly Column[]): RawBuilder<unknown> {
  const params = sql.join(columns.map((c) => sql`${c.values}::${sql.raw(c.type)}[]`));
  const aliases = sql.raw(columns.map((c) => `c_${c.name}`).join(', '));
  return sql`unnest(${params}) AS u(${aliases})`;
}

/** Lookups and the directory (users, groups, chatbots, widgets): ordinary statements on any handle. */
export function importRepository(db: Database) {
  return {
    /** Users named by e-mail; the missing ones are created as operators without a password. */
    async ensureUsers(tenantId: string, users: readonly { email: string; name: string }[]) {
      await sql`
        INSERT INTO users (tenant_id, email, name, role)
        SELECT ${tenantId}::bigint, u.email, u.name, 'operator'
        FROM unnest(${users.map((u) => u.email)}::text[], ${users.map((u) => u.name)}::text[]) AS u(email, name)
        ON CONFLICT (tenant_id, email) DO NOTHING`.execute(db);
      return db
        .selectFrom('users')
        .select(['id', 'email'])
        .where('tenant_id', '=', tenantId)
        .where('email', '=', sql<string>`ANY(${users.map((u) => u.email)}::text[])`)
        .execute();
    },

    /** Operator groups, chatbots or widgets by name; the missing ones are created. */
    async ensureNamed(tenantId: string, table: 'operator_groups' | 'chatbots' | 'widgets', names: string[]) {
      if (table === 'widgets') {
        const keys = names.map(() => randomBytes(16).toString('hex'));
        await sql`
          INSERT INTO widgets (tenant_id, name, public_key)
          SELECT ${tenantId}::bigint, u.name, u.key FROM unnest(${names}::text[], ${keys}::text[]) AS u(name, key)
          ON CONFLICT DO NOTHING`.execute(db);
      } else {
        await sql`
          INSERT INTO ${sql.table(table)} (tenant_id, name)
          SELECT ${tenantId}::bigint, u.name FROM unnest(${names}::text[]) AS u(name)
          ON CONFLICT (tenant_id, name) DO NOTHING`.execute(db);
      }
      return db
        .selectFrom(table)
        .select(['id', 'name'])
        .where('tenant_id', '=', tenantId)
        .where('name', '=', sql<string>`ANY(${names}::text[])`)
        .execute();
    },

    /**
     * Sessions already imported under these external ids, with the hash of what they were written from.
     * The hash is a scalar subquery so it is always one primary-key lookup per session: as a join, a
     * tenant the statistics have not seen yet got a nested loop over all of its hashes per session.
     */
    async findByExternalIds(tenantId: string, externalIds: readonly string[]) {
      const result = await sql<{ id: string; external_id: string; content_hash: Buffer | null }>`
        SELECT s.id, s.external_id,
               (SELECT h.content_hash FROM session_import_hashes h
                WHERE h.tenant_id = s.tenant_id AND h.session_id = s.id) AS content_hash
        FROM sessions s
        WHERE s.tenant_id = ${tenantId}
          AND s.external_id = ANY(${externalIds}::text[])`.execute(db);
      return result.rows;
    },

    /** Fresh statistics for sessions, so plans see a tenant that a load is filling. */
    async analyzeSessions() {
      await sql`ANALYZE sessions`.execute(db);
    },
  };
}

/** The writes of one batch: one transaction on one connection (`client` and `db` are the same one). */
export function batchRepository(client: pg.ClientBase, db: Database) {
  return {
    ensureStaging: () => ensureStaging(client),

    /**
     * Within a batch transaction: commit without waiting for the WAL flush. A crash may lose the last
     * batches, never corrupt them, and an import is idempotent, so running it again completes it.
     */
    async relaxCommit() {
      await sql`SET LOCAL synchronous_commit = off`.execute(db);
    },

    /**
     * Contacts already known by these identities: one primary-key lookup per identity. The tenant
     * travels as a column of the probe rows rather than as a constant: with a constant, a tenant the
     * statistics have not caught up with looks tiny, and the planner happily scans all of its
     * identities per probe through another index (measured: 97 ms instead of 6 ms per 1,000 probes in
     * a database of 1 M sessions, and growing with the tenant). Every probe row carries `tenantId`.
     */
    async findContactIdentities(
      tenantId: string,
      identities: { channel: string[]; kind: string[]; value: string[] },
    ) {
      const result = await sql<{ channel: string; kind: string; value: string; contact_id: string }>`
        SELECT ci.channel, ci.kind, ci.value, ci.contact_id
        FROM unnest(array_fill(${tenantId}::bigint, ARRAY[${identities.value.length}::int]),
                    ${identities.channel}::text[], ${identities.kind}::text[], ${identities.value}::text[])
          AS u(tenant_id, channel, kind, value)
        JOIN contact_identities ci
          ON ci.tenant_id = u.tenant_id AND ci.channel = u.channel AND ci.kind = u.kind AND ci.value = u.value`.execute(
        db,
      );
      return result.rows;
    },

    /**
     * Held until the transaction ends: one writer at a time matches clients to contacts in a tenant, so
     * two imports into the same tenant never both create a contact for one new client (the second waits
     * a moment and finds the first one's contact instead of failing its batch).
     */
    async lockContacts(tenantId: string) {
      await sql`SELECT pg_advisory_xact_lock(hashtextextended(${`sessiondesk.contacts:${tenantId}`}, 0))`.execute(
        db,
      );
    },

    /** Reserves ids from a table's identity sequence, so rows can be linked before they are written. */
    async reserveIds(table: 'contacts' | 'sessions', count: number): Promise<string[]> {
      if (count === 0) return [];
      const result = await sql<{ id: string }>`
        SELECT nextval(pg_get_serial_sequence(${table}, 'id'))::text AS id
        FROM generate_series(1, ${count}::int)`.execute(db);
      return result.rows.map((row) => row.id);
    },

    /**
     * Plain appends: contacts, identities (looked up in this transaction first), participants,
     * activities, notes, recordings, routing events, import hashes of new sessions.
     */
    copy(tenantId: string, table: string, rows: Rows) {
      return copyRows(client, table, ['tenant_id', ...rows.columns], rows.rows, [tenantId]);
    },

    /**
     * Session rows: staged, then inserted (new) or rewritten in place (re-imported), each with the search
     * document of its transcript text built in the same statement.
     */
    async writeSessions(tenantId: string, rows: Rows, existingIds: readonly string[]) {
      if (!rows.rows.length) return;
      await copyRows(client, 'import_sessions', STAGED_SESSION_COLUMNS, rows.rows);
      // The documents just written also feed the tenant's "did you mean" vocabulary (migration 0009).
      await sql`
        WITH written AS (
          INSERT INTO sessions (tenant_id, ${sessionNames}, search_document) OVERRIDING SYSTEM VALUE
          SELECT ${tenantId}::bigint, ${sessionNames}, search_document_of(search_text)
          FROM import_sessions WHERE NOT existing
          RETURNING search_document
        )
        SELECT remember_search_words(${tenantId}::bigint, array_agg(search_document)) FROM written`.execute(
        db,
      );
      if (!existingIds.length) return;
      // The ids as an array too: an index condition on sessions whatever the (unanalysed) staging
      // table is estimated to hold.
      const assignments = sql.raw(
        SESSION_COLUMNS.filter(([name]) => name !== 'id')
          .map(([name]) => `${name} = u.${name}`)
          .join(', '),
      );
      await sql`
        WITH written AS (
          UPDATE sessions s
          SET ${assignments}, restored_from_id = NULL, search_document = search_document_of(u.search_text)
          FROM import_sessions u
          WHERE u.existing AND s.tenant_id = ${tenantId} AND s.id = u.id
            AND s.id = ANY(${existingIds}::bigint[])
          RETURNING s.search_document
        )
        SELECT remember_search_words(${tenantId}::bigint, array_agg(search_document)) FROM written`.execute(
        db,
      );
    },

    /**
     * Before a changed record is written again: its transcript, participants, routing, recordings and
     * the notes the import wrote (notes people added in the app stay).
     */
    async deleteSessionChildren(tenantId: string, sessionIds: string[]) {
      if (!sessionIds.length) return;
      for (const table of ['activities', 'session_participants', 'routing_events', 'recordings'] as const) {
        await db
          .deleteFrom(table)
          .where('tenant_id', '=', tenantId)
          .where('session_id', '=', sql<string>`ANY(${sessionIds}::bigint[])`)
          .execute();
      }
      await db
        .deleteFrom('notes')
        .where('tenant_id', '=', tenantId)
        .where('session_id', '=', sql<string>`ANY(${sessionIds}::bigint[])`)
        .where('imported', '=', true)
        .execute();
    },

    /**
     * Bans named by imported sessions, each with its one identity (an `ip` one with its network); a
     * session that already carries a ban gets no second one.
     */
    async insertBans(tenantId: string, rows: Rows) {
      if (!rows.rows.length) return;
      const columns = BAN_COLUMNS.map(([name, type]) => ({ name, type, values: column(rows, name) }));
      await sql`
        WITH fresh AS (
          SELECT u.* FROM ${unnestFrom(columns)}
          WHERE NOT EXISTS (SELECT 1 FROM bans b WHERE b.tenant_id = ${tenantId} AND b.session_id = u.c_session_id)
        ), made AS (
          INSERT INTO bans (tenant_id, channel, reason, session_id, created_by, created_at, expires_at)
          SELECT ${tenantId}::bigint, c_channel, c_reason, c_session_id, c_created_by, c_created_at, c_expires_at
          FROM fresh
          RETURNING id, session_id, channel
        )
        INSERT INTO ban_identities (tenant_id, ban_id, channel, kind, value, network)
        SELECT ${tenantId}::bigint, made.id, made.channel, fresh.c_identity_kind, fresh.c_identity_value,
               CASE WHEN fresh.c_identity_kind = 'ip' THEN ban_try_cidr(fresh.c_identity_value) END
        FROM made JOIN fresh ON fresh.c_session_id = made.session_id`.execute(db);
    },

    /**
     * Imported sessions may have closed long ago, so facet rollups of the tenant no longer hold: a new
     * epoch voids them (see migration 0008). Last statement of a batch: the row lock is held briefly.
     */
    async bumpHistoryEpoch(tenantId: string) {
      await sql`UPDATE tenant_settings SET history_epoch = history_epoch + 1 WHERE tenant_id = ${tenantId}`.execute(
        db,
      );
    },

    /** The hashes of re-imported sessions (new sessions get theirs by `copy`). */
    async upsertHashes(tenantId: string, sessionIds: string[], hashes: Buffer[]) {
      if (!sessionIds.length) return;
      await sql`
        INSERT INTO session_import_hashes (tenant_id, session_id, content_hash)
        SELECT ${tenantId}::bigint, u.id, u.hash FROM unnest(${sessionIds}::bigint[], ${hashes}::bytea[]) AS u(id, hash)
        ON CONFLICT (tenant_id, session_id) DO UPDATE SET content_hash = excluded.content_hash, imported_at = now()`.execute(
        db,
      );
    },

    async insertParamNames(tenantId: string, names: string[]) {
      if (!names.length) return;
      // Sorted, so two loads adding the same names lock them in the same order.
      await sql`
        INSERT INTO param_names (tenant_id, name)
        SELECT ${tenantId}::bigint, u.name FROM unnest(${[...names].sort()}::text[]) AS u(name)
        ON CONFLICT DO NOTHING`.execute(db);
    },

    /** Links restored sessions to the sessions they were restored from, by external id. */
    async linkRestored(tenantId: string, sessionIds: string[], originExternalIds: string[]) {
      if (!sessionIds.length) return;
      // The "= ANY" conditions give both sides an index condition on the arrays, so the plan stays a
      // few index lookups even while a new tenant's rows are missing from the statistics.
      await sql`
        UPDATE sessions s SET restored_from_id = o.id
        FROM unnest(${sessionIds}::bigint[], ${originExternalIds}::text[]) AS u(id, origin)
        JOIN sessions o ON o.tenant_id = ${tenantId} AND o.external_id = u.origin
        WHERE s.tenant_id = ${tenantId} AND s.id = u.id
          AND s.id = ANY(${sessionIds}::bigint[])
          AND o.external_id = ANY(${originExternalIds}::text[])`.execute(db);
    },
  };
}

export type ImportRepository = ReturnType<typeof importRepository>;
export type BatchRepository = ReturnType<typeof batchRepository>;
