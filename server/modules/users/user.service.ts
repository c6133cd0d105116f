import type { Database } from '../../db/database';
import { AppError, forbidden, notFound } from '../../platform/errors';
import type { Principal } from '../../platform/auth/principal';
import { generatePassword, hashPassword, verifyPassword } from '../../platform/auth/secrets';
import type { Role } from '../../../common/roles';
import { recordAudit } from '../audit/audit.repository';
import { userRepository, type UserRow } from './user.repository';

export interface UserPatch {
  name?: string;
  role?: Role;
  active?: boolean;
  capacity?: number;
  languages?: string[];
}

/** What a user is to the administration (no hashes). */
export function presentUser(row: UserRow) {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    active: row.disabled_at === null,
    state: row.state,
    capacity: row.capacity,
    languages: row.languages,
    groups: row.groups,
    lastLoginAt: row.last_login_at,
    createdAt: row.created_at,
    deactivatedAt: row.disabled_at,
  };
}

/**
 * People of a tenant: list, create (with a one-time password), change role, capacity, languages,
 * deactivate and reactivate, reset a password, change one's own. A tenant always keeps one active
 * admin. Every change is audited with the values before and after.
 */
export function userService(
  db: Database,
  deps: {
    /** Takes a deactivated operator offline, handing their pending offers on (the routing engine). */
    setOffline: (tenantId: string, userId: string) => Promise<unknown>;
    /**
     * A user's role, activity or password changed: what the tenant's credentials resolved to is
     * forgotten (credential-cache.ts).
     */
    credentialsChanged: (tenantId: string) => void;
  },
) {
  const repo = userRepository(db);

  async function requireUser(tenantId: string, userId: string): Promise<UserRow> {
    const user = await repo.find(tenantId, userId);
    if (!user) throw notFound(`User ${userId}`);
    return user;
  }

  return {
    async list(principal: Principal) {
      return (await repo.list(principal.tenantId)).map(presentUser);
    },

    async get(principal: Principal, userId: string) {
      return presentUser(await requireUser(principal.tenantId, userId));
    },

    /** Creates a user; without a password one is generated and returned once (never stored in clear). */
    async create(
      principal: Principal,
      input: {
        email: string;
        name: string;
        role: Role;
        password?: string;
        capacity?: number;
        languages?: string[];
      },
    ) {
      // A taken e-mail is answered before the (deliberately slow) hashing; the unique key decides races.
      if (await repo.emailTaken(principal.tenantId, input.email)) {
        throw new AppError('users.email_taken', `A user with the e-mail ${input.email} already exists.`);
      }
      const password = input.password ?? generatePassword();
      const passwordHash = await hashPassword(password);
      const id = await db.transaction().execute(async (trx) => {
        const trxRepo = userRepository(trx);
        if (await trxRepo.emailTaken(principal.tenantId, input.email)) {
          throw new AppError('users.email_taken', `A user with the e-mail ${input.email} already exists.`);
        }
        const created = await trxRepo.insert({
          tenantId: principal.tenantId,
          email: input.email,
          name: input.name,
          role: input.role,
          passwordHash,
          capacity: input.capacity,
          languages: input.languages,
        });
        // Two requests with one e-mail at once: the unique key decides, the loser hears the same 409.
        if (!created) {
          throw new AppError('users.email_taken', `A user with the e-mail ${input.email} already exists.`);
        }
        await recordAudit(trx, principal, {
          action: 'user.create',
          objectType: 'user',
          objectId: created,
          data: {
            after: {
              email: input.email,
              name: input.name,
              role: input.role,
              ...(input.capacity !== undefined ? { capacity: input.capacity } : {}),
              ...(input.languages !== undefined ? { languages: input.languages } : {}),
            },
            passwordGenerated: input.password === undefined,
          },
        });
        return created;
      });
      const user = presentUser(await requireUser(principal.tenantId, id));
      return { user, password: input.password === undefined ? password : null };
    },

    async update(principal: Principal, userId: string, patch: UserPatch) {
      const changed = await db.transaction().execute(async (trx) => {
        const trxRepo = userRepository(trx);
        // Admins first, always in id order, then the user: one lock order for every change.
        const admins = await trxRepo.lockActiveAdmins(principal.tenantId);
        const user = await trxRepo.findForUpdate(principal.tenantId, userId);
        if (!user) throw notFound(`User ${userId}`);
        const wasActive = user.disabled_at === null;
        const losesAdmin =
          wasActive &&
          user.role === 'admin' &&
          ((patch.role !== undefined && patch.role !== 'admin') || patch.active === false);
        if (losesAdmin && admins.length <= 1) {
          throw new AppError(
            'users.last_admin',
            'This is the last active administrator of the workspace; make someone else an administrator first.',
          );
        }
        const before: Record<string, unknown> = {};
        const after: Record<string, unknown> = {};
        const note = (field: string, from: unknown, to: unknown) => {
          if (to === undefined || JSON.stringify(from) === JSON.stringify(to)) return;
          before[field] = from;
          after[field] = to;
        };
        note('name', user.name, patch.name);
        note('role', user.role, patch.role);
        note('capacity', user.capacity, patch.capacity);
        note('languages', user.languages, patch.languages);
        note('active', wasActive, patch.active);
        if (Object.keys(after).length === 0) return { deactivated: false, access: false };
        await trxRepo.update(principal.tenantId, userId, {
          name: patch.name,
          role: patch.role,
          capacity: patch.capacity,
          languages: patch.languages,
          disabled: patch.active === undefined ? undefined : !patch.active,
        });
        if (patch.active === false) await trxRepo.endLogins(principal.tenantId, userId);
        await recordAudit(trx, principal, {
          action:
            patch.active === false
              ? 'user.deactivate'
              : patch.active === true
                ? 'user.reactivate'
                : 'user.update',
          objectType: 'user',
          objectId: userId,
          data: { before, after },
        });
        // What a request is allowed (the role, whether the user may log in at all) is what cached
        // credentials hold; a name, capacity or languages are not.
        return {
          deactivated: patch.active === false && wasActive,
          access: 'role' in after || 'active' in after,
        };
      });
      if (changed.access) deps.credentialsChanged(principal.tenantId);
      // After the commit: the engine hands the user's pending offers on (it takes its own locks).
      if (changed.deactivated) await deps.setOffline(principal.tenantId, userId);
      return presentUser(await requireUser(principal.tenantId, userId));
    },

    /** An admin sets a new generated password; the user's logins end. Returns the password once. */
    async resetPassword(principal: Principal, userId: string) {
      // An unknown id is answered before the (deliberately slow) hashing.
      await requireUser(principal.tenantId, userId);
      const password = generatePassword();
      const passwordHash = await hashPassword(password);
      await db.transaction().execute(async (trx) => {
        const trxRepo = userRepository(trx);
        const user = await trxRepo.findForUpdate(principal.tenantId, userId);
        if (!user) throw notFound(`User ${userId}`);
        await trxRepo.update(principal.tenantId, userId, { password_hash: passwordHash });
        await trxRepo.endLogins(principal.tenantId, userId);
        await recordAudit(trx, principal, {
          action: 'user.password_reset',
          objectType: 'user',
          objectId: userId,
        });
      });
      deps.credentialsChanged(principal.tenantId);
      return { password };
    },

    /** A signed-in user changes their own password; their other logins end. */
    async changeOwnPassword(principal: Principal, input: { currentPassword: string; newPassword: string }) {
      const userId = principal.userId;
      if (!userId) throw forbidden('This API key acts for no user, so it has no password.');
      const user = await repo.findForUpdate(principal.tenantId, userId);
      if (!user?.password_hash || !(await verifyPassword(input.currentPassword, user.password_hash))) {
        throw new AppError('users.wrong_password', 'The current password is not right.', {
          parameter: 'currentPassword',
        });
      }
      const passwordHash = await hashPassword(input.newPassword);
      await db.transaction().execute(async (trx) => {
        const trxRepo = userRepository(trx);
        await trxRepo.update(principal.tenantId, userId, { password_hash: passwordHash });
        await trxRepo.endLogins(principal.tenantId, userId, principal.authSessionId);
        await recordAudit(trx, principal, {
          action: 'user.password_change',
          objectType: 'user',
          objectId: userId,
        });
      });
      deps.credentialsChanged(principal.tenantId);
    },
  };
}

export type UserService = ReturnType<typeof userService>;
