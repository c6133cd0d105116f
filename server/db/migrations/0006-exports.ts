import { sql, type Kysely } from 'kysely';

/**
 * Background exports. A large export is a row here (what was asked, by whom, how far it got) plus a file
 * under DATA_DIR/exports/<tenant>/; the row is the truth the API reports and the worker updates, and a
 * cancel is a state change the worker sees at its next progress update.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE export_jobs (
      tenant_id      bigint NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      id             bigint GENERATED ALWAYS AS IDENTITY,
      -- Who asked, and with which role: the job applies the same visibility rules as the list did.
      requested_by   bigint,
      requested_by_api_key bigint,
      requested_role text NOT NULL CHECK (requested_role IN ('admin', 'supervisor', 'operator')),
      format         text NOT NULL CHECK (format IN ('csv', 'html')),
      -- The list's query parameters (filters, view, q, sort) and the export options.
      params         jsonb NOT NULL,
      columns        text[] NOT NULL,
      state          text NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'running', 'done', 'failed', 'canceled')),
      progress       bigint NOT NULL DEFAULT 0,
      total          bigint,
      file_name      text NOT NULL,
      -- Relative to DATA_DIR/exports.
      file_path      text,
      file_size      bigint,
      error          text,
      created_at     timestamptz NOT NULL DEFAULT now(),
      started_at     timestamptz,
      -- Set with every progress report; a queued or running job whose process died stops being touched.
      heartbeat_at   timestamptz NOT NULL DEFAULT now(),
      finished_at    timestamptz,
      expires_at     timestamptz,
      PRIMARY KEY (tenant_id, id),
      FOREIGN KEY (tenant_id, requested_by) REFERENCES users (tenant_id, id) ON DELETE SET NULL (requested_by)
    );
    -- Serves "recent exports" (GET /api/v1/exports), newest first.
    CREATE INDEX export_jobs_recent_idx ON export_jobs (tenant_id, created_at DESC, id DESC);
    -- Serves the sweeps of expired files and of jobs a dead process left behind.
    CREATE INDEX export_jobs_state_idx ON export_jobs (tenant_id, state, expires_at);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Not reversible; restore a backup instead.');
}
