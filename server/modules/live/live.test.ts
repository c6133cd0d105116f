import type { InjectOptions } from 'fastify';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { bearer, createUser } from '../../test/factories';
import {
  addGroup,
  addOperator,
  addRule,
  clientHeaders,
  createLiveTenant,
  eventually,
  operatorPost,
  sessionRow,
  startChat,
} from '../../test/live-kit';
import { openStream } from '../../test/sse-client';
import { useTestApp } from '../../test/harness';

/** Collects a socket's JSON messages; `next(type)` waits for the next one of that type. */
function collect(socket: WebSocket) {
  const messages: { type: string; [key: string]: unknown }[] = [];
  socket.on('message', (data: Buffer) => messages.push(JSON.parse(data.toString()) as { type: string }));
  return {
    messages,
    async next(type: string, where: (message: Record<string, unknown>) => boolean = () => true) {
      return eventually(async () => {
        const found = messages.find((message) => message.type === type && where(message));
        expect(found, `a ${type} message; got ${JSON.stringify(messages)}`).toBeDefined();
        return found!;
      }, 5_000);
    },
  };
}

describe('live parties and streams', async () => {
  const { app, services } = await useTestApp({ live: {} });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;

  async function setup() {
    const tenant = await createLiveTenant(services);
    const group = await addGroup(services, tenant.id, { name: 'Podpora' });
    await addRule(services, tenant.id, { groupId: group, fallback: true });
    const operator = await addOperator(services, tenant, { groups: [{ id: group }], name: 'Jana Nováková' });
    return { tenant, group, operator };
  }

  describe('web chat client', () => {
    it('exchanges messages with the operator over REST and WebSocket, and the transcript is searchable', async () => {
      const { tenant, operator } = await setup();
      const chat = await startChat(app, tenant.widgetKey, { name: 'Karel', params: { order: '42' } });
      const client = await app.injectWS(
        `/api/v1/live/client/sessions/${chat.sessionId}/ws?${new URLSearchParams({ key: tenant.widgetKey, token: chat.clientToken }).toString()}`,
      );
      const clientInbox = collect(client);
      const operatorSocket = await app.injectWS('/api/v1/live/operator/ws', { headers: bearer(operator) });
      const operatorInbox = collect(operatorSocket);
      const hello = await operatorInbox.next('hello');
      expect(hello).toMatchObject({ offers: [{ sessionId: chat.sessionId }] });

      await operatorPost(app, operator, `/sessions/${chat.sessionId}/accept`);
      await clientInbox.next('status', (message) => message.status === 'active');
      const joined = await clientInbox.next('message', (message) => {
        const activity = message.activity as { systemCode: string | null };
        return activity.systemCode === 'joined';
      });
      expect((joined.activity as { text: string }).text).toBe('Jana Nováková joined the session.');

      const sent = await app.inject({
        method: 'POST',
        url: `/api/v1/live/client/sessions/${chat.sessionId}/messages`,
        headers: clientHeaders(tenant, chat),
        payload: { text: 'Dobrý den, kde je moje objednávka?' },
      });
      expect(sent.statusCode).toBe(201);
      await operatorInbox.next('message', (message) => {
        const activity = message.activity as { text: string | null };
        return activity.text === 'Dobrý den, kde je moje objednávka?';
      });

      const reply = await operatorPost(app, operator, `/sessions/${chat.sessionId}/messages`, {
        text: 'Objednávka je na cestě.',
        file: { name: 'faktura.pdf', size: 1200, mimeType: 'application/pdf' },
      });
      expect(reply.statusCode).toBe(201);
      await clientInbox.next('message', (message) => {
        const activity = message.activity as { type: string; file: { name: string } | null };
        return activity.type === 'file' && activity.file?.name === 'faktura.pdf';
      });

      const session = await sessionRow(services, tenant.id, chat.sessionId);
      expect(session.message_count).toBe(2);
      expect(session.last_client_message_at).not.toBeNull();
      const found = await sql<{ id: string }>`
        SELECT id FROM sessions WHERE tenant_id = ${tenant.id}
          AND search_document @@ to_tsquery('sessiondesk', 'objednavka & ceste')`.execute(services.db);
      expect(found.rows.map((row) => row.id)).toContain(chat.sessionId);

      await operatorPost(app, operator, `/sessions/${chat.sessionId}/end`);
      const ended = await clientInbox.next('ended');
      expect(ended).toMatchObject({ endReason: 'operator_ended' });
      await operatorInbox.next('session.ended', (message) => message.sessionId === chat.sessionId);
      const view = await app.inject({
        method: 'GET',
        url: `/api/v1/live/client/sessions/${chat.sessionId}`,
        headers: clientHeaders(tenant, chat),
      });
      const body = view.json<{ session: { status: string }; transcript: { systemCode: string | null }[] }>();
      expect(body.session.status).toBe('closed');
      expect(body.transcript.map((row) => row.systemCode)).toEqual(['joined', null, null, 'ended']);
      client.terminate();
      operatorSocket.terminate();
    });

    it('answers bad client calls with clear 4xx codes', async () => {
      const { tenant } = await setup();
      const chat = await startChat(app, tenant.widgetKey);
      const other = await startChat(app, tenant.widgetKey);
      const cases: [InjectOptions, number, string][] = [
        [
          { method: 'POST', url: '/api/v1/live/client/sessions', payload: {} },
          401,
          'live.invalid_widget_key',
        ],
        [
          {
            method: 'POST',
            url: '/api/v1/live/client/sessions',
            headers: { 'x-widget-key': 'nope' },
            payload: {},
          },
          401,
          'live.invalid_widget_key',
        ],
        [
          {
            method: 'POST',
            url: '/api/v1/live/client/sessions',
            headers: { 'x-widget-key': tenant.widgetKey },
            payload: { email: 'not-an-email' },
          },
          400,
          'validation_failed',
        ],
        [
          {
            method: 'POST',
            url: '/api/v1/live/client/sessions',
            headers: { 'x-widget-key': tenant.widgetKey },
            payload: { unknownField: 1 },
          },
          400,
          'validation_failed',
        ],
        [
          {
            method: 'POST',
            url: '/api/v1/live/client/sessions',
            headers: { 'x-widget-key': tenant.widgetKey, 'content-type': 'application/json' },
            payload: JSON.stringify({ params: { big: 'x'.repeat(70_000) } }),
          },
          413,
          'payload_too_large',
        ],
        [
          {
            method: 'POST',
            url: `/api/v1/live/client/sessions/${chat.sessionId}/messages`,
            headers: { 'x-widget-key': tenant.widgetKey, 'x-client-token': other.clientToken },
            payload: { text: 'x' },
          },
          401,
          'live.invalid_client_token',
        ],
        [
          {
            method: 'POST',
            url: `/api/v1/live/client/sessions/${chat.sessionId}/messages`,
            headers: clientHeaders(tenant, chat),
            payload: {},
          },
          400,
          'validation_failed',
        ],
        [
          {
            method: 'POST',
            url: `/api/v1/live/client/sessions/${chat.sessionId}/messages`,
            headers: clientHeaders(tenant, chat),
            payload: { text: 'x'.repeat(10_001) },
          },
          400,
          'validation_failed',
        ],
        [
          { method: 'GET', url: '/api/v1/live/client/sessions/abc', headers: clientHeaders(tenant, chat) },
          400,
          'validation_failed',
        ],
        [
          {
            method: 'GET',
            url: '/api/v1/live/client/sessions/999999999',
            headers: clientHeaders(tenant, chat),
          },
          401,
          'live.invalid_client_token',
        ],
      ];
      for (const [request, status, code] of cases) {
        const response = await app.inject(request);
        expect(
          response.statusCode,
          `${String(request.method)} ${JSON.stringify(request.url)}: ${response.body}`,
        ).toBe(status);
        expect(response.json()).toMatchObject({ code });
      }

      await app.inject({
        method: 'POST',
        url: `/api/v1/live/client/sessions/${chat.sessionId}/leave`,
        headers: clientHeaders(tenant, chat),
      });
      for (const path of ['messages', 'leave']) {
        const late = await app.inject({
          method: 'POST',
          url: `/api/v1/live/client/sessions/${chat.sessionId}/${path}`,
          headers: clientHeaders(tenant, chat),
          payload: { text: 'still there?' },
        });
        expect(late.statusCode).toBe(409);
        expect(late.json()).toMatchObject({ code: 'live.session_ended' });
      }
      await expect(
        app.injectWS(`/api/v1/live/client/sessions/${chat.sessionId}/ws?key=${tenant.widgetKey}&token=wrong`),
      ).rejects.toThrow(/401/);
    });
  });

  describe('typing', () => {
    it('passes typing both ways, at most once per window, and never writes it to the transcript', async () => {
      const { tenant, operator } = await setup();
      const chat = await startChat(app, tenant.widgetKey);
      const query = new URLSearchParams({ key: tenant.widgetKey, token: chat.clientToken }).toString();
      const clientSocket = await app.injectWS(`/api/v1/live/client/sessions/${chat.sessionId}/ws?${query}`);
      const clientInbox = collect(clientSocket);
      const operatorSocket = await app.injectWS('/api/v1/live/operator/ws', { headers: bearer(operator) });
      const operatorInbox = collect(operatorSocket);
      await operatorInbox.next('hello');

      // Before accepting, the operator is not in the session: typing to it is refused.
      const early = await operatorPost(app, operator, `/sessions/${chat.sessionId}/typing`);
      expect(early.statusCode).toBe(403);
      expect(early.json()).toMatchObject({ code: 'live.not_participant' });
      await operatorPost(app, operator, `/sessions/${chat.sessionId}/accept`);
      await operatorInbox.next('session.joined');

      const typing = () =>
        app.inject({
          method: 'POST',
          url: `/api/v1/live/client/sessions/${chat.sessionId}/typing`,
          headers: clientHeaders(tenant, chat),
        });
      expect((await typing()).statusCode).toBe(204);
      expect((await typing()).statusCode).toBe(204);
      await app.inject({
        method: 'POST',
        url: `/api/v1/live/client/sessions/${chat.sessionId}/messages`,
        headers: clientHeaders(tenant, chat),
        payload: { text: 'Píšu…' },
      });
      await operatorInbox.next('message', (message) => message.sessionId === chat.sessionId);
      // Events arrive in order: the second typing within the window was not passed on.
      const seen = operatorInbox.messages.filter((message) => message.type === 'typing');
      expect(seen).toEqual([{ type: 'typing', sessionId: chat.sessionId, expiresInSeconds: 5 }]);

      expect((await operatorPost(app, operator, `/sessions/${chat.sessionId}/typing`)).statusCode).toBe(204);
      const heard = await clientInbox.next('typing');
      expect(heard).toEqual({ type: 'typing', userName: 'Jana Nováková', expiresInSeconds: 5 });

      const rows = await services.db
        .selectFrom('activities')
        .select(['type', 'text'])
        .where('tenant_id', '=', tenant.id)
        .where('session_id', '=', chat.sessionId)
        .orderBy('id')
        .execute();
      expect(rows).toEqual([
        { type: 'system', text: null },
        { type: 'message', text: 'Píšu…' },
      ]);

      await operatorPost(app, operator, `/sessions/${chat.sessionId}/end`);
      const late = await typing();
      expect(late.statusCode).toBe(409);
      expect(late.json()).toMatchObject({ code: 'live.session_ended' });
      clientSocket.terminate();
      operatorSocket.terminate();
    });
  });

  describe('operator API', () => {
    it('answers bad operator calls with clear 4xx codes', async () => {
      const { tenant, operator } = await setup();
      const chat = await startChat(app, tenant.widgetKey);
      const colleague = await addOperator(services, tenant);
      const keyWithoutUser = await services.apiKeys.create(
        { tenantId: tenant.id, userId: null, apiKeyId: null },
        { name: 'integration', role: 'operator' },
      );
      const cases: [InjectOptions, number, string][] = [
        [
          {
            method: 'GET',
            url: '/api/v1/live/operator',
            headers: { authorization: `Bearer ${keyWithoutUser.key}` },
          },
          403,
          'live.no_user',
        ],
        [
          {
            method: 'PUT',
            url: '/api/v1/live/operator/state',
            headers: bearer(operator),
            payload: { state: 'asleep' },
          },
          400,
          'validation_failed',
        ],
        [
          {
            method: 'POST',
            url: `/api/v1/live/operator/sessions/${chat.sessionId}/accept`,
            headers: bearer(colleague),
          },
          409,
          'live.no_offer',
        ],
        [
          { method: 'POST', url: '/api/v1/live/operator/sessions/0/accept', headers: bearer(operator) },
          400,
          'validation_failed',
        ],
        [
          {
            method: 'POST',
            url: '/api/v1/live/operator/sessions/999999999/accept',
            headers: bearer(operator),
          },
          404,
          'not_found',
        ],
        [
          {
            method: 'POST',
            url: `/api/v1/live/operator/sessions/${chat.sessionId}/messages`,
            headers: bearer(operator),
            payload: { text: 'not yet mine' },
          },
          403,
          'live.not_participant',
        ],
        [
          {
            method: 'POST',
            url: `/api/v1/live/operator/sessions/${chat.sessionId}/end`,
            headers: bearer(operator),
          },
          403,
          'live.not_participant',
        ],
        [
          {
            method: 'GET',
            url: `/api/v1/live/operator/sessions/${chat.sessionId}/transcript`,
            headers: bearer(colleague),
          },
          404,
          'not_found',
        ],
      ];
      for (const [request, status, code] of cases) {
        const response = await app.inject(request);
        expect(
          response.statusCode,
          `${String(request.method)} ${JSON.stringify(request.url)}: ${response.body}`,
        ).toBe(status);
        expect(response.json()).toMatchObject({ code });
      }
      const transcript = await app.inject({
        method: 'GET',
        url: `/api/v1/live/operator/sessions/${chat.sessionId}/transcript`,
        headers: bearer(operator),
      });
      expect(transcript.statusCode).toBe(200);
    });
  });

  describe('server-sent events', () => {
    it('streams new, changed and ended sessions of the tenant in order', async () => {
      const { tenant, operator } = await setup();
      const stream = openStream(port, bearer(tenant.admin));
      await eventually(async () => expect(stream.status()).toBe(200));
      const chat = await startChat(app, tenant.widgetKey);
      await operatorPost(app, operator, `/sessions/${chat.sessionId}/accept`);
      await operatorPost(app, operator, `/sessions/${chat.sessionId}/end`);
      await eventually(async () => {
        expect(stream.ofSession(chat.sessionId).map((event) => event.event)).toContain('session.ended');
      });
      const events = stream.ofSession(chat.sessionId);
      expect(events[0]?.event).toBe('session.created');
      const accepted = events.find(
        (event) => event.event === 'session.updated' && event.data.changed.includes('operatorIds'),
      );
      expect(accepted?.data.session).toMatchObject({ status: 'active', operatorIds: [operator.id] });
      expect(events.some((event) => event.event === 'session.routing')).toBe(true);
      expect(events.at(-1)?.data.session.status).toBe('closed');
      stream.close();
    });

    it('honours the list filters and drops a session that stops matching', async () => {
      const { tenant, operator } = await setup();
      const stream = openStream(port, bearer(tenant.admin), '?status=queued,offered');
      const rejected = openStream(port, bearer(tenant.admin), '?nonsense=1');
      await eventually(async () => expect(stream.status()).toBe(200));
      await eventually(async () => expect(rejected.status()).toBe(400));
      const chat = await startChat(app, tenant.widgetKey);
      await eventually(async () => expect(stream.ofSession(chat.sessionId).length).toBeGreaterThan(0));
      await operatorPost(app, operator, `/sessions/${chat.sessionId}/accept`);
      await eventually(async () => {
        expect(stream.ofSession(chat.sessionId).map((event) => event.event)).toContain('session.removed');
      });
      expect(
        stream
          .ofSession(chat.sessionId)
          .filter((event) => event.data.session.status === 'active' && event.event !== 'session.removed'),
      ).toEqual([]);
      stream.close();
      rejected.close();
    });

    it('shows an operator only their own sessions unless the tenant allows all', async () => {
      const { tenant, operator } = await setup();
      const stranger = await createUser(services, tenant.slug, 'operator');
      const own = openStream(port, bearer(operator));
      const other = openStream(port, bearer(stranger));
      await eventually(async () => expect(own.status()).toBe(200));
      await eventually(async () => expect(other.status()).toBe(200));
      const chat = await startChat(app, tenant.widgetKey);
      await operatorPost(app, operator, `/sessions/${chat.sessionId}/accept`);
      await eventually(async () => {
        expect(own.ofSession(chat.sessionId).length).toBeGreaterThan(0);
      });
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(other.ofSession(chat.sessionId)).toEqual([]);
      own.close();
      other.close();
    });
  });
});
