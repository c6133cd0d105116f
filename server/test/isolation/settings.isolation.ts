import { expect } from 'vitest';
import { bearer } from '../factories';
import type { IsolationCases } from '../isolation-cases';

/** Tenant isolation of the settings routes. */
export const settingsIsolationCases: IsolationCases = {
  'GET /api/v1/settings': async ({ app, services, a, b }) => {
    await services.settings.update(b.id, { timeZone: 'Asia/Tokyo' });
    const response = await app.inject({ method: 'GET', url: '/api/v1/settings', headers: bearer(a.admin) });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ timeZone: 'Europe/Prague' });
  },

  'PATCH /api/v1/settings': async ({ app, services, a, b }) => {
    const response = await app.inject({
      method: 'PATCH',
      url: '/api/v1/settings',
      headers: bearer(a.admin),
      payload: { recordingAv: true },
    });
    expect(response.statusCode).toBe(200);
    expect((await services.settings.get(a.id)).recordingAv).toBe(true);
    expect((await services.settings.get(b.id)).recordingAv).toBe(false);
  },
};
