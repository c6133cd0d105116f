// Mirrors the server's auth contract (POST /api/v1/auth/login, GET /api/v1/me). IDs are bigints sent as strings.
import type { Role } from '../../../../common/roles';

export type UserRole = Role;

export interface User {
  /** `null` only for API-key callers, which the UI never is; kept nullable to match the server's schema. */
  id: string | null;
  email: string | null;
  name: string;
  role: UserRole;
}

export interface Tenant {
  id: string;
  slug: string;
  name: string;
}

export interface LoginRequest {
  tenant: string;
  email: string;
  password: string;
}

export interface LoginResponse {
  user: User;
  tenant: Tenant;
  csrfToken: string;
}

export interface TenantSettings {
  recordingEnabled: boolean;
}

export interface Me {
  user: User;
  tenant: Tenant;
  /** `null` when the caller is authenticated by an API key rather than the login cookie. */
  csrfToken: string | null;
  settings: TenantSettings;
}

/** Error codes of the auth endpoints that the UI treats specially. */
export const authErrorCodes = {
  invalidCredentials: 'auth.invalid_credentials',
  rateLimited: 'auth.rate_limited',
  unauthenticated: 'auth.unauthenticated',
  validationFailed: 'validation_failed',
  /** Produced by the client: login succeeded but the next request was not signed in. */
  cookieRejected: 'client.session_cookie_rejected',
} as const;
