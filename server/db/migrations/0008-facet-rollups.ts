import { sql, type Kysely } from 'kysely';

/**
 * Facet counts of a tenant's closed sessions, kept per column, so the History view's filter lists over a
 * large tenant do not count a million rows on every open. A rollup covers the sessions closed up to
 * `covers_until`; the sessions closed since are counted live (`sessions_ended_idx` serves that) and
 * added. Writers that change sessions closed in the past (the import) bump the tenant's
 * `history_epoch` in the same transaction; a rollup computed under an older epoch is not used.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE tenant_settings ADD COLUMN history_epoch bigint NOT NULL DEFAULT 0;

    CREATE TABLE facet_rollups (
      tenant_id    bigint NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      column_id    text NOT NULL CHECK (length(column_id) BETWEEN 1 AND 200),
      -- The tenant's history_epoch the counts were computed under.
      epoch        bigint NOT NULL,
      -- Sessions closed (ended_at) up to this moment are counted here; later ones are counted live.
      covers_until timestamptz NOT NULL,
      -- [{"value": "webchat", "count": 4483}, …]; value null = empty.
      counts       jsonb NOT NULL CHECK (jsonb_typeof(counts) = 'array'),
      computed_at  timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, column_id)
    );
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Not reversible; restore a backup instead.');
}
