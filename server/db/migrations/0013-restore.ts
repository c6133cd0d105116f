import { sql, type Kysely } from 'kysely';

/**
 * Restore of ended messaging sessions (issue #16): WhatsApp message templates synchronised per
 * account, a template on an outbound line of the outbox, and the "restored as" side of the link
 * between an ended session and the session it was restored as. Numbered 0013: 0012 belongs to another
 * branch (bans).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- A WhatsApp account's message templates as the platform's template list last said (one row per
    -- name and language, as the Cloud API keys them). Replaced on every synchronisation; only APPROVED
    -- ones are offered when a session is restored outside the 24-hour window.
    CREATE TABLE whatsapp_templates (
      tenant_id       bigint NOT NULL,
      account_id      bigint NOT NULL,
      name            text NOT NULL CHECK (length(name) BETWEEN 1 AND 512),
      language        text NOT NULL CHECK (length(language) BETWEEN 1 AND 20),
      category        text NOT NULL,
      status          text NOT NULL,
      -- The BODY component's text with its {{1}}, {{2}} … placeholders.
      body            text NOT NULL,
      parameter_count integer NOT NULL CHECK (parameter_count BETWEEN 0 AND 100),
      platform_id     text,
      synced_at       timestamptz NOT NULL,
      PRIMARY KEY (tenant_id, account_id, name, language),
      FOREIGN KEY (tenant_id, account_id) REFERENCES channel_accounts (tenant_id, id) ON DELETE CASCADE
    );
    -- The primary key serves both reads: the account's templates (Channels page, the Restore dialog)
    -- and the one template a restore names.

    -- When the account's templates were last synchronised and how it went (the Channels page shows it).
    ALTER TABLE channel_accounts
      ADD COLUMN templates_synced_at timestamptz,
      ADD COLUMN templates_error text;

    -- An outbound line sent as a WhatsApp template (the first message of a restore outside the
    -- window): { name, language, parameters }. The line's text is the template's body as the client
    -- reads it, so the transcript shows what was sent.
    ALTER TABLE channel_deliveries ADD COLUMN template jsonb;

    -- The newest session this one was restored as (the other side of restored_from_id), kept by the
    -- trigger below for every writer (Restore, the import's links), so "Restored as" is a plain column
    -- to show and filter like "Restored from".
    ALTER TABLE sessions ADD COLUMN restored_as_id bigint,
      ADD FOREIGN KEY (tenant_id, restored_as_id) REFERENCES sessions (tenant_id, id)
        ON DELETE SET NULL (restored_as_id);
    -- Serves the foreign key's ON DELETE SET NULL when a restored session is deleted (retention), which
    -- would otherwise scan the tenant's sessions, and the list filter restoredAs=<id>. Partial: few
    -- sessions are ever restored.
    CREATE INDEX sessions_restored_as_idx ON sessions (tenant_id, restored_as_id) WHERE restored_as_id IS NOT NULL;

    CREATE FUNCTION sessions_keep_restored_as() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' AND OLD.restored_from_id IS NOT NULL THEN
        -- The link moved or went: the old origin points at its newest remaining restoration.
        UPDATE sessions o SET restored_as_id = (
            SELECT max(r.id) FROM sessions r
            WHERE r.tenant_id = OLD.tenant_id AND r.restored_from_id = OLD.restored_from_id)
          WHERE o.tenant_id = OLD.tenant_id AND o.id = OLD.restored_from_id;
      END IF;
      IF NEW.restored_from_id IS NOT NULL THEN
        UPDATE sessions o SET restored_as_id = NEW.id
          WHERE o.tenant_id = NEW.tenant_id AND o.id = NEW.restored_from_id
            AND (o.restored_as_id IS NULL OR o.restored_as_id < NEW.id);
      END IF;
      RETURN NULL;
    END $$;
    -- Fires only where the link is set or changes, so the bulk import's batches pay nothing for the
    -- sessions that are not restored ones.
    CREATE TRIGGER sessions_restored_as_insert AFTER INSERT ON sessions
      FOR EACH ROW WHEN (NEW.restored_from_id IS NOT NULL) EXECUTE FUNCTION sessions_keep_restored_as();
    CREATE TRIGGER sessions_restored_as_update AFTER UPDATE OF restored_from_id ON sessions
      FOR EACH ROW WHEN (OLD.restored_from_id IS DISTINCT FROM NEW.restored_from_id)
      EXECUTE FUNCTION sessions_keep_restored_as();

    -- Sessions restored before this migration (imported ones).
    UPDATE sessions o SET restored_as_id = r.newest
      FROM (SELECT tenant_id, restored_from_id, max(id) AS newest FROM sessions
            WHERE restored_from_id IS NOT NULL GROUP BY tenant_id, restored_from_id) r
      WHERE o.tenant_id = r.tenant_id AND o.id = r.restored_from_id;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP TRIGGER sessions_restored_as_update ON sessions;
    DROP TRIGGER sessions_restored_as_insert ON sessions;
    DROP FUNCTION sessions_keep_restored_as();
    DROP INDEX sessions_restored_as_idx;
    ALTER TABLE sessions DROP COLUMN restored_as_id;
    ALTER TABLE channel_deliveries DROP COLUMN template;
    ALTER TABLE channel_accounts DROP COLUMN templates_synced_at, DROP COLUMN templates_error;
    DROP TABLE whatsapp_templates;
  `.execute(db);
}
