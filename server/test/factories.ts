import { randomBytes } from 'node:crypto';
import type { Database } from '../db/database';
import type { Role } from '../../common/roles';
import type { Principal } from '../platform/auth/principal';
import type { Services } from '../services';

export const TEST_PASSWORD = 'correct horse battery';

export function uniqueSlug(prefix = 't'): string {
  return `${prefix}-${randomBytes(5).toString('hex')}`;
}

export interface TestTenant {
  id: string;
  slug: string;
  admin: TestUser;
}

export interface TestUser {
  id: string;
  email: string;
  role: Role;
  /** An API key acting with this user's role. */
  apiKey: string;
}

export async function createTenant(services: Services, name = 'Test s.r.o.'): Promise<TestTenant> {
  const slug = uniqueSlug();
  const tenant = await services.tenants.createTenant(slug, name);
  const admin = await createUser(services, slug, 'admin');
  return { id: tenant.id, slug, admin };
}

export async function createUser(
  services: Services,
  tenantSlug: string,
  role: Role,
  email?: string,
): Promise<TestUser> {
  const created = await services.tenants.createUser({
    tenantSlug,
    email: email ?? `${role}-${randomBytes(4).toString('hex')}@example.com`,
    role,
    password: TEST_PASSWORD,
  });
  const key = await services.apiKeys.create(
    { tenantId: created.tenant.id, userId: created.user.id, apiKeyId: null },
    { name: `${role} key`, role },
  );
  await services.db
    .updateTable('api_keys')
    .set({ user_id: created.user.id })
    .where('tenant_id', '=', created.tenant.id)
    .where('id', '=', key.id)
    .execute();
  return { id: created.user.id, email: created.user.email, role, apiKey: key.key };
}

/** The tenant's admin as a service sees them (an API key acting for the admin), for calls below HTTP. */
export function adminPrincipal(tenant: TestTenant): Principal {
  return {
    tenantId: tenant.id,
    role: 'admin',
    userId: tenant.admin.id,
    apiKeyId: null,
    via: 'api_key',
    csrfToken: null,
    authSessionId: null,
  };
}

export function bearer(user: TestUser): { authorization: string } {
  return { authorization: `Bearer ${user.apiKey}` };
}

export type { Database };
