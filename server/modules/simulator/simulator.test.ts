import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createTenant } from '../../test/factories';
import { invariantRepository } from '../routing/routing-invariant.repository';
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

  it('keeps every live session in a defined place and no operator over capacity at a compressed demo rate', async () => {
    // Thirty minutes of the demo (a chat every 30 s, declines, breaks) compressed into ~10 seconds.
    const tenant = await createTenant(services);
    const setup = await prepareSimulation(services.db, tenant.slug, { operators: 3 });
    await services.db
      .updateTable('users')
      .set({ capacity: 2 })
      .where('tenant_id', '=', tenant.id)
      .where('role', '=', 'operator')
      .execute();
    const simulation = startSimulation({
      baseUrl: `http://127.0.0.1:${port}`,
      widgetKey: setup.widgetKey,
      operators: setup.operators,
      ratePerSecond: 6,
      durationSeconds: 10,
      warmupSessions: 6,
      pace: { ...FAST_PACE, declineShare: 0.2, breakShare: 0.2, clientLeavesShare: 0.5 },
    });
    const violations: string[] = [];
    const inspect = async () => {
      const broken = await invariantRepository.brokenLive(services.db, { graceSeconds: 0, limit: 100 });
      for (const row of broken.filter((item) => item.tenant_id === tenant.id)) {
        violations.push(`session ${row.session_id}: ${row.problem}`);
      }
      const overloaded = await sql<{ id: string; load: number; capacity: number }>`
        SELECT u.id, u.capacity,
          (SELECT count(*) FROM session_participants p JOIN sessions s ON s.tenant_id = p.tenant_id AND s.id = p.session_id
            WHERE p.tenant_id = u.tenant_id AND p.user_id = u.id AND p.left_at IS NULL AND s.status <> 'closed')
          + (SELECT count(*) FROM session_offers o WHERE o.tenant_id = u.tenant_id AND o.user_id = u.id AND o.state = 'pending')
          AS load
        FROM users u WHERE u.tenant_id = ${tenant.id} AND u.role = 'operator'`.execute(services.db);
      for (const row of overloaded.rows.filter((item) => Number(item.load) > item.capacity)) {
        violations.push(`operator ${row.id}: ${row.load} of ${row.capacity}`);
      }
    };
    try {
      const until = Date.now() + 12_000;
      while (Date.now() < until) {
        await inspect();
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    } finally {
      await simulation.stop();
      await setup.release();
    }
    await inspect();
    expect(violations).toEqual([]);
    expect(simulation.stats.started).toBeGreaterThanOrEqual(30);
    expect(simulation.stats.accepted).toBeGreaterThanOrEqual(5);
    const results = await services.db
      .selectFrom('sessions')
      .select('result')
      .where('tenant_id', '=', tenant.id)
      .where('result', 'is not', null)
      .execute();
    expect(results.length).toBeGreaterThan(0);
  });
});
