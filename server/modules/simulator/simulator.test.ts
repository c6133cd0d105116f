import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createTenant } from '../../test/factories';
import { eventually } from '../../test/live-kit';
import { useTestApp } from '../../test/harness';
import { FAST_PACE } from './simulator.cli';
import { prepareSimulation } from './simulator-setup';
import { startSimulation } from './simulator';

describe('traffic simulator', async () => {
  const { app, services } = await useTestApp({ live: {} });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;

  it('drives clients and operators through the public APIs of an empty tenant', async () => {
    const tenant = await createTenant(services);
    const setup = await prepareSimulation(services.db, tenant.slug, { operators: 2 });
    expect(setup.operators).toHaveLength(2);
    const simulation = startSimulation({
      baseUrl: `http://127.0.0.1:${port}`,
      widgetKey: setup.widgetKey,
      operators: setup.operators,
      ratePerSecond: 4,
      durationSeconds: 1.5,
      pace: { ...FAST_PACE, declineShare: 0 },
    });
    try {
      await eventually(async () => {
        expect(simulation.stats.accepted).toBeGreaterThanOrEqual(3);
        expect(simulation.stats.operatorMessages).toBeGreaterThanOrEqual(3);
        expect(simulation.stats.clientMessages).toBeGreaterThanOrEqual(3);
      }, 15_000);
    } finally {
      await simulation.stop();
      await setup.release();
    }
    const sessions = await services.db
      .selectFrom('sessions')
      .select(['status', 'operator_ids', 'message_count'])
      .where('tenant_id', '=', tenant.id)
      .execute();
    expect(sessions.length).toBeGreaterThanOrEqual(3);
    expect(sessions.some((session) => session.operator_ids.length > 0 && session.message_count >= 2)).toBe(
      true,
    );
    // The run's keys are revoked and its operators are offline again.
    const keys = await services.db
      .selectFrom('api_keys')
      .select('revoked_at')
      .where('tenant_id', '=', tenant.id)
      .where('name', 'like', 'Simulator%')
      .execute();
    expect(keys.every((key) => key.revoked_at !== null)).toBe(true);
    const states = await services.db
      .selectFrom('users')
      .select('state')
      .where('tenant_id', '=', tenant.id)
      .where('role', '=', 'operator')
      .execute();
    expect(states.every((user) => user.state === 'offline')).toBe(true);
  });
});
