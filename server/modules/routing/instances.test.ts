import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import {
  addGroup,
  addOperator,
  addRule,
  createLiveTenant,
  eventually,
  operatorPost,
  pendingOffers,
  startChat,
} from '../../test/live-kit';
import { startTestApp, type TestInstance } from '../../test/harness';

/** Sessions of the tenant offered to more than one operator at once, and operators over capacity. */
async function violations(instance: TestInstance, tenantId: string) {
  const doubled = await sql<{ session_id: string }>`
    SELECT session_id FROM session_offers WHERE tenant_id = ${tenantId} AND state = 'pending'
    GROUP BY session_id HAVING count(*) > 1`.execute(instance.services.db);
  const overloaded = await sql<{ id: string }>`
    SELECT u.id FROM users u WHERE u.tenant_id = ${tenantId} AND u.capacity <
      (SELECT count(*) FROM session_offers o WHERE o.tenant_id = u.tenant_id AND o.user_id = u.id AND o.state = 'pending')
      + (SELECT count(*) FROM session_participants p JOIN sessions s ON s.tenant_id = p.tenant_id AND s.id = p.session_id
         WHERE p.tenant_id = u.tenant_id AND p.user_id = u.id AND p.left_at IS NULL AND s.status = 'active')`.execute(
    instance.services.db,
  );
  return {
    doubled: doubled.rows.map((row) => row.session_id),
    overloaded: overloaded.rows.map((row) => row.id),
  };
}

describe('two server instances on one database', async () => {
  const a = await startTestApp({ live: { sweepIntervalMs: 500 } });
  const b = await startTestApp({ live: { sweepIntervalMs: 500 } });
  afterAll(async () => {
    await a.stop();
    await b.stop();
  });

  it('never offer one session twice at once nor overload an operator while both route concurrently', async () => {
    const tenant = await createLiveTenant(a.services);
    const group = await addGroup(a.services, tenant.id, { acceptTimeoutSeconds: 1, queueSize: 100 });
    await addRule(a.services, tenant.id, { groupId: group, fallback: true });
    const operators = await Promise.all(
      [1, 2, 3, 4, 5].map((priority) =>
        addOperator(a.services, tenant, { groups: [{ id: group, priority }], capacity: 2 }),
      ),
    );

    const chats = await Promise.all(
      Array.from({ length: 24 }, (_, index) => startChat(index % 2 === 0 ? a.app : b.app, tenant.widgetKey)),
    );
    expect(await violations(a, tenant.id)).toEqual({ doubled: [], overloaded: [] });

    // Operators answer through both instances at once: some decline, some accept, the rest time out.
    for (let round = 0; round < 3; round += 1) {
      await Promise.all(
        operators.map(async (operator, index) => {
          const offers = await a.services.db
            .selectFrom('session_offers')
            .select('session_id')
            .where('tenant_id', '=', tenant.id)
            .where('user_id', '=', operator.id)
            .where('state', '=', 'pending')
            .execute();
          for (const offer of offers) {
            const app = (index + round) % 2 === 0 ? a.app : b.app;
            const action = (index + round) % 3 === 0 ? 'accept' : 'decline';
            await operatorPost(app, operator, `/sessions/${offer.session_id}/${action}`);
          }
        }),
      );
      expect(await violations(a, tenant.id)).toEqual({ doubled: [], overloaded: [] });
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(await violations(a, tenant.id)).toEqual({ doubled: [], overloaded: [] });
    }

    // Every session is accounted for: accepted, waiting with an offer, or waiting with nobody free.
    for (const chat of chats) {
      const row = await a.services.db
        .selectFrom('sessions')
        .select('status')
        .where('tenant_id', '=', tenant.id)
        .where('id', '=', chat.sessionId)
        .executeTakeFirstOrThrow();
      expect(['queued', 'offered', 'active']).toContain(row.status);
    }
  });

  it('fires the timers of a stopped instance on the other one and forgets no waiting session', async () => {
    const c = await startTestApp({ live: { sweepIntervalMs: 60_000 } });
    const tenant = await createLiveTenant(c.services);
    const group = await addGroup(c.services, tenant.id, { acceptTimeoutSeconds: 1 });
    await addRule(c.services, tenant.id, { groupId: group, fallback: true });
    const first = await addOperator(c.services, tenant, { groups: [{ id: group, priority: 2 }] });
    const second = await addOperator(c.services, tenant, { groups: [{ id: group, priority: 1 }] });
    const chat = await startChat(c.app, tenant.widgetKey);
    expect(await pendingOffers(c.services, tenant.id, chat.sessionId)).toEqual([first.id]);

    // Instance c goes away with its offer timer still pending; a and b fire it.
    await c.stop();
    await eventually(async () => {
      expect(await pendingOffers(a.services, tenant.id, chat.sessionId)).toEqual([second.id]);
    });

    // A session committed as waiting whose dispatch never ran (the instance died right after the
    // commit) is found by the sweep and offered.
    await a.services.db
      .updateTable('users')
      .set({ state: 'online' })
      .where('tenant_id', '=', tenant.id)
      .execute();
    const orphan = await a.services.db
      .insertInto('sessions')
      .values({
        tenant_id: tenant.id,
        channel: 'webchat',
        source: 'widget',
        status: 'queued',
        group_id: group,
        end_reason: sql`NULL`,
        client_left: sql`NULL`,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await a.services.db
      .insertInto('session_routing')
      .values({
        tenant_id: tenant.id,
        session_id: orphan.id,
        group_id: group,
        queued_at: new Date(),
        episode: 1,
      })
      .execute();
    await eventually(async () => {
      expect(await pendingOffers(a.services, tenant.id, orphan.id)).toHaveLength(1);
    }, 15_000);
  });
});
