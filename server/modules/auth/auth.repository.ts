import { sql } from 'kysely';
import type { Database } from '../../db/database';

export function authRepository(db: Database) {
  return {
    findLoginUser(tenantSlug: string, email: string) {
      return db
        .selectFrom('users')
        .innerJoin('tenants', 'tenants.id', 'users.tenant_id')
        .select([
          'users.tenant_id',
          'users.id',
          'users.email',
          'users.name',
          'users.role',
          'users.password_hash',
          'users.disabled_at',
          'tenants.slug as tenant_slug',
          'tenants.name as tenant_name',
        ])
        .where('tenants.slug', '=', tenantSlug)
        .where('users.email', '=', email)
        .executeTakeFirst();
    },

    async recentFailures(tenantSlug: string, email: string, ip: string, windowSeconds: number) {
      const row = await db
        .selectFrom('login_attempts')
        .select([
          sql<number>`count(*) FILTER (WHERE tenant_slug = ${tenantSlug} AND email = ${email})::int`.as(
            'account',
          ),
          sql<number>`count(*) FILTER (WHERE ip = ${ip})::int`.as('ip'),
          sql<Date | null>`min(at)`.as('oldest'),
        ])
        .where('succeeded', '=', false)
        .where('at', '>', sql<Date>`now() - make_interval(secs => ${windowSeconds})`)
        .where((eb) =>
          eb.or([eb.and([eb('tenant_slug', '=', tenantSlug), eb('email', '=', email)]), eb('ip', '=', ip)]),
        )
        .executeTakeFirstOrThrow();
      return row;
    },

    async markLogin(tenantId: string, userId: string) {
      await db
        .updateTable('users')
        .set({ last_login_at: sql`now()` })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', userId)
        .execute();
    },

    async recordAttempt(tenantSlug: string, email: string, ip: string, succeeded: boolean) {
      await db
        .insertInto('login_attempts')
        .values({ tenant_slug: tenantSlug, email, ip, succeeded })
        .execute();
    },

    async createAuthSession(values: {
      tenantId: string;
      userId: string;
      secretHash: Buffer;
      csrfToken: string;
      ttlHours: number;
      ip: string | null;
      userAgent: string | null;
    }) {
      const row = await db
        .insertInto('auth_sessions')
        .values({
          tenant_id: values.tenantId,
          user_id: values.userId,
          secret_hash: values.secretHash,
          csrf_token: values.csrfToken,
          expires_at: sql<Date>`now() + make_interval(hours => ${values.ttlHours})`,
          ip: values.ip,
          user_agent: values.userAgent,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    findAuthSession(tenantId: string, sessionId: string) {
      return db
        .selectFrom('auth_sessions')
        .innerJoin('users', (join) =>
          join
            .onRef('users.tenant_id', '=', 'auth_sessions.tenant_id')
            .onRef('users.id', '=', 'auth_sessions.user_id'),
        )
        .select([
          'auth_sessions.secret_hash',
          'auth_sessions.csrf_token',
          'auth_sessions.expires_at',
          'auth_sessions.last_seen_at',
          'users.id as user_id',
          'users.role',
          'users.disabled_at',
        ])
        .where('auth_sessions.tenant_id', '=', tenantId)
        .where('auth_sessions.id', '=', sessionId)
        .executeTakeFirst();
    },

    /** Sliding expiry, written at most once a minute per login so reads stay reads. */
    async touchAuthSession(tenantId: string, sessionId: string, ttlHours: number) {
      await db
        .updateTable('auth_sessions')
        .set({ last_seen_at: sql`now()`, expires_at: sql`now() + make_interval(hours => ${ttlHours})` })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', sessionId)
        .where('last_seen_at', '<', sql<Date>`now() - interval '1 minute'`)
        .execute();
    },

    async deleteAuthSession(tenantId: string, sessionId: string) {
      await db
        .deleteFrom('auth_sessions')
        .where('tenant_id', '=', tenantId)
        .where('id', '=', sessionId)
        .execute();
    },

    /** A key and whether the user it acts for is deactivated (such a key stops working). */
    findApiKey(tenantId: string, keyId: string) {
      return db
        .selectFrom('api_keys as k')
        .leftJoin('users as u', (join) =>
          join.onRef('u.tenant_id', '=', 'k.tenant_id').onRef('u.id', '=', 'k.user_id'),
        )
        .select([
          'k.secret_hash',
          'k.role',
          'k.user_id',
          'k.revoked_at',
          'k.last_used_at',
          'u.disabled_at as user_disabled_at',
        ])
        .where('k.tenant_id', '=', tenantId)
        .where('k.id', '=', keyId)
        .executeTakeFirst();
    },

    async touchApiKey(tenantId: string, keyId: string) {
      await db
        .updateTable('api_keys')
        .set({ last_used_at: sql`now()` })
        .where('tenant_id', '=', tenantId)
        .where('id', '=', keyId)
        .where((eb) =>
          eb.or([
            eb('last_used_at', 'is', null),
            eb('last_used_at', '<', sql<Date>`now() - interval '1 minute'`),
          ]),
        )
        .execute();
    },

    findMe(tenantId: string, userId: string) {
      return db
        .selectFrom('users')
        .select(['id', 'email', 'name', 'role'])
        .where('tenant_id', '=', tenantId)
        .where('id', '=', userId)
        .executeTakeFirst();
    },

    findTenant(tenantId: string) {
      return db
        .selectFrom('tenants')
        .select(['id', 'slug', 'name'])
        .where('id', '=', tenantId)
        .executeTakeFirst();
    },
  };
}

export type AuthRepository = ReturnType<typeof authRepository>;
