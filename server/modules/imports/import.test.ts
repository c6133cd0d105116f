import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { bearer, createTenant, createUser, type TestTenant } from '../../test/factories';
import { useTestApp } from '../../test/harness';
import type { Services } from '../../services';
import { readLines } from './import.service';

const { app, services } = await useTestApp();

function session(externalId: string, overrides: Record<string, unknown> = {}) {
  return {
    externalId,
    channel: 'webchat',
    source: 'widget',
    status: 'closed',
    createdAt: '2025-03-01T09:15:00+01:00',
    acceptedAt: '2025-03-01T09:16:30+01:00',
    endedAt: '2025-03-01T09:30:00+01:00',
    endReason: 'client_left',
    group: 'Podpora',
    chatbot: 'Bot Eliška',
    operators: [
      {
        email: 'Jana@Firma.cz',
        name: 'Jana Nováková',
        joinedAt: '2025-03-01T09:16:30+01:00',
        leftAt: '2025-03-01T09:30:00+01:00',
      },
    ],
    client: {
      name: 'Petr Svoboda',
      email: 'petr@example.cz',
      phone: '+420777123456',
      ip: '10.0.0.1',
      language: 'cs',
      browser: 'chrome',
      os: 'windows',
      visitorId: `v-${externalId}`,
    },
    pageUrl: 'https://eshop.example.cz/kosik',
    widget: 'main',
    params: { orderId: '48151623', segment: 'VIP', attempt: 2 },
    tags: ['reklamace'],
    rating: 4,
    feedback: 'Rychlé vyřízení, děkuji.',
    activities: [
      {
        at: '2025-03-01T09:15:05+01:00',
        from: 'chatbot',
        type: 'message',
        text: 'Dobrý den, jak vám mohu pomoci?',
      },
      {
        at: '2025-03-01T09:15:40+01:00',
        from: 'client',
        type: 'message',
        text: 'Chci reklamovat objednávku 48151623.',
      },
      {
        at: '2025-03-01T09:16:30+01:00',
        from: 'system',
        type: 'system',
        text: 'Jana Nováková se připojila',
        systemCode: 'joined',
      },
      {
        at: '2025-03-01T09:17:00+01:00',
        from: 'operator',
        operator: 'jana@firma.cz',
        type: 'message',
        text: 'Dobrý den, pošlete prosím fakturu.',
      },
      {
        at: '2025-03-01T09:18:00+01:00',
        from: 'client',
        type: 'file',
        file: { name: 'faktura.pdf', size: 48213, mimeType: 'application/pdf' },
      },
    ],
    notes: [{ author: 'jana@firma.cz', at: '2025-03-01T09:31:00+01:00', text: 'Reklamace předána skladu.' }],
    ...overrides,
  };
}

const ndjson = (lines: unknown[]) =>
  lines.map((line) => (typeof line === 'string' ? line : JSON.stringify(line))).join('\n') + '\n';

async function postImport(tenant: TestTenant, body: string, headers: Record<string, string> = {}) {
  return app.inject({
    method: 'POST',
    url: '/api/v1/imports',
    headers: { ...bearer(tenant.admin), 'content-type': 'application/x-ndjson', ...headers },
    payload: body,
  });
}

/** Everything an import writes for a tenant, as comparable content (ids included). */
async function snapshot(svc: Services, tenantId: string) {
  const tables = [
    'sessions',
    'activities',
    'session_participants',
    'notes',
    'contacts',
    'contact_identities',
    'users',
    'operator_groups',
    'chatbots',
    'widgets',
    'param_names',
    'session_import_hashes',
  ];
  const result: Record<string, unknown[]> = {};
  for (const table of tables) {
    const rows = await sql<{ row: unknown }>`
      SELECT to_jsonb(t) - 'imported_at' - 'last_seen_at' AS row FROM ${sql.table(table)} t
      WHERE tenant_id = ${tenantId} ORDER BY 1`.execute(svc.db);
    result[table] = rows.rows.map((r) => r.row);
  }
  return result;
}

