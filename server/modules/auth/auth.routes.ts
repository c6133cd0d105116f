import { z } from 'zod';
import type { Config } from '../../config';
import { ANY_ROLE } from '../../platform/auth/principal';
import { principalOf, SESSION_COOKIE } from '../../platform/auth/authorize';
import type { App } from '../../platform/http/types';
import { errorResponses, errorSchema } from '../../platform/http/schemas';
import { roles } from '../../../common/roles';
import type { Services } from '../../services';

const userSchema = z.object({
  id: z.string().nullable(),
  email: z.string().nullable(),
  name: z.string(),
  role: z.enum(roles),
});
const tenantSchema = z.object({ id: z.string(), slug: z.string(), name: z.string() });

export function authRoutes(
  app: App,
  services: Services,
  config: Pick<Config, 'cookieSecure' | 'sessionTtlHours'>,
): void {
  app.post(
    '/api/v1/auth/login',
    {
      config: { access: 'public' },
      bodyLimit: 16 * 1024,
      schema: {
        tags: ['auth'],
        summary: 'Sign in with a password; sets the HttpOnly login cookie',
        body: z.object({
          tenant: z.string().trim().min(1).max(63).describe('The workspace (tenant slug)'),
          email: z.string().trim().min(1).max(320),
          password: z.string().min(1).max(200),
        }),
        response: {
          200: z.object({ user: userSchema, tenant: tenantSchema, csrfToken: z.string() }),
          ...errorResponses,
          429: errorSchema,
        },
      },
    },
    async (request, reply) => {
      const result = await services.auth.login({
        ...request.body,
        ip: request.ip,
        userAgent: request.headers['user-agent']?.slice(0, 500) ?? null,
      });
      void reply.setCookie(SESSION_COOKIE, result.cookieValue, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: config.cookieSecure,
        maxAge: config.sessionTtlHours * 3600,
      });
      return { user: result.user, tenant: result.tenant, csrfToken: result.csrfToken };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['auth'],
        summary: 'Sign out: ends the login session and clears the cookie',
        response: { 204: z.null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await services.auth.logout(principalOf(request));
      void reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/api/v1/me',
    {
      config: { access: ANY_ROLE },
      schema: {
        tags: ['auth'],
        summary: 'Who is calling: user, tenant, CSRF token for cookie sessions, tenant settings the UI needs',
        response: {
          200: z.object({
            user: userSchema,
            tenant: tenantSchema,
            csrfToken: z.string().nullable(),
            settings: z.object({
              recordingAv: z.boolean(),
              recordingPhone: z.boolean(),
              operatorsMayBan: z.boolean(),
              timeZone: z.string(),
            }),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => services.auth.me(principalOf(request)),
  );
}
