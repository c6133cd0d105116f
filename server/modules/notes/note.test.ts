import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { bearer, createTenant, createUser, type TestTenant, type TestUser } from '../../test/factories';
import { useTestApp } from '../../test/harness';
import { insertSession } from '../../test/session-fixtures';

interface Note {
  id: string;
  text: string;
  author: { id: string | null; name: string };
  updatedAt: string | null;
  canEdit: boolean;
  canDelete: boolean;
}

describe('notes on a session', async () => {
  const { app, services } = await useTestApp();
  let tenant: TestTenant;
  let operator: TestUser;
  let colleague: TestUser;
  let supervisor: TestUser;
  let sessionId: string;

  const call = (user: TestUser, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path = '', payload?: unknown) =>
    app.inject({
      method,
      url: `/api/v1/sessions/${sessionId}/notes${path}`,
      headers: bearer(user),
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });

  beforeAll(async () => {
    tenant = await createTenant(services);
    operator = await createUser(services, tenant.slug, 'operator');
    colleague = await createUser(services, tenant.slug, 'operator');
    supervisor = await createUser(services, tenant.slug, 'supervisor');
    sessionId = await insertSession(services, tenant.id, { operatorIds: [operator.id, colleague.id] });
  });

  it('are added, listed with their author and what the caller may do, and audited', async () => {
    const created = await call(operator, 'POST', '', { text: 'Klient volal znovu.' });
    expect(created.statusCode, created.body).toBe(201);
    const note = created.json<Note>();
    expect(note).toMatchObject({
      text: 'Klient volal znovu.',
      author: { id: operator.id },
      canEdit: true,
      canDelete: true,
    });

    const mine = (await call(operator, 'GET')).json<{ items: Note[] }>().items;
    expect(mine.map((n) => n.id)).toContain(note.id);
    const theirs = (await call(colleague, 'GET'))
      .json<{ items: Note[] }>()
      .items.find((n) => n.id === note.id);
    expect(theirs).toMatchObject({ canEdit: false, canDelete: false });
    const admins = (await call(tenant.admin, 'GET'))
      .json<{ items: Note[] }>()
      .items.find((n) => n.id === note.id);
    expect(admins).toMatchObject({ canEdit: false, canDelete: true });

    const audit = await services.db
      .selectFrom('audit_events')
      .select('action')
      .where('tenant_id', '=', tenant.id)
      .where('object_id', '=', sessionId)
      .execute();
    expect(audit.map((a) => a.action)).toContain('note.create');
  });

  it('can be edited only by their author', async () => {
    const note = (await call(operator, 'POST', '', { text: 'první verze' })).json<Note>();
    expect((await call(colleague, 'PATCH', `/${note.id}`, { text: 'cizí' })).statusCode).toBe(403);
    expect((await call(tenant.admin, 'PATCH', `/${note.id}`, { text: 'admin' })).statusCode).toBe(403);
    const edited = await call(operator, 'PATCH', `/${note.id}`, { text: 'druhá verze' });
    expect(edited.statusCode).toBe(200);
    expect(edited.json<Note>()).toMatchObject({ text: 'druhá verze' });
    expect(edited.json<Note>().updatedAt).not.toBeNull();
  });

  it('can be deleted by their author or an admin, not by colleagues or supervisors', async () => {
    const first = (await call(operator, 'POST', '', { text: 'smazat' })).json<Note>();
    expect((await call(colleague, 'DELETE', `/${first.id}`)).statusCode).toBe(403);
    expect((await call(supervisor, 'DELETE', `/${first.id}`)).statusCode).toBe(403);
    expect((await call(operator, 'DELETE', `/${first.id}`)).statusCode).toBe(204);
    const second = (await call(operator, 'POST', '', { text: 'moderovat' })).json<Note>();
    expect((await call(tenant.admin, 'DELETE', `/${second.id}`)).statusCode).toBe(204);
    const left = (await call(operator, 'GET')).json<{ items: Note[] }>().items.map((n) => n.id);
    expect(left).not.toContain(first.id);
    expect(left).not.toContain(second.id);
    const actions = await services.db
      .selectFrom('audit_events')
      .select('action')
      .where('tenant_id', '=', tenant.id)
      .where('action', '=', 'note.delete')
      .execute();
    expect(actions).toHaveLength(2);
  });

  it('are out of reach on sessions the operator may not see', async () => {
    const other = await insertSession(services, tenant.id, { operatorIds: [colleague.id] });
    const response = await app.inject({
      method: 'GET',
      url: `/api/v1/sessions/${other}/notes`,
      headers: bearer(operator),
    });
    expect(response.statusCode).toBe(404);
  });

  it('are written together with their audit entry, or not at all', async () => {
    // The audit log refuses this tenant's note entries: the note change must roll back with it.
    const fn = `refuse_note_audit_${tenant.id}`;
    await sql`CREATE FUNCTION ${sql.raw(fn)}() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.tenant_id = ${sql.raw(tenant.id)} AND NEW.action LIKE 'note.%' THEN
          RAISE EXCEPTION 'audit log unavailable';
        END IF;
        RETURN NEW;
      END $$`.execute(services.db);
    await sql`CREATE TRIGGER ${sql.raw(fn)} BEFORE INSERT ON audit_events
      FOR EACH ROW EXECUTE FUNCTION ${sql.raw(fn)}()`.execute(services.db);
    const existing = (await call(operator, 'GET')).json<{ items: Note[] }>().items[0]!;
    try {
      expect((await call(operator, 'POST', '', { text: 'Nemá zůstat.' })).statusCode).toBe(500);
      expect((await call(operator, 'PATCH', `/${existing.id}`, { text: 'Ani tohle.' })).statusCode).toBe(500);
      expect((await call(operator, 'DELETE', `/${existing.id}`)).statusCode).toBe(500);
    } finally {
      await sql`DROP TRIGGER ${sql.raw(fn)} ON audit_events`.execute(services.db);
      await sql`DROP FUNCTION ${sql.raw(fn)}()`.execute(services.db);
    }
    const after = (await call(operator, 'GET')).json<{ items: Note[] }>().items;
    expect(after.map((note) => note.text)).not.toContain('Nemá zůstat.');
    expect(after.find((note) => note.id === existing.id)?.text).toBe(existing.text);
  });

  it('reject bad input with a 4xx', async () => {
    expect((await call(operator, 'POST', '', { text: '' })).statusCode).toBe(400);
    expect((await call(operator, 'POST', '', { text: 'x'.repeat(20_001) })).statusCode).toBe(400);
    expect((await call(operator, 'POST', '', { text: 'x'.repeat(200_000) })).statusCode).toBe(413);
    expect((await call(operator, 'POST', '', { nope: 1 })).statusCode).toBe(400);
    expect((await call(operator, 'PATCH', '/abc', { text: 'x' })).statusCode).toBe(400);
    expect((await call(operator, 'PATCH', '/999999999', { text: 'x' })).statusCode).toBe(404);
    expect((await call(operator, 'DELETE', '/999999999')).statusCode).toBe(404);
    const unknownSession = await app.inject({
      method: 'POST',
      url: '/api/v1/sessions/999999999/notes',
      headers: bearer(operator),
      payload: { text: 'x' },
    });
    expect(unknownSession.statusCode).toBe(404);
  });
});
