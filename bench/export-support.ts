import { sql } from 'kysely';
import type { Database, DatabaseHandle } from '../server/db/database';
import type { EmbeddedDatabase } from '../server/db/embedded-postgres';
import type { ExportPlan } from '../server/modules/exports/export.service';
import { scopeConditions } from '../server/modules/sessions/session.repository';

/**
 * The export's SELECT as one literal SQL text (parameters inlined), for COPY through psql: the same
 * columns, conditions and order the export streams, so COPY's time is the floor for that query.
 */
export function exportCopyQuery(db: Database, plan: ExportPlan): string {
  const direction = plan.sort.desc ? sql`DESC` : sql`ASC`;
  const nulls = plan.sort.column.nullable ? sql` NULLS LAST` : sql``;
  const select = sql.join(
    plan.columns.map((column, index) => sql`${column.select} AS ${sql.ref(`c${index}`)}`),
  );
  const compiled = sql`SELECT s.id::text AS __id, s.client_name AS __client, ${select}
    FROM sessions s WHERE ${scopeConditions(plan.scope)}
    ORDER BY ${plan.sort.column.expr} ${direction}${nulls}, s.id ${direction}`.compile(db);
  const literal = (value: unknown): string => {
    if (Array.isArray(value)) return `ARRAY[${value.map(literal).join(',')}]`;
    return `'${String(value).replace(/'/g, "''")}'`;
  };
  return compiled.sql.replace(/\$(\d+)/g, (_, n: string) => literal(compiled.parameters[Number(n) - 1]));
}

/** The parts of the export's query, as the export service builds them. */
export function exportSelect(plan: ExportPlan) {
  const direction = plan.sort.desc ? sql`DESC` : sql`ASC`;
  const nulls = plan.sort.column.nullable ? sql` NULLS LAST` : sql``;
  return {
    select: sql.join([
      ...plan.columns.map((column, index) => sql`${column.select} AS ${sql.ref(`c${index}`)}`),
    ]),
    where: scopeConditions(plan.scope),
    orderBy: sql`${plan.sort.column.expr} ${direction}${nulls}, s.id ${direction}`,
  };
}

/** Closes the bench's connections; stops the embedded cluster only when nobody else uses it. */
export async function closeSharing(
  handle: DatabaseHandle,
  embedded: EmbeddedDatabase | undefined,
): Promise<void> {
  const others = await sql<{ count: number }>`
    SELECT count(*)::int AS count FROM pg_stat_activity
    WHERE backend_type = 'client backend' AND application_name NOT LIKE 'sessiondesk-bench-export%'`
    .execute(handle.db)
    .then(
      (result) => result.rows[0]?.count ?? 0,
      () => 0,
    );
  await handle.close();
  if (others === 0) await embedded?.release();
}
