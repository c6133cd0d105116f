import type { Database } from '../../db/database';
import type { Principal } from '../../platform/auth/principal';

export interface AuditEntry {
  action: string;
  objectType?: string;
  objectId?: string;
  data?: Record<string, unknown>;
  ip?: string | null;
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
      data: JSON.stringify(entry.data ?? {}),
      ip: entry.ip ?? null,
    })
    .execute();
}