describe('NDJSON import', () => {
  it('imports the good lines and names every bad line with its reason', async () => {
    const tenant = await createTenant(services);
    const body = ndjson([
      session('crm-1'),
      '{"externalId": "crm-2", "channel": ',
      session('crm-3', { channel: 'fax' }),
      (({ externalId: _omit, ...rest }) => rest)(session('x')),
      session('crm-5', { endedAt: '2025-03-01T08:00:00+01:00', acceptedAt: undefined }),
      '[1,2,3]',
      '',
      session('crm-8', { createdAt: '2025-03-01 09:15' }),
      session('crm-9', {
        channel: 'whatsapp',
        source: 'campaign',
        client: { channelUserId: '420777000111' },
      }),
    ]);
    const response = await postImport(tenant, body);
    expect(response.statusCode, response.body).toBe(200);
    const summary = response.json<{
      created: number;
      rejected: number;
      errors: { line: number; reason: string; externalId: string | null }[];
    }>();
    expect(summary).toMatchObject({ created: 2, updated: 0, unchanged: 0, rejected: 6, moreErrors: 0 });
    const reasons = Object.fromEntries(summary.errors.map((e) => [e.line, e.reason]));
    expect(Object.keys(reasons).map(Number)).toEqual([2, 3, 4, 5, 6, 8]);
    expect(reasons[2]).toMatch(/not valid JSON/);
    expect(reasons[3]).toMatch(/channel "fax" is unknown; expected one of webchat/);
    expect(reasons[4]).toMatch(/externalId is required/);
    expect(reasons[5]).toMatch(/endedAt is before createdAt/);
    expect(reasons[6]).toMatch(/must be a JSON object/);
    expect(reasons[8]).toMatch(/createdAt must be an ISO 8601 time with an offset/);
    expect(summary.errors.find((e) => e.line === 3)?.externalId).toBe('crm-3');

    const stored = await services.db
      .selectFrom('sessions')
      .selectAll()
      .where('tenant_id', '=', tenant.id)
      .orderBy('external_id')
      .execute();
    expect(stored.map((s) => s.external_id)).toEqual(['crm-1', 'crm-9']);
    const first = stored[0]!;
    expect(first).toMatchObject({
      channel: 'webchat',
      status: 'closed',
      waiting_seconds: 90,
      duration_seconds: 810,
      end_reason: 'client_left',
      client_left: 'left_session',
      client_name: 'Petr Svoboda',
      client_browser: 'chrome',
      visitor_id: 'v-crm-1',
      params: { orderId: '48151623', segment: 'VIP', attempt: '2' },
      tags: ['reklamace'],
      rating: 4,
      message_count: 4,
    });
    expect(first.operator_ids).toHaveLength(1);
    expect(first.group_id).not.toBeNull();
    expect(first.chatbot_id).not.toBeNull();
    expect(first.widget_id).not.toBeNull();
    expect(first.contact_id).not.toBeNull();
    expect(new Date(first.last_client_message_at!).toISOString()).toBe('2025-03-01T08:18:00.000Z');
    expect(String(first.search_document)).toContain('reklamovat');
    expect(String(first.search_document)).toContain('faktura.pdf');

    const activities = await services.db
      .selectFrom('activities')
      .select(['sender', 'type', 'text', 'file_name', 'system_code', 'user_id'])
      .where('tenant_id', '=', tenant.id)
      .where('session_id', '=', first.id)
      .orderBy('at')
      .execute();
    expect(activities.map((a) => a.type)).toEqual(['message', 'message', 'system', 'message', 'file']);
    expect(activities[2]!.system_code).toBe('joined');
    expect(activities[3]!.user_id).toBe(first.operator_ids[0]);
    const params = await services.db
      .selectFrom('param_names')
      .select('name')
      .where('tenant_id', '=', tenant.id)
      .orderBy('name')
      .execute();
    expect(params.map((p) => p.name)).toEqual(['attempt', 'orderId', 'segment']);
    const whatsapp = await services.db
      .selectFrom('contact_identities')
      .select(['kind', 'value'])
      .where('tenant_id', '=', tenant.id)
      .where('channel', '=', 'whatsapp')
      .execute();
    expect(whatsapp).toEqual([{ kind: 'wa_id', value: '420777000111' }]);
    const audit = await services.db
      .selectFrom('audit_events')
      .select(['action', 'data'])
      .where('tenant_id', '=', tenant.id)
      .where('action', '=', 'import')
      .executeTakeFirstOrThrow();
    expect(audit.data).toMatchObject({ created: 2, rejected: 6 });
  });

  it('changes nothing when the same file is imported again', async () => {
    const tenant = await createTenant(services);
    const body = ndjson([session('a-1'), session('a-2', { tags: ['faktura'] }), '{bad']);
    expect((await postImport(tenant, body)).json()).toMatchObject({ created: 2, rejected: 1 });
    const before = await snapshot(services, tenant.id);
    const again = await postImport(tenant, body);
    expect(again.json()).toMatchObject({ created: 0, updated: 0, unchanged: 2, rejected: 1 });
    expect(await snapshot(services, tenant.id)).toEqual(before);
  });

  it('updates a changed line in place instead of duplicating it', async () => {
    const tenant = await createTenant(services);
    await postImport(tenant, ndjson([session('u-1')]));
    const changed = session('u-1', {
      rating: 2,
      activities: [{ at: '2025-03-01T09:20:00+01:00', from: 'client', text: 'Jiný text' }],
    });
    expect((await postImport(tenant, ndjson([changed]))).json()).toMatchObject({ created: 0, updated: 1 });
    const sessions = await services.db
      .selectFrom('sessions')
      .select(['id', 'rating', 'message_count'])
      .where('tenant_id', '=', tenant.id)
      .execute();
    expect(sessions).toHaveLength(1);
    expect(sessions[0]).toMatchObject({ rating: 2, message_count: 1 });
    const texts = await services.db
      .selectFrom('activities')
      .select('text')
      .where('tenant_id', '=', tenant.id)
      .execute();
    expect(texts).toEqual([{ text: 'Jiný text' }]);
    expect(
      await services.db
        .selectFrom('session_participants')
        .select('id')
        .where('tenant_id', '=', tenant.id)
        .execute(),
    ).toHaveLength(2);
  });

  it('keeps the notes people wrote in the app when a changed line replaces the imported ones', async () => {
    const tenant = await createTenant(services);
    await postImport(tenant, ndjson([session('n-1')]));
    const { id } = await services.db
      .selectFrom('sessions')
      .select('id')
      .where('tenant_id', '=', tenant.id)
      .executeTakeFirstOrThrow();
    const added = await app.inject({
      method: 'POST',
      url: `/api/v1/sessions/${id}/notes`,
      headers: bearer(tenant.admin),
      payload: { text: 'Zákazník volal znovu.' },
    });
    expect(added.statusCode).toBe(201);
    const changed = session('n-1', {
      notes: [{ author: 'jana@firma.cz', at: '2025-03-01T09:40:00+01:00', text: 'Sklad reklamaci uznal.' }],
    });
    expect((await postImport(tenant, ndjson([changed]))).json()).toMatchObject({ updated: 1 });
    const notes = await services.db
      .selectFrom('notes')
      .select(['text', 'imported'])
      .where('tenant_id', '=', tenant.id)
      .orderBy('text')
      .execute();
    expect(notes).toEqual([
      { text: 'Sklad reklamaci uznal.', imported: true },
      { text: 'Zákazník volal znovu.', imported: false },
    ]);
  });

  it('builds each search document in the insert exactly as refresh_search_documents does', async () => {
    const tenant = await createTenant(services);
    const body = ndjson([
      // Out of order in the file, two activities at the same instant, a file, a system line, tabs,
      // newlines and backslashes in the text.
      session('d-1', {
        activities: [
          { at: '2025-03-01T09:20:00+01:00', from: 'client', text: 'poslední\tzpráva \\ konec' },
          { at: '2025-03-01T09:15:00+01:00', from: 'client', text: 'první řádek\ndruhý řádek' },
          {
            at: '2025-03-01T09:17:00+01:00',
            from: 'operator',
            operator: 'jana@firma.cz',
            text: 'stejná chvíle A',
          },
          { at: '2025-03-01T09:17:00+01:00', from: 'client', text: 'stejná chvíle B' },
          {
            at: '2025-03-01T09:18:00+01:00',
            from: 'client',
            type: 'file',
            text: 'posílám',
            file: { name: 'Faktura č. 5.pdf', size: 10, mimeType: 'application/pdf' },
          },
          { at: '2025-03-01T09:19:00+01:00', from: 'system', type: 'system', systemCode: 'joined' },
        ],
      }),
      session('d-2', { activities: [] }),
      session('d-3'),
    ]);
    expect((await postImport(tenant, body)).json()).toMatchObject({ created: 3 });
    const documents = () =>
      sql<{ external_id: string; document: string }>`
        SELECT external_id, search_document::text AS document FROM sessions
        WHERE tenant_id = ${tenant.id} ORDER BY external_id`
        .execute(services.db)
        .then((result) => result.rows);
    const imported = await documents();
    expect(imported[0]!.document).toContain("'posledni'");
    expect(imported[0]!.document).toContain("'faktura'");
    expect(imported[1]!.document).toBe('');
    await sql`SELECT refresh_search_documents(${tenant.id}::bigint,
      ARRAY(SELECT id FROM sessions WHERE tenant_id = ${tenant.id}))`.execute(services.db);
    expect(await documents()).toEqual(imported);
  });

  it('writes batches side by side and still honours the order of the file', async () => {
    const tenant = await createTenant(services);
    const client = { name: 'Eva Malá', email: 'eva@example.cz', visitorId: 'v-eva', language: 'cs' };
    const lines = [
      session('p-1', { client }),
      session('p-2', { client }),
      session('p-3', { client, rating: 1 }),
      // The origin of this restored session is written by a batch that may still be in flight.
      session('p-4', { client, source: 'restored', restoredFrom: 'p-3' }),
      session('p-5', { client }),
      // The same session again, changed, two batches later: the later line wins.
      session('p-1', { client, rating: 5 }),
      session('p-6', { client }),
    ];
    const summary = await services.imports.importNdjson(
      { tenantId: tenant.id, actor: { tenantId: tenant.id, userId: null, apiKeyId: null } },
      [ndjson(lines)],
      { batchSize: 1 },
    );
    expect(summary).toMatchObject({ created: 6, updated: 1, rejected: 0 });
    const rows = await services.db
      .selectFrom('sessions')
      .select(['id', 'external_id', 'rating', 'restored_from_id', 'contact_id'])
      .where('tenant_id', '=', tenant.id)
      .orderBy('external_id')
      .execute();
    expect(rows.map((r) => r.external_id)).toEqual(['p-1', 'p-2', 'p-3', 'p-4', 'p-5', 'p-6']);
    expect(rows[0]!.rating).toBe(5);
    expect(rows[3]!.restored_from_id).toBe(rows[2]!.id);
    // One client, one contact, however the batches interleaved.
    expect(new Set(rows.map((r) => r.contact_id)).size).toBe(1);
    const contacts = await services.db
      .selectFrom('contacts')
      .select('id')
      .where('tenant_id', '=', tenant.id)
      .execute();
    expect(contacts).toHaveLength(1);
  });

  it('gives a client one contact when two imports into the tenant meet it at the same moment', async () => {
    const tenant = await createTenant(services);
    const clients = Array.from({ length: 12 }, (_, i) => ({
      name: `Klient ${i}`,
      visitorId: `v-shared-${i}`,
    }));
    const file = (prefix: string) =>
      ndjson(
        clients.flatMap((client, i) => [
          session(`${prefix}-${i}-a`, { client }),
          session(`${prefix}-${i}-b`, { client }),
        ]),
      );
    const target = { tenantId: tenant.id, actor: { tenantId: tenant.id, userId: null, apiKeyId: null } };
    const [first, second] = await Promise.all([
      services.imports.importNdjson(target, [file('one')], { batchSize: 3 }),
      services.imports.importNdjson(target, [file('two')], { batchSize: 3 }),
    ]);
    expect(first).toMatchObject({ created: 24, rejected: 0 });
    expect(second).toMatchObject({ created: 24, rejected: 0 });
    const perClient = await sql<{ visitor_id: string; contacts: number }>`
      SELECT visitor_id, count(DISTINCT contact_id)::int AS contacts FROM sessions
      WHERE tenant_id = ${tenant.id} GROUP BY visitor_id`.execute(services.db);
    expect(perClient.rows).toHaveLength(12);
    expect(perClient.rows.every((row) => row.contacts === 1)).toBe(true);
    const contacts = await services.db
      .selectFrom('contacts')
      .select('id')
      .where('tenant_id', '=', tenant.id)
      .execute();
    expect(contacts).toHaveLength(12);
  });

  it('keeps the instant of times written with different offsets', async () => {
    const tenant = await createTenant(services);
    await postImport(
      tenant,
      ndjson([
        session('t-1', {
          createdAt: '2025-03-01T09:15:00+01:00',
          acceptedAt: '2025-03-01T03:16:00-05:00',
          endedAt: '2025-03-01T08:20:00.500Z',
        }),
      ]),
    );
    const row = await services.db
      .selectFrom('sessions')
      .select(['created_at', 'accepted_at', 'ended_at', 'waiting_seconds'])
      .where('tenant_id', '=', tenant.id)
      .executeTakeFirstOrThrow();
    expect(new Date(row.created_at).toISOString()).toBe('2025-03-01T08:15:00.000Z');
    expect(new Date(row.accepted_at!).toISOString()).toBe('2025-03-01T08:16:00.000Z');
    expect(new Date(row.ended_at!).toISOString()).toBe('2025-03-01T08:20:00.500Z');
    expect(row.waiting_seconds).toBe(60);
  });

  it('matches existing operators, groups and chatbots instead of duplicating them', async () => {
    const tenant = await createTenant(services);
    const existing = await createUser(services, tenant.slug, 'operator', 'jana@firma.cz');
    const lines = [1, 2, 3].map((n) => session(`m-${n}`, { group: n === 3 ? 'Obchod' : 'Podpora' }));
    await postImport(tenant, ndjson(lines.slice(0, 2)));
    await postImport(tenant, ndjson(lines.slice(2)));
    const users = await services.db
      .selectFrom('users')
      .select(['id', 'email', 'role', 'password_hash'])
      .where('tenant_id', '=', tenant.id)
      .where('email', '=', 'jana@firma.cz')
      .execute();
    expect(users).toEqual([expect.objectContaining({ id: existing.id })]);
    const groups = await services.db
      .selectFrom('operator_groups')
      .select('name')
      .where('tenant_id', '=', tenant.id)
      .orderBy('name')
      .execute();
    expect(groups.map((g) => g.name)).toEqual(['Obchod', 'Podpora']);
    const bots = await services.db
      .selectFrom('chatbots')
      .select('name')
      .where('tenant_id', '=', tenant.id)
      .execute();
    expect(bots).toEqual([{ name: 'Bot Eliška' }]);
    const created = await services.db
      .selectFrom('users')
      .select(['role', 'password_hash'])
      .where('tenant_id', '=', tenant.id)
      .where('email', '=', 'nova@firma.cz')
      .execute();
    expect(created).toEqual([]);
    await postImport(
      tenant,
      ndjson([session('m-4', { operators: [{ email: 'nova@firma.cz', name: 'Nová Operátorka' }] })]),
    );
    const newOperator = await services.db
      .selectFrom('users')
      .select(['role', 'password_hash', 'name'])
      .where('tenant_id', '=', tenant.id)
      .where('email', '=', 'nova@firma.cz')
      .executeTakeFirstOrThrow();
    expect(newOperator).toEqual({ role: 'operator', password_hash: null, name: 'Nová Operátorka' });
    // One client (same visitor id) across sessions is one contact.
    await postImport(
      tenant,
      ndjson([
        session('c-1', { client: { visitorId: 'same' } }),
        session('c-2', { client: { visitorId: 'same' } }),
      ]),
    );
    const contacts = await services.db
      .selectFrom('sessions')
      .select('contact_id')
      .distinct()
      .where('tenant_id', '=', tenant.id)
      .where('external_id', 'in', ['c-1', 'c-2'])
      .execute();
    expect(contacts).toHaveLength(1);
  });

  it('links a restored session and stores recordings, routing and bans given in the file', async () => {
    const tenant = await createTenant(services);
    await postImport(
      tenant,
      ndjson([
        session('r-1', {
          channel: 'av',
          recordings: [
            { track: 'all_participants', startedAt: '2025-03-01T09:17:00+01:00', mediaType: 'video/webm' },
          ],
          routing: [
            { at: '2025-03-01T09:15:00+01:00', kind: 'entered_queue', group: 'Podpora' },
            { at: '2025-03-01T09:16:30+01:00', kind: 'accepted', operator: 'jana@firma.cz' },
          ],
          ban: { at: '2025-03-01T09:30:00+01:00', reason: 'spam', by: 'jana@firma.cz' },
        }),
        session('r-2', {
          source: 'restored',
          restoredFrom: 'r-1',
          createdAt: '2025-03-02T09:15:00+01:00',
          acceptedAt: undefined,
          endedAt: '2025-03-02T09:20:00+01:00',
        }),
      ]),
    );
    const rows = await services.db
      .selectFrom('sessions')
      .select(['id', 'external_id', 'restored_from_id', 'has_recording', 'banned'])
      .where('tenant_id', '=', tenant.id)
      .orderBy('external_id')
      .execute();
    expect(rows[1]!.restored_from_id).toBe(rows[0]!.id);
    expect(rows[0]).toMatchObject({ has_recording: true, banned: true });
    const bans = await services.db
      .selectFrom('bans as b')
      .innerJoin('ban_identities as i', (j) =>
        j.onRef('i.tenant_id', '=', 'b.tenant_id').onRef('i.ban_id', '=', 'b.id'),
      )
      .select(['i.kind', 'i.value', 'b.reason', 'b.session_id'])
      .where('b.tenant_id', '=', tenant.id)
      .execute();
    expect(bans).toEqual([
      { kind: 'visitorId', value: expect.any(String) as string, reason: 'spam', session_id: rows[0]!.id },
    ]);
    const routing = await services.db
      .selectFrom('routing_events')
      .select(['kind', 'group_id', 'user_id'])
      .where('tenant_id', '=', tenant.id)
      .orderBy('at')
      .execute();
    expect(routing.map((r) => r.kind)).toEqual(['entered_queue', 'accepted']);
    expect(routing[0]!.group_id).not.toBeNull();
    expect(routing[1]!.user_id).not.toBeNull();
  });

  it('streams a large body and rejects an over-long line by its number', async () => {
    const tenant = await createTenant(services);
    const lines: unknown[] = [];
    for (let i = 0; i < 1500; i++) lines.push(session(`big-${i}`));
    lines.splice(700, 0, `{"externalId":"long","text":"${'x'.repeat(1024 * 1024 + 10)}"}`);
    const response = await postImport(tenant, ndjson(lines));
    expect(response.statusCode).toBe(200);
    const summary = response.json<{
      created: number;
      rejected: number;
      errors: { line: number; reason: string }[];
    }>();
    expect(summary.created).toBe(1500);
    expect(summary.errors).toHaveLength(1);
    expect(summary.errors[0]).toMatchObject({ line: 701, externalId: null });
    expect(summary.errors[0]!.reason).toMatch(/longer than/);
  });

  it('names the field of a line holding U+0000, which PostgreSQL cannot store, and keeps the rest', async () => {
    const tenant = await createTenant(services);
    const body = ndjson([
      session('z-1', { activities: [{ at: '2025-03-01T09:16:00+01:00', from: 'client', text: 'a\u0000b' }] }),
      session('z-2', { params: { 'bad\u0000key': 'x' } }),
      session('z-3', { feedback: 'the escape written out: \\u0000 is fine' }),
    ]);
    const summary = (await postImport(tenant, body)).json<{ created: number; errors: unknown[] }>();
    expect(summary.created).toBe(1);
    expect(summary.errors).toEqual([
      {
        line: 1,
        externalId: 'z-1',
        reason: 'activities[0].text contains the character U+0000, which cannot be stored',
      },
      {
        line: 2,
        externalId: 'z-2',
        reason: 'params.bad\\u0000key contains the character U+0000, which cannot be stored',
      },
    ]);
  });

  it('names the field of a line holding a lone surrogate, so two such clients never collide as one', async () => {
    const tenant = await createTenant(services);
    const client = (visitorId: string, email: string) => ({ ...session('x').client, visitorId, email });
    const lone = (field: string) =>
      `client.${field} contains a lone UTF-16 surrogate (not well-formed Unicode), which cannot be stored`;
    // JSON.stringify writes lone surrogates as escapes (\\ud800), as any client would send them.
    const body = ndjson([
      session('s-1', { client: client('v-\uD800', 'a@example.cz') }),
      session('s-2', { client: client('v-\uD801', 'b@example.cz') }),
      session('s-3', { client: client('v-3', 'c\uDC00@example.cz') }),
      session('s-4', { client: client('v-\uD83D\uDE00', 'd@example.cz') }),
    ]);
    const summary = (await postImport(tenant, body)).json<{ created: number; errors: unknown[] }>();
    expect(summary.errors).toEqual([
      {
        line: 1,
        externalId: 's-1',
        reason: lone('visitorId'),
      },
      {
        line: 2,
        externalId: 's-2',
        reason: lone('visitorId'),
      },
      {
        line: 3,
        externalId: 's-3',
        reason: lone('email'),
      },
    ]);
    // A surrogate pair (an emoji) is well-formed and kept.
    expect(summary.created).toBe(1);
  });

  it('keeps every complete line received before the body stopped, and counts it in the audit log', async () => {
    const tenant = await createTenant(services);
    // 1,234 whole lines (two full batches and part of a third), half a line, then the connection drops.
    async function* body() {
      for (let i = 0; i < 1234; i++) yield `${JSON.stringify(session(`gone-${i}`, { activities: [] }))}\n`;
      yield '{"externalId": "half-a-li';
      throw Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
    }
    const target = { tenantId: tenant.id, actor: { tenantId: tenant.id, userId: null, apiKeyId: null } };
    await expect(services.imports.importNdjson(target, body())).rejects.toThrow('aborted');
    const stored = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM sessions WHERE tenant_id = ${tenant.id}`.execute(services.db);
    expect(stored.rows[0]!.n).toBe(1234);
    const audit = await sql<{ data: { lines: number; created: number } }>`
      SELECT data FROM audit_events WHERE tenant_id = ${tenant.id} AND action = 'import'`.execute(
      services.db,
    );
    expect(audit.rows[0]!.data).toMatchObject({ lines: 1234, created: 1234 });
  });

  it('caps the listed errors and counts the rest', async () => {
    const tenant = await createTenant(services);
    const body = Array.from({ length: 1005 }, () => 'nope').join('\n');
    const summary = (await postImport(tenant, body)).json<{
      errors: unknown[];
      moreErrors: number;
      rejected: number;
    }>();
    expect(summary.rejected).toBe(1005);
    expect(summary.errors).toHaveLength(1000);
    expect(summary.moreErrors).toBe(5);
  });

  it('refuses non-admins and other content types', async () => {
    const tenant = await createTenant(services);
    const supervisor = await createUser(services, tenant.slug, 'supervisor');
    const denied = await app.inject({
      method: 'POST',
      url: '/api/v1/imports',
      headers: { ...bearer(supervisor), 'content-type': 'application/x-ndjson' },
      payload: ndjson([session('s-1')]),
    });
    expect(denied.statusCode).toBe(403);
    expect(denied.json()).toMatchObject({ code: 'auth.forbidden' });

    const asJson = await postImport(tenant, JSON.stringify(session('s-1')), {
      'content-type': 'application/json',
    });
    expect(asJson.statusCode).toBe(415);
    expect(asJson.json()).toMatchObject({ code: 'unsupported_media_type' });
    const asCsv = await postImport(tenant, 'a,b', { 'content-type': 'text/csv' });
    expect(asCsv.statusCode).toBe(415);
    const huge = await postImport(tenant, '', { 'content-length': String(3 * 1024 ** 3) });
    expect([400, 413]).toContain(huge.statusCode);
    const sessions = await services.db
      .selectFrom('sessions')
      .select('id')
      .where('tenant_id', '=', tenant.id)
      .execute();
    expect(sessions).toEqual([]);
  });
});

describe('line reader', () => {
  it('splits CRLF lines across chunk boundaries and drops a byte-order mark', async () => {
    const chunks = ['\uFEFFab', 'c\r\nde', 'f\n\ng'];
    const lines = [];
    for await (const line of readLines(chunks, { maxLineBytes: 10, maxTotalBytes: 100 })) lines.push(line);
    expect(lines).toEqual([
      { line: 1, text: 'abc' },
      { line: 2, text: 'def' },
      { line: 3, text: '' },
      { line: 4, text: 'g' },
    ]);
  });

  it('stops with payload_too_large past the byte limit', async () => {
    const read = async () => {
      for await (const _line of readLines(['aaaa\n', 'bbbb\n'], { maxLineBytes: 10, maxTotalBytes: 6 })) {
        // consume
      }
    };
    await expect(read()).rejects.toMatchObject({ code: 'payload_too_large' });
  });
});
