import { expect } from 'vitest';
import { bearer } from '../factories';
import type { IsolationCases } from '../isolation-cases';
import { equipTenant, pendingOffers, sessionRow, startChat } from '../live-kit';

/** Tenant isolation of redirect and the routing timeline. */
export const routingIsolationCases: IsolationCases = {
  'GET /api/v1/sessions/:id/routing': async ({ app, services, a, b }) => {
    await equipTenant(services, a);
    const bSetup = await equipTenant(services, b);
    const bChat = await startChat(app, bSetup.widgetKey);
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/sessions/${bChat.sessionId}/routing`,
      headers: bearer(a.admin),
    });
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain(bSetup.operator.id);
  },

  'POST /api/v1/sessions/:id/redirect': async ({ app, services, a, b }) => {
    const aSetup = await equipTenant(services, a);
    const bSetup = await equipTenant(services, b);
    const aChat = await startChat(app, aSetup.widgetKey);
    const bChat = await startChat(app, bSetup.widgetKey);

    // A's manager cannot move B's session, nor send A's session to B's operator or group.
    const attempts = [
      { sessionId: bChat.sessionId, payload: { groupId: aSetup.group } },
      { sessionId: aChat.sessionId, payload: { operatorId: bSetup.operator.id } },
      { sessionId: aChat.sessionId, payload: { groupId: bSetup.group } },
    ];
    for (const attempt of attempts) {
      const response = await app.inject({
        method: 'POST',
        url: `/api/v1/sessions/${attempt.sessionId}/redirect`,
        headers: bearer(a.admin),
        payload: attempt.payload,
      });
      expect(response.statusCode).toBe(404);
    }
    expect((await sessionRow(services, b.id, bChat.sessionId)).status).toBe('offered');
    expect(await pendingOffers(services, b.id, bChat.sessionId)).toEqual([bSetup.operator.id]);
    expect(await pendingOffers(services, a.id, aChat.sessionId)).toEqual([aSetup.operator.id]);
  },
};
