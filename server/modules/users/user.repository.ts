import { sql } from 'kysely';
import type { Database } from '../../db/database';
import type { Role } from '../../../common/roles';
import type { UserState } from '../../../common/domain';

export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  state: UserState;
  capacity: number;
  languages: string[];
  disabled_at: Date | null;
  last_login_at: Date | null;
  created_at: Date;
  groups: { id: string; name: string; priority: number }[];
}

/** People of a tenant: the administration's reads and writes of `users`. */
export function userRepository(db: Database) {
  const base = (tenantId: string) =>
    db
      .selectFrom('users as u')
      .select([
        'u.id',
        'u.email',
        'u.name',
        'u.role',
        'u.state',
        'u.capacity',
        'u.languages',
        'u.disabled_at',
        'u.last_login_at',
        'u.created_at',
        sql<UserRow['groups']>`coalesce((
          SELECT json_agg(json_build_object('id', g.id::text, 'name', g.name, 'priority', m.priority) ORDER BY g.name)
          FROM group_members m JOIN operator_groups g ON g.tenant_id = m.tenant_id AND g.id = m.group_id
          WHERE m.tenant_id = u.tenant_id AND m.user_id = u.id), '[]'::json)`.as('groups'),
      ])
      .where('u.tenant_id', '=', tenantId);

  return {
    list(tenantId: string): Promise<UserRow[]> {
      return base(tenantId).orderBy('u.name').orderBy('u.id').execute();
    },

    find(tenantId: string, userId: string): Promise<UserRow | undefined> {
      return base(tenantId).where('u.id', '=', userId).executeTakeFirst();
    },

    /** The user row locked for a change. */
    findForUpdate(tenantId: string, userId: string) {
      return db
        .selectFrom('users')
        .select(['id', 'email', 'name', 'role', 'capacity', 'languages', 'disabled_at', 'password_hash'])
        .where('tenant_id', '=', tenantId)
        .where('id', '=', userId)
        .forUpdate()
        .executeTakeFirst();
    },

    /** The tenant's active admins, locked: two changes that would each leave one admin run one at a time. */
    async lockActiveAdmins(tenantId: string): Promise<string[]> {
      const rows = await db
        .selectFrom('users')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('role', '=', 'admin')
        .where('disabled_at', 'is', null)
        .orderBy('id')
        .forUpdate()
        .execute();
      return rows.map((row) => row.id);
    },

    emailTaken(tenantId: string, email: string) {
      return db
        .selectFrom('users')
        .select('id')
        .where('tenant_id', '=', tenantId)
        .where('email', '=', email)
        .executeTakeFirst();
    },

    async insert(values: {
      tenantId: string;
      email: string;
      name: string;
      role: Role;
      passwordHash: string;
      capacity?: number;
      languages?: string[];
    }): Promise<string> {
      const row = await db
        .insertInto('users')
        .values({
          tenant_id: values.tenantId,
          email: values.email,
          name: values.name,
          role: values.role,
          password_hash: values.passwordHash,
          ...(values.capacity !== undefined ? { capacity: values.capacity } : {}),
          ...(values.languages !== undefined ? { languages: values.languages } : {}),
        })
        .onConflict((oc) => oc.columns(['tenant_id', 'email']).doNothing())
        .returning('id')
        .executeTakeFirst();
      return row?.id ?? '';
    },

    async update(
      tenantId: string,
      userId: string,
      patch: Partial<{
        name: string;
        role: Role;
        capacity: number;
        languages: string[];
        disabled: boolean;
        password_hash: string;
      }>,
    ): Promise<void> {
      const { disabled, ...columns } = patch;
      await db
        .updateTable('users')
        .set({
          ...columns,
          ...(disabled === undefined
            ? {}
            : disabled
              ? { disabled_at: sql<Date>`coalesce(disabled_at, now())` }
              : { disabled_at: null }),
        })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', userId)
        .execute();
    },

    /** Ends a user's browser logins, all of them or all but one. */
    async endLogins(tenantId: string, userId: string, except: string | null = null): Promise<void> {
      let query = db
        .deleteFrom('auth_sessions')
        .where('tenant_id', '=', tenantId)
        .where('user_id', '=', userId);
      if (except !== null) query = query.where('id', '<>', except);
      await query.execute();
    },
  };
}
