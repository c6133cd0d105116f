import type { Database } from '../../db/database';
import { AppError, forbidden } from '../../platform/errors';
import type { Role } from '../../../common/roles';
import type { Principal } from '../../platform/auth/principal';
import {
  decoyPasswordHash,
  hashToken,
  newSecret,
  tokensEqual,
  verifyPassword,
} from '../../platform/auth/secrets';
import type { CredentialCache } from '../../platform/auth/credential-cache';
import { recordAudit } from '../audit/audit.repository';
import { authRepository } from './auth.repository';
import type { SettingsService } from '../settings/settings.service';

/** Login throttle: failures per account and per address within a sliding window. */
export const LOGIN_THROTTLE = { windowSeconds: 15 * 60, perAccount: 10, perIp: 50 } as const;

const API_KEY_PATTERN = /^sdk_(\d{1,18})_(\d{1,18})_([A-Za-z0-9_-]{43})$/;
const COOKIE_PATTERN = /^(\d{1,18})\.(\d{1,18})\.([A-Za-z0-9_-]{43})$/;

export function formatApiKey(tenantId: string, keyId: string, secret: string): string {
  return `sdk_${tenantId}_${keyId}_${secret}`;
}

export interface LoginResult {
  cookieValue: string;
  csrfToken: string;
  user: { id: string; email: string; name: string; role: Role };
  tenant: { id: string; slug: string; name: string };
}

