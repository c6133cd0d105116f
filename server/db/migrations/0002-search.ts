import { sql, type Kysely } from 'kysely';

/**
 * Content search. Words are indexed lower-cased and without diacritics (text search configuration
 * `sessiondesk` = `simple` + `unaccent`); Czech inflection is handled on the query side (word roots as
 * prefixes, with their palatalised variants), so the index needs no stemmer and SQL alone can build it.
 *
 * Each session carries one document over its whole transcript (messages, file names, system messages):
 * "all words must occur somewhere in the session" is then a single `@@` on one row.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE TEXT SEARCH CONFIGURATION sessiondesk (COPY = simple);
    ALTER TEXT SEARCH CONFIGURATION sessiondesk
      ALTER MAPPING FOR word, hword, hword_part, asciiword, asciihword, hword_asciipart WITH unaccent, simple;

    -- The searchable text of one activity: its text and, for files, the file name.
    CREATE FUNCTION activity_search_text(text text, file_name text) RETURNS text
      LANGUAGE sql IMMUTABLE PARALLEL SAFE
      RETURN concat_ws(' ', text, file_name);

    ALTER TABLE sessions ADD COLUMN search_document tsvector NOT NULL DEFAULT ''::tsvector;

    -- Serves content search (q=): sessions of a tenant whose document matches the query.
    CREATE INDEX sessions_search_idx ON sessions USING gin (tenant_id, search_document);

    -- Rebuilds the documents of the given sessions from their activities. Writers call it after adding
    -- activities (import, live traffic); bulk loads run it once over everything. The text is capped so a
    -- pathological transcript cannot exceed tsvector's 1 MB limit.
    CREATE FUNCTION refresh_search_documents(p_tenant_id bigint, p_session_ids bigint[]) RETURNS void
      LANGUAGE sql AS $$
        UPDATE sessions s
        SET search_document = coalesce(d.document, ''::tsvector)
        FROM (
          SELECT ids.id AS session_id,
                 (SELECT to_tsvector('sessiondesk', left(string_agg(activity_search_text(a.text, a.file_name), E'\n' ORDER BY a.at, a.id), 400000))
                  FROM activities a WHERE a.tenant_id = p_tenant_id AND a.session_id = ids.id) AS document
          FROM unnest(p_session_ids) AS ids (id)
        ) d
        WHERE s.tenant_id = p_tenant_id AND s.id = d.session_id
      $$;

    -- Every parameter name a tenant's sessions carry: one column per name in the table and exports.
    CREATE TABLE param_names (
      tenant_id  bigint NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      name       text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      first_seen timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (tenant_id, name)
    );
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Not reversible; restore a backup instead.');
}
