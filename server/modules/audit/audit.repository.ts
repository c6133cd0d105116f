import { sql } from 'kysely';
import type { Database } from '../../db/database';
import type { Principal } from '../../platform/auth/principal';

export interface AuditEntry {
  action: string;
  objectType?: string;
  objectId?: string;
  data?: Record<string, unknown>;
  ip?: string | null;
}

/** An escape `\u0000` that is not itself escaped (an even number of backslashes before it). */
const NUL_ESCAPE = /(?<!\\)((?:\\\\)*)\\u0000/g;

/** JSON for jsonb, which cannot hold U+0000: quoted client input keeps the character as visible text. */
export function auditJson(data: unknown): string {
  return JSON.stringify(data).replace(NUL_ESCAPE, '$1\\\\u0000');
}

/** Appends to the tenant's audit log: who did what to which object, when. */
export async function recordAudit(
  db: Database,
  actor: Pick<Principal, 'tenantId' | 'userId' | 'apiKeyId'>,
  entry: AuditEntry,
): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      tenant_id: actor.tenantId,
      actor_user_id: actor.userId,
      actor_api_key_id: actor.apiKeyId,
      action: entry.action,
      object_type: entry.objectType ?? null,
      object_id: entry.objectId ?? null,
      data: auditJson(entry.data ?? {}),
      ip: entry.ip ?? null,
    })
    .execute();
}

/** What the audit log page filters by; every field optional. */
export interface AuditFilter {
  actorUserId?: string;
  actorApiKeyId?: string;
  /** Exact actions, or prefixes written `user.*`. */
  actions?: string[];
  objectType?: string;
  objectId?: string;
  from?: Date;
  to?: Date;
}

/** Where the previous page ended: `at` as PostgreSQL prints it (microseconds kept) and the id. */
export interface AuditKey {
  at: string;
  id: string;
}

export interface AuditRow {
  id: string;
  at: Date;
  at_key: string;
  actor_user_id: string | null;
  actor_user_name: string | null;
  actor_api_key_id: string | null;
  actor_api_key_name: string | null;
  action: string;
  object_type: string | null;
  object_id: string | null;
  data: unknown;
  ip: string | null;
}

/** The audit log's reads, and its one delete: the retention purge. Nothing here updates an event. */
export function auditRepository(db: Database) {
  return {
    /** A page newest first, after `after` (keyset on (at, id), served by the audit_events_*_idx indexes). */
    async page(
      tenantId: string,
      filter: AuditFilter,
      after: AuditKey | null,
      limit: number,
    ): Promise<AuditRow[]> {
      let query = db
        .selectFrom('audit_events as e')
        .leftJoin('users as u', (join) =>
          join.onRef('u.tenant_id', '=', 'e.tenant_id').onRef('u.id', '=', 'e.actor_user_id'),
        )
        .leftJoin('api_keys as k', (join) =>
          join.onRef('k.tenant_id', '=', 'e.tenant_id').onRef('k.id', '=', 'e.actor_api_key_id'),
        )
        .select([
          'e.id',
          'e.at',
          sql<string>`e.at::text`.as('at_key'),
          'e.actor_user_id',
          'u.name as actor_user_name',
          'e.actor_api_key_id',
          'k.name as actor_api_key_name',
          'e.action',
          'e.object_type',
          'e.object_id',
          'e.data',
          'e.ip',
        ])
        .where('e.tenant_id', '=', tenantId);
      if (filter.actorUserId) query = query.where('e.actor_user_id', '=', filter.actorUserId);
      if (filter.actorApiKeyId) query = query.where('e.actor_api_key_id', '=', filter.actorApiKeyId);
      if (filter.objectType) query = query.where('e.object_type', '=', filter.objectType);
      if (filter.objectId) query = query.where('e.object_id', '=', filter.objectId);
      if (filter.from) query = query.where('e.at', '>=', filter.from);
      if (filter.to) query = query.where('e.at', '<', filter.to);
      const actions = filter.actions ?? [];
      if (actions.length > 0) {
        const exact = actions.filter((action) => !action.endsWith('.*'));
        const prefixes = actions
          .filter((action) => action.endsWith('.*'))
          .map((action) => action.slice(0, -1));
        query = query.where((eb) =>
          eb.or([
            ...(exact.length > 0 ? [eb('e.action', 'in', exact)] : []),
            // A prefix as a range, so the action index serves it and no LIKE pattern is built from input.
            ...prefixes.map((prefix) =>
              eb.and([eb('e.action', '>=', prefix), eb('e.action', '<', `${prefix}\uffff`)]),
            ),
          ]),
        );
      }
      if (after) {
        query = query.where(sql<boolean>`(e.at, e.id) < (${after.at}::timestamptz, ${after.id}::bigint)`);
      }
      return query.orderBy('e.at', 'desc').orderBy('e.id', 'desc').limit(limit).execute();
    },

    /** The distinct actions of a tenant's log (a loose index scan over audit_events_action_idx). */
    async actions(tenantId: string): Promise<string[]> {
      const result = await sql<{ action: string }>`
        WITH RECURSIVE walk AS (
          (SELECT action FROM audit_events WHERE tenant_id = ${tenantId} ORDER BY action LIMIT 1)
          UNION ALL
          SELECT (SELECT e.action FROM audit_events e
                  WHERE e.tenant_id = ${tenantId} AND e.action > walk.action ORDER BY e.action LIMIT 1)
          FROM walk WHERE walk.action IS NOT NULL
        )
        SELECT action FROM walk WHERE action IS NOT NULL LIMIT 500`.execute(db);
      return result.rows.map((row) => row.action);
    },

    /**
     * The retention path, and the only DELETE the append-only trigger admits: it must say so with
     * `SET LOCAL sessiondesk.audit_purge`, and even then the trigger refuses any entry younger than its
     * tenant's `audit_retention_days`. Returns how many entries went.
     */
    async purgeExpired(): Promise<number> {
      return db.transaction().execute(async (trx) => {
        await sql`SET LOCAL sessiondesk.audit_purge = 'on'`.execute(trx);
        const result = await sql`
          DELETE FROM audit_events e USING tenant_settings s
          WHERE s.tenant_id = e.tenant_id
            AND e.at < now() - make_interval(days => s.audit_retention_days)`.execute(trx);
        return Number(result.numAffectedRows ?? 0);
      });
    },
  };
}
