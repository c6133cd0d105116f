import type { Principal } from './principal';

/**
 * Who a credential belongs to. The authorisation hook depends on this alone; the auth module
 * provides it (API keys and login cookies live there), and the composition root hands it over.
 */
export interface Authenticator {
  /** The principal of a `Bearer` API key; undefined when it is malformed, unknown or revoked. */
  authenticateApiKey(token: string): Promise<Principal | undefined>;
  /** The principal of a login cookie; undefined when it is unknown or expired. */
  authenticateCookie(cookie: string): Promise<Principal | undefined>;
}
