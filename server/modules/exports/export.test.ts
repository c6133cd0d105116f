import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  adminPrincipal,
  bearer,
  createTenant,
  createUser,
  type TestTenant,
  type TestUser,
} from '../../test/factories';
import { useTestApp } from '../../test/harness';
import { buildFixture, insertSession, type Fixture } from '../../test/session-fixtures';
import { CELL_LIMIT } from './csv-writer';
import { openInSpreadsheet, parseCsv } from '../../test/spreadsheet';
import { DIRECT_EXPORT_LIMIT } from './export.service';
import { sql } from 'kysely';

// Background exports write their files under a throwaway data directory.
const { app, services } = await useTestApp({
  config: { dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'sessiondesk-exports-')) },
});

async function exportCsv(user: TestUser, query: string) {
  const response = await app.inject({
    method: 'GET',
    url: `/api/v1/sessions/export.csv?${query}`,
    headers: bearer(user),
  });
  return response;
}

/** Every id the list API returns for the query, following its cursors. */
async function listIds(user: TestUser, query: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const response: LightMyRequestResponse = await app.inject({
      method: 'GET',
      url: `/api/v1/sessions?${query}&limit=7${cursor ? `&cursor=${cursor}` : ''}`,
      headers: bearer(user),
    });
    expect(response.statusCode, response.body).toBe(200);
    const page: { items: { id: string }[]; nextCursor: string | null } = response.json<{
      items: { id: string }[];
      nextCursor: string | null;
    }>();
    ids.push(...page.items.map((item) => item.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

describe('CSV export', () => {
  let tenant: TestTenant;
  let fixture: Fixture;
  const longText = `Dlouhý přepis ${'ř'.repeat(45_000)}`;

  beforeAll(async () => {
    tenant = await createTenant(services);
    fixture = await buildFixture(services, tenant, 40);
    await insertSession(
      services,
      tenant.id,
      {
        createdAt: new Date(Date.UTC(2025, 5, 1, 10, 0, 0)),
        clientName: '=HYPERLINK("http://evil.example","klikni")',
        feedback: longText,
        pageUrl: '+420 777 000 111',
        clientEmail: '@SUM(1+1)',
        clientPhone: '-2+3',
        tags: ['příliš žluťoučký kůň'],
        duration: 3725,
      },
      [
        { sender: 'client', text: 'Dobrý den, kde je moje objednávka?' },
        { sender: 'operator', text: '=1+2 se nespočítá' },
      ],
    );
    await insertSession(
      services,
      tenant.id,
      {
        createdAt: new Date(Date.UTC(2025, 5, 2, 10, 0, 0)),
        clientName: 'Žaneta',
        feedback: 'první řádek\ndruhý řádek',
      },
      [
        { sender: 'client', text: 'Ahoj' },
        { sender: 'client', text: 'Jak se máte' },
      ],
    );
  });

  it('is UTF-8 with BOM, CRLF and semicolons, with Czech headers and an attachment name', async () => {
    const response = await exportCsv(tenant.admin, 'columns=id,clientName,channel,createdAt,duration');
    expect(response.statusCode, response.body).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toMatch(
      /^attachment; filename="sessions-history-\d{8}-\d{4}\.csv"$/,
    );
    const bytes = response.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).toBe('ID;Klient;Kanál;Vytvořeno (Europe/Prague);Délka (s)');
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\n(?!)/);
  });

  it('exports exactly the rows of the list, in its order, for several filters and sorts', async () => {
    const queries = [
      '',
      'sort=createdAt',
      'sort=-duration',
      'sort=clientName&channel=whatsapp,webchat',
      'view=live',
      'sort=-rating&tags=vip,faktura',
      'createdAt.min=2025-02-01T00:00:00Z&sort=waitingTime',
      'clientName.contains=nov&sort=-externalId',
      'param.segment=B2B&sort=param.orderId',
      `operator=${fixture.operators[0]!.id}&sort=-endedAt`,
    ];
    for (const query of queries) {
      const response = await exportCsv(tenant.admin, `${query}&columns=id`);
      expect(response.statusCode, `${query}: ${response.body}`).toBe(200);
      const rows = parseCsv(response.body.slice(1), ';');
      const exported = rows.slice(1).map((row) => row[0]);
      expect(exported, query).toEqual(await listIds(tenant.admin, query));
    }
  });

  it('exports what an operator may see and nothing more', async () => {
    const operator = fixture.operators[1]!;
    const response = await exportCsv(operator, 'columns=id,operator');
    expect(response.statusCode).toBe(200);
    const exported = parseCsv(response.body.slice(1), ';')
      .slice(1)
      .map((row) => row[0]);
    const expected = fixture.sessions
      .filter((session) => session.status === 'closed' && session.operatorIds.includes(operator.id))
      .map((session) => session.id);
    expect(new Set(exported)).toEqual(new Set(expected));
    expect(exported).toEqual(await listIds(operator, ''));
  });

  it('opens in LibreOffice with diacritics, columns, cut long cells and no formulas', async () => {
    const response = await exportCsv(
      tenant.admin,
      'columns=id,clientName,feedback,pageUrl,clientEmail,clientPhone,tags,createdAt,duration&createdAt.min=2025-06-01T00:00:00Z&transcript=true&sort=createdAt',
    );
    expect(response.statusCode, response.body).toBe(200);
    const sheet = await openInSpreadsheet(response.rawPayload, ';');
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(header).toEqual([
      'ID',
      'Klient',
      'Zpětná vazba',
      'URL stránky',
      'E-mail klienta',
      'Telefon klienta',
      'Štítky',
      'Vytvořeno (Europe/Prague)',
      'Délka (s)',
      'Přepis',
    ]);
    // Line breaks inside cells stay inside them: one spreadsheet row per session.
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(3).getCell(3).value).toBe('první řádek\ndruhý řádek');
    expect(sheet.getRow(3).getCell(10).value).toBe(
      '[2025-06-02 12:00:00] Žaneta (Klient): Ahoj\n[2025-06-02 12:00:01] Žaneta (Klient): Jak se máte',
    );
    const row = sheet.getRow(2);
    const cell = (index: number) => row.getCell(index);
    const text = (c: { value: unknown }) => (typeof c.value === 'string' ? c.value : JSON.stringify(c.value));
    for (const index of [2, 4, 5, 6, 10]) {
      expect(cell(index).formula, `column ${index}`).toBeUndefined();
      expect(typeof cell(index).value, `column ${index}`).toBe('string');
    }
    expect(text(cell(2))).toContain('=HYPERLINK("http://evil.example","klikni")');
    expect(text(cell(4))).toContain('+420 777 000 111');
    expect(text(cell(5))).toContain('@SUM(1+1)');
    expect(text(cell(6))).toContain('-2+3');
    expect(cell(7).value).toBe('příliš žluťoučký kůň');
    // The long feedback is cut, visibly, within Excel's limit.
    const feedback = text(cell(3));
    expect(feedback.length).toBeLessThanOrEqual(CELL_LIMIT);
    expect(feedback.startsWith('Dlouhý přepis řřř')).toBe(true);
    expect(feedback).toMatch(/… \[zkráceno: 45 014 znaků; celý text je v HTML exportu\]$/);
    // 2025-06-01 10:00 UTC is 12:00 in Prague (summer time); a date-time, not text.
    const created = cell(8).value;
    expect(created instanceof Date ? created.toISOString() : created).toBe('2025-06-01T12:00:00.000Z');
    expect(cell(9).value).toBe(3725);
    const transcript = text(cell(10));
    expect(transcript).toContain('(Klient): Dobrý den, kde je moje objednávka?');
    expect(transcript).toContain('] Operátor: =1+2 se nespočítá');
  });

  it('speaks English with commas when asked', async () => {
    const response = await exportCsv(
      tenant.admin,
      'columns=channel,endReason,banned&lang=en&separator=comma&sort=id',
    );
    expect(response.statusCode).toBe(200);
    const rows = parseCsv(response.body.slice(1), ',');
    expect(rows[0]).toEqual(['Channel', 'End reason', 'Banned']);
    const labels = new Set(rows.slice(1).map((row) => row[0]));
    for (const label of labels) expect(['Web chat', 'WhatsApp', 'Messenger', 'Phone']).toContain(label);
    for (const row of rows.slice(1)) expect(['yes', 'no']).toContain(row[2]);
  });

  it('records who exported what in the audit log', async () => {
    await exportCsv(tenant.admin, 'columns=id,channel&channel=whatsapp');
    const event = await services.db
      .selectFrom('audit_events')
      .selectAll()
      .where('tenant_id', '=', tenant.id)
      .where('action', '=', 'sessions.export')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(event.actor_user_id).toBe(tenant.admin.id);
    const expectedCount = fixture.sessions.filter(
      (s) => s.status === 'closed' && s.channel === 'whatsapp',
    ).length;
    expect(event.data).toMatchObject({
      format: 'csv',
      filters: { channel: 'whatsapp' },
      columns: ['id', 'channel'],
      count: expectedCount,
      completed: true,
    });
  });

  it('refuses bad parameters with a 400 naming them', async () => {
    const cases: [string, string][] = [
      ['columns=id,nope', 'columns'],
      ['columns=', 'columns'],
      ['tz=Mars/Olympus', 'tz'],
      ['tz=%27;DROP', 'tz'],
      ['sort=chatbot', 'sort'],
      ['channel=fax', 'channel'],
      ['bogus=1', 'bogus'],
      ['createdAt.min=2025-02-30', 'createdAt.min'],
    ];
    for (const [query, parameter] of cases) {
      const response = await exportCsv(tenant.admin, query);
      expect(response.statusCode, query).toBe(400);
      expect(response.json(), query).toMatchObject({ code: 'validation_failed' });
      if (parameter !== 'columns' || query !== 'columns=') {
        expect(JSON.stringify(response.json()), query).toContain(parameter);
      }
    }
    for (const query of ['separator=tab', 'lang=de', 'transcript=maybe']) {
      const response = await exportCsv(tenant.admin, query);
      expect(response.statusCode, query).toBe(400);
    }
    const anonymous = await app.inject({ method: 'GET', url: '/api/v1/sessions/export.csv' });
    expect(anonymous.statusCode).toBe(401);
  });

  it('sends more than the direct limit to the background', async () => {
    const big = await createTenant(services);
    await sql`
      INSERT INTO sessions (tenant_id, channel, source, status, created_at, ended_at)
      SELECT ${big.id}::bigint, 'webchat', 'widget', 'closed', now() - make_interval(secs => g), now()
      FROM generate_series(1, ${DIRECT_EXPORT_LIMIT + 1}) g`.execute(services.db);
    const response = await exportCsv(big.admin, 'columns=id');
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'export.too_large' });
    const filtered = await exportCsv(big.admin, 'columns=id&createdAt.min=2000-01-01&channel=phone');
    expect(filtered.statusCode).toBe(200);
  });
});

