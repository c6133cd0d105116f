import type { Principal } from './principal';
import { tokensEqual } from './secrets';

/**
 * How long an instance reuses what an API key or a login cookie resolved to. Every request
 * authenticates, and the lookup was a round trip before every other query of a request (1–2 ms of an
 * ~8 ms page). A change of who may use a credential — a key revoked, a user deactivated, given another
 * role, a password reset, a logout — forgets the tenant's credentials at once on the instance that
 * made it and, through the change notice, on the others as soon as it arrives; this time bounds the
 * staleness if a notice is lost (an instance reconnecting its LISTEN connection), as for settings.
 */
export const CREDENTIAL_CACHE_MS = 5_000;

/** At most this many credentials are remembered per instance (the oldest go first). */
const MAX_CREDENTIALS = 10_000;

export interface CredentialCache {
  /** The principal a credential resolved to within the last CREDENTIAL_CACHE_MS, if its secret matches. */
  get(id: string, secretHash: Buffer): Principal | undefined;
  /** `expiresAt`: when the credential itself expires (a login), if sooner than the cache's time. */
  remember(id: string, secretHash: Buffer, principal: Principal, expiresAt?: number): void;
  /** Forgets one credential (a logout). */
  forgetOne(id: string): void;
  /** Forgets every credential of a tenant (a key revoked, a user changed, on any instance). */
  forget(tenantId: string): void;
}

/**
 * Keyed by the credential's id (`key:<tenant>:<key>`, `cookie:<tenant>:<session>`), holding the
 * secret's hash, never the secret: a request whose secret does not match is looked up as before.
 */
export function credentialCache(
  options: { ttlMs?: number; now?: () => number; max?: number } = {},
): CredentialCache {
  const ttlMs = options.ttlMs ?? CREDENTIAL_CACHE_MS;
  const now = options.now ?? Date.now;
  const max = options.max ?? MAX_CREDENTIALS;
  const entries = new Map<string, { until: number; secretHash: Buffer; principal: Principal }>();

  return {
    get(id, secretHash) {
      const entry = entries.get(id);
      if (!entry) return undefined;
      if (now() >= entry.until) {
        entries.delete(id);
        return undefined;
      }
      return tokensEqual(entry.secretHash, secretHash) ? entry.principal : undefined;
    },
    remember(id, secretHash, principal, expiresAt = Infinity) {
      if (ttlMs <= 0) return;
      entries.delete(id);
      if (entries.size >= max) entries.delete(entries.keys().next().value!);
      entries.set(id, {
        until: Math.min(now() + ttlMs, expiresAt),
        secretHash,
        principal: Object.freeze(principal),
      });
    },
    forgetOne(id) {
      entries.delete(id);
    },
    forget(tenantId) {
      for (const [id, entry] of entries) if (entry.principal.tenantId === tenantId) entries.delete(id);
    },
  };
}
