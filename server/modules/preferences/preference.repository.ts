import { sql } from 'kysely';
import type { Database } from '../../db/database';

/** Per-user UI preferences (user_preferences), one JSON value per key. */
export function preferenceRepository(db: Database) {
  return {
    find(tenantId: string, userId: string, key: string) {
      return db
        .selectFrom('user_preferences')
        .select(['key', 'value', 'updated_at'])
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', userId)
        .where('key', '=', key)
        .executeTakeFirst();
    },

    save(tenantId: string, userId: string, key: string, value: unknown) {
      const json = JSON.stringify(value);
      return db
        .insertInto('user_preferences')
        .values({ tenant_id: tenantId, user_id: userId, key, value: json })
        .onConflict((oc) =>
          oc.columns(['tenant_id', 'user_id', 'key']).doUpdateSet({ value: json, updated_at: sql`now()` }),
        )
        .returning(['key', 'value', 'updated_at'])
        .executeTakeFirstOrThrow();
    },
  };
}