export function authService(
  db: Database,
  options: {
    sessionTtlHours: number;
    settings: Pick<SettingsService, 'get'>;
    /** What credentials resolved to lately (a logout forgets its own; other changes forget the tenant's). */
    credentials: CredentialCache;
  },
) {
  const repo = authRepository(db);
  const { credentials } = options;

  return {
    async login(input: {
      tenant: string;
      email: string;
      password: string;
      ip: string;
      userAgent: string | null;
    }): Promise<LoginResult> {
      const tenantSlug = input.tenant.trim().toLowerCase();
      const email = input.email.trim().toLowerCase();
      const failures = await repo.recentFailures(tenantSlug, email, input.ip, LOGIN_THROTTLE.windowSeconds);
      if (failures.account >= LOGIN_THROTTLE.perAccount || failures.ip >= LOGIN_THROTTLE.perIp) {
        const oldest = failures.oldest ? new Date(failures.oldest).getTime() : Date.now();
        const retryAfterSeconds = Math.max(
          1,
          Math.ceil((oldest + LOGIN_THROTTLE.windowSeconds * 1000 - Date.now()) / 1000),
        );
        throw new AppError('auth.rate_limited', 'Too many failed sign-in attempts. Try again later.', {
          retryAfterSeconds,
        });
      }

      const user = await repo.findLoginUser(tenantSlug, email);
      const passwordOk = await verifyPassword(input.password, user?.password_hash ?? decoyPasswordHash);
      if (!user || !user.password_hash || !passwordOk || user.disabled_at) {
        await repo.recordAttempt(tenantSlug, email, input.ip, false);
        // A known account's failure goes to its tenant's audit log (an unknown one has no tenant to log in).
        if (user) {
          await recordAudit(
            db,
            { tenantId: user.tenant_id, userId: null, apiKeyId: null },
            {
              action: 'auth.login_failed',
              objectType: 'user',
              objectId: user.id,
              data: { email, reason: user.disabled_at ? 'deactivated' : 'wrong_password' },
              ip: input.ip,
            },
          );
        }
        throw new AppError('auth.invalid_credentials', 'The workspace, e-mail or password is not right.');
      }
      await repo.recordAttempt(tenantSlug, email, input.ip, true);
      await repo.markLogin(user.tenant_id, user.id);

      const secret = newSecret();
      const csrfToken = newSecret();
      const sessionId = await repo.createAuthSession({
        tenantId: user.tenant_id,
        userId: user.id,
        secretHash: hashToken(secret),
        csrfToken,
        ttlHours: options.sessionTtlHours,
        ip: input.ip,
        userAgent: input.userAgent,
      });
      await recordAudit(
        db,
        { tenantId: user.tenant_id, userId: user.id, apiKeyId: null },
        { action: 'auth.login', ip: input.ip },
      );
      return {
        cookieValue: `${user.tenant_id}.${sessionId}.${secret}`,
        csrfToken,
        user: { id: user.id, email: user.email, name: user.name, role: user.role },
        tenant: { id: user.tenant_id, slug: user.tenant_slug, name: user.tenant_name },
      };
    },

    async logout(principal: Principal): Promise<void> {
      if (!principal.authSessionId) return;
      await repo.deleteAuthSession(principal.tenantId, principal.authSessionId);
      credentials.forgetOne(`cookie:${principal.tenantId}:${principal.authSessionId}`);
    },

    /** Resolves a login cookie; undefined when it is malformed, unknown, expired or its user is disabled. */
    async authenticateCookie(value: string): Promise<Principal | undefined> {
      const match = COOKIE_PATTERN.exec(value);
      if (!match) return undefined;
      const [, tenantId = '', sessionId = '', secret = ''] = match;
      const id = `cookie:${tenantId}:${sessionId}`;
      const secretHash = hashToken(secret);
      const known = credentials.get(id, secretHash);
      if (known) return known;
      const session = await repo.findAuthSession(tenantId, sessionId);
      if (!session || !tokensEqual(Buffer.from(session.secret_hash), secretHash)) return undefined;
      const expiresAt = new Date(session.expires_at).getTime();
      if (expiresAt <= Date.now() || session.disabled_at) return undefined;
      // Seen to the minute, as API keys: a cookie used within the last minute costs no write.
      if (Date.now() - new Date(session.last_seen_at).getTime() >= 60_000)
        await repo.touchAuthSession(tenantId, sessionId, options.sessionTtlHours);
      const principal: Principal = {
        tenantId,
        role: session.role,
        userId: session.user_id,
        apiKeyId: null,
        via: 'cookie',
        csrfToken: session.csrf_token,
        authSessionId: sessionId,
      };
      credentials.remember(id, secretHash, principal, expiresAt);
      return principal;
    },

    /**
     * Resolves `sdk_<tenant>_<key>_<secret>`; undefined when malformed, unknown, revoked or acting for a
     * deactivated user.
     */
    async authenticateApiKey(token: string): Promise<Principal | undefined> {
      const match = API_KEY_PATTERN.exec(token);
      if (!match) return undefined;
      const [, tenantId = '', keyId = '', secret = ''] = match;
      const id = `key:${tenantId}:${keyId}`;
      const secretHash = hashToken(secret);
      const known = credentials.get(id, secretHash);
      if (known) return known;
      const key = await repo.findApiKey(tenantId, keyId);
      if (
        !key ||
        key.revoked_at ||
        key.user_disabled_at ||
        !tokensEqual(Buffer.from(key.secret_hash), secretHash)
      )
        return undefined;
      // Last use is kept to the minute: a key used within the last minute costs no write.
      if (!key.last_used_at || Date.now() - key.last_used_at.getTime() >= 60_000)
        await repo.touchApiKey(tenantId, keyId);
      const principal: Principal = {
        tenantId,
        role: key.role,
        userId: key.user_id,
        apiKeyId: keyId,
        via: 'api_key',
        csrfToken: null,
        authSessionId: null,
      };
      credentials.remember(id, secretHash, principal);
      return principal;
    },

    async me(principal: Principal) {
      if (principal.role === 'media') throw forbidden('A media API key only sends recordings.');
      const role = principal.role;
      const tenant = await repo.findTenant(principal.tenantId);
      if (!tenant) throw new AppError('auth.unauthenticated', 'Your workspace no longer exists.');
      const user = principal.userId ? await repo.findMe(principal.tenantId, principal.userId) : undefined;
      return {
        user: user
          ? { id: user.id, email: user.email, name: user.name, role: user.role }
          : {
              id: null,
              email: null,
              name: `API key ${principal.apiKeyId ?? ''}`.trim(),
              role,
            },
        tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name },
        csrfToken: principal.csrfToken,
        settings: await options.settings.get(principal.tenantId).then((settings) => ({
          recordingAv: settings.recordingAv,
          recordingPhone: settings.recordingPhone,
          operatorsMayBan: settings.operatorsMayBan,
          timeZone: settings.timeZone,
        })),
      };
    },
  };
}

export type AuthService = ReturnType<typeof authService>;
