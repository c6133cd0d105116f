import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { staticColumns } from '../../../common/columns';
import { bearer, createTenant, type TestTenant } from '../../test/factories';
import { useTestApp } from '../../test/harness';
import { buildFixture, insertSession, type Fixture } from '../../test/session-fixtures';

const { app, services } = await useTestApp();
const valueColumns = staticColumns.filter((column) => column.filter === 'values').map((column) => column.id);

describe('facet rollups', () => {
  let tenant: TestTenant;
  let fixture: Fixture;
  const facet = async (column: string, query: Record<string, string> = {}) => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/sessions/facets/${column}`,
      query: { limit: '500', ...query },
      headers: bearer(tenant.admin),
    });
    expect(response.statusCode).toBe(200);
    return response.json<{ values: { value: string; label: string; count: number }[] }>().values;
  };
  type Values = Awaited<ReturnType<typeof facet>>;
  const everyFacet = async (): Promise<Record<string, Values>> =>
    Object.fromEntries(await Promise.all(valueColumns.map(async (c) => [c, await facet(c)] as const)));
  const dropRollups = () =>
    sql`DELETE FROM facet_rollups WHERE tenant_id = ${tenant.id}`.execute(services.db);

  beforeAll(async () => {
    tenant = await createTenant(services);
    fixture = await buildFixture(services, tenant, 60, 23);
  });

  it('gives the same counts from a rollup plus the sessions closed since as from counting', async () => {
    const counted = await everyFacet();
    await services.sessions.refreshFacetRollups(tenant.id);
    expect(await everyFacet()).toEqual(counted);

    // Closed after the rollup's moment: counted live and added to the rollup's counts.
    const operator = fixture.operators[0]!;
    for (const channel of ['whatsapp', 'whatsapp', 'phone'] as const) {
      await insertSession(services, tenant.id, {
        channel,
        createdAt: new Date(),
        operatorIds: [operator.id],
        tags: ['po-rollupu'],
        language: 'sk',
      });
    }
    const withRollup = await everyFacet();
    await dropRollups();
    expect(withRollup).toEqual(await everyFacet());
    expect(withRollup.tags).toContainEqual(expect.objectContaining({ value: 'po-rollupu', count: 3 }));
  });

  it('uses the rollup only while no write has voided it, and never for filtered lists', async () => {
    await services.sessions.refreshFacetRollups(tenant.id);
    const live = await facet('channel');
    // A visibly wrong rollup proves which counts the answer comes from.
    await sql`UPDATE facet_rollups SET counts = '[{"value": "webchat", "count": 999999}]'
              WHERE tenant_id = ${tenant.id} AND column_id = 'channel'`.execute(services.db);
    expect(await facet('channel')).toContainEqual(
      expect.objectContaining({ value: 'webchat', count: 999999 }),
    );
    // Filtered, searched or Live lists count the sessions themselves.
    expect(await facet('channel', { status: 'closed' })).toEqual(live);
    expect(await facet('channel', { q: 'faktura' })).not.toContainEqual(
      expect.objectContaining({ count: 999999 }),
    );
    // An import (which may write sessions closed long ago) moves the epoch: the rollup is void.
    const summary = await services.imports.importNdjson(
      { tenantId: tenant.id, actor: { tenantId: tenant.id, userId: null, apiKeyId: null } },
      [
        `${JSON.stringify({
          externalId: 'old-1',
          channel: 'apple',
          source: 'api',
          status: 'closed',
          createdAt: '2020-01-01T10:00:00Z',
          endedAt: '2020-01-01T10:05:00Z',
        })}\n`,
      ],
    );
    expect(summary.created).toBe(1);
    const afterImport = await facet('channel');
    expect(afterImport).not.toContainEqual(expect.objectContaining({ count: 999999 }));
    expect(afterImport).toContainEqual(expect.objectContaining({ value: 'apple', count: 1 }));
    await dropRollups();
    expect(await facet('channel')).toEqual(afterImport);
  });
});
