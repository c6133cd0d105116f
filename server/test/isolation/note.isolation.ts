import { expect } from 'vitest';
import { bearer } from '../factories';
import type { IsolationCases, IsolationContext } from '../isolation-cases';
import { insertSession } from '../session-fixtures';

/** A session of tenant B with a note by B's admin. */
async function foreignNote({ services, b }: IsolationContext) {
  const sessionId = await insertSession(services, b.id, {});
  const note = await services.db
    .insertInto('notes')
    .values({ tenant_id: b.id, session_id: sessionId, author_id: b.admin.id, text: 'poznámka B' })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { sessionId, noteId: note.id };
}

async function noteText({ services, b }: IsolationContext, noteId: string) {
  const row = await services.db
    .selectFrom('notes')
    .select('text')
    .where('tenant_id', '=', b.id)
    .where('id', '=', noteId)
    .executeTakeFirst();
  return row?.text;
}

/** Tenant isolation of the notes routes. */
export const noteIsolationCases: IsolationCases = {
  'GET /api/v1/sessions/:id/notes': async (ctx) => {
    const { sessionId } = await foreignNote(ctx);
    const response = await ctx.app.inject({
      method: 'GET',
      url: `/api/v1/sessions/${sessionId}/notes`,
      headers: bearer(ctx.a.admin),
    });
    expect(response.statusCode).toBe(404);
    expect(response.body).not.toContain('poznámka');
  },

  'POST /api/v1/sessions/:id/notes': async (ctx) => {
    const { sessionId } = await foreignNote(ctx);
    const response = await ctx.app.inject({
      method: 'POST',
      url: `/api/v1/sessions/${sessionId}/notes`,
      headers: bearer(ctx.a.admin),
      payload: { text: 'vetřelec' },
    });
    expect(response.statusCode).toBe(404);
    const count = await ctx.services.db
      .selectFrom('notes')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('tenant_id', '=', ctx.b.id)
      .where('session_id', '=', sessionId)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  },

  'PATCH /api/v1/sessions/:id/notes/:noteId': async (ctx) => {
    const { sessionId, noteId } = await foreignNote(ctx);
    const response = await ctx.app.inject({
      method: 'PATCH',
      url: `/api/v1/sessions/${sessionId}/notes/${noteId}`,
      headers: bearer(ctx.a.admin),
      payload: { text: 'přepsáno' },
    });
    expect(response.statusCode).toBe(404);
    expect(await noteText(ctx, noteId)).toBe('poznámka B');
  },

  'DELETE /api/v1/sessions/:id/notes/:noteId': async (ctx) => {
    const { sessionId, noteId } = await foreignNote(ctx);
    const response = await ctx.app.inject({
      method: 'DELETE',
      url: `/api/v1/sessions/${sessionId}/notes/${noteId}`,
      headers: bearer(ctx.a.admin),
    });
    expect(response.statusCode).toBe(404);
    expect(await noteText(ctx, noteId)).toBe('poznámka B');
  },
};
