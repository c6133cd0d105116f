import { sql } from 'kysely';
import type { Database } from '../../db/database';
import type { Role } from '../../../common/roles';

export function apiKeyRepository(db: Database) {
  return {
    async create(values: {
      tenantId: string;
      name: string;
      role: Role;
      secretHash: Buffer;
      createdBy: string | null;
      userId: string | null;
    }) {
      return db
        .insertInto('api_keys')
        .values({
          tenant_id: values.tenantId,
          name: values.name,
          role: values.role,
          secret_hash: values.secretHash,
          created_by: values.createdBy,
          user_id: values.userId,
        })
        .returning(['id', 'name', 'role', 'created_at'])
        .executeTakeFirstOrThrow();
    },

    list(tenantId: string) {
      return db
        .selectFrom('api_keys')
        .select(['id', 'name', 'role', 'user_id', 'created_at', 'last_used_at', 'revoked_at'])
        .where('tenant_id', '=', tenantId)
        .orderBy('id', 'desc')
        .execute();
    },

    async revoke(tenantId: string, keyId: string) {
      return db
        .updateTable('api_keys')
        .set({ revoked_at: sql`coalesce(revoked_at, now())` })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', keyId)
        .returning(['id', 'revoked_at'])
        .executeTakeFirst();
    },
  };
}
