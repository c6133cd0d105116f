import { sql, type Kysely } from 'kysely';

/**
 * Bans with several identities (issue #17). A ban stays one row in `bans` (who, why, until when,
 * lifted by whom and why, how often the banned client knocked); what it bans moves to
 * `ban_identities`, one row per identity, so one ban can name a visitor id, an IP subnet and an e-mail
 * at once. Kinds are the API's names (`visitorId`, `ip`, `email`, `phone`, `psid`, `waId`, `appleId`,
 * `vkId`); the one-identity rows of 0001 are carried over under those names. An `ip` identity keeps
 * its address or subnet as `cidr`, so containment (`>>=`) answers "is this address inside a banned
 * subnet" for IPv4 and IPv6 alike. Whether a ban applies is decided in the query against now()
 * (`lifted_at IS NULL AND (expires_at IS NULL OR expires_at > now())`): an expiry needs no job and a
 * lift applies to every instance at once, because nothing is cached.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- GiST over (tenant_id, channel, network): tenant_id and channel need btree_gist's operator classes.
    CREATE EXTENSION IF NOT EXISTS btree_gist;

    -- An IP address or subnet as text → cidr, NULL when it is not one (never an error in a query).
    CREATE FUNCTION ban_try_cidr(value text) RETURNS cidr LANGUAGE plpgsql IMMUTABLE PARALLEL SAFE AS $$
    BEGIN
      RETURN network(value::inet);
    EXCEPTION WHEN others THEN
      RETURN NULL;
    END $$;

    ALTER TABLE bans
      ADD COLUMN client_name            text CHECK (length(client_name) <= 200),
      ADD COLUMN created_by_api_key_id  bigint,
      ADD COLUMN lifted_by_api_key_id   bigint,
      ADD COLUMN lift_reason            text CHECK (length(lift_reason) <= 2000),
      -- Attempts refused by this ban and the last one: one UPDATE per refused request, no content kept.
      ADD COLUMN attempts               bigint NOT NULL DEFAULT 0,
      ADD COLUMN last_attempt_at        timestamptz,
      ADD CONSTRAINT bans_reason_length CHECK (length(reason) <= 2000),
      ADD CONSTRAINT bans_channel_check
        CHECK (channel IN ('webchat', 'av', 'phone', 'messenger', 'whatsapp', 'apple', 'vkontakte')),
      ADD FOREIGN KEY (tenant_id, created_by_api_key_id) REFERENCES api_keys (tenant_id, id)
        ON DELETE SET NULL (created_by_api_key_id),
      ADD FOREIGN KEY (tenant_id, lifted_by_api_key_id) REFERENCES api_keys (tenant_id, id)
        ON DELETE SET NULL (lifted_by_api_key_id);

    CREATE TABLE ban_identities (
      tenant_id bigint NOT NULL,
      ban_id    bigint NOT NULL,
      -- The ban's channel again, so the lookups below need no join to find candidates.
      channel   text NOT NULL,
      kind      text NOT NULL
                CHECK (kind IN ('visitorId', 'ip', 'email', 'phone', 'psid', 'waId', 'appleId', 'vkId')),
      -- As given, normalised (e-mail lower case, phone +digits, ip as PostgreSQL prints the cidr).
      value     text NOT NULL CHECK (length(value) BETWEEN 1 AND 320),
      network   cidr CHECK ((kind = 'ip') = (network IS NOT NULL)),
      PRIMARY KEY (tenant_id, ban_id, kind, value),
      FOREIGN KEY (tenant_id, ban_id) REFERENCES bans (tenant_id, id) ON DELETE CASCADE
    );

    -- The one-identity bans of 0001 become a ban with one identity row under the API's kind names.
    -- An address that is no address (imports did not check) has no network and is not carried over.
    INSERT INTO ban_identities (tenant_id, ban_id, channel, kind, value, network)
    SELECT tenant_id, id, channel, kind, value, network FROM (
      SELECT b.tenant_id, b.id, b.channel,
             CASE b.identity_kind
               WHEN 'visitor_id' THEN 'visitorId' WHEN 'wa_id' THEN 'waId' WHEN 'apple_id' THEN 'appleId'
               WHEN 'vk_id' THEN 'vkId' ELSE b.identity_kind END AS kind,
             CASE b.identity_kind
               WHEN 'email' THEN lower(btrim(b.identity_value))
               WHEN 'phone' THEN '+' || regexp_replace(b.identity_value, '[^0-9]', '', 'g')
               WHEN 'ip' THEN ban_try_cidr(b.identity_value)::text
               ELSE b.identity_value END AS value,
             CASE WHEN b.identity_kind = 'ip' THEN ban_try_cidr(b.identity_value) END AS network
      FROM bans b
    ) migrated
    WHERE kind IN ('visitorId', 'ip', 'email', 'phone', 'psid', 'waId', 'appleId', 'vkId')
      AND length(value) BETWEEN 1 AND 320 AND value <> '+'
      AND (kind <> 'ip' OR network IS NOT NULL)
    ON CONFLICT DO NOTHING;

    DROP INDEX bans_identity_idx;
    ALTER TABLE bans DROP COLUMN identity_kind, DROP COLUMN identity_value;

    -- Serves the check before every new session and on every webhook message (ban.repository.ts
    -- matchAndCount): visitorId, e-mail, phone, psid, waId, appleId, vkId equal to the client's value
    -- on the channel. Lifted and expired bans stay in it; a client has few bans, the join to bans by
    -- primary key decides which apply now.
    CREATE INDEX ban_identities_lookup_idx ON ban_identities (tenant_id, channel, kind, value);
    -- Serves the same check for an address: network >>= the client's IP (IPv4 or IPv6), a GiST
    -- containment search, so a /16 and a single address are found alike without scanning the bans.
    CREATE INDEX ban_identities_network_idx
      ON ban_identities USING gist (tenant_id, channel, network inet_ops) WHERE network IS NOT NULL;
    -- Serves the Blacklist's "search by identity" (contains, case-insensitive): a trigram GIN.
    CREATE INDEX ban_identities_value_trgm_idx ON ban_identities USING gin (tenant_id, value gin_trgm_ops);

    -- Serves the Blacklist page: the tenant's bans newest first, keyset on (created_at, id).
    CREATE INDEX bans_created_idx ON bans (tenant_id, created_at DESC, id DESC);
    -- Serves "the bans made from this session" (the detail panel's ban state, the importer's guard).
    CREATE INDEX bans_session_idx ON bans (tenant_id, session_id) WHERE session_id IS NOT NULL;

    -- A live session of a banned client ends with end reason 'banned'.
    ALTER TABLE sessions DROP CONSTRAINT sessions_end_reason_check;
    ALTER TABLE sessions ADD CONSTRAINT sessions_end_reason_check
      CHECK (end_reason IN ('client_left', 'operator_ended', 'chatbot_ended', 'client_abandoned',
                            'operator_abandoned', 'routing_failed', 'window_expired', 'api', 'banned')) NOT VALID;
    ALTER TABLE sessions VALIDATE CONSTRAINT sessions_end_reason_check;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE sessions DROP CONSTRAINT sessions_end_reason_check;
    UPDATE sessions SET end_reason = 'api' WHERE end_reason = 'banned';
    ALTER TABLE sessions ADD CONSTRAINT sessions_end_reason_check
      CHECK (end_reason IN ('client_left', 'operator_ended', 'chatbot_ended', 'client_abandoned',
                            'operator_abandoned', 'routing_failed', 'window_expired', 'api'));
    DROP INDEX bans_session_idx;
    DROP INDEX bans_created_idx;
    ALTER TABLE bans ADD COLUMN identity_kind text, ADD COLUMN identity_value text;
    UPDATE bans b SET identity_kind = i.kind, identity_value = i.value
      FROM (SELECT DISTINCT ON (tenant_id, ban_id) * FROM ban_identities ORDER BY tenant_id, ban_id, kind) i
     WHERE i.tenant_id = b.tenant_id AND i.ban_id = b.id;
    DELETE FROM bans WHERE identity_kind IS NULL;
    ALTER TABLE bans ALTER COLUMN identity_kind SET NOT NULL, ALTER COLUMN identity_value SET NOT NULL;
    CREATE INDEX bans_identity_idx ON bans (tenant_id, channel, identity_kind, identity_value) WHERE lifted_at IS NULL;
    DROP TABLE ban_identities;
    ALTER TABLE bans
      DROP COLUMN client_name, DROP COLUMN created_by_api_key_id, DROP COLUMN lifted_by_api_key_id,
      DROP COLUMN lift_reason, DROP COLUMN attempts, DROP COLUMN last_attempt_at,
      DROP CONSTRAINT bans_reason_length, DROP CONSTRAINT bans_channel_check;
    DROP FUNCTION ban_try_cidr(text);
  `.execute(db);
}
