import { sql, type Kysely } from 'kysely';

/**
 * The whole domain of DESIGN.md. Every tenant-owned table has `tenant_id` leading its primary key,
 * its foreign keys and its indexes, so the schema can be distributed by tenant (Citus) unchanged.
 * Enumerations are text with CHECK constraints: readable in SQL and in exports, cheap to extend.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE EXTENSION IF NOT EXISTS unaccent;
    CREATE EXTENSION IF NOT EXISTS pg_trgm;
    CREATE EXTENSION IF NOT EXISTS btree_gin;

    -- Global tables: the tenant directory and login throttling (an attempt may name no real tenant).
    CREATE TABLE tenants (
      id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      slug        text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
      name        text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      created_at  timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE login_attempts (
      id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      at          timestamptz NOT NULL DEFAULT now(),
      tenant_slug text NOT NULL,
      email       text NOT NULL,
      ip          text NOT NULL,
      succeeded   boolean NOT NULL
    );
    -- Serves the throttle: recent failures for one account / one address.
    CREATE INDEX login_attempts_account_idx ON login_attempts (tenant_slug, email, at);
    CREATE INDEX login_attempts_ip_idx ON login_attempts (ip, at);

    CREATE TABLE tenant_settings (
      tenant_id                 bigint PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
      recording_enabled         boolean NOT NULL DEFAULT false,
      recording_retention_days  integer NOT NULL DEFAULT 90 CHECK (recording_retention_days BETWEEN 1 AND 3650),
      operators_see_all_sessions boolean NOT NULL DEFAULT false,
      updated_at                timestamptz NOT NULL DEFAULT now()
    );

    CREATE TABLE users (
      tenant_id     bigint NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      id            bigint GENERATED ALWAYS AS IDENTITY,
      email         text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 320),
      name          text NOT NULL,
      role          text NOT NULL CHECK (role IN ('admin', 'supervisor', 'operator')),
      password_hash text,
      state         text NOT NULL DEFAULT 'offline' CHECK (state IN ('online', 'away', 'break', 'offline')),
      capacity      integer NOT NULL DEFAULT 3 CHECK (capacity BETWEEN 0 AND 100),
      disabled_at   timestamptz,
      created_at    timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, id),
      UNIQUE (tenant_id, email)
    );

    -- Per-user UI preferences (chosen columns and their order, …), so they follow the user.
    CREATE TABLE user_preferences (
      tenant_id  bigint NOT NULL,
      user_id    bigint NOT NULL,
      key        text NOT NULL CHECK (length(key) BETWEEN 1 AND 100),
      value      jsonb NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, user_id, key),
      FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
    );

    CREATE TABLE operator_groups (
      tenant_id            bigint NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      id                   bigint GENERATED ALWAYS AS IDENTITY,
      name                 text NOT NULL,
      strategy             text NOT NULL DEFAULT 'utilisation' CHECK (strategy IN ('utilisation', 'whole_group')),
      queue_size           integer NOT NULL DEFAULT 20 CHECK (queue_size >= 0),
      accept_timeout_seconds integer NOT NULL DEFAULT 30 CHECK (accept_timeout_seconds > 0),
      max_wait_seconds     integer CHECK (max_wait_seconds > 0),
      next_group_id        bigint,
      created_at           timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, id),
      UNIQUE (tenant_id, name),
      FOREIGN KEY (tenant_id, next_group_id) REFERENCES operator_groups (tenant_id, id) ON DELETE SET NULL (next_group_id)
    );

    CREATE TABLE group_members (
      tenant_id bigint NOT NULL,
      group_id  bigint NOT NULL,
      user_id   bigint NOT NULL,
      priority  integer NOT NULL DEFAULT 0,
      PRIMARY KEY (tenant_id, group_id, user_id),
      FOREIGN KEY (tenant_id, group_id) REFERENCES operator_groups (tenant_id, id) ON DELETE CASCADE,
      FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
    );
    -- Serves "which groups is this operator in".
    CREATE INDEX group_members_user_idx ON group_members (tenant_id, user_id);

    CREATE TABLE chatbots (
      tenant_id  bigint NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      id         bigint GENERATED ALWAYS AS IDENTITY,
      name       text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, id),
      UNIQUE (tenant_id, name)
    );

    CREATE TABLE routing_rules (
      tenant_id         bigint NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      id                bigint GENERATED ALWAYS AS IDENTITY,
      position          integer NOT NULL,
      name              text NOT NULL,
      -- { channel?: [..], source?: [..], pageUrlContains?: text, params?: { name: value } }
      conditions        jsonb NOT NULL DEFAULT '{}',
      target_group_id   bigint,
      target_chatbot_id bigint,
      is_fallback       boolean NOT NULL DEFAULT false,
      enabled           boolean NOT NULL DEFAULT true,
      PRIMARY KEY (tenant_id, id),
      UNIQUE (tenant_id, position),
      CHECK ((target_group_id IS NULL) <> (target_chatbot_id IS NULL)),
      FOREIGN KEY (tenant_id, target_group_id) REFERENCES operator_groups (tenant_id, id) ON DELETE CASCADE,
      FOREIGN KEY (tenant_id, target_chatbot_id) REFERENCES chatbots (tenant_id, id) ON DELETE CASCADE
    );

    -- A web chat widget; clients start sessions with its public key.
    CREATE TABLE widgets (
      tenant_id  bigint NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      id         bigint GENERATED ALWAYS AS IDENTITY,
      name       text NOT NULL,
      public_key text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, id),
      UNIQUE (tenant_id, name),
      UNIQUE (tenant_id, public_key)
    );

    CREATE TABLE contacts (
      tenant_id  bigint NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      id         bigint GENERATED ALWAYS AS IDENTITY,
      name       text,
      language   text,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, id)
    );

    -- What identifies a client on a channel: visitor id, IP, phone, e-mail, PSID, wa_id, Apple id, VK id.
    CREATE TABLE contact_identities (
      tenant_id  bigint NOT NULL,
      contact_id bigint NOT NULL,
      channel    text NOT NULL,
      kind       text NOT NULL CHECK (kind IN ('visitor_id', 'ip', 'phone', 'email', 'psid', 'wa_id', 'apple_id', 'vk_id')),
      value      text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, channel, kind, value),
      FOREIGN KEY (tenant_id, contact_id) REFERENCES contacts (tenant_id, id) ON DELETE CASCADE
    );
    CREATE INDEX contact_identities_contact_idx ON contact_identities (tenant_id, contact_id);

    CREATE TABLE sessions (
      tenant_id        bigint NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      id               bigint GENERATED ALWAYS AS IDENTITY,
      external_id      text,
      channel          text NOT NULL CHECK (channel IN ('webchat', 'av', 'phone', 'messenger', 'whatsapp', 'apple', 'vkontakte')),
      source           text NOT NULL CHECK (source IN ('widget', 'invitation', 'callback', 'incoming_call', 'outgoing_call', 'campaign', 'api', 'restored')),
      status           text NOT NULL CHECK (status IN ('queued', 'offered', 'active', 'after_work', 'closed')),
      created_at       timestamptz NOT NULL DEFAULT now(),
      accepted_at      timestamptz,
      ended_at         timestamptz,
      -- Seconds from creation to acceptance (or to the end when never accepted); kept by writers.
      waiting_seconds  integer,
      -- Seconds from acceptance to the end; null while live or when never accepted.
      duration_seconds integer,
      group_id         bigint,
      chatbot_id       bigint,
      -- Everyone who took part, denormalised from session_participants for filtering.
      operator_ids     bigint[] NOT NULL DEFAULT '{}',
      end_reason       text CHECK (end_reason IN ('client_left', 'operator_ended', 'chatbot_ended', 'client_abandoned', 'operator_abandoned', 'routing_failed', 'window_expired', 'api')),
      client_left      text CHECK (client_left IN ('left_queue', 'left_session', 'still_connected')),
      page_url         text,
      widget_id        bigint,
      contact_id       bigint,
      client_name      text,
      client_email     text,
      client_phone     text,
      client_ip        text,
      client_language  text,
      client_browser   text,
      client_os        text,
      visitor_id       text,
      params           jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(params) = 'object'),
      tags             text[] NOT NULL DEFAULT '{}',
      rating           smallint CHECK (rating BETWEEN 1 AND 5),
      feedback         text,
      result           text,
      banned           boolean NOT NULL DEFAULT false,
      has_recording    boolean NOT NULL DEFAULT false,
      restored_from_id bigint,
      message_count    integer NOT NULL DEFAULT 0,
      last_client_message_at timestamptz,
      PRIMARY KEY (tenant_id, id),
      CHECK (ended_at IS NULL OR ended_at >= created_at),
      CHECK ((status = 'closed') = (ended_at IS NOT NULL)),
      FOREIGN KEY (tenant_id, group_id) REFERENCES operator_groups (tenant_id, id) ON DELETE SET NULL (group_id),
      FOREIGN KEY (tenant_id, chatbot_id) REFERENCES chatbots (tenant_id, id) ON DELETE SET NULL (chatbot_id),
      FOREIGN KEY (tenant_id, widget_id) REFERENCES widgets (tenant_id, id) ON DELETE SET NULL (widget_id),
      FOREIGN KEY (tenant_id, contact_id) REFERENCES contacts (tenant_id, id) ON DELETE SET NULL (contact_id),
      FOREIGN KEY (tenant_id, restored_from_id) REFERENCES sessions (tenant_id, id) ON DELETE SET NULL (restored_from_id)
    );
    -- Import is idempotent by external id.
    CREATE UNIQUE INDEX sessions_external_id_key ON sessions (tenant_id, external_id) WHERE external_id IS NOT NULL;
    -- History list, default sort (-createdAt) with keyset paging; the id breaks ties.
    CREATE INDEX sessions_created_idx ON sessions (tenant_id, created_at DESC, id DESC);
    -- Live view: the few sessions not yet closed.
    CREATE INDEX sessions_live_idx ON sessions (tenant_id, created_at DESC, id DESC) WHERE status <> 'closed';
    -- Contact history and restore ("sessions of this client").
    CREATE INDEX sessions_contact_idx ON sessions (tenant_id, contact_id, created_at DESC) WHERE contact_id IS NOT NULL;

    CREATE TABLE session_participants (
      tenant_id  bigint NOT NULL,
      session_id bigint NOT NULL,
      id         bigint GENERATED ALWAYS AS IDENTITY,
      kind       text NOT NULL CHECK (kind IN ('operator', 'chatbot')),
      user_id    bigint,
      chatbot_id bigint,
      joined_at  timestamptz NOT NULL,
      left_at    timestamptz,
      PRIMARY KEY (tenant_id, session_id, id),
      CHECK ((kind = 'operator') = (user_id IS NOT NULL) AND (kind = 'chatbot') = (chatbot_id IS NOT NULL)),
      FOREIGN KEY (tenant_id, session_id) REFERENCES sessions (tenant_id, id) ON DELETE CASCADE,
      FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
      FOREIGN KEY (tenant_id, chatbot_id) REFERENCES chatbots (tenant_id, id) ON DELETE CASCADE
    );

    -- The transcript: messages, files and system messages in the order they happened.
    CREATE TABLE activities (
      tenant_id      bigint NOT NULL,
      session_id     bigint NOT NULL,
      id             bigint GENERATED ALWAYS AS IDENTITY,
      at             timestamptz NOT NULL,
      sender         text NOT NULL CHECK (sender IN ('client', 'operator', 'chatbot', 'system')),
      user_id        bigint,
      chatbot_id     bigint,
      type           text NOT NULL CHECK (type IN ('message', 'file', 'system')),
      text           text,
      file_name      text,
      file_size      bigint CHECK (file_size >= 0),
      file_mime_type text,
      file_object_key text,
      -- System messages: a stable code (joined, left, redirected, ended, recording_started, restored, …) and its data.
      system_code    text,
      system_data    jsonb,
      PRIMARY KEY (tenant_id, session_id, id),
      CHECK (type <> 'file' OR file_name IS NOT NULL),
      CHECK (type <> 'system' OR system_code IS NOT NULL),
      FOREIGN KEY (tenant_id, session_id) REFERENCES sessions (tenant_id, id) ON DELETE CASCADE
    );
    -- Transcript reading in time order.
    CREATE INDEX activities_session_at_idx ON activities (tenant_id, session_id, at, id);

    CREATE TABLE notes (
      tenant_id  bigint NOT NULL,
      id         bigint GENERATED ALWAYS AS IDENTITY,
      session_id bigint NOT NULL,
      author_id  bigint,
      text       text NOT NULL CHECK (length(text) BETWEEN 1 AND 20000),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz,
      PRIMARY KEY (tenant_id, id),
      FOREIGN KEY (tenant_id, session_id) REFERENCES sessions (tenant_id, id) ON DELETE CASCADE,
      FOREIGN KEY (tenant_id, author_id) REFERENCES users (tenant_id, id) ON DELETE SET NULL (author_id)
    );
    -- Notes of one session.
    CREATE INDEX notes_session_idx ON notes (tenant_id, session_id, created_at);

    CREATE TABLE recordings (
      tenant_id        bigint NOT NULL,
      id               bigint GENERATED ALWAYS AS IDENTITY,
      session_id       bigint NOT NULL,
      track            text NOT NULL CHECK (track IN ('client_av', 'operator_av', 'all_participants', 'screen_share', 'phone_call')),
      started_at       timestamptz NOT NULL,
      duration_seconds integer CHECK (duration_seconds >= 0),
      size_bytes       bigint CHECK (size_bytes >= 0),
      media_type       text NOT NULL,
      state            text NOT NULL CHECK (state IN ('recording', 'processing', 'ready', 'failed', 'deleted')),
      object_key       text,
      PRIMARY KEY (tenant_id, id),
      FOREIGN KEY (tenant_id, session_id) REFERENCES sessions (tenant_id, id) ON DELETE CASCADE
    );
    -- Recordings of one session; retention scans by start time.
    CREATE INDEX recordings_session_idx ON recordings (tenant_id, session_id);
    CREATE INDEX recordings_started_idx ON recordings (tenant_id, started_at);

    CREATE TABLE routing_events (
      tenant_id     bigint NOT NULL,
      session_id    bigint NOT NULL,
      id            bigint GENERATED ALWAYS AS IDENTITY,
      at            timestamptz NOT NULL DEFAULT now(),
      kind          text NOT NULL CHECK (kind IN ('rule_matched', 'entered_queue', 'offered', 'offer_timed_out', 'offer_declined',
                                                  'accepted', 'redirected', 'queue_timeout', 'routing_failed', 'ended', 'restored')),
      actor_user_id bigint,
      user_id       bigint,
      group_id      bigint,
      chatbot_id    bigint,
      data          jsonb NOT NULL DEFAULT '{}',
      PRIMARY KEY (tenant_id, session_id, id),
      FOREIGN KEY (tenant_id, session_id) REFERENCES sessions (tenant_id, id) ON DELETE CASCADE
    );

    CREATE TABLE bans (
      tenant_id      bigint NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      id             bigint GENERATED ALWAYS AS IDENTITY,
      channel        text NOT NULL,
      identity_kind  text NOT NULL,
      identity_value text NOT NULL,
      reason         text,
      session_id     bigint,
      created_by     bigint,
      created_at     timestamptz NOT NULL DEFAULT now(),
      expires_at     timestamptz,
      lifted_at      timestamptz,
      lifted_by      bigint,
      PRIMARY KEY (tenant_id, id),
      FOREIGN KEY (tenant_id, session_id) REFERENCES sessions (tenant_id, id) ON DELETE SET NULL (session_id),
      FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id) ON DELETE SET NULL (created_by),
      FOREIGN KEY (tenant_id, lifted_by) REFERENCES users (tenant_id, id) ON DELETE SET NULL (lifted_by)
    );
    -- Serves the check on every new session: is this identity banned on this channel right now.
    CREATE INDEX bans_identity_idx ON bans (tenant_id, channel, identity_kind, identity_value) WHERE lifted_at IS NULL;

    CREATE TABLE api_keys (
      tenant_id    bigint NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      id           bigint GENERATED ALWAYS AS IDENTITY,
      name         text NOT NULL,
      role         text NOT NULL CHECK (role IN ('admin', 'supervisor', 'operator')),
      -- The user an operator-role key acts for, when it acts for one.
      user_id      bigint,
      secret_hash  bytea NOT NULL,
      created_by   bigint,
      created_at   timestamptz NOT NULL DEFAULT now(),
      last_used_at timestamptz,
      revoked_at   timestamptz,
      PRIMARY KEY (tenant_id, id),
      FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
      FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id) ON DELETE SET NULL (created_by)
    );

    -- Browser login sessions behind the HttpOnly cookie.
    CREATE TABLE auth_sessions (
      tenant_id    bigint NOT NULL,
      id           bigint GENERATED ALWAYS AS IDENTITY,
      user_id      bigint NOT NULL,
      secret_hash  bytea NOT NULL,
      csrf_token   text NOT NULL,
      created_at   timestamptz NOT NULL DEFAULT now(),
      last_seen_at timestamptz NOT NULL DEFAULT now(),
      expires_at   timestamptz NOT NULL,
      ip           text,
      user_agent   text,
      PRIMARY KEY (tenant_id, id),
      FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
    );

    CREATE TABLE audit_events (
      tenant_id        bigint NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      id               bigint GENERATED ALWAYS AS IDENTITY,
      at               timestamptz NOT NULL DEFAULT now(),
      actor_user_id    bigint,
      actor_api_key_id bigint,
      action           text NOT NULL,
      object_type      text,
      object_id        text,
      data             jsonb NOT NULL DEFAULT '{}',
      ip               text,
      PRIMARY KEY (tenant_id, id)
    );
    -- The audit log read newest first, and per object.
    CREATE INDEX audit_events_at_idx ON audit_events (tenant_id, at DESC);
    CREATE INDEX audit_events_object_idx ON audit_events (tenant_id, object_type, object_id);
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('The foundation migration cannot be reverted; restore a backup instead.');
}
