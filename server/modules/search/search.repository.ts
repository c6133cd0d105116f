import { sql } from 'kysely';
import type { Database } from '../../db/database';

/** The SQL of "did you mean": the tenant's vocabulary (`search_words`, migration 0009). */
export function searchRepository(db: Database) {
  return {
    /**
     * Words of the tenant's vocabulary that share enough trigrams with `word` (pg_trgm `%` at the given
     * threshold, served by search_words_similar_idx), most similar first.
     */
    async similarWords(tenantId: string, word: string, limit: number, threshold: number): Promise<string[]> {
      return db.transaction().execute(async (trx) => {
        await sql`SELECT set_config('pg_trgm.similarity_threshold', ${String(threshold)}, true)`.execute(trx);
        const result = await sql<{ word: string }>`
          SELECT word FROM search_words
          WHERE tenant_id = ${tenantId} AND word % ${word}
          ORDER BY similarity(word, ${word}) DESC, word
          LIMIT ${limit}`.execute(trx);
        return result.rows.map((row) => row.word);
      });
    },
  };
}

export type SearchRepository = ReturnType<typeof searchRepository>;
