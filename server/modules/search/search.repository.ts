import { sql } from 'kysely';
import type { Database } from '../../db/database';

/** The SQL of "did you mean": the tenant's vocabulary (`search_words`, migration 0009). */
export function searchRepository(db: Database) {
  return {
    /**
     * Words of the tenant's vocabulary that share enough trigrams with `word` (pg_trgm `%` at the given
     * threshold, served by search_words_similar_idx), most similar first; undefined when `budgetMs` runs
     * out.
     */
    async similarWords(
      tenantId: string,
      word: string,
      limit: number,
      threshold: number,
      budgetMs: number,
    ): Promise<string[] | undefined> {
      try {
        return await db.transaction().execute(async (trx) => {
          await sql`SELECT set_config('pg_trgm.similarity_threshold', ${String(threshold)}, true),
                           set_config('statement_timeout', ${String(Math.max(1, Math.round(budgetMs)))}, true)`.execute(
            trx,
          );
          const result = await sql<{ word: string }>`
            SELECT word FROM search_words
            WHERE tenant_id = ${tenantId} AND word % ${word}
            ORDER BY similarity(word, ${word}) DESC, word
            LIMIT ${limit}`.execute(trx);
          return result.rows.map((row) => row.word);
        });
      } catch (error) {
        // 57014 query_canceled: the budget ran out.
        if ((error as { code?: string }).code === '57014') return undefined;
        throw error;
      }
    },
  };
}

export type SearchRepository = ReturnType<typeof searchRepository>;
