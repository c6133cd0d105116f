import { describe, expect, it } from 'vitest';
import { bearer } from '../../test/factories';
import {
  addGroup,
  addOperator,
  addRule,
  clientHeaders,
  createLiveTenant,
  eventually,
  operatorPost,
  pendingOffers,
  routingKinds,
  sessionRow,
  startChat,
} from '../../test/live-kit';
import { useTestApp } from '../../test/harness';

describe('routing engine', async () => {
  const { app, services } = await useTestApp({ live: {} });

  describe('utilisation strategy', () => {
    it('offers a new session to the online operator with the highest priority and free capacity', async () => {
      const tenant = await createLiveTenant(services);
      const group = await addGroup(services, tenant.id);
      await addRule(services, tenant.id, { groupId: group, fallback: true });
      const low = await addOperator(services, tenant, { groups: [{ id: group, priority: 1 }] });
      const high = await addOperator(services, tenant, { groups: [{ id: group, priority: 5 }] });
      await addOperator(services, tenant, { groups: [{ id: group, priority: 9 }], state: 'away' });
      await addOperator(services, tenant, { groups: [{ id: group, priority: 9 }], capacity: 0 });

      const chat = await startChat(app, tenant.widgetKey);

      expect(chat.status).toBe('offered');
      expect(await pendingOffers(services, tenant.id, chat.sessionId)).toEqual([high.id]);
      expect(await routingKinds(services, tenant.id, chat.sessionId)).toEqual([
        'rule_matched',
        'entered_queue',
        'offered',
      ]);
      void low;
    });

    it('offers the next operator after a decline and never the one who declined', async () => {
      const tenant = await createLiveTenant(services);
      const group = await addGroup(services, tenant.id);
      await addRule(services, tenant.id, { groupId: group, fallback: true });
      const first = await addOperator(services, tenant, { groups: [{ id: group, priority: 2 }] });
      const second = await addOperator(services, tenant, { groups: [{ id: group, priority: 1 }] });
      const chat = await startChat(app, tenant.widgetKey);

      const declined = await operatorPost(app, first, `/sessions/${chat.sessionId}/decline`);
      expect(declined.statusCode).toBe(204);
      expect(await pendingOffers(services, tenant.id, chat.sessionId)).toEqual([second.id]);

      await operatorPost(app, second, `/sessions/${chat.sessionId}/decline`);
      expect(await pendingOffers(services, tenant.id, chat.sessionId)).toEqual([]);
      expect((await sessionRow(services, tenant.id, chat.sessionId)).status).toBe('queued');
      expect(await routingKinds(services, tenant.id, chat.sessionId)).toEqual([
        'rule_matched',
        'entered_queue',
        'offered',
        'offer_declined',
        'offered',
        'offer_declined',
      ]);
    });

    it('moves an unanswered offer to the next operator after the accept timeout', async () => {
      const tenant = await createLiveTenant(services);
      const group = await addGroup(services, tenant.id, { acceptTimeoutSeconds: 1 });
      await addRule(services, tenant.id, { groupId: group, fallback: true });
      const first = await addOperator(services, tenant, { groups: [{ id: group, priority: 2 }] });
      const second = await addOperator(services, tenant, { groups: [{ id: group, priority: 1 }] });
      const chat = await startChat(app, tenant.widgetKey);
      expect(await pendingOffers(services, tenant.id, chat.sessionId)).toEqual([first.id]);

      await eventually(async () => {
        expect(await pendingOffers(services, tenant.id, chat.sessionId)).toEqual([second.id]);
      });
      const timeline = await app.inject({
        method: 'GET',
        url: `/api/v1/sessions/${chat.sessionId}/routing`,
        headers: bearer(tenant.admin),
      });
      const body = timeline.json<{ events: { kind: string; user: { id: string } | null }[] }>();
      expect(body.events.map((event) => event.kind)).toContain('offer_timed_out');
      expect(body.events.find((event) => event.kind === 'offer_timed_out')?.user?.id).toBe(first.id);
    });

    it('never offers an operator more sessions than their capacity', async () => {
      const tenant = await createLiveTenant(services);
      const group = await addGroup(services, tenant.id);
      await addRule(services, tenant.id, { groupId: group, fallback: true });
      const operator = await addOperator(services, tenant, { groups: [{ id: group }], capacity: 1 });
      const one = await startChat(app, tenant.widgetKey);
      const two = await startChat(app, tenant.widgetKey);
      expect(await pendingOffers(services, tenant.id, one.sessionId)).toEqual([operator.id]);
      expect(two.status).toBe('queued');

      // Accepting keeps the capacity used; ending frees it and the waiting session is offered.
      expect((await operatorPost(app, operator, `/sessions/${one.sessionId}/accept`)).statusCode).toBe(200);
      expect(await pendingOffers(services, tenant.id, two.sessionId)).toEqual([]);
      expect((await operatorPost(app, operator, `/sessions/${one.sessionId}/end`)).statusCode).toBe(200);
      expect(await pendingOffers(services, tenant.id, two.sessionId)).toEqual([operator.id]);
    });

    it('refuses a session when the group queue is full', async () => {
      const tenant = await createLiveTenant(services);
      const group = await addGroup(services, tenant.id, { queueSize: 1 });
      await addRule(services, tenant.id, { groupId: group, fallback: true });
      const first = await startChat(app, tenant.widgetKey);
      const second = await startChat(app, tenant.widgetKey);
      expect(first.status).toBe('queued');
      expect(second).toMatchObject({ status: 'closed', endReason: 'routing_failed' });
      expect(await routingKinds(services, tenant.id, second.sessionId)).toEqual([
        'rule_matched',
        'routing_failed',
        'ended',
      ]);
    });
  });

  describe('whole group strategy', () => {
    it('offers to every online member with capacity at once; the first accept wins', async () => {
      const tenant = await createLiveTenant(services);
      const group = await addGroup(services, tenant.id, { strategy: 'whole_group' });
      await addRule(services, tenant.id, { groupId: group, fallback: true });
      const a = await addOperator(services, tenant, { groups: [{ id: group }] });
      const b = await addOperator(services, tenant, { groups: [{ id: group }] });
      await addOperator(services, tenant, { groups: [{ id: group }], state: 'break' });
      const chat = await startChat(app, tenant.widgetKey);
      expect(await pendingOffers(services, tenant.id, chat.sessionId)).toEqual([a.id, b.id].sort());

      const [first, second] = await Promise.all([
        operatorPost(app, b, `/sessions/${chat.sessionId}/accept`),
        operatorPost(app, a, `/sessions/${chat.sessionId}/accept`),
      ]);
      const codes = [first.statusCode, second.statusCode].sort();
      expect(codes).toEqual([200, 409]);
      const loser = first.statusCode === 409 ? first : second;
      expect(loser.json()).toMatchObject({ code: 'live.no_offer' });
      const session = await sessionRow(services, tenant.id, chat.sessionId);
      expect(session.status).toBe('active');
      expect(session.operator_ids).toHaveLength(1);
      expect(session.accepted_at).not.toBeNull();
      expect(session.waiting_seconds).toBeGreaterThanOrEqual(0);
      expect(await pendingOffers(services, tenant.id, chat.sessionId)).toEqual([]);
    });

    it('moves a session to the next group after the maximum wait', async () => {
      const tenant = await createLiveTenant(services);
      const next = await addGroup(services, tenant.id);
      const group = await addGroup(services, tenant.id, {
        strategy: 'whole_group',
        maxWaitSeconds: 1,
        nextGroupId: next,
      });
      await addRule(services, tenant.id, { groupId: group, fallback: true });
      const waiting = await addOperator(services, tenant, { groups: [{ id: group }] });
      const rescuer = await addOperator(services, tenant, { groups: [{ id: next }] });
      const chat = await startChat(app, tenant.widgetKey);
      expect(await pendingOffers(services, tenant.id, chat.sessionId)).toEqual([waiting.id]);

      await eventually(async () => {
        expect(await pendingOffers(services, tenant.id, chat.sessionId)).toEqual([rescuer.id]);
      });
      expect((await sessionRow(services, tenant.id, chat.sessionId)).group_id).toBe(next);
      expect(await routingKinds(services, tenant.id, chat.sessionId)).toContain('queue_timeout');
    });

    it('ends a session with routing_failed when the maximum wait passes and no group follows', async () => {
      const tenant = await createLiveTenant(services);
      const group = await addGroup(services, tenant.id, { strategy: 'whole_group', maxWaitSeconds: 1 });
      await addRule(services, tenant.id, { groupId: group, fallback: true });
      const chat = await startChat(app, tenant.widgetKey);
      await eventually(async () => {
        const session = await sessionRow(services, tenant.id, chat.sessionId);
        expect(session).toMatchObject({ status: 'closed', end_reason: 'routing_failed' });
      });
    });
  });

  describe('rules', () => {
    it('uses the first matching rule in order, and the fallback when none matches', async () => {
      const tenant = await createLiveTenant(services);
      const sales = await addGroup(services, tenant.id, { name: 'Sales' });
      const vip = await addGroup(services, tenant.id, { name: 'VIP' });
      const support = await addGroup(services, tenant.id, { name: 'Support' });
      await addRule(services, tenant.id, { groupId: support, fallback: true });
      await addRule(services, tenant.id, { groupId: vip, conditions: { params: { tier: 'vip' } } });
      await addRule(services, tenant.id, { groupId: sales, conditions: { pageUrlContains: '/SHOP' } });

      const shop = await startChat(app, tenant.widgetKey, { pageUrl: 'https://x.cz/shop/item' });
      const vipChat = await startChat(app, tenant.widgetKey, {
        pageUrl: 'https://x.cz/shop',
        params: { tier: 'vip' },
      });
      const other = await startChat(app, tenant.widgetKey, { pageUrl: 'https://x.cz/help' });

      expect((await sessionRow(services, tenant.id, shop.sessionId)).group_id).toBe(sales);
      expect((await sessionRow(services, tenant.id, vipChat.sessionId)).group_id).toBe(vip);
      expect((await sessionRow(services, tenant.id, other.sessionId)).group_id).toBe(support);
    });

    it('ends a session with routing_failed when no rule applies', async () => {
      const tenant = await createLiveTenant(services);
      const group = await addGroup(services, tenant.id);
      await addRule(services, tenant.id, { groupId: group, conditions: { channel: ['whatsapp'] } });
      const chat = await startChat(app, tenant.widgetKey);
      expect(chat).toMatchObject({ status: 'closed', endReason: 'routing_failed' });
    });

    it('gives a session to a chatbot when the rule names one', async () => {
      const tenant = await createLiveTenant(services);
      const bot = await services.db
        .insertInto('chatbots')
        .values({ tenant_id: tenant.id, name: 'Bot' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await addRule(services, tenant.id, { chatbotId: bot.id, fallback: true });
      const chat = await startChat(app, tenant.widgetKey);
      const session = await sessionRow(services, tenant.id, chat.sessionId);
      expect(session).toMatchObject({ status: 'active', chatbot_id: bot.id });
    });
  });

  describe('operators and clients', () => {
    it('hands pending offers on when the operator goes away', async () => {
      const tenant = await createLiveTenant(services);
      const group = await addGroup(services, tenant.id);
      await addRule(services, tenant.id, { groupId: group, fallback: true });
      const first = await addOperator(services, tenant, { groups: [{ id: group, priority: 2 }] });
      const second = await addOperator(services, tenant, { groups: [{ id: group, priority: 1 }] });
      const chat = await startChat(app, tenant.widgetKey);

      const away = await app.inject({
        method: 'PUT',
        url: '/api/v1/live/operator/state',
        headers: bearer(first),
        payload: { state: 'away' },
      });
      expect(away.json()).toMatchObject({ state: 'away' });
      expect(await pendingOffers(services, tenant.id, chat.sessionId)).toEqual([second.id]);
    });

    it('offers waiting sessions to an operator who comes online', async () => {
      const tenant = await createLiveTenant(services);
      const group = await addGroup(services, tenant.id);
      await addRule(services, tenant.id, { groupId: group, fallback: true });
      const operator = await addOperator(services, tenant, { groups: [{ id: group }], state: 'offline' });
      const chat = await startChat(app, tenant.widgetKey);
      expect(chat.status).toBe('queued');
      await app.inject({
        method: 'PUT',
        url: '/api/v1/live/operator/state',
        headers: bearer(operator),
        payload: { state: 'online' },
      });
      expect(await pendingOffers(services, tenant.id, chat.sessionId)).toEqual([operator.id]);
    });

    it('records a client leaving the queue as client_abandoned / left_queue', async () => {
      const tenant = await createLiveTenant(services);
      const group = await addGroup(services, tenant.id);
      await addRule(services, tenant.id, { groupId: group, fallback: true });
      const operator = await addOperator(services, tenant, { groups: [{ id: group }] });
      const chat = await startChat(app, tenant.widgetKey);
      const left = await app.inject({
        method: 'POST',
        url: `/api/v1/live/client/sessions/${chat.sessionId}/leave`,
        headers: clientHeaders(tenant, chat),
      });
      expect(left.json()).toMatchObject({ status: 'closed', endReason: 'client_abandoned' });
      const session = await sessionRow(services, tenant.id, chat.sessionId);
      expect(session).toMatchObject({ client_left: 'left_queue', duration_seconds: null });
      expect(session.ended_at).not.toBeNull();
      expect(await pendingOffers(services, tenant.id, chat.sessionId)).toEqual([]);
      // The offer is gone for the operator too.
      expect((await operatorPost(app, operator, `/sessions/${chat.sessionId}/accept`)).json()).toMatchObject({
        code: 'live.session_ended',
      });
    });

    it('records a client leaving an accepted session as client_left / left_session', async () => {
      const tenant = await createLiveTenant(services);
      const group = await addGroup(services, tenant.id);
      await addRule(services, tenant.id, { groupId: group, fallback: true });
      const operator = await addOperator(services, tenant, { groups: [{ id: group }] });
      const chat = await startChat(app, tenant.widgetKey);
      await operatorPost(app, operator, `/sessions/${chat.sessionId}/accept`);
      await app.inject({
        method: 'POST',
        url: `/api/v1/live/client/sessions/${chat.sessionId}/leave`,
        headers: clientHeaders(tenant, chat),
      });
      const session = await sessionRow(services, tenant.id, chat.sessionId);
      expect(session).toMatchObject({
        status: 'closed',
        end_reason: 'client_left',
        client_left: 'left_session',
      });
      expect(session.duration_seconds).toBeGreaterThanOrEqual(0);
      const participants = await services.db
        .selectFrom('session_participants')
        .select(['user_id', 'left_at'])
        .where('tenant_id', '=', tenant.id)
        .where('session_id', '=', chat.sessionId)
        .execute();
      expect(participants).toHaveLength(1);
      expect(participants[0]?.left_at).not.toBeNull();
    });

    it('refuses a banned client and lets the client in once the ban is lifted or expired', async () => {
      const tenant = await createLiveTenant(services);
      const group = await addGroup(services, tenant.id);
      await addRule(services, tenant.id, { groupId: group, fallback: true });
      const ban = await services.db
        .insertInto('bans')
        .values({ tenant_id: tenant.id, channel: 'webchat' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await services.db
        .insertInto('ban_identities')
        .values({
          tenant_id: tenant.id,
          ban_id: ban.id,
          channel: 'webchat',
          kind: 'visitorId',
          value: 'bad-visitor',
        })
        .execute();
      const refused = await app.inject({
        method: 'POST',
        url: '/api/v1/live/client/sessions',
        headers: { 'x-widget-key': tenant.widgetKey },
        payload: { visitorId: 'bad-visitor' },
      });
      expect(refused.statusCode).toBe(403);
      expect(refused.json()).toMatchObject({ code: 'live.banned' });
      expect(
        await services.db.selectFrom('sessions').select('id').where('tenant_id', '=', tenant.id).execute(),
      ).toEqual([]);

      await services.db
        .updateTable('bans')
        .set({ expires_at: new Date(Date.now() - 1000) })
        .where('tenant_id', '=', tenant.id)
        .where('id', '=', ban.id)
        .execute();
      await startChat(app, tenant.widgetKey, { visitorId: 'bad-visitor' });
    });
  });
});
