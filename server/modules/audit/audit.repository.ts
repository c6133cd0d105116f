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
