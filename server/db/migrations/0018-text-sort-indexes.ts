import { sql, type Kysely } from 'kysely';

/**
 * B-tree indexes for sorting the History by text columns (issue #20): client name, phone, IP, page
 * and feedback. (External id and e-mail already have such indexes: `sessions_external_id_key`,
 * `sessions_client_email_idx`.)
 *
 * Each index holds only the sessions that have a value and serves both directions: a page of
 * `ORDER BY col ASC NULLS LAST` is the index read forwards, `DESC NULLS LAST` read backwards, and the
 * sessions without a value come after both, read by id (session.repository.ts, `splitPage`, reads the
 * two parts and stops at the page's end). So the first page of any text sort is a few hundred index
 * entries at a million sessions, instead of a top-N sort of every matching session (0.6–1.2 s).
 *
 * Page and feedback may be longer than a b-tree entry can hold (≈2,700 bytes; import allows 4,000 and
 * 10,000 characters), so they sort by their first 500 characters (`left(col, 500)`, at most 2,000
 * bytes): two values alike in their first 500 characters keep their sessions' id order.
 *
 * Built once: about 2 s per index per million sessions; each adds ~30–60 bytes per session with a
 * value, and one index entry to every write of such a session.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    CREATE INDEX sessions_client_name_sort_idx ON sessions (tenant_id, client_name, id) WHERE client_name IS NOT NULL;
    CREATE INDEX sessions_client_phone_sort_idx ON sessions (tenant_id, client_phone, id) WHERE client_phone IS NOT NULL;
    CREATE INDEX sessions_client_ip_sort_idx ON sessions (tenant_id, client_ip, id) WHERE client_ip IS NOT NULL;
    CREATE INDEX sessions_page_url_sort_idx ON sessions (tenant_id, left(page_url, 500), id) WHERE left(page_url, 500) IS NOT NULL;
    CREATE INDEX sessions_feedback_sort_idx ON sessions (tenant_id, left(feedback, 500), id) WHERE left(feedback, 500) IS NOT NULL;
  `.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`
    DROP INDEX sessions_client_name_sort_idx;
    DROP INDEX sessions_client_phone_sort_idx;
    DROP INDEX sessions_client_ip_sort_idx;
    DROP INDEX sessions_page_url_sort_idx;
    DROP INDEX sessions_feedback_sort_idx;
  `.execute(db);
}
