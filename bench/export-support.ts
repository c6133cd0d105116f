import { sql } from 'kysely';
import { loadConfig } from '../server/config';
import { migrateToLatest, type Database } from '../server/db/database';
import { inlineParameters } from '../server/db/copy-out';
import { openDatabase } from '../server/db/open';
import { csvCopyQuery } from '../server/modules/exports/csv-copy';
import { exportRepository } from '../server/modules/exports/export.repository';
import type { ExportPlan } from '../server/modules/exports/export.service';
import { listOrderBy, scopeConditions } from '../server/modules/sessions/session-sql';
import type { Principal } from '../server/platform/auth/principal';
import { createServices } from '../server/services';

/**
 * The export's raw SELECT as one literal SQL text, for COPY through psql: the same columns, conditions
 * and order, values as the database holds them (no labels, names or cell rules) — the floor.
 */
export function exportCopyQuery(db: Database, plan: ExportPlan): string {
  const select = sql.join(
    plan.columns.map((column, index) => sql`${column.select} AS ${sql.ref(`c${index}`)}`),
  );
  return inlineParameters(
    sql`SELECT ${select} FROM sessions s WHERE ${scopeConditions(plan.scope)}
    ORDER BY ${listOrderBy(plan.sort)}`.compile(db),
  );
}

/** The query the CSV export hands to COPY (every cell rule in SQL), as literal SQL text for psql. */
export async function exportRenderedQuery(db: Database, plan: ExportPlan, tenantId: string): Promise<string> {
  const lookups = await exportRepository(db).lookups(tenantId);
  return inlineParameters(csvCopyQuery(plan, lookups).compile(db));
}

/** The parts of the export's query, as the export service builds them. */
export function exportSelect(plan: ExportPlan) {
  return {
    select: sql.join([
      ...plan.columns.map((column, index) => sql`${column.select} AS ${sql.ref(`c${index}`)}`),
    ]),
    where: scopeConditions(plan.scope),
    orderBy: listOrderBy(plan.sort),
  };
}

/**
 * The bench's database — DATA_DIR's embedded cluster or DATABASE_URL, migrated; `handle.close()` leaves
 * a cluster others still use running — and an admin principal of the tenant to export.
 */
export async function openBenchTenant(dataDir: string, slug: string, log: (line: string) => void) {
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, LOG_LEVEL: 'silent' });
  const handle = await openDatabase(config, log, { max: 4, applicationName: 'sessiondesk-bench-export' });
  try {
    await migrateToLatest(handle.db);
    const tenant = await handle.db
      .selectFrom('tenants')
      .select('id')
      .where('slug', '=', slug)
      .executeTakeFirstOrThrow();
    const principal: Principal = {
      tenantId: tenant.id,
      role: 'admin',
      userId: null,
      apiKeyId: null,
      via: 'api_key',
      csrfToken: null,
      authSessionId: null,
    };
    return {
      handle,
      services: createServices(handle.db, config),
      tenantId: tenant.id,
      principal,
      /** For psql. */
      url: handle.pool.options.connectionString ?? '',
    };
  } catch (error) {
    await handle.close();
    throw error;
  }
}
