import type { Database } from '../../db/database';

/** The reads of Restore beyond the engine's and the channels' own: the groups a session can go to. */
export const restoreRepository = {
  async groups(db: Database, tenantId: string) {
    return db
      .selectFrom('operator_groups')
      .select(['id', 'name'])
      .where('tenant_id', '=', tenantId)
      .orderBy('name')
      .execute();
  },
};
