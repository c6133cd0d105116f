import type { Database } from '../../db/database';

/** The one place that reads and writes `tenant_settings`. */
export function settingsRepository(db: Database) {
  return {
    find(tenantId: string) {
      return db
        .selectFrom('tenant_settings')
        .select(['operators_see_all_sessions', 'recording_enabled', 'recording_retention_days'])
        .where('tenant_id', '=', tenantId)
        .executeTakeFirst();
    },

    async update(
      tenantId: string,
      patch: Partial<{
        operators_see_all_sessions: boolean;
        recording_enabled: boolean;
        recording_retention_days: number;
      }>,
    ): Promise<void> {
      await db
        .insertInto('tenant_settings')
        .values({ tenant_id: tenantId, ...patch })
        .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ ...patch, updated_at: new Date() }))
        .execute();
    },
  };
}
