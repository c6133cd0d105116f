import { sql } from 'kysely';
import type { Database } from '../../db/database';

/** Notes on sessions; every query is scoped by tenant and session. */
export function noteRepository(db: Database) {
  const selectNote = () =>
    db
      .selectFrom('notes as n')
      .leftJoin('users as u', (join) =>
        join.onRef('u.tenant_id', '=', 'n.tenant_id').onRef('u.id', '=', 'n.author_id'),
      )
      .select([
        'n.id',
        'n.session_id',
        'n.author_id',
        'u.name as author_name',
        'n.text',
        'n.created_at',
        'n.updated_at',
      ]);

  return {
    listForSession(tenantId: string, sessionId: string) {
      return selectNote()
        .where('n.tenant_id', '=', tenantId)
        .where('n.session_id', '=', sessionId)
        .orderBy('n.created_at')
        .orderBy('n.id')
        .execute();
    },

    find(tenantId: string, sessionId: string, noteId: string) {
      return selectNote()
        .where('n.tenant_id', '=', tenantId)
        .where('n.session_id', '=', sessionId)
        .where('n.id', '=', noteId)
        .executeTakeFirst();
    },

    async create(tenantId: string, sessionId: string, authorId: string | null, text: string) {
      const row = await db
        .insertInto('notes')
        .values({ tenant_id: tenantId, session_id: sessionId, author_id: authorId, text })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },

    async update(tenantId: string, sessionId: string, noteId: string, text: string) {
      await db
        .updateTable('notes')
        .set({ text, updated_at: sql`now()` })
        .where('tenant_id', '=', tenantId)
        .where('session_id', '=', sessionId)
        .where('id', '=', noteId)
        .execute();
    },

    async remove(tenantId: string, sessionId: string, noteId: string) {
      await db
        .deleteFrom('notes')
        .where('tenant_id', '=', tenantId)
        .where('session_id', '=', sessionId)
        .where('id', '=', noteId)
        .execute();
    },
  };
}
