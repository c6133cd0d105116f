import { describe, expect, it } from 'vitest';
import { bearer, createUser } from '../../test/factories';
import {
  addGroup,
  addOperator,
  addRule,
  createLiveTenant,
  operatorPost,
  pendingOffers,
  sessionRow,
  startChat,
} from '../../test/live-kit';
import { useTestApp } from '../../test/harness';

interface RoutingView {
  current: {
    state: string;
    groupId: string | null;
    groupName: string | null;
    queuePosition: number | null;
    offeredTo: { id: string; name: string; since: string }[];
    waitingSeconds: number;
  } | null;
  events: {
    kind: string;
    actor: { id: string; name: string } | null;
    user: { id: string; name: string } | null;
    group: { id: string; name: string } | null;
    data: Record<string, unknown>;
  }[];
}

describe('redirect and the routing timeline', async () => {
  const { app, services } = await useTestApp({ live: {} });

  async function activeSession() {
    const tenant = await createLiveTenant(services);
    const group = await addGroup(services, tenant.id, { name: 'Support' });
    const other = await addGroup(services, tenant.id, { name: 'Sales' });
    await addRule(services, tenant.id, { groupId: group, fallback: true });
    const current = await addOperator(services, tenant, { groups: [{ id: group }], name: 'Jana' });
    const chat = await startChat(app, tenant.widgetKey);
    expect((await operatorPost(app, current, `/sessions/${chat.sessionId}/accept`)).statusCode).toBe(200);
    return { tenant, group, other, current, chat };
  }

  const redirect = (tenant: { admin: Parameters<typeof bearer>[0] }, sessionId: string, payload: unknown) =>
    app.inject({
      method: 'POST',
      url: `/api/v1/sessions/${sessionId}/redirect`,
      headers: bearer(tenant.admin),
      payload: payload as Record<string, unknown>,
    });

  it('redirect moves an accepted session to the chosen operator, who gets the offer at once', async () => {
    const { tenant, current, chat, other } = await activeSession();
    const target = await addOperator(services, tenant, { groups: [{ id: other }], name: 'Petr' });

    const response = await redirect(tenant, chat.sessionId, { operatorId: target.id });

    expect(response.statusCode, response.body).toBe(200);
    const view = response.json<RoutingView>();
    expect(view.current).toMatchObject({ state: 'offered', offeredTo: [{ id: target.id, name: 'Petr' }] });
    const step = view.events.find((event) => event.kind === 'redirected');
    expect(step).toMatchObject({ actor: { id: tenant.admin.id }, user: { id: target.id, name: 'Petr' } });
    expect(await pendingOffers(services, tenant.id, chat.sessionId)).toEqual([target.id]);

    // The previous operator left; the transcript says who redirected where.
    const participants = await services.db
      .selectFrom('session_participants')
      .select(['user_id', 'left_at'])
      .where('tenant_id', '=', tenant.id)
      .where('session_id', '=', chat.sessionId)
      .execute();
    expect(participants).toEqual([{ user_id: current.id, left_at: expect.any(Date) as Date }]);
    const system = await services.db
      .selectFrom('activities')
      .select(['system_code', 'text'])
      .where('tenant_id', '=', tenant.id)
      .where('session_id', '=', chat.sessionId)
      .where('type', '=', 'system')
      .orderBy('id')
      .execute();
    expect(system.map((row) => row.system_code)).toEqual(['joined', 'redirected']);
    // Stored as codes with data; worded in each reader's language when read.
    expect(system.map((row) => row.text)).toEqual([null, null]);
    const transcript = async (language: string) => {
      const page = await app.inject({
        method: 'GET',
        url: `/api/v1/sessions/${chat.sessionId}/transcript`,
        headers: { ...bearer(tenant.admin), 'accept-language': language },
      });
      expect(page.statusCode, page.body).toBe(200);
      return page
        .json<{ items: { systemCode: string | null; text: string | null }[] }>()
        .items.filter((item) => item.systemCode !== null)
        .map((item) => item.text);
    };
    expect(await transcript('cs-CZ,cs;q=0.9')).toEqual([
      'Jana je nyní v sezení.',
      expect.stringMatching(/^Přesměrováno na Petr \(.+\)\.$/),
    ]);
    expect(await transcript('en-GB')).toEqual([
      'Jana joined the session.',
      expect.stringMatching(/^Redirected by .+ to Petr\.$/),
    ]);

    // The target accepts: the session lists both operators.
    expect((await operatorPost(app, target, `/sessions/${chat.sessionId}/accept`)).statusCode).toBe(200);
    const session = await sessionRow(services, tenant.id, chat.sessionId);
    expect(session.operator_ids).toEqual([current.id, target.id]);
    expect(session.status).toBe('active');
  });

  it('redirect moves a queued session to the chosen group and offers it there', async () => {
    const tenant = await createLiveTenant(services);
    const group = await addGroup(services, tenant.id);
    const sales = await addGroup(services, tenant.id, { name: 'Sales' });
    await addRule(services, tenant.id, { groupId: group, fallback: true });
    const seller = await addOperator(services, tenant, { groups: [{ id: sales }] });
    const chat = await startChat(app, tenant.widgetKey);
    expect(chat.status).toBe('queued');

    const response = await redirect(tenant, chat.sessionId, { groupId: sales });

    expect(response.statusCode, response.body).toBe(200);
    const view = response.json<RoutingView>();
    expect(view.current).toMatchObject({ state: 'offered', groupId: sales, groupName: 'Sales' });
    expect(view.events.map((event) => event.kind)).toEqual([
      'rule_matched',
      'entered_queue',
      'redirected',
      'entered_queue',
      'offered',
    ]);
    expect(await pendingOffers(services, tenant.id, chat.sessionId)).toEqual([seller.id]);
    expect((await sessionRow(services, tenant.id, chat.sessionId)).group_id).toBe(sales);
  });

  it('a declined redirect offer goes back to the target’s group queue, not to them again', async () => {
    const { tenant, chat, other } = await activeSession();
    const target = await addOperator(services, tenant, { groups: [{ id: other }] });
    const colleague = await addOperator(services, tenant, { groups: [{ id: other }] });
    await redirect(tenant, chat.sessionId, { operatorId: target.id });
    expect(await pendingOffers(services, tenant.id, chat.sessionId)).toEqual([target.id]);

    await operatorPost(app, target, `/sessions/${chat.sessionId}/decline`);

    expect(await pendingOffers(services, tenant.id, chat.sessionId)).toEqual([colleague.id]);
    expect((await sessionRow(services, tenant.id, chat.sessionId)).group_id).toBe(other);
  });

  it('refuses impossible targets with clear codes', async () => {
    const { tenant, current, chat, other } = await activeSession();
    const offline = await addOperator(services, tenant, { state: 'offline' });
    const full = await addOperator(services, tenant, { capacity: 0 });
    const fullGroup = await addGroup(services, tenant.id, { queueSize: 0 });
    const foreign = await createLiveTenant(services);
    const foreignOperator = await addOperator(services, foreign);
    const foreignGroup = await addGroup(services, foreign.id);

    const cases: [unknown, number, string][] = [
      [{ operatorId: offline.id }, 409, 'routing.operator_unavailable'],
      [{ operatorId: full.id }, 409, 'routing.operator_full'],
      [{ operatorId: current.id }, 409, 'routing.already_there'],
      [{ groupId: fullGroup }, 409, 'routing.group_full'],
      [{ operatorId: foreignOperator.id }, 404, 'not_found'],
      [{ groupId: foreignGroup }, 404, 'not_found'],
      [{ operatorId: '999999999' }, 404, 'not_found'],
      [{ groupId: '999999999' }, 404, 'not_found'],
      [{}, 400, 'validation_failed'],
      [{ operatorId: 'abc' }, 400, 'validation_failed'],
      [{ operatorId: current.id, groupId: other }, 400, 'validation_failed'],
    ];
    for (const [payload, status, code] of cases) {
      const response = await redirect(tenant, chat.sessionId, payload);
      expect(response.statusCode, JSON.stringify(payload)).toBe(status);
      expect(response.json()).toMatchObject({ code });
    }
    // Nothing changed.
    expect((await sessionRow(services, tenant.id, chat.sessionId)).status).toBe('active');

    const huge = await app.inject({
      method: 'POST',
      url: `/api/v1/sessions/${chat.sessionId}/redirect`,
      headers: { ...bearer(tenant.admin), 'content-type': 'application/json' },
      payload: JSON.stringify({ groupId: other, pad: 'x'.repeat(5000) }),
    });
    expect(huge.statusCode).toBe(413);

    await app.inject({
      method: 'POST',
      url: `/api/v1/live/operator/sessions/${chat.sessionId}/end`,
      headers: bearer(current),
    });
    const ended = await redirect(tenant, chat.sessionId, { groupId: other });
    expect(ended.statusCode).toBe(409);
    expect(ended.json()).toMatchObject({ code: 'routing.session_ended' });

    for (const url of ['/api/v1/sessions/abc/redirect', '/api/v1/sessions/0/redirect']) {
      const malformed = await app.inject({
        method: 'POST',
        url,
        headers: bearer(tenant.admin),
        payload: { groupId: other },
      });
      expect(malformed.statusCode).toBe(400);
    }
    const unknown = await redirect(tenant, '999999999', { groupId: other });
    expect(unknown.statusCode).toBe(404);
  });

  it('lets supervisors redirect but not operators', async () => {
    const { tenant, chat, other } = await activeSession();
    const operator = await createUser(services, tenant.slug, 'operator');
    const refused = await app.inject({
      method: 'POST',
      url: `/api/v1/sessions/${chat.sessionId}/redirect`,
      headers: bearer(operator),
      payload: { groupId: other },
    });
    expect(refused.statusCode).toBe(403);
    const allowed = await app.inject({
      method: 'POST',
      url: `/api/v1/sessions/${chat.sessionId}/redirect`,
      headers: bearer(tenant.supervisor),
      payload: { groupId: other },
    });
    expect(allowed.statusCode).toBe(200);
  });

  it('shows the queue position and the timeline of an ended session as it happened', async () => {
    const tenant = await createLiveTenant(services);
    const group = await addGroup(services, tenant.id, { name: 'Podpora' });
    await addRule(services, tenant.id, { groupId: group, fallback: true });
    const first = await startChat(app, tenant.widgetKey);
    const second = await startChat(app, tenant.widgetKey);
    const view = await app.inject({
      method: 'GET',
      url: `/api/v1/sessions/${second.sessionId}/routing`,
      headers: bearer(tenant.admin),
    });
    expect(view.json<RoutingView>().current).toMatchObject({
      state: 'queued',
      groupName: 'Podpora',
      queuePosition: 2,
      offeredTo: [],
    });

    await app.inject({
      method: 'POST',
      url: `/api/v1/live/client/sessions/${first.sessionId}/leave`,
      headers: { 'x-widget-key': tenant.widgetKey, 'x-client-token': first.clientToken },
    });
    const moved = await app.inject({
      method: 'GET',
      url: `/api/v1/sessions/${second.sessionId}/routing`,
      headers: bearer(tenant.admin),
    });
    expect(moved.json<RoutingView>().current?.queuePosition).toBe(1);

    const ended = await app.inject({
      method: 'GET',
      url: `/api/v1/sessions/${first.sessionId}/routing`,
      headers: bearer(tenant.admin),
    });
    const body = ended.json<RoutingView>();
    expect(body.current).toBeNull();
    expect(body.events.map((event) => event.kind)).toEqual(['rule_matched', 'entered_queue', 'ended']);
    expect(body.events[1]?.group).toEqual({ id: group, name: 'Podpora' });
  });

  it('shows an operator only the routing of sessions they were offered or took part in', async () => {
    const { tenant, current, chat } = await activeSession();
    const stranger = await createUser(services, tenant.slug, 'operator');
    const url = `/api/v1/sessions/${chat.sessionId}/routing`;
    expect((await app.inject({ method: 'GET', url, headers: bearer(current) })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url, headers: bearer(stranger) })).statusCode).toBe(404);
    await services.settings.update(tenant.id, { operatorsSeeAllSessions: true });
    expect((await app.inject({ method: 'GET', url, headers: bearer(stranger) })).statusCode).toBe(200);
  });

  it('answers malformed and unknown session ids on the timeline with 400 and 404', async () => {
    const tenant = await createLiveTenant(services);
    const bad = await app.inject({
      method: 'GET',
      url: '/api/v1/sessions/x1/routing',
      headers: bearer(tenant.admin),
    });
    expect(bad.statusCode).toBe(400);
    const unknown = await app.inject({
      method: 'GET',
      url: '/api/v1/sessions/999999999/routing',
      headers: bearer(tenant.admin),
    });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toMatchObject({ code: 'not_found' });
  });
});
