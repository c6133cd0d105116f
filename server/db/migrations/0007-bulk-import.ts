import { sql, type Kysely } from 'kysely';

/**
 * The bulk write path (import, demo, seed) builds each session's search document in the session's own
 * INSERT, from the transcript text it already holds, instead of writing the row and then rewriting it
 * with `refresh_search_documents` (a second row version through every index of `sessions`). Both paths
 * now share one definition of "the document of this text".
 *
 * Notes remember whether an import wrote them: a changed record re-imported replaces its imported notes
 * and keeps the notes people wrote in the app.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    -- The search document of a transcript's text (activity texts joined by newlines, in transcript
    -- order). Capped so a pathological transcript cannot exceed tsvector's 1 MB limit.
    CREATE FUNCTION search_document_of(text text) RETURNS tsvector
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      RETURN to_tsvector('sessiondesk'::regconfig, coalesce(left(text, 400000), ''));

    CREATE OR REPLACE FUNCTION refresh_search_documents(p_tenant_id bigint, p_session_ids bigint[]) RETURNS void
      LANGUAGE sql AS $$
        UPDATE sessions s
        SET search_document = search_document_of(d.text)
        FROM (
          SELECT ids.id AS session_id,
                 (SELECT string_agg(activity_search_text(a.text, a.file_name), E'\n' ORDER BY a.at, a.id)
                  FROM activities a WHERE a.tenant_id = p_tenant_id AND a.session_id = ids.id) AS text
          FROM unnest(p_session_ids) AS ids (id)
        ) d
        WHERE s.tenant_id = p_tenant_id AND s.id = d.session_id
      $$;

    ALTER TABLE notes ADD COLUMN imported boolean NOT NULL DEFAULT false;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Not reversible; restore a backup instead.');
}
