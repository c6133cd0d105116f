import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, inject } from 'vitest';
import { bearer } from '../factories';
import type { IsolationCases, IsolationContext } from '../isolation-cases';
import { equipTenant, operatorPost, pendingOffers, sessionRow, startChat } from '../live-kit';

/** Both tenants equipped; B has a live session offered to its operator. */
async function twoTenants({ app, services, a, b }: IsolationContext) {
  const aSetup = await equipTenant(services, a);
  const bSetup = await equipTenant(services, b);
  const bChat = await startChat(app, bSetup.widgetKey);
  return { aSetup, bSetup, bChat };
}

/** B's session and its offers are as they were. */
async function bUnchanged(ctx: IsolationContext, sessionId: string, operatorId: string) {
  const row = await sessionRow(ctx.services, ctx.b.id, sessionId);
  expect(row.status).toBe('offered');
  expect(row.message_count).toBe(0);
  expect(await pendingOffers(ctx.services, ctx.b.id, sessionId)).toEqual([operatorId]);
}

/** Tenant isolation of the live client and operator APIs and the live event stream. */
export const liveIsolationCases: IsolationCases = {
  'POST /api/v1/live/client/sessions': async (ctx) => {
    const { aSetup } = await twoTenants(ctx);
    const chat = await startChat(ctx.app, aSetup.widgetKey);
    expect((await sessionRow(ctx.services, ctx.a.id, chat.sessionId)).widget_id).not.toBeNull();
    const inB = await ctx.services.db
      .selectFrom('sessions')
      .select('id')
      .where('tenant_id', '=', ctx.b.id)
      .where('id', '=', chat.sessionId)
      .execute();
    expect(inB).toEqual([]);
  },

  'GET /api/v1/live/client/sessions/:id': async (ctx) => {
    const { aSetup, bChat } = await twoTenants(ctx);
    // A's widget key with B's session and token: the token does not belong to A's tenant.
    const response = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/live/client/sessions/${bChat.sessionId}`,
      headers: { 'x-widget-key': aSetup.widgetKey, 'x-client-token': bChat.clientToken },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'live.invalid_client_token' });
  },

  'POST /api/v1/live/client/sessions/:id/messages': async (ctx) => {
    const { aSetup, bSetup, bChat } = await twoTenants(ctx);
    const response = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/live/client/sessions/${bChat.sessionId}/messages`,
      headers: { 'x-widget-key': aSetup.widgetKey, 'x-client-token': bChat.clientToken },
      payload: { text: 'hello' },
    });
    expect(response.statusCode).toBe(401);
    await bUnchanged(ctx, bChat.sessionId, bSetup.operator.id);
  },

  'POST /api/v1/live/client/sessions/:id/files': async (ctx) => {
    const { aSetup, bSetup, bChat } = await twoTenants(ctx);
    const response = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/live/client/sessions/${bChat.sessionId}/files?name=x.txt`,
      headers: {
        'x-widget-key': aSetup.widgetKey,
        'x-client-token': bChat.clientToken,
        'content-type': 'text/plain',
      },
      payload: 'hello',
    });
    expect(response.statusCode).toBe(401);
    await bUnchanged(ctx, bChat.sessionId, bSetup.operator.id);
  },

  'POST /api/v1/live/client/sessions/:id/leave': async (ctx) => {
    const { aSetup, bSetup, bChat } = await twoTenants(ctx);
    const response = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/live/client/sessions/${bChat.sessionId}/leave`,
      headers: { 'x-widget-key': aSetup.widgetKey, 'x-client-token': bChat.clientToken },
    });
    expect(response.statusCode).toBe(401);
    await bUnchanged(ctx, bChat.sessionId, bSetup.operator.id);
  },

  'GET /api/v1/live/client/sessions/:id/ws': async (ctx) => {
    const { aSetup, bChat } = await twoTenants(ctx);
    const query = new URLSearchParams({ key: aSetup.widgetKey, token: bChat.clientToken });
    await expect(
      ctx.app.injectWS(`/api/v1/live/client/sessions/${bChat.sessionId}/ws?${query.toString()}`),
    ).rejects.toThrow(/401/);
  },

  'OPTIONS /api/v1/live/client/*': async (ctx) => {
    const { bChat } = await twoTenants(ctx);
    // A preflight names no widget and reads nothing: the answer is the same for any session id.
    const response = await ctx.app.inject({
      method: 'OPTIONS',
      url: `/api/v1/live/client/sessions/${bChat.sessionId}/messages`,
      headers: { origin: 'https://a.example', 'access-control-request-method': 'POST' },
    });
    expect(response.statusCode).toBe(204);
    expect(response.body).toBe('');
  },

  'POST /api/v1/live/client/sessions/:id/typing': async (ctx) => {
    const { aSetup, bChat } = await twoTenants(ctx);
    const response = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/live/client/sessions/${bChat.sessionId}/typing`,
      headers: { 'x-widget-key': aSetup.widgetKey, 'x-client-token': bChat.clientToken },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ code: 'live.invalid_client_token' });
  },

  'GET /api/v1/live/client/sessions/:id/files/:activityId': async (ctx) => {
    const { aSetup, bSetup, bChat } = await twoTenants(ctx);
    const sent = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/live/client/sessions/${bChat.sessionId}/files?name=b.txt`,
      headers: {
        'x-widget-key': bSetup.widgetKey,
        'x-client-token': bChat.clientToken,
        'content-type': 'text/plain',
      },
      payload: 'B only',
    });
    expect(sent.statusCode).toBe(201);
    const activityId = sent.json<{ id: string }>().id;
    const aChat = await startChat(ctx.app, aSetup.widgetKey);
    // A's own client, with A's key and token, asking for B's file under A's session and under B's.
    for (const sessionId of [aChat.sessionId, bChat.sessionId]) {
      const response = await ctx.app.inject({
        method: 'GET',
        url: `/api/v1/live/client/sessions/${sessionId}/files/${activityId}`,
        headers: { 'x-widget-key': aSetup.widgetKey, 'x-client-token': aChat.clientToken },
      });
      expect([401, 404]).toContain(response.statusCode);
      expect(response.body).not.toContain('B only');
    }
  },

  'POST /api/v1/live/operator/sessions/:id/typing': async (ctx) => {
    const { aSetup, bSetup, bChat } = await twoTenants(ctx);
    const response = await operatorPost(ctx.app, aSetup.operator, `/sessions/${bChat.sessionId}/typing`);
    expect(response.statusCode).toBe(404);
    await bUnchanged(ctx, bChat.sessionId, bSetup.operator.id);
  },

  'GET /api/v1/live/operator': async (ctx) => {
    const { aSetup, bChat } = await twoTenants(ctx);
    const response = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/live/operator',
      headers: bearer(aSetup.operator),
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).not.toContain(`"sessionId":"${bChat.sessionId}"`);
    expect(response.json()).toMatchObject({ user: { id: aSetup.operator.id }, offers: [] });
  },

  'PUT /api/v1/live/operator/state': async (ctx) => {
    const { aSetup, bSetup, bChat } = await twoTenants(ctx);
    const response = await ctx.app.inject({
      method: 'PUT',
      url: '/api/v1/live/operator/state',
      headers: bearer(aSetup.operator),
      payload: { state: 'away' },
    });
    expect(response.json()).toMatchObject({ id: aSetup.operator.id, state: 'away' });
    await bUnchanged(ctx, bChat.sessionId, bSetup.operator.id);
  },

  'POST /api/v1/live/operator/sessions/:id/accept': async (ctx) => {
    const { aSetup, bSetup, bChat } = await twoTenants(ctx);
    const response = await operatorPost(ctx.app, aSetup.operator, `/sessions/${bChat.sessionId}/accept`);
    expect(response.statusCode).toBe(404);
    await bUnchanged(ctx, bChat.sessionId, bSetup.operator.id);
  },

  'POST /api/v1/live/operator/sessions/:id/decline': async (ctx) => {
    const { aSetup, bSetup, bChat } = await twoTenants(ctx);
    const response = await operatorPost(ctx.app, aSetup.operator, `/sessions/${bChat.sessionId}/decline`);
    expect(response.statusCode).toBe(404);
    await bUnchanged(ctx, bChat.sessionId, bSetup.operator.id);
  },

  'POST /api/v1/live/operator/sessions/:id/messages': async (ctx) => {
    const { aSetup, bSetup, bChat } = await twoTenants(ctx);
    const response = await operatorPost(ctx.app, aSetup.operator, `/sessions/${bChat.sessionId}/messages`, {
      text: 'hi',
    });
    expect(response.statusCode).toBe(404);
    await bUnchanged(ctx, bChat.sessionId, bSetup.operator.id);
  },

  'POST /api/v1/live/operator/sessions/:id/files': async (ctx) => {
    const { aSetup, bSetup, bChat } = await twoTenants(ctx);
    const response = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/live/operator/sessions/${bChat.sessionId}/files?name=x.txt`,
      headers: { ...bearer(aSetup.operator), 'content-type': 'text/plain' },
      payload: 'hi',
    });
    expect(response.statusCode).toBe(404);
    await bUnchanged(ctx, bChat.sessionId, bSetup.operator.id);
  },

  'POST /api/v1/live/operator/sessions/:id/end': async (ctx) => {
    const { aSetup, bSetup, bChat } = await twoTenants(ctx);
    const response = await operatorPost(ctx.app, aSetup.operator, `/sessions/${bChat.sessionId}/end`);
    expect(response.statusCode).toBe(404);
    await bUnchanged(ctx, bChat.sessionId, bSetup.operator.id);
  },

  'GET /api/v1/live/operator/sessions/:id/transcript': async (ctx) => {
    const { aSetup, bChat } = await twoTenants(ctx);
    const response = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/live/operator/sessions/${bChat.sessionId}/transcript`,
      headers: bearer(ctx.a.admin),
    });
    expect(response.statusCode).toBe(404);
    void aSetup;
  },

  'GET /api/v1/live/operator/ws': async (ctx) => {
    const { aSetup, bChat } = await twoTenants(ctx);
    const socket = await ctx.app.injectWS('/api/v1/live/operator/ws', {
      headers: { authorization: `Bearer ${aSetup.operator.apiKey}` },
    });
    const hello = await new Promise<string>((resolve) =>
      socket.once('message', (data: Buffer) => resolve(data.toString())),
    );
    socket.terminate();
    expect(JSON.parse(hello)).toMatchObject({ type: 'hello', user: { id: aSetup.operator.id }, offers: [] });
    // Quoted: ids are strings in JSON, and a bare "35" is also found inside A's user id "235".
    expect(hello).not.toContain(`"${bChat.sessionId}"`);
  },

  'GET /api/v1/sessions/live/events': async (ctx) => {
    const { aSetup, bSetup } = await twoTenants(ctx);
    // This app runs no live runtime; listen on the run's database for the duration of the check.
    await ctx.services.events.start({ connectionString: inject('databaseUrl') });
    if (!ctx.app.server.listening) await ctx.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = ctx.app.server.address() as AddressInfo;
    const received: string[] = [];
    const request = http.get(
      { host: '127.0.0.1', port, path: '/api/v1/sessions/live/events', headers: bearer(ctx.a.admin) },
      (response) => response.on('data', (chunk: Buffer) => received.push(chunk.toString())),
    );
    try {
      await new Promise((resolve) => setTimeout(resolve, 300));
      const bChat = await startChat(ctx.app, bSetup.widgetKey);
      const aChat = await startChat(ctx.app, aSetup.widgetKey);
      const deadline = Date.now() + 5_000;
      while (!received.join('').includes(`"sessionId":"${aChat.sessionId}"`) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const stream = received.join('');
      expect(stream).toContain(`"sessionId":"${aChat.sessionId}"`);
      expect(stream).not.toContain(`"sessionId":"${bChat.sessionId}"`);
    } finally {
      request.destroy();
      await ctx.services.events.stop();
    }
  },
};
