import { sql, type Kysely } from 'kysely';

/**
 * Live routing state. `sessions` keeps what a session is (status, operators, group, times); these two
 * tables keep how the engine is moving it: where it waits and to whom it is offered right now. Every
 * change to them happens under the session's row lock (SELECT … FOR UPDATE), so two server instances
 * never act on one session at once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- One row per live session the engine routes (created with the session, kept after it ends).
    CREATE TABLE session_routing (
      tenant_id         bigint NOT NULL,
      session_id        bigint NOT NULL,
      -- The group whose queue it waits in (null: routed to a chatbot, or waiting for one operator only).
      group_id          bigint,
      -- When it entered the current queue; null once accepted or ended. Orders the queue.
      queued_at         timestamptz,
      -- Bumped on every queue entry and redirect: timers carry it, so a stale timer does nothing.
      episode           integer NOT NULL DEFAULT 0,
      -- Operators who declined or let an offer expire in this episode; not offered it again.
      tried_user_ids    bigint[] NOT NULL DEFAULT '{}',
      -- Set while the session is redirected to one operator: only they get the offer.
      target_user_id    bigint,
      -- The web chat client's token (SHA-256); the client proves with it that the session is theirs.
      client_token_hash bytea,
      updated_at        timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, session_id),
      FOREIGN KEY (tenant_id, session_id) REFERENCES sessions (tenant_id, id) ON DELETE CASCADE,
      FOREIGN KEY (tenant_id, group_id) REFERENCES operator_groups (tenant_id, id) ON DELETE SET NULL (group_id),
      FOREIGN KEY (tenant_id, target_user_id) REFERENCES users (tenant_id, id) ON DELETE SET NULL (target_user_id)
    );
    -- Serves the queue: waiting sessions of a group in arrival order (dispatch, queue position, queue size).
    CREATE INDEX session_routing_queue_idx ON session_routing (tenant_id, group_id, queued_at)
      WHERE queued_at IS NOT NULL;

    -- Offers of a session to operators, as they happened.
    CREATE TABLE session_offers (
      tenant_id  bigint NOT NULL,
      id         bigint GENERATED ALWAYS AS IDENTITY,
      session_id bigint NOT NULL,
      user_id    bigint NOT NULL,
      group_id   bigint,
      offered_at timestamptz NOT NULL DEFAULT now(),
      -- When an unanswered offer times out (utilisation and direct offers); null: no timeout.
      expires_at timestamptz,
      state      text NOT NULL DEFAULT 'pending'
                 CHECK (state IN ('pending', 'accepted', 'declined', 'timed_out', 'withdrawn')),
      closed_at  timestamptz,
      PRIMARY KEY (tenant_id, id),
      FOREIGN KEY (tenant_id, session_id) REFERENCES sessions (tenant_id, id) ON DELETE CASCADE,
      FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
    );
    -- Pending offers of a session (dispatch, accept, routing view); also forbids offering one
    -- session to one operator twice at once.
    CREATE UNIQUE INDEX session_offers_pending_key ON session_offers (tenant_id, session_id, user_id)
      WHERE state = 'pending';
    -- An operator's pending offers (capacity, the operator's offer list).
    CREATE INDEX session_offers_user_pending_idx ON session_offers (tenant_id, user_id)
      WHERE state = 'pending';

    -- An operator's current sessions (capacity: users.capacity minus these).
    CREATE INDEX session_participants_current_idx ON session_participants (tenant_id, user_id)
      WHERE left_at IS NULL;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Not reversible; restore a backup instead.');
}
