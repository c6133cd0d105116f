import { sql, type Kysely } from 'kysely';

/**
 * Recordings and session files stored for real (the object store, server/platform/storage): the
 * ingest API's idempotency key and processing outcome on `recordings`, the `media` API-key role of
 * the media services that send them, the session files' own retention (two years by default, as
 * mluvii keeps them) and the mark a file removed by it leaves on its transcript line. Numbered 0014:
 * 0012 and 0013 are taken by other branches.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE recordings
      ADD COLUMN idempotency_key text CHECK (length(idempotency_key) BETWEEN 1 AND 200),
      ADD COLUMN failure_reason  text,
      ADD COLUMN created_at      timestamptz NOT NULL DEFAULT now(),
      ADD COLUMN ready_at        timestamptz;
    -- A media service that sends the same recording again (a retry after a lost answer) names it with
    -- its Idempotency-Key; the second request finds the first's row.
    CREATE UNIQUE INDEX recordings_idempotency_idx ON recordings (tenant_id, session_id, idempotency_key)
      WHERE idempotency_key IS NOT NULL;

    ALTER TABLE api_keys DROP CONSTRAINT api_keys_role_check;
    ALTER TABLE api_keys ADD CONSTRAINT api_keys_role_check CHECK (role IN ('admin', 'supervisor', 'operator', 'media'));

    ALTER TABLE tenant_settings
      ADD COLUMN file_retention_days integer NOT NULL DEFAULT 730 CHECK (file_retention_days BETWEEN 1 AND 3650);

    -- When the retention job removed the line's file (the line stays, saying so).
    ALTER TABLE activities ADD COLUMN file_deleted_at timestamptz;
    -- Serves the files' retention sweep: the stored files of a tenant older than a time. Partial, so it
    -- holds only lines with a stored file (a small part of the transcript rows).
    CREATE INDEX activities_stored_files_idx ON activities (tenant_id, at) WHERE file_object_key IS NOT NULL;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Not reversible; restore a backup instead.');
}
