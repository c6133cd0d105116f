import { describe, expect, it } from 'vitest';
import { createTenant, createUser } from '../../test/factories';
import { useTestApp } from '../../test/harness';
import { isolationCases } from '../../test/isolation-cases';

/** Fills path parameters with a well-formed id so the request reaches the authorisation step. */
function concreteUrl(url: string): string {
  return url.replace(/:[A-Za-z]+/g, '1');
}

describe('access to every API route', async () => {
  const { app, services } = await useTestApp();
  const routes = app.apiRoutes;

  it('knows the routes', () => {
    expect(routes.length).toBeGreaterThan(3);
  });

  it.each(
    routes
      .filter((route) => route.access !== 'public')
      .map((route) => [`${route.method} ${route.url}`, route] as const),
  )('%s refuses a caller without credentials', async (_name, route) => {
    const response = await app.inject({ method: route.method as 'GET', url: concreteUrl(route.url) });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'auth.unauthenticated' });
  });

  const restricted = routes.filter(
    (route) => route.access !== 'public' && !route.access.includes('operator'),
  );
  it.each(restricted.map((route) => [`${route.method} ${route.url}`, route] as const))(
    '%s refuses an operator',
    async (_name, route) => {
      const tenant = await createTenant(services);
      const operator = await createUser(services, tenant.slug, 'operator');
      const response = await app.inject({
        method: route.method as 'GET',
        url: concreteUrl(route.url),
        headers: { authorization: `Bearer ${operator.apiKey}` },
      });
      expect(response.statusCode).toBe(403);
      expect(response.json()).toMatchObject({ code: 'auth.forbidden' });
    },
  );

  it.each(routes.map((route) => [`${route.method} ${route.url}`] as const))(
    "%s cannot read or change another tenant's data",
    async (name) => {
      const check = isolationCases[name];
      expect(check, `add an isolation case for ${name} in server/test/isolation-cases.ts`).toBeDefined();
      const a = await createTenant(services, 'Tenant A');
      const b = await createTenant(services, 'Tenant B');
      await check?.({ app, services, a, b });
    },
  );
});
