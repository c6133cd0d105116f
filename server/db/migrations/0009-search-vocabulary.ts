import { sql, type Kysely } from 'kysely';

/**
 * "Did you mean": every word of a tenant's transcripts (as the index stores it: lower case, no
 * diacritics; letters only, 3–40 of them), kept by the writers, so a query that finds nothing can be
 * offered the tenant's own similar words. Both write paths call `remember_search_words` with the
 * documents they have just written: the import in the statement that writes its sessions, live traffic
 * through `refresh_search_documents`. Words are never removed (a word once seen stays a suggestion;
 * suggestions are checked against the sessions before they are offered).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TABLE search_words (
      tenant_id bigint NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      word      text NOT NULL CHECK (length(word) BETWEEN 3 AND 40),
      PRIMARY KEY (tenant_id, word)
    );

    -- Serves "did you mean": a tenant's words similar to a typed one (pg_trgm: word % typed).
    CREATE INDEX search_words_similar_idx ON search_words USING gin (tenant_id, word gin_trgm_ops);

    -- The words of a search document that can be suggested: letters only (no numbers, addresses,
    -- file names), 3 to 40 of them.
    CREATE FUNCTION search_words_of(document tsvector) RETURNS TABLE (word text)
      LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT lexeme FROM unnest(tsvector_to_array(document)) AS lexeme
        WHERE length(lexeme) BETWEEN 3 AND 40 AND lexeme ~ '^[[:alpha:]]+$'
      $$;

    -- Adds the words of the given documents to the tenant's vocabulary. In word order, so concurrent
    -- writers take the rows' locks in one order; existing words cost an index probe and no write.
    CREATE FUNCTION remember_search_words(p_tenant_id bigint, p_documents tsvector[]) RETURNS void
      LANGUAGE sql AS $$
        INSERT INTO search_words (tenant_id, word)
        SELECT DISTINCT p_tenant_id, w.word
        FROM unnest(p_documents) AS d (document), search_words_of(d.document) AS w
        ORDER BY 2
        ON CONFLICT DO NOTHING
      $$;

    CREATE OR REPLACE FUNCTION refresh_search_documents(p_tenant_id bigint, p_session_ids bigint[]) RETURNS void
      LANGUAGE sql AS $$
        WITH written AS (
          UPDATE sessions s
          SET search_document = search_document_of(d.text)
          FROM (
            SELECT ids.id AS session_id,
                   (SELECT string_agg(activity_search_text(a.text, a.file_name), E'\n' ORDER BY a.at, a.id)
                    FROM activities a WHERE a.tenant_id = p_tenant_id AND a.session_id = ids.id) AS text
            FROM unnest(p_session_ids) AS ids (id)
          ) d
          WHERE s.tenant_id = p_tenant_id AND s.id = d.session_id
          RETURNING s.search_document
        )
        SELECT remember_search_words(p_tenant_id, array_agg(search_document)) FROM written
      $$;

    -- The sessions already written: one pass over their documents.
    INSERT INTO search_words (tenant_id, word)
    SELECT DISTINCT s.tenant_id, w.word FROM sessions s, search_words_of(s.search_document) AS w
    ON CONFLICT DO NOTHING;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Not reversible; restore a backup instead.');
}
