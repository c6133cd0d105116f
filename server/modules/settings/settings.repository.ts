import { sql } from 'kysely';
import type { Database } from '../../db/database';

export interface SettingsRow {
  operators_see_all_sessions: boolean;
  operators_may_ban: boolean;
  recording_av: boolean;
  recording_phone: boolean;
  recording_retention_days: number;
  file_retention_days: number;
  export_separator: string;
  time_zone: string;
  audit_retention_days: number;
}

const COLUMNS = [
  'operators_see_all_sessions',
  'operators_may_ban',
  'recording_av',
  'recording_phone',
  'recording_retention_days',
  'file_retention_days',
  'export_separator',
  'time_zone',
  'audit_retention_days',
] as const;

/** The one place that reads and writes `tenant_settings`. */
export function settingsRepository(db: Database) {
  return {
    find(tenantId: string): Promise<SettingsRow | undefined> {
      return db
        .selectFrom('tenant_settings')
        .select(COLUMNS)
        .where('tenant_id', '=', tenantId)
        .executeTakeFirst();
    },

    /** The row, locked until the transaction ends (a change reads its "before" this way). */
    findForUpdate(tenantId: string): Promise<SettingsRow | undefined> {
      return db
        .selectFrom('tenant_settings')
        .select(COLUMNS)
        .where('tenant_id', '=', tenantId)
        .forUpdate()
        .executeTakeFirst();
    },

    /** Whether PostgreSQL knows the time zone (the exports format times with it). */
    async isValidTimeZone(name: string): Promise<boolean> {
      const result = await sql<{ ok: boolean }>`
        SELECT EXISTS (SELECT 1 FROM pg_timezone_names WHERE name = ${name}) AS ok`.execute(db);
      return result.rows[0]?.ok ?? false;
    },

    async update(tenantId: string, patch: Partial<SettingsRow>): Promise<SettingsRow> {
      return db
        .insertInto('tenant_settings')
        .values({ tenant_id: tenantId, ...patch })
        .onConflict((oc) => oc.column('tenant_id').doUpdateSet({ ...patch, updated_at: new Date() }))
        .returning(COLUMNS)
        .executeTakeFirstOrThrow();
    },
  };
}
