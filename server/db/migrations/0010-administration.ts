import { sql, type Kysely } from 'kysely';

/**
 * Administration (issue #14): what people, settings, widgets and the audit log need beyond 0001.
 *
 * - `users`: the last sign-in and the languages an operator speaks. Deactivation is the existing
 *   `disabled_at`.
 * - `tenant_settings`: `recording_enabled` becomes two switches, `recording_av` and `recording_phone`
 *   (both take the old value); operators may ban; the default CSV separator and time zone; how long
 *   the audit log is kept. Recording retention now defaults to 365 days for new tenants.
 * - `widgets`: the origins a widget may be embedded on (empty: any) and when its key was last rotated.
 * - `audit_events` is append-only: a trigger refuses every UPDATE and TRUNCATE, and every DELETE except
 *   (a) the retention purge, which must say so with `SET LOCAL sessiondesk.audit_purge = 'on'` and can
 *   then remove only entries older than the tenant's `audit_retention_days`, and (b) the cascade of a
 *   deleted tenant. A trigger rather than a role privilege because the application connects as one
 *   role (the embedded cluster's superuser in development), and a trigger holds for any role short of
 *   disabling triggers.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE users
      ADD COLUMN last_login_at timestamptz,
      ADD COLUMN languages text[] NOT NULL DEFAULT '{}';

    ALTER TABLE tenant_settings
      ADD COLUMN recording_av boolean NOT NULL DEFAULT false,
      ADD COLUMN recording_phone boolean NOT NULL DEFAULT false,
      ADD COLUMN operators_may_ban boolean NOT NULL DEFAULT false,
      ADD COLUMN export_separator text NOT NULL DEFAULT 'semicolon' CHECK (export_separator IN ('semicolon', 'comma')),
      ADD COLUMN time_zone text NOT NULL DEFAULT 'Europe/Prague' CHECK (length(time_zone) BETWEEN 1 AND 64),
      ADD COLUMN audit_retention_days integer NOT NULL DEFAULT 365 CHECK (audit_retention_days BETWEEN 30 AND 3650),
      ALTER COLUMN recording_retention_days SET DEFAULT 365;
    UPDATE tenant_settings SET recording_av = recording_enabled, recording_phone = recording_enabled;
    ALTER TABLE tenant_settings DROP COLUMN recording_enabled;

    ALTER TABLE widgets
      ADD COLUMN allowed_origins text[] NOT NULL DEFAULT '{}',
      ADD COLUMN key_rotated_at timestamptz;

    -- The audit log page: newest first with keyset paging on (at, id), optionally one actor or action.
    DROP INDEX audit_events_at_idx;
    CREATE INDEX audit_events_at_idx ON audit_events (tenant_id, at DESC, id DESC);
    CREATE INDEX audit_events_actor_idx ON audit_events (tenant_id, actor_user_id, at DESC, id DESC);
    CREATE INDEX audit_events_action_idx ON audit_events (tenant_id, action, at DESC, id DESC);

    CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'DELETE' THEN
        -- The cascade of a deleted tenant.
        IF NOT EXISTS (SELECT 1 FROM tenants WHERE id = OLD.tenant_id) THEN
          RETURN OLD;
        END IF;
        -- The retention purge, and only for entries past the tenant's retention period.
        IF current_setting('sessiondesk.audit_purge', true) = 'on' AND OLD.at < now() - make_interval(days => (
             SELECT coalesce(max(audit_retention_days), 365) FROM tenant_settings WHERE tenant_id = OLD.tenant_id)) THEN
          RETURN OLD;
        END IF;
      END IF;
      RAISE EXCEPTION 'audit_events is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
    END $$;
    CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
      FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
    CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Not reversible; restore a backup instead.');
}
