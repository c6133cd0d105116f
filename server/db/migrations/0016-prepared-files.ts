import { sql, type Kysely } from 'kysely';

/**
 * Outbound files in two phases (issue #15): a file an operator sends is first *prepared* — uploaded to
 * the platform outside any transaction — and the platform's reference to it is kept on the line's
 * delivery row, so the short send under the line's row lock only names it and a retried send reuses it
 * instead of uploading again.
 *
 * - `file_ref`: the platform's reference (WhatsApp media id, Messenger attachment id, …), as the adapter
 *   wrote it; null until prepared.
 * - `file_ref_at`: when it was prepared; platforms forget references (WhatsApp media ids live 30 days), so
 *   an old one is prepared again.
 * - `file_preparing_until`: a lease while one worker uploads (no row lock is held during the upload); a
 *   second worker on the same line leaves it alone until it runs out.
 *
 * No new index: every read and write of these columns is by the primary key (tenant_id, activity_id).
 * Adding nullable columns without defaults rewrites nothing.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE channel_deliveries
      ADD COLUMN file_ref jsonb,
      ADD COLUMN file_ref_at timestamptz,
      ADD COLUMN file_preparing_until timestamptz;
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Not reversible; restore a backup instead.');
}
