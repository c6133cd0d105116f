import { sql, type Kysely } from 'kysely';

/**
 * Which transaction last wrote each session (issue #20), so a process that keeps a tenant's sessions in
 * memory for filter lists (modules/sessions/session-facts.ts) can read only what changed since it last
 * looked, and never miss a change, whoever the writer is (import, live engine, bans, restore,
 * recordings, retention): every INSERT takes the column's default and every UPDATE goes through the
 * trigger, so no writer has to remember anything.
 *
 * `change_xid` is the 64-bit id of the writing transaction (`pg_current_xact_id()`). A reader remembers
 * the oldest transaction still running when it read (`pg_snapshot_xmin`); every change it could not see
 * was made by a transaction at or after that id, so its next read asks for `change_xid >=` that id.
 * Rows already there keep 0: a reader loads the whole tenant once before it reads changes.
 *
 * `sessions_change_xid_idx` serves that read: a range at the end of the tenant's part of the index, a
 * handful of rows per second of traffic. Adding the column with a constant default rewrites nothing; the
 * index is built once (about 2 s per million sessions).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE sessions ADD COLUMN change_xid bigint NOT NULL DEFAULT 0;
    ALTER TABLE sessions ALTER COLUMN change_xid SET DEFAULT (pg_current_xact_id()::text::bigint);

    CREATE FUNCTION sessions_mark_change() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      NEW.change_xid := pg_current_xact_id()::text::bigint;
      RETURN NEW;
    END $$;

    CREATE TRIGGER sessions_mark_change BEFORE UPDATE ON sessions
      FOR EACH ROW EXECUTE FUNCTION sessions_mark_change();

    CREATE INDEX sessions_change_xid_idx ON sessions (tenant_id, change_xid);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Not reversible; restore a backup instead.');
}
