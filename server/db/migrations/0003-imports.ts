import { sql, type Kysely } from 'kysely';

/**
 * Import bookkeeping. Re-importing a line must not duplicate anything and re-importing an identical file
 * must change nothing: each imported session keeps the hash of the record it was written from, so an
 * identical record is recognised as "unchanged" without comparing the transcript row by row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE session_import_hashes (
      tenant_id    bigint NOT NULL,
      session_id   bigint NOT NULL,
      -- SHA-256 of the imported line (generated sessions: of the generated record); see import.writer.ts.
      content_hash bytea NOT NULL,
      imported_at  timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, session_id),
      FOREIGN KEY (tenant_id, session_id) REFERENCES sessions (tenant_id, id) ON DELETE CASCADE
    );
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Not reversible; restore a backup instead.');
}
