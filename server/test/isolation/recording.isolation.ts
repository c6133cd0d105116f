import { Readable } from 'node:stream';
import { expect } from 'vitest';
import { objectKeys } from '../../platform/storage/object-store';
import { bearer } from '../factories';
import type { IsolationCases, IsolationContext } from '../isolation-cases';
import { insertSession } from '../session-fixtures';

/** A recorded phone session of tenant B, its file in the store. */
async function foreignRecording({ services, b }: IsolationContext) {
  const sessionId = await insertSession(services, b.id, { channel: 'phone' });
  const row = await services.db
    .insertInto('recordings')
    .values({
      tenant_id: b.id,
      session_id: sessionId,
      track: 'phone_call',
      started_at: new Date(),
      media_type: 'audio/wav',
      state: 'ready',
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const key = objectKeys.recording(b.id, row.id);
  await services.store.put(key, Readable.from([Buffer.from('RIFF secret of B')]), {
    contentType: 'audio/wav',
  });
  await services.db.updateTable('recordings').set({ object_key: key }).where('id', '=', row.id).execute();
  return { sessionId, recordingId: row.id };
}

/** Tenant isolation of the recordings routes (see server/test/isolation-cases.ts). */
export const recordingIsolationCases: IsolationCases = {
  'GET /api/v1/sessions/:id/recordings': async (ctx) => {
    const { sessionId } = await foreignRecording(ctx);
    const response = await ctx.app.inject({
      url: `/api/v1/sessions/${sessionId}/recordings`,
      headers: bearer(ctx.a.admin),
    });
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain('phone_call');
  },

  'GET /api/v1/sessions/:id/recordings/:recordingId/media': async (ctx) => {
    const { sessionId, recordingId } = await foreignRecording(ctx);
    const ownSession = await insertSession(ctx.services, ctx.a.id, { channel: 'phone' });
    for (const url of [
      `/api/v1/sessions/${sessionId}/recordings/${recordingId}/media`,
      // B's recording under A's own session id: still not found.
      `/api/v1/sessions/${ownSession}/recordings/${recordingId}/media`,
    ]) {
      const response = await ctx.app.inject({ url, headers: bearer(ctx.a.admin) });
      expect(response.statusCode).toBe(404);
      expect(response.body).not.toContain('secret of B');
    }
  },

  'POST /api/v1/sessions/:id/recordings': async (ctx) => {
    const { sessionId } = await foreignRecording(ctx);
    const key = await ctx.services.apiKeys.create(
      { tenantId: ctx.a.id, userId: null, apiKeyId: null },
      { name: 'PBX', role: 'media' },
    );
    const response = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/sessions/${sessionId}/recordings?kind=phone&startedAt=2026-11-30T10:00:00Z`,
      headers: { authorization: `Bearer ${key.key}`, 'content-type': 'audio/wav' },
      payload: Buffer.from('RIFF'),
    });
    expect(response.statusCode).toBe(404);
    const rows = await ctx.services.db
      .selectFrom('recordings')
      .select('id')
      .where('session_id', '=', sessionId)
      .execute();
    expect(rows).toHaveLength(1);
  },
};
