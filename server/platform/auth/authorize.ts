import type { FastifyRequest, RouteOptions } from 'fastify';
import { AppError, forbidden } from '../errors';
import type { Authenticator } from './authenticator';
import type { Principal } from './principal';

export const SESSION_COOKIE = 'sd_session';
export const CSRF_HEADER = 'x-csrf-token';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Fails at start-up when an API route forgets to say who may call it. */
export function assertRouteDeclaresAccess(route: RouteOptions): void {
  if (!route.url.startsWith('/api/v1')) return;
  if (route.config?.access === undefined) {
    throw new Error(`Route ${String(route.method)} ${route.url} must declare config.access`);
  }
}

/**
 * The one authorisation step every route goes through (an onRequest hook, before the body is read):
 * authenticate by API key or login cookie, check the route's roles, and require the CSRF token on
 * cookie-authenticated changes.
 */
export function authorizeRequest(auth: Authenticator) {
  return async (request: FastifyRequest): Promise<void> => {
    request.principal = null;
    const access = request.routeOptions.config.access;
    if (access === undefined) return;

    const principal = await authenticate(auth, request);
    if (access === 'public') {
      request.principal = principal ?? null;
      return;
    }
    if (!principal)
      throw new AppError(
        'auth.unauthenticated',
        'Sign in, or send a valid API key as "Authorization: Bearer …".',
      );
    if (!access.includes(principal.role))
      throw forbidden(`This needs the role ${access.join(' or ')}; you are ${principal.role}.`);
    if (principal.via === 'cookie' && !SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || sent !== principal.csrfToken) {
        throw new AppError(
          'auth.csrf_failed',
          `Changes made with the login cookie must send the ${CSRF_HEADER} header from /api/v1/me.`,
        );
      }
    }
    request.principal = principal;
  };
}

async function authenticate(auth: Authenticator, request: FastifyRequest): Promise<Principal | undefined> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    const principal = token ? await auth.authenticateApiKey(token) : undefined;
    if (!principal)
      throw new AppError('auth.unauthenticated', 'The API key is malformed, unknown or revoked.');
    return principal;
  }
  const cookie = request.cookies[SESSION_COOKIE];
  return cookie ? auth.authenticateCookie(cookie) : undefined;
}

/** The caller of a route that is not public; the hook guarantees it is set. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('auth.unauthenticated', 'Sign in first.');
  return request.principal;
}
