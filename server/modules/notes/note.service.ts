import type { Database } from '../../db/database';
import { forbidden, notFound } from '../../platform/errors';
import type { Principal } from '../../platform/auth/principal';
import { recordAudit } from '../audit/audit.repository';
import type { SessionService } from '../sessions/session.service';
import { noteRepository } from './note.repository';

type NoteRow = NonNullable<Awaited<ReturnType<ReturnType<typeof noteRepository>['find']>>>;

/**
 * Notes on a session: colleagues who can see the session see its notes; the author edits and deletes
 * their own; admins may delete any (moderation). Every change is audited.
 */
export function noteService(db: Database, sessions: Pick<SessionService, 'requireVisible'>) {
  const repo = noteRepository(db);

  const canEdit = (principal: Principal, note: NoteRow): boolean =>
    principal.userId !== null && note.author_id === principal.userId;
  const canDelete = (principal: Principal, note: NoteRow): boolean =>
    canEdit(principal, note) || principal.role === 'admin';

  const present = (principal: Principal, note: NoteRow) => ({
    id: note.id,
    sessionId: note.session_id,
    text: note.text,
    author: { id: note.author_id, name: note.author_name ?? (note.author_id ? `#${note.author_id}` : 'API') },
    createdAt: note.created_at,
    updatedAt: note.updated_at,
    canEdit: canEdit(principal, note),
    canDelete: canDelete(principal, note),
  });

  async function requireNote(principal: Principal, sessionId: string, noteId: string): Promise<NoteRow> {
    await sessions.requireVisible(principal, sessionId);
    const note = await repo.find(principal.tenantId, sessionId, noteId);
    if (!note) throw notFound(`Note ${noteId}`);
    return note;
  }

  return {
    async list(principal: Principal, sessionId: string) {
      await sessions.requireVisible(principal, sessionId);
      const notes = await repo.listForSession(principal.tenantId, sessionId);
      return notes.map((note) => present(principal, note));
    },

    async create(principal: Principal, sessionId: string, text: string) {
      await sessions.requireVisible(principal, sessionId);
      const id = await db.transaction().execute(async (trx) => {
        const created = await noteRepository(trx).create(
          principal.tenantId,
          sessionId,
          principal.userId,
          text,
        );
        await recordAudit(trx, principal, {
          action: 'note.create',
          objectType: 'session',
          objectId: sessionId,
          data: { noteId: created },
        });
        return created;
      });
      const note = await repo.find(principal.tenantId, sessionId, id);
      if (!note) throw notFound(`Note ${id}`);
      return present(principal, note);
    },

    async update(principal: Principal, sessionId: string, noteId: string, text: string) {
      const note = await requireNote(principal, sessionId, noteId);
      if (!canEdit(principal, note)) throw forbidden('Only the author can edit a note.');
      await db.transaction().execute(async (trx) => {
        await noteRepository(trx).update(principal.tenantId, sessionId, noteId, text);
        await recordAudit(trx, principal, {
          action: 'note.update',
          objectType: 'session',
          objectId: sessionId,
          data: { noteId, previousText: note.text },
        });
      });
      const updated = await repo.find(principal.tenantId, sessionId, noteId);
      if (!updated) throw notFound(`Note ${noteId}`);
      return present(principal, updated);
    },

    async remove(principal: Principal, sessionId: string, noteId: string) {
      const note = await requireNote(principal, sessionId, noteId);
      if (!canDelete(principal, note)) throw forbidden('Only the author or an admin can delete a note.');
      // The change and its audit entry commit together, or neither does.
      await db.transaction().execute(async (trx) => {
        await noteRepository(trx).remove(principal.tenantId, sessionId, noteId);
        await recordAudit(trx, principal, {
          action: 'note.delete',
          objectType: 'session',
          objectId: sessionId,
          data: { noteId, authorId: note.author_id, text: note.text },
        });
      });
    },
  };
}

export type NoteService = ReturnType<typeof noteService>;
