import { randomBytes } from 'node:crypto';
import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../../db/database';

/**
 * The SQL of the bulk write path shared by import, demo and seed. Rows travel as one array per column
 * and are written with `INSERT … SELECT FROM unnest(…)`: one statement per table per batch, whatever
 * the batch size. Every statement is scoped by the tenant it is given.
 */

/** One column of a multi-row write: the element type of its parameter array and, optionally, a cast. */
export interface Column {
  name: string;
  /** PostgreSQL element type of the parameter array (text, bigint, timestamptz, …). */
  type: string;
  values: readonly unknown[];
  /** Expression type the value is cast to after unnest (e.g. a `text` array literal → `bigint[]`). */
  cast?: string;
}

function unnestFrom(columns: readonly Column[]): RawBuilder<unknown> {
  const params = sql.join(columns.map((c) => sql`${c.values}::${sql.raw(c.type)}[]`));
  const aliases = sql.raw(columns.map((c) => `c_${c.name}`).join(', '));
  return sql`unnest(${params}) AS u(${aliases})`;
}

function selectList(columns: readonly Column[]): RawBuilder<unknown> {
  return sql.raw(columns.map((c) => (c.cast ? `u.c_${c.name}::${c.cast}` : `u.c_${c.name}`)).join(', '));
}

/** INSERT INTO table (tenant_id, …columns) SELECT tenant, … FROM unnest(…). */
async function insertRows(
  db: Database,
  table: string,
  tenantId: string,
  columns: readonly Column[],
  options: { overriding?: boolean; onConflict?: string } = {},
): Promise<number> {
  if (!columns[0]?.values.length) return 0;
  const names = sql.raw(columns.map((c) => c.name).join(', '));
  const result = await sql`
    INSERT INTO ${sql.table(table)} (tenant_id, ${names})
    ${options.overriding ? sql`OVERRIDING SYSTEM VALUE` : sql``}
    SELECT ${tenantId}::bigint, ${selectList(columns)} FROM ${unnestFrom(columns)}
    ${options.onConflict ? sql.raw(options.onConflict) : sql``}`.execute(db);
  return Number(result.numAffectedRows ?? 0);
}

