import { z } from 'zod';
import type { Database } from '../../db/database';
import { AppError, invalid, notFound } from '../../platform/errors';
import { generatePassword, hashPassword } from '../../platform/auth/secrets';
import type { Role } from '../../../common/roles';
import { tenantRepository } from './tenant.repository';

export const tenantSlugSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]{1,62}$/,
    'use 2–63 lower-case letters, digits and dashes, starting with a letter or digit',
  );
export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email('must be an e-mail address').max(320));
export const passwordSchema = z.string().min(10, 'must be at least 10 characters').max(200);

export function tenantService(db: Database) {
  const repo = tenantRepository(db);

  async function requireTenant(slug: string) {
    const tenant = await repo.findBySlug(slug);
    if (!tenant) throw notFound(`Tenant "${slug}"`);
    return tenant;
  }

  return {
    requireTenant,

    async createTenant(slug: string, name: string) {
      const parsedSlug = tenantSlugSchema.safeParse(slug);
      if (!parsedSlug.success)
        throw invalid(`Tenant slug ${parsedSlug.error.issues[0]?.message ?? 'is invalid'}.`);
      if (!name.trim()) throw invalid('Tenant name must not be empty.');
      if (await repo.findBySlug(slug)) throw new AppError('conflict', `Tenant "${slug}" already exists.`);
      return repo.create(slug, name.trim());
    },

    /** Creates a user; generates a password when none is given and returns it once. */
    async createUser(input: {
      tenantSlug: string;
      email: string;
      name?: string;
      role: Role;
      password?: string;
    }) {
      const tenant = await requireTenant(input.tenantSlug);
      const email = emailSchema.safeParse(input.email);
      if (!email.success) throw invalid(`E-mail ${email.error.issues[0]?.message ?? 'is invalid'}.`);
      const password = input.password ?? generatePassword();
      const passwordCheck = passwordSchema.safeParse(password);
      if (!passwordCheck.success)
        throw invalid(`Password ${passwordCheck.error.issues[0]?.message ?? 'is invalid'}.`);
      if (await repo.findUserByEmail(tenant.id, email.data)) {
        throw new AppError('conflict', `User ${email.data} already exists in tenant "${tenant.slug}".`);
      }
      const user = await repo.createUser({
        tenantId: tenant.id,
        email: email.data,
        name: input.name?.trim() || email.data.split('@')[0] || email.data,
        role: input.role,
        passwordHash: await hashPassword(password),
      });
      return { user, tenant, password, generated: input.password === undefined };
    },
  };
}

export type TenantService = ReturnType<typeof tenantService>;
