import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { bearer } from '../../test/factories';
import {
  addGroup,
  addOperator,
  addRule,
  createLiveTenant,
  operatorPost,
  pendingOffers,
  sessionRow,
  startChat,
  type LiveTenant,
} from '../../test/live-kit';
import { useTestApp } from '../../test/harness';
import { createServices } from '../../services';
import { invariantRepository } from './routing-invariant.repository';

/**
 * The engine's invariant: every live session is active with someone in it, offered with a pending
 * offer whose timer runs, waiting in a group's queue whose maximum wait runs, or closed. Timers are
 * fired here by calling their handlers (what the job queue does when their time comes), so no test
 * waits for a clock.
 */
describe('the live session invariant', async () => {
  const { app, services, config } = await useTestApp();

  /** Sessions of the tenant breaking the invariant right now (no grace for late timers). */
  async function broken(tenantId: string) {
    const rows = await invariantRepository.brokenLive(services.db, { graceSeconds: 0, limit: 1000 });
    return rows.filter((row) => row.tenant_id === tenantId);
  }

  /**
   * Runs the periodic check until a pass repairs nothing. One pass repairs at most 50 sessions of all
   * tenants, and the test database is shared with other test files that leave live sessions behind, so
   * a single pass may not reach this test's own.
   */
  async function repairAll(routing: typeof services.routing) {
    const repaired: Awaited<ReturnType<typeof routing.checkInvariant>> = [];
    for (let pass = 0; pass < 100; pass++) {
      const found = await routing.checkInvariant();
      if (found.length === 0) break;
      repaired.push(...found);
    }
    return repaired;
  }

  async function offerOf(tenantId: string, sessionId: string) {
    return services.db
      .selectFrom('session_offers')
      .select(['id', 'user_id'])
      .where('tenant_id', '=', tenantId)
      .where('session_id', '=', sessionId)
      .where('state', '=', 'pending')
      .executeTakeFirstOrThrow();
  }

  /** What the job queue does when an offer's accept timeout passes. */
  async function fireOfferTimer(tenantId: string, sessionId: string) {
    const offer = await offerOf(tenantId, sessionId);
    await services.routing.offerTimedOut({ tenantId, sessionId, offerId: offer.id });
  }

  async function routingEvents(tenantId: string, sessionId: string) {
    return services.db
      .selectFrom('routing_events')
      .select(['kind', 'group_id', 'user_id', 'data'])
      .where('tenant_id', '=', tenantId)
      .where('session_id', '=', sessionId)
      .orderBy('id')
      .execute();
  }

  const redirect = (tenant: LiveTenant, sessionId: string, payload: Record<string, unknown>) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/sessions/${sessionId}/redirect`,
      headers: bearer(tenant.admin),
      payload,
    });

  /** A session accepted by Jana of Support; Petr of Sales is online with free capacity. */
  async function acceptedSession(options: { maxWaitSeconds?: number } = {}) {
    const tenant = await createLiveTenant(services);
    const support = await addGroup(services, tenant.id, { name: 'Support' });
    const sales = await addGroup(services, tenant.id, {
      name: 'Sales',
      maxWaitSeconds: options.maxWaitSeconds ?? 600,
    });
    await addRule(services, tenant.id, { groupId: support, fallback: true });
    const jana = await addOperator(services, tenant, { groups: [{ id: support }], name: 'Jana' });
    const petr = await addOperator(services, tenant, { groups: [{ id: sales }], name: 'Petr' });
    const chat = await startChat(app, tenant.widgetKey);
    expect((await operatorPost(app, jana, `/sessions/${chat.sessionId}/accept`)).statusCode).toBe(200);
    return { tenant, support, sales, jana, petr, sessionId: chat.sessionId };
  }

  describe('redirect to an operator', () => {
    it('an offer that times out returns the session to the target’s group queue, said in the timeline', async () => {
      const { tenant, sales, petr, sessionId } = await acceptedSession();
      expect((await redirect(tenant, sessionId, { operatorId: petr.id })).statusCode).toBe(200);
      expect(await pendingOffers(services, tenant.id, sessionId)).toEqual([petr.id]);
      expect(await broken(tenant.id)).toEqual([]);

      await fireOfferTimer(tenant.id, sessionId);

      const session = await sessionRow(services, tenant.id, sessionId);
      expect(session).toMatchObject({ status: 'queued', group_id: sales });
      // Petr had his chance: not offered it again in this queue.
      expect(await pendingOffers(services, tenant.id, sessionId)).toEqual([]);
      const events = await routingEvents(tenant.id, sessionId);
      expect(events.slice(-3).map((event) => event.kind)).toEqual([
        'offered',
        'offer_timed_out',
        'entered_queue',
      ]);
      expect(events.at(-1)).toMatchObject({ group_id: sales, data: { reason: 'redirect_not_taken' } });
      expect(await broken(tenant.id)).toEqual([]);

      // The queue's maximum wait runs again: the session does not wait forever.
      const routing = await services.db
        .selectFrom('session_routing')
        .select(['episode', 'queued_at'])
        .where('tenant_id', '=', tenant.id)
        .where('session_id', '=', sessionId)
        .executeTakeFirstOrThrow();
      expect(routing.queued_at).not.toBeNull();
      const timer = await sql<{ count: number }>`
        SELECT count(*)::int AS count FROM pgboss.job
        WHERE name = 'routing.queue-timeout' AND data->>'sessionId' = ${sessionId}
          AND (data->>'episode')::int = ${routing.episode} AND state = 'created'`.execute(services.db);
      expect(timer.rows[0]?.count).toBe(1);
    });

    it('a decline hands the session to another member of the target’s group', async () => {
      const { tenant, sales, petr, sessionId } = await acceptedSession();
      const eva = await addOperator(services, tenant, { groups: [{ id: sales }], name: 'Eva' });
      await redirect(tenant, sessionId, { operatorId: petr.id });

      expect((await operatorPost(app, petr, `/sessions/${sessionId}/decline`)).statusCode).toBe(204);

      expect(await pendingOffers(services, tenant.id, sessionId)).toEqual([eva.id]);
      expect((await sessionRow(services, tenant.id, sessionId)).status).toBe('offered');
      expect(await broken(tenant.id)).toEqual([]);
    });

    it('the target going offline returns the session to a queue at once', async () => {
      const { tenant, sales, petr, sessionId } = await acceptedSession();
      await redirect(tenant, sessionId, { operatorId: petr.id });

      await services.routing.setOperatorState(tenant.id, petr.id, 'offline');

      expect(await sessionRow(services, tenant.id, sessionId)).toMatchObject({
        status: 'queued',
        group_id: sales,
      });
      expect(await broken(tenant.id)).toEqual([]);
    });

    it('a target in no group returns the session to the group it came from, where a colleague gets it', async () => {
      const { tenant, support, jana, sessionId } = await acceptedSession();
      const loner = await addOperator(services, tenant, { name: 'Loner' });
      await redirect(tenant, sessionId, { operatorId: loner.id });

      await fireOfferTimer(tenant.id, sessionId);

      expect(await sessionRow(services, tenant.id, sessionId)).toMatchObject({
        status: 'offered',
        group_id: support,
      });
      expect(await pendingOffers(services, tenant.id, sessionId)).toEqual([jana.id]);
      expect(await broken(tenant.id)).toEqual([]);
    });

    it('an accepted redirect leaves the session active with the target', async () => {
      const { tenant, petr, sessionId } = await acceptedSession();
      await redirect(tenant, sessionId, { operatorId: petr.id });
      expect((await operatorPost(app, petr, `/sessions/${sessionId}/accept`)).statusCode).toBe(200);
      expect((await sessionRow(services, tenant.id, sessionId)).status).toBe('active');
      expect(await broken(tenant.id)).toEqual([]);
    });
  });

  describe('redirect to a group', () => {
    it('follows the group’s strategy: a timeout moves the offer to the next member', async () => {
      const { tenant, sales, petr, sessionId } = await acceptedSession();
      const eva = await addOperator(services, tenant, { groups: [{ id: sales, priority: -1 }], name: 'Eva' });
      await redirect(tenant, sessionId, { groupId: sales });
      expect(await pendingOffers(services, tenant.id, sessionId)).toEqual([petr.id]);

      await fireOfferTimer(tenant.id, sessionId);

      expect(await pendingOffers(services, tenant.id, sessionId)).toEqual([eva.id]);
      expect(await broken(tenant.id)).toEqual([]);
      await fireOfferTimer(tenant.id, sessionId);
      expect(await sessionRow(services, tenant.id, sessionId)).toMatchObject({
        status: 'queued',
        group_id: sales,
      });
      expect(await broken(tenant.id)).toEqual([]);
    });
  });

  describe('the periodic check', () => {
    it('repairs a redirect whose offer timer was lost in a restart: the offer times out as it should have', async () => {
      const { tenant, sales, petr, sessionId } = await acceptedSession();
      await redirect(tenant, sessionId, { operatorId: petr.id });
      // The instance holding the timer died and the job is gone; the offer's time has long passed.
      await sql`DELETE FROM pgboss.job WHERE name = 'routing.offer-timeout' AND data->>'sessionId' = ${sessionId}`.execute(
        services.db,
      );
      await services.db
        .updateTable('session_offers')
        .set({ expires_at: sql<Date>`now() - interval '10 minutes'` })
        .where('tenant_id', '=', tenant.id)
        .where('session_id', '=', sessionId)
        .execute();
      expect(await broken(tenant.id)).toEqual([
        { tenant_id: tenant.id, session_id: sessionId, problem: 'offer_overdue' },
      ]);

      const repaired = await repairAll(services.routing);

      expect(repaired).toContainEqual({ tenantId: tenant.id, sessionId, problem: 'offer_overdue' });
      expect(await sessionRow(services, tenant.id, sessionId)).toMatchObject({
        status: 'queued',
        group_id: sales,
      });
      const events = await routingEvents(tenant.id, sessionId);
      expect(events.map((event) => event.kind)).toContain('offer_timed_out');
      expect(await broken(tenant.id)).toEqual([]);
    });

    it('repairs sessions broken on purpose and logs each as an error naming the session', async () => {
      const tenant = await createLiveTenant(services);
      const group = await addGroup(services, tenant.id, { maxWaitSeconds: 60 });
      await addRule(services, tenant.id, { groupId: group, fallback: true });
      const operator = await addOperator(services, tenant, { groups: [{ id: group }], capacity: 5 });

      // An active session whose operator vanished from it.
      const lonely = await startChat(app, tenant.widgetKey);
      await operatorPost(app, operator, `/sessions/${lonely.sessionId}/accept`);
      await services.db
        .updateTable('session_participants')
        .set({ left_at: sql<Date>`now()` })
        .where('tenant_id', '=', tenant.id)
        .where('session_id', '=', lonely.sessionId)
        .execute();
      // A queued session whose maximum wait passed while no timer ran.
      await services.routing.setOperatorState(tenant.id, operator.id, 'away');
      const stale = await startChat(app, tenant.widgetKey);
      await services.db
        .updateTable('session_routing')
        .set({ queued_at: sql<Date>`now() - interval '1 hour'` })
        .where('tenant_id', '=', tenant.id)
        .where('session_id', '=', stale.sessionId)
        .execute();
      // A live row written outside the engine (no routing row at all), "offered" to nobody.
      const orphan = await services.db
        .insertInto('sessions')
        .values({
          tenant_id: tenant.id,
          channel: 'webchat',
          source: 'widget',
          status: 'offered',
          group_id: group,
        })
        .returning('id')
        .executeTakeFirstOrThrow();

      expect((await broken(tenant.id)).map((row) => [row.session_id, row.problem]).sort()).toEqual(
        [
          [lonely.sessionId, 'nobody_in_session'],
          [stale.sessionId, 'wait_overdue'],
          [orphan.id, 'no_routing'],
        ].sort(),
      );

      // The check as another instance runs it, with a log this test reads.
      const logged: { details: object; message: string }[] = [];
      const instance = createServices(services.db, config, {
        log: {
          error: (details, message) => logged.push({ details, message }),
          warn: () => {},
          info: () => {},
        },
      });
      const repaired = await repairAll(instance.routing);
      expect(repaired.filter((row) => row.tenantId === tenant.id)).toHaveLength(3);

      expect(await broken(tenant.id)).toEqual([]);
      expect(await sessionRow(services, tenant.id, lonely.sessionId)).toMatchObject({ status: 'queued' });
      expect(await sessionRow(services, tenant.id, stale.sessionId)).toMatchObject({
        status: 'closed',
        end_reason: 'routing_failed',
      });
      expect((await sessionRow(services, tenant.id, orphan.id)).status).toBe('queued');
      for (const sessionId of [lonely.sessionId, stale.sessionId, orphan.id]) {
        expect(logged).toContainEqual({
          details: expect.objectContaining({ sessionId }) as object,
          message: expect.stringContaining(`live session ${sessionId} broke the routing invariant`) as string,
        });
      }
    });
  });
});
