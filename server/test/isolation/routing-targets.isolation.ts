import { expect } from 'vitest';
import { bearer } from '../factories';
import type { IsolationCases } from '../isolation-cases';
import { equipTenant } from '../live-kit';

/** Tenant isolation of the redirect picker's targets. */
export const routingTargetsIsolationCases: IsolationCases = {
  'GET /api/v1/routing/targets': async ({ app, services, a, b }) => {
    const aSetup = await equipTenant(services, a);
    const bSetup = await equipTenant(services, b);
    const response = await app.inject({
      method: 'GET',
      url: '/api/v1/routing/targets',
      headers: bearer(a.admin),
    });
    expect(response.statusCode).toBe(200);
    const body = response.json<{ operators: { id: string }[]; groups: { id: string }[] }>();
    expect(body.operators.map((row) => row.id)).toContain(aSetup.operator.id);
    expect(body.groups.map((row) => row.id)).toEqual([aSetup.group]);
    expect(response.body).not.toContain(`"${bSetup.operator.id}"`);
    expect(response.body).not.toContain(`"${bSetup.group}"`);
  },
};
