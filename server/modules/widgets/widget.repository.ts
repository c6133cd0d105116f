import { sql } from 'kysely';
import type { Database } from '../../db/database';

const COLUMNS = ['id', 'name', 'public_key', 'allowed_origins', 'created_at', 'key_rotated_at'] as const;

/** Web chat widgets as the administration reads and writes them. */
export function widgetRepository(db: Database) {
  return {
    list(tenantId: string) {
      return db
        .selectFrom('widgets')
        .select(COLUMNS)
        .where('tenant_id', '=', tenantId)
        .orderBy('name')
        .execute();
    },

    find(tenantId: string, widgetId: string) {
      return db
        .selectFrom('widgets')
        .select(COLUMNS)
        .where('tenant_id', '=', tenantId)
        .where('id', '=', widgetId)
        .executeTakeFirst();
    },

    nameTaken(tenantId: string, name: string, exceptId: string | null) {
      let query = db
        .selectFrom('widgets')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('name', '=', name);
      if (exceptId) query = query.where('id', '<>', exceptId);
      return query.executeTakeFirst();
    },

    async insert(tenantId: string, values: { name: string; publicKey: string; allowedOrigins: string[] }) {
      const row = await db
        .insertInto('widgets')
        .values({
          tenant_id: tenantId,
          name: values.name,
          public_key: values.publicKey,
          allowed_origins: values.allowedOrigins,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async update(
      tenantId: string,
      widgetId: string,
      values: Partial<{ name: string; allowed_origins: string[]; public_key: string }>,
    ) {
      if (Object.keys(values).length === 0) return;
      await db
        .updateTable('widgets')
        .set({ ...values, ...(values.public_key ? { key_rotated_at: sql<Date>`now()` } : {}) })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', widgetId)
        .execute();
    },
  };
}
