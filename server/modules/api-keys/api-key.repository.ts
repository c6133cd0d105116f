import { sql } from 'kysely';
import type { Database } from '../../db/database';
import type { ApiKeyRole } from '../../../common/roles';

export function apiKeyRepository(db: Database) {
  return {
    async create(values: {
      tenantId: string;
      name: string;
      role: ApiKeyRole;
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
        .selectFrom('api_keys as k')
        .leftJoin('users as c', (join) =>
          join.onRef('c.tenant_id', '=', 'k.tenant_id').onRef('c.id', '=', 'k.created_by'),
        )
        .select([
          'k.id',
          'k.name',
          'k.role',
          'k.user_id',
          'k.created_at',
          'k.last_used_at',
          'k.revoked_at',
          'k.created_by',
          'c.name as created_by_name',
        ])
        .where('k.tenant_id', '=', tenantId)
        .orderBy('k.id', 'desc')
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