export function importRepository(db: Database) {
  return {
    /**
     * Within a batch transaction: commit without waiting for the WAL flush. A crash may lose the last
     * batches, never corrupt them, and an import is idempotent, so running it again completes it.
     */
    async relaxCommit() {
      await sql`SET LOCAL synchronous_commit = off`.execute(db);
    },

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

    /** Sessions already imported under these external ids, with the hash of what they were written from. */
    async findByExternalIds(tenantId: string, externalIds: readonly string[]) {
      const result = await sql<{ id: string; external_id: string; content_hash: Buffer | null }>`
        SELECT s.id, s.external_id, h.content_hash
        FROM sessions s
        LEFT JOIN session_import_hashes h ON h.tenant_id = s.tenant_id AND h.session_id = s.id
        WHERE s.tenant_id = ${tenantId}
          AND s.external_id = ANY(${externalIds}::text[])`.execute(db);
      return result.rows;
    },

    async findContactIdentities(
      tenantId: string,
      identities: { channel: string[]; kind: string[]; value: string[] },
    ) {
      const result = await sql<{ channel: string; kind: string; value: string; contact_id: string }>`
        SELECT ci.channel, ci.kind, ci.value, ci.contact_id
        FROM contact_identities ci
        JOIN unnest(${identities.channel}::text[], ${identities.kind}::text[], ${identities.value}::text[])
          AS u(channel, kind, value)
          ON ci.channel = u.channel AND ci.kind = u.kind AND ci.value = u.value
        WHERE ci.tenant_id = ${tenantId}`.execute(db);
      return result.rows;
    },

    /** Reserves ids from a table's identity sequence, so rows can be linked before they are written. */
    async reserveIds(table: 'contacts' | 'sessions', count: number): Promise<string[]> {
      if (count === 0) return [];
      const result = await sql<{ id: string }>`
        SELECT nextval(pg_get_serial_sequence(${table}, 'id'))::text AS id
        FROM generate_series(1, ${count}::int)`.execute(db);
      return result.rows.map((row) => row.id);
    },

    insertContacts(tenantId: string, columns: Column[]) {
      return insertRows(db, 'contacts', tenantId, columns, { overriding: true });
    },

    insertContactIdentities(tenantId: string, columns: Column[]) {
      return insertRows(db, 'contact_identities', tenantId, columns, {
        onConflict: 'ON CONFLICT DO NOTHING',
      });
    },

    insertSessions(tenantId: string, columns: Column[]) {
      return insertRows(db, 'sessions', tenantId, columns, { overriding: true });
    },

    /** Rewrites sessions in place (re-import of a changed record); `id` must be among the columns. */
    async updateSessions(tenantId: string, columns: Column[]) {
      const ids = columns.find((c) => c.name === 'id')?.values ?? [];
      const assignments = sql.raw(
        columns
          .filter((c) => c.name !== 'id')
          .map((c) => `${c.name} = ${c.cast ? `u.c_${c.name}::${c.cast}` : `u.c_${c.name}`}`)
          .join(', '),
      );
      await sql`
        UPDATE sessions s SET ${assignments}, restored_from_id = NULL
        FROM ${unnestFrom(columns)}
        WHERE s.tenant_id = ${tenantId} AND s.id = u.c_id AND s.id = ANY(${ids}::bigint[])`.execute(db);
    },

    /** Before a changed record is written again: its transcript, participants, notes, routing, recordings. */
    async deleteSessionChildren(tenantId: string, sessionIds: string[]) {
      for (const table of [
        'activities',
        'session_participants',
        'notes',
        'routing_events',
        'recordings',
      ] as const) {
        await db
          .deleteFrom(table)
          .where('tenant_id', '=', tenantId)
          .where('session_id', '=', sql<string>`ANY(${sessionIds}::bigint[])`)
          .execute();
      }
    },

    insertParticipants(tenantId: string, columns: Column[]) {
      return insertRows(db, 'session_participants', tenantId, columns);
    },
    insertActivities(tenantId: string, columns: Column[]) {
      return insertRows(db, 'activities', tenantId, columns);
    },
    insertNotes(tenantId: string, columns: Column[]) {
      return insertRows(db, 'notes', tenantId, columns);
    },
    insertRecordings(tenantId: string, columns: Column[]) {
      return insertRows(db, 'recordings', tenantId, columns);
    },
    insertRoutingEvents(tenantId: string, columns: Column[]) {
      return insertRows(db, 'routing_events', tenantId, columns);
    },

    /** Bans named by imported sessions; a session that already carries a ban gets no second one. */
    async insertBans(tenantId: string, columns: Column[]) {
      if (!columns[0]?.values.length) return;
      const names = sql.raw(columns.map((c) => c.name).join(', '));
      await sql`
        INSERT INTO bans (tenant_id, ${names})
        SELECT ${tenantId}::bigint, ${selectList(columns)} FROM ${unnestFrom(columns)}
        WHERE NOT EXISTS (SELECT 1 FROM bans b WHERE b.tenant_id = ${tenantId} AND b.session_id = u.c_session_id)`.execute(
        db,
      );
    },

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
      await sql`
        INSERT INTO param_names (tenant_id, name)
        SELECT ${tenantId}::bigint, u.name FROM unnest(${names}::text[]) AS u(name)
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

    /** Fresh statistics for sessions, so plans see a tenant that a load is filling. */
    async analyzeSessions() {
      await sql`ANALYZE sessions`.execute(db);
    },

    async refreshSearchDocuments(tenantId: string, sessionIds: string[]) {
      if (!sessionIds.length) return;
      await sql`SELECT refresh_search_documents(${tenantId}::bigint, ${sessionIds}::bigint[])`.execute(db);
    },
  };
}

export type ImportRepository = ReturnType<typeof importRepository>;
