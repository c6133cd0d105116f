// The auth contract (POST /api/v1/auth/login, GET /api/v1/me), generated from the OpenAPI document.
import type { ApiRequestBody, ApiResponse } from '../../lib/api-schema';

export type LoginRequest = ApiRequestBody<'/api/v1/auth/login', 'post'>;
export type LoginResponse = ApiResponse<'/api/v1/auth/login', 'post'>;
export type Me = ApiResponse<'/api/v1/me', 'get'>;
export type User = Me['user'];
export type UserRole = User['role'];
export type Tenant = Me['tenant'];
export type TenantSettings = Me['settings'];

/** Error codes of the auth endpoints that the UI treats specially. */
export const authErrorCodes = {
  invalidCredentials: 'auth.invalid_credentials',
  rateLimited: 'auth.rate_limited',
  unauthenticated: 'auth.unauthenticated',
  validationFailed: 'validation_failed',
  /** Produced by the client: login succeeded but the next request was not signed in. */
  cookieRejected: 'client.session_cookie_rejected',
} as const;
