import type { Database } from '../../db/database';
import type { Role } from '../../../common/roles';

export function tenantRepository(db: Database) {
  return {
    findBySlug(slug: string) {
      return db.selectFrom('tenants').selectAll().where('slug', '=', slug).executeTakeFirst();
    },

    async create(slug: string, name: string) {
      return db.transaction().execute(async (trx) => {
        const tenant = await trx
          .insertInto('tenants')
          .values({ slug, name })
          .returningAll()
          .executeTakeFirstOrThrow();
        await trx.insertInto('tenant_settings').values({ tenant_id: tenant.id }).execute();
        return tenant;
      });
    },

    async createUser(values: {
      tenantId: string;
      email: string;
      name: string;
      role: Role;
      passwordHash: string | null;
    }) {
      return db
        .insertInto('users')
        .values({
          tenant_id: values.tenantId,
          email: values.email,
          name: values.name,
          role: values.role,
          password_hash: values.passwordHash,
        })
        .returning(['id', 'email', 'name', 'role'])
        .executeTakeFirstOrThrow();
    },

    findUserByEmail(tenantId: string, email: string) {
      return db
        .selectFrom('users')
        .select(['id', 'email', 'name', 'role'])
        .where('tenant_id', '=', tenantId)
        .where('email', '=', email)
        .executeTakeFirst();
    },
  };
}
