import { expect } from 'vitest';
import { bearer } from '../factories';
import type { IsolationCases } from '../isolation-cases';

const line = (externalId: string, text: string) =>
  JSON.stringify({
    externalId,
    channel: 'webchat',
    source: 'widget',
    createdAt: '2025-03-01T09:15:00+01:00',
    endedAt: '2025-03-01T09:20:00+01:00',
    activities: [{ at: '2025-03-01T09:16:00+01:00', from: 'client', type: 'message', text }],
  });

/** Tenant isolation of the import route. */
export const importIsolationCases: IsolationCases = {
  'POST /api/v1/imports': async ({ app, services, a, b }) => {
    // Tenant B already holds a session with the external id tenant A's file uses.
    await services.imports.importNdjson(
      { tenantId: b.id, actor: { tenantId: b.id, userId: b.admin.id, apiKeyId: null } },
      [line('shared-1', 'patří tenantovi B')],
    );
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { ...bearer(a.admin), 'content-type': 'application/x-ndjson' },
      payload: `${line('shared-1', 'patří tenantovi A')}\n`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ created: 1, updated: 0 });
    const bSessions = await services.db
      .selectFrom('sessions')
      .innerJoin('activities', (join) =>
        join
          .onRef('activities.tenant_id', '=', 'sessions.tenant_id')
          .onRef('activities.session_id', '=', 'sessions.id'),
      )
      .select(['activities.text'])
      .where('sessions.tenant_id', '=', b.id)
      .execute();
    expect(bSessions.map((row) => row.text)).toEqual(['patří tenantovi B']);
    const aSessions = await services.db
      .selectFrom('sessions')
      .select('id')
      .where('tenant_id', '=', a.id)
      .where('external_id', '=', 'shared-1')
      .execute();
    expect(aSessions).toHaveLength(1);
  },
};
