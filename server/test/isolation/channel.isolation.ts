import { Readable } from 'node:stream';
import { objectKeys } from '../../platform/storage/object-store';
import { expect } from 'vitest';
import { adminPrincipal, bearer } from '../factories';
import type { IsolationCases, IsolationContext } from '../isolation-cases';
import { insertSession } from '../session-fixtures';

/** A WhatsApp account of tenant B. */
async function foreignAccount({ services, b }: IsolationContext) {
  return services.channelAccounts.create(adminPrincipal(b), {
    type: 'whatsapp',
    name: 'účet B',
    config: {
      phoneNumberId: '4242',
      accessToken: 'b-token',
      appSecret: 'b-secret',
      verifyToken: 'b-verify',
      baseUrl: 'http://127.0.0.1:9',
    },
  });
}

/** Tenant isolation of the channel account routes. */
export const channelIsolationCases: IsolationCases = {
  'POST /api/v1/channels': async (ctx) => {
    const response = await ctx.app.inject({
      method: 'POST',
      url: '/api/v1/channels',
      headers: bearer(ctx.a.admin),
      payload: {
        type: 'vkontakte',
        name: 'A',
        config: { communityId: '1', accessToken: 'a', confirmationCode: 'c', secretKey: 's' },
      },
    });
    expect(response.statusCode).toBe(201);
    const id = response.json<{ id: string }>().id;
    const inB = await ctx.services.db
      .selectFrom('channel_accounts')
      .select('id')
      .where('tenant_id', '=', ctx.b.id)
      .where('id', '=', id)
      .executeTakeFirst();
    expect(inB).toBeUndefined();
  },

  'GET /api/v1/channels': async (ctx) => {
    const foreign = await foreignAccount(ctx);
    const response = await ctx.app.inject({
      method: 'GET',
      url: '/api/v1/channels',
      headers: bearer(ctx.a.admin),
    });
    expect(response.statusCode).toBe(200);
    expect(response.json<{ items: { id: string }[] }>().items.map((item) => item.id)).not.toContain(
      foreign.id,
    );
    expect(response.body).not.toContain('účet B');
  },

  'GET /api/v1/channels/:id': async (ctx) => {
    const foreign = await foreignAccount(ctx);
    const response = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/channels/${foreign.id}`,
      headers: bearer(ctx.a.admin),
    });
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain('účet B');
  },

  'PATCH /api/v1/channels/:id': async (ctx) => {
    const foreign = await foreignAccount(ctx);
    const response = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/channels/${foreign.id}`,
      headers: bearer(ctx.a.admin),
      payload: { name: 'vetřelec', enabled: false },
    });
    expect(response.statusCode).toBe(404);
    const after = await ctx.services.channelAccounts.get(adminPrincipal(ctx.b), foreign.id);
    expect(after).toMatchObject({ name: 'účet B', enabled: true });
  },
};

/** A session of tenant B with a file a client sent through WhatsApp. */
async function foreignFile(ctx: IsolationContext) {
  const account = await foreignAccount(ctx);
  const sessionId = await insertSession(ctx.services, ctx.b.id, { channel: 'whatsapp' });
  const key = objectKeys.sessionFile(ctx.b.id, `channels/${account.id}/x.pdf`);
  await ctx.services.store.put(key, Readable.from([Buffer.from('tajné B')]), {
    contentType: 'application/pdf',
  });
  const activity = await ctx.services.db
    .insertInto('activities')
    .values({
      tenant_id: ctx.b.id,
      session_id: sessionId,
      at: new Date(),
      sender: 'client',
      type: 'file',
      file_name: 'x.pdf',
      file_mime_type: 'application/pdf',
      file_object_key: key,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { sessionId, activityId: activity.id };
}

channelIsolationCases['GET /api/v1/sessions/:id/files/:activityId'] = async (ctx) => {
  const { sessionId, activityId } = await foreignFile(ctx);
  const response = await ctx.app.inject({
    method: 'GET',
    url: `/api/v1/sessions/${sessionId}/files/${activityId}`,
    headers: bearer(ctx.a.admin),
  });
  expect(response.statusCode).toBe(404);
  expect(response.body).not.toContain('tajné');
  // B's own admin reads it: the case fails if the route is broken rather than isolated.
  const own = await ctx.app.inject({
    method: 'GET',
    url: `/api/v1/sessions/${sessionId}/files/${activityId}`,
    headers: bearer(ctx.b.admin),
  });
  expect(own.statusCode).toBe(200);
  expect(own.rawPayload.toString()).toBe('tajné B');
};
