import { sql, type Kysely } from 'kysely';

/**
 * A prepared file's platform reference is sealed at rest, like the channel accounts' tokens. Apple's
 * reference carries the attachment's decryption key beside the URL where Apple keeps the ciphertext,
 * so a readable copy of the table (a backup, a replica, a support dump) was enough to open an operator's
 * file. The other platforms' references (media and attachment ids) are sealed too: one rule, no list of
 * which ones matter.
 *
 * - `file_ref_sealed`: the reference's JSON, AES-256-GCM with the line's identity
 *   (`channel_delivery:<tenant>:<activity>`) as associated data (platform/auth/secret-box.ts); null
 *   until prepared.
 *
 * The old plain `file_ref` is dropped, not converted: the migration has no key. A line still pending
 * with a plain reference has none after it and is prepared (uploaded) once more by its next send, which
 * is what an expired reference already does.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE channel_deliveries
      DROP COLUMN file_ref,
      ADD COLUMN file_ref_sealed bytea;
    UPDATE channel_deliveries SET file_ref_at = NULL WHERE file_ref_at IS NOT NULL AND state = 'pending';
  `.execute(db);
}

export async function down(): Promise<void> {
  throw new Error('Not reversible; restore a backup instead.');
}
