import { describe, expect, it } from 'vitest';
import { credentialCache, CREDENTIAL_CACHE_MS } from './credential-cache';
import type { Principal } from './principal';
import { hashToken } from './secrets';

const principal = (tenantId: string, role: Principal['role'] = 'admin'): Principal => ({
  tenantId,
  role,
  userId: '7',
  apiKeyId: '3',
  via: 'api_key',
  csrfToken: null,
  authSessionId: null,
});

describe('credential cache', () => {
  it('answers only the same secret, only for CREDENTIAL_CACHE_MS, and never past the credential', () => {
    let clock = 1_000_000;
    const cache = credentialCache({ now: () => clock });
    const secret = hashToken('right');
    cache.remember('key:1:3', secret, principal('1'));
    expect(cache.get('key:1:3', secret)).toEqual(principal('1'));
    expect(cache.get('key:1:3', hashToken('wrong'))).toBeUndefined();
    expect(cache.get('key:1:4', secret)).toBeUndefined();
    clock += CREDENTIAL_CACHE_MS - 1;
    expect(cache.get('key:1:3', secret)).toEqual(principal('1'));
    clock += 1;
    expect(cache.get('key:1:3', secret)).toBeUndefined();

    // A login that expires sooner is not answered past its expiry.
    cache.remember('cookie:1:9', secret, principal('1'), clock + 10);
    clock += 10;
    expect(cache.get('cookie:1:9', secret)).toBeUndefined();
  });

  it("forgets one credential, or every credential of a tenant and no other's", () => {
    const cache = credentialCache();
    const secret = hashToken('s');
    cache.remember('key:1:3', secret, principal('1'));
    cache.remember('cookie:1:9', secret, principal('1'));
    cache.remember('key:2:5', secret, principal('2'));
    cache.forgetOne('cookie:1:9');
    expect(cache.get('cookie:1:9', secret)).toBeUndefined();
    expect(cache.get('key:1:3', secret)).toBeDefined();
    cache.forget('1');
    expect(cache.get('key:1:3', secret)).toBeUndefined();
    expect(cache.get('key:2:5', secret)).toEqual(principal('2'));
  });

  it('holds at most its bound, dropping the oldest, and hands out principals no caller can change', () => {
    const cache = credentialCache({ max: 2 });
    const secret = hashToken('s');
    for (const id of ['a', 'b', 'c']) cache.remember(id, secret, principal('1'));
    expect(['a', 'b', 'c'].map((id) => cache.get(id, secret) !== undefined)).toEqual([false, true, true]);
    const shared = cache.get('c', secret)!;
    expect(() => {
      (shared as { role: string }).role = 'media';
    }).toThrow(TypeError);
  });
});
