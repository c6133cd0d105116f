import { sql, type Kysely } from 'kysely';

/**
 * Indexes for the sessions list, its filters, facets and sorts (server/modules/sessions). Every index
 * leads with tenant_id; each says which query it serves. The default sort (-createdAt) and the live view
 * are served by indexes of 0001 (sessions_created_idx, sessions_live_idx); content search by 0002.
 * Sorts ending in ", id" are keyset-paginated on (sort value, id).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- channel=… filter with the default sort (-createdAt), and the channel facet (index-only scan).
    CREATE INDEX sessions_channel_created_idx ON sessions (tenant_id, channel, created_at DESC, id DESC);
    -- group=… filter with the default sort, and the group facet.
    CREATE INDEX sessions_group_created_idx ON sessions (tenant_id, group_id, created_at DESC, id DESC);
    -- operator=… filter ("took part": operator_ids && {…}) and operators' own-sessions visibility rule.
    CREATE INDEX sessions_operator_ids_idx ON sessions USING gin (tenant_id, operator_ids);
    -- tags=… filter (any of: tags && {…}).
    CREATE INDEX sessions_tags_idx ON sessions USING gin (tenant_id, tags);
    -- param.<name>=… exact filter (params @> {"name": "value"}).
    CREATE INDEX sessions_params_idx ON sessions USING gin (tenant_id, params jsonb_path_ops);
    -- pageUrl.contains=… and clientName.contains=… / clientPhone.contains=… (ILIKE '%…%', trigram).
    CREATE INDEX sessions_page_url_trgm_idx ON sessions USING gin (tenant_id, page_url gin_trgm_ops);
    CREATE INDEX sessions_client_name_trgm_idx ON sessions USING gin (tenant_id, client_name gin_trgm_ops);
    CREATE INDEX sessions_client_phone_trgm_idx ON sessions USING gin (tenant_id, client_phone gin_trgm_ops);
    -- clientEmail=… exact (look up one client's sessions).
    CREATE INDEX sessions_client_email_idx ON sessions (tenant_id, client_email) WHERE client_email IS NOT NULL;
    -- sort=-endedAt (history ordered by end), endedAt.min/max ranges.
    CREATE INDEX sessions_ended_idx ON sessions (tenant_id, ended_at DESC NULLS LAST, id DESC);
    -- sort=-duration and duration.min/max ranges.
    CREATE INDEX sessions_duration_idx ON sessions (tenant_id, duration_seconds DESC NULLS LAST, id DESC);
    -- sort=-waitingTime and waitingTime.min/max ranges.
    CREATE INDEX sessions_waiting_idx ON sessions (tenant_id, waiting_seconds DESC NULLS LAST, id DESC);
    -- Facets over a tenant (GET /sessions/facets/:column: channel, operator, group, tags, …, with the view and
    -- the same-index filters): an index-only scan of this narrow copy of the facet columns (≈ 200 MB per
    -- million sessions) instead of the wide heap, whose rows carry the transcript's search document.
    CREATE INDEX sessions_facets_idx ON sessions (tenant_id, status)
      INCLUDE (channel, source, group_id, chatbot_id, widget_id, end_reason, client_left, client_language,
               client_browser, client_os, has_recording, banned, rating, created_at, operator_ids, tags);
    -- Sessions restored from a given one (detail: restoredInto).
    CREATE INDEX sessions_restored_from_idx ON sessions (tenant_id, restored_from_id) WHERE restored_from_id IS NOT NULL;
    -- Participants of one session (detail) — the primary key starts with (tenant_id, session_id) already;
    -- nothing to add. Notes of one session: notes_session_idx (0001).
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX IF EXISTS sessions_channel_created_idx, sessions_group_created_idx, sessions_operator_ids_idx,
      sessions_tags_idx, sessions_params_idx, sessions_page_url_trgm_idx, sessions_client_name_trgm_idx,
      sessions_client_phone_trgm_idx, sessions_client_email_idx, sessions_ended_idx, sessions_duration_idx,
      sessions_waiting_idx, sessions_facets_idx, sessions_restored_from_idx;
  `.execute(db);
}