describe('background exports', () => {
  let tenant: TestTenant;
  let operator: TestUser;

  beforeAll(async () => {
    // Background exports run through the database-backed job queue, worked by the live runtime.
    await services.liveRuntime.start({
      connection: { connectionString: inject('databaseUrl') },
      log: { warn: () => {} },
    });
  });
  afterAll(async () => {
    await services.liveRuntime.stop();
  });
  beforeAll(async () => {
    tenant = await createTenant(services);
    operator = await createUser(services, tenant.slug, 'operator');
    for (let i = 0; i < 5; i++) {
      await insertSession(
        services,
        tenant.id,
        { createdAt: new Date(Date.UTC(2025, 0, 1 + i)), clientName: `Klient ${i}` },
        [{ sender: 'client', text: `Zpráva číslo ${i}` }],
      );
    }
  });

  async function waitForJob(user: TestUser, id: string) {
    for (let attempt = 0; attempt < 100; attempt++) {
      const response = await app.inject({
        method: 'GET',
        url: `/api/v1/exports/${id}`,
        headers: bearer(user),
      });
      const job = response.json<{ state: string }>();
      if (job.state !== 'queued' && job.state !== 'running') return response.json<Record<string, unknown>>();
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the export did not finish');
  }

  it('runs, reports progress and serves the same file as a direct export', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/exports',
      headers: bearer(tenant.admin),
      payload: { format: 'csv', query: 'sort=createdAt', columns: ['id', 'clientName'] },
    });
    expect(created.statusCode, created.body).toBe(202);
    const job = await waitForJob(tenant.admin, created.json<{ id: string }>().id);
    expect(job).toMatchObject({ state: 'done', progress: 5, total: 5, format: 'csv' });
    const file = await app.inject({
      method: 'GET',
      url: String(job.downloadUrl),
      headers: bearer(tenant.admin),
    });
    expect(file.statusCode).toBe(200);
    const direct = await exportCsv(tenant.admin, 'sort=createdAt&columns=id,clientName');
    expect(file.body).toBe(direct.body);
    expect(file.headers['content-disposition']).toMatch(/attachment; filename="sessions-history-.*\.csv"/);

    const list = await app.inject({ method: 'GET', url: '/api/v1/exports', headers: bearer(tenant.admin) });
    expect(list.json<{ items: { id: string }[] }>().items.map((item) => item.id)).toContain(job.id);
    // An operator sees only their own exports.
    const theirs = await app.inject({ method: 'GET', url: '/api/v1/exports', headers: bearer(operator) });
    expect(theirs.json<{ items: unknown[] }>().items).toEqual([]);
    const peek = await app.inject({
      method: 'GET',
      url: `/api/v1/exports/${String(job.id)}`,
      headers: bearer(operator),
    });
    expect(peek.statusCode).toBe(404);

    const removed = await app.inject({
      method: 'DELETE',
      url: `/api/v1/exports/${String(job.id)}`,
      headers: bearer(tenant.admin),
    });
    expect(removed.json()).toEqual({ id: job.id, deleted: true });
    const gone = await app.inject({
      method: 'GET',
      url: String(job.downloadUrl),
      headers: bearer(tenant.admin),
    });
    expect(gone.statusCode).toBe(404);
  });

  it('cancels a queued job and never writes its file', async () => {
    const created = await services.exports.startJob(adminPrincipal(tenant), {
      format: 'html',
      query: {},
      lang: 'en',
      timeZone: 'UTC',
      separator: 'comma',
      transcript: true,
    });
    const canceled = await app.inject({
      method: 'DELETE',
      url: `/api/v1/exports/${created.id}`,
      headers: bearer(tenant.admin),
    });
    expect(canceled.statusCode).toBe(200);
    const job = await waitForJob(tenant.admin, created.id);
    expect(job.state).toBe('canceled');
    const file = await app.inject({
      method: 'GET',
      url: `/api/v1/exports/${created.id}/file`,
      headers: bearer(tenant.admin),
    });
    expect(file.statusCode).toBe(409);
    expect(file.json()).toMatchObject({ code: 'export.not_ready' });
  });

  it('refuses bad requests before queuing anything', async () => {
    const bad = [
      { format: 'pdf' },
      { format: 'csv', query: 'channel=fax' },
      { format: 'csv', columns: ['nope'] },
      { format: 'csv', tz: 'Nowhere/Else' },
      { format: 'csv', query: 'x'.repeat(30_000) },
    ];
    for (const payload of bad) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/exports',
        headers: bearer(tenant.admin),
        payload,
      });
      expect(response.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400);
    }
    const huge = await app.inject({
      method: 'POST',
      url: '/api/v1/exports',
      headers: { ...bearer(tenant.admin), 'content-type': 'application/json' },
      payload: JSON.stringify({ format: 'csv', query: 'a'.repeat(200_000) }),
    });
    expect(huge.statusCode).toBe(413);
    for (const url of ['/api/v1/exports/abc', '/api/v1/exports/0', '/api/v1/exports/99999999999/file']) {
      const response = await app.inject({ method: 'GET', url, headers: bearer(tenant.admin) });
      expect([400, 404], url).toContain(response.statusCode);
    }
  });
});
