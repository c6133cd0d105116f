import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { staticColumns } from '../../../common/columns';
import { adminPrincipal, createTenant, type TestTenant } from '../../test/factories';
import { useTestApp } from '../../test/harness';
import { buildFixture, insertSession, type Fixture } from '../../test/session-fixtures';
import { listOrderBy, scopeConditions } from '../sessions/session-sql';
import { copyCsvRows, crlfRecords } from './csv-copy';
import { CELL_LIMIT, csvWriter, safeCell, truncationMarker, type CsvSeparator } from './csv-writer';
import { formatValue } from './export-columns';
import type { ExportLanguage } from './export-labels';
import { exportRepository } from './export.repository';

/**
 * The CSV without transcripts is rendered by PostgreSQL (csv-copy.ts); the rules it follows are the
 * Node ones (formatValue, safeCell, csv-stringify), which still write CSV with transcripts. Here the
 * same sessions go both ways, for every column, in both languages, with both separators and several
 * sorts, and the bytes must be the same.
 */
const { services } = await useTestApp({
  config: { dataDir: fs.mkdtempSync(path.join(os.tmpdir(), 'sessiondesk-csv-copy-')) },
});

const allColumns = [...staticColumns.map((column) => column.id), 'param.orderId', 'param.=cmd;x'];

describe('CSV rendered by PostgreSQL', () => {
  let tenant: TestTenant;
  let fixture: Fixture;

  beforeAll(async () => {
    tenant = await createTenant(services);
    fixture = await buildFixture(services, tenant, 60);
    const operator = fixture.operators[0]!.id;
    const at = (minute: number) => new Date(Date.UTC(2025, 6, 1, 8, minute));
    // The marker of a five-digit length is as long in any such length; the emoji straddle the cut.
    const room = CELL_LIMIT - truncationMarker(50_000, 'en').length;
    const tricky: Parameters<typeof insertSession>[2][] = [
      {
        clientName: '=HYPERLINK("http://evil.example","klikni")',
        clientEmail: '@SUM(1+1)',
        clientPhone: '-2+3',
        pageUrl: '+420 777 000 111',
        feedback: `Dlouhý text ${'ř'.repeat(45_000)}`,
        tags: ['a, b', '=tag', 'přílišžluťoučký'],
        params: { orderId: '\tTAB', '=cmd;x': 'x;y' },
      },
      { feedback: `${'x'.repeat(room - 1)}${'😀'.repeat(9_000)}`, clientName: '' },
      { feedback: `${'x'.repeat(room - 2)}${'😀'.repeat(9_000)}`, clientName: '\\.' },
      { feedback: `=${'y'.repeat(CELL_LIMIT)}`, clientName: 'řádek "1"; druhý\r\ntřetí\rčtvrtý\nkonec' },
      { feedback: 'b'.repeat(CELL_LIMIT), clientName: '\u202Eevil\u202C name \u2067x\u2069' },
      { feedback: `'${'c'.repeat(CELL_LIMIT - 1)}`, clientName: ' =not a formula' },
      { feedback: `-${'😀'.repeat(16_000)}`, clientName: '"', operatorIds: [operator, '987654321'] },
      { clientName: ';', operatorIds: ['987654320'], tags: [''], params: { orderId: '' } },
    ];
    for (const [index, values] of tricky.entries()) {
      await insertSession(services, tenant.id, { createdAt: at(index), status: 'closed', ...values });
    }
  });

  /** The bytes the Node writer makes of the same plan (what the transcript export still does). */
  async function nodeRows(plan: Awaited<ReturnType<typeof services.exports.prepare>>): Promise<string> {
    const lookups = await exportRepository(services.db).lookups(tenant.id);
    const writer = csvWriter(plan.request.separator);
    let out = '';
    const stream = exportRepository(services.db).streamSessions(
      {
        select: sql.join(
          plan.columns.map((column, index) => sql`${column.select} AS ${sql.ref(`c${index}`)}`),
        ),
        where: scopeConditions(plan.scope),
        orderBy: listOrderBy(plan.sort),
      },
      1000,
    );
    for await (const batch of stream) {
      out += writer.rows(
        batch.rows.map((row) =>
          plan.columns.map((column, index) =>
            safeCell(
              formatValue(column.column, row[`c${index}`], lookups, plan.request.lang),
              plan.request.lang,
            ),
          ),
        ),
      );
    }
    return out;
  }

  async function copyRows(plan: Awaited<ReturnType<typeof services.exports.prepare>>): Promise<string> {
    const lookups = await exportRepository(services.db).lookups(tenant.id);
    const chunks: Buffer[] = [];
    const rows = copyCsvRows(services.db, plan, lookups);
    for await (const chunk of rows) chunks.push(chunk);
    return Buffer.concat(chunks).toString('utf8');
  }

  const cases: { lang: ExportLanguage; separator: CsvSeparator; sort: string; view: string }[] = [
    { lang: 'cs', separator: 'semicolon', sort: '-createdAt', view: 'history' },
    { lang: 'en', separator: 'comma', sort: 'clientName', view: 'history' },
    { lang: 'cs', separator: 'comma', sort: 'duration', view: 'history' },
    { lang: 'en', separator: 'semicolon', sort: '-operator', view: 'history' },
    { lang: 'cs', separator: 'semicolon', sort: 'group', view: 'live' },
  ];

  it.each(cases)('writes the same bytes as the Node writer: $lang, $separator, $sort, $view', async (c) => {
    const plan = await services.exports.prepare(adminPrincipal(tenant), {
      format: 'csv',
      query: { view: c.view, sort: c.sort },
      columns: allColumns,
      lang: c.lang,
      timeZone: 'Europe/Prague',
      separator: c.separator,
      transcript: false,
    });
    // A live session's waiting time and duration run on with the clock, so the Node bytes are read
    // before and after the COPY, and the two are compared once both reads agree (no second ticked
    // over between them).
    let expected = '';
    let actual = '';
    for (let attempt = 0; attempt < 5; attempt++) {
      expected = await nodeRows(plan);
      actual = await copyRows(plan);
      if ((await nodeRows(plan)) === expected) break;
    }
    expect(expected.split('\r\n').length).toBeGreaterThan(c.view === 'live' ? 3 : 50);
    // Compared line by line first, so a failure names the cell rather than a 2 MB string.
    const expectedLines = expected.split('\r\n');
    const actualLines = actual.split('\r\n');
    for (let line = 0; line < Math.max(expectedLines.length, actualLines.length); line++) {
      expect(actualLines[line]?.slice(0, 2000), `line ${line}`).toBe(expectedLines[line]?.slice(0, 2000));
    }
    expect(actual).toBe(expected);
  });

  it('is what the export service writes after the header, counting the rows', async () => {
    const plan = await services.exports.prepare(adminPrincipal(tenant), {
      format: 'csv',
      query: { view: 'history', channel: 'webchat,whatsapp' },
      columns: allColumns,
      lang: 'cs',
      timeZone: 'UTC',
      separator: 'semicolon',
      transcript: false,
    });
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'sessiondesk-csv-copy-')), 'x.csv');
    const counts: number[] = [];
    const written = await services.exports.writeFile(plan, file, async (n) => {
      counts.push(n);
    });
    const text = fs.readFileSync(file, 'utf8');
    const header = text.slice(0, text.indexOf('\r\n') + 2);
    expect(header.startsWith('\ufeff')).toBe(true);
    expect(text.slice(header.length)).toBe(await nodeRows(plan));
    const closed = fixture.sessions.filter(
      (session) => session.status === 'closed' && ['webchat', 'whatsapp'].includes(session.channel),
    ).length;
    expect(written).toBe(closed + 8);
    expect(counts.at(-1)).toBe(written);
  });

  it('ends records with CRLF whatever the chunks, and keeps line breaks inside cells', () => {
    const copy = 'a;"b\nc";"d""\n"\n"";x\n\n1;2\n';
    const whole = crlfRecords();
    const expected = whole.push(Buffer.from(copy)).toString();
    expect(expected).toBe('a;"b\nc";"d""\n"\r\n"";x\r\n\r\n1;2\r\n');
    expect(whole.records).toBe(4);
    for (let size = 1; size <= 5; size++) {
      const split = crlfRecords();
      const bytes = Buffer.from(copy);
      const parts: Buffer[] = [];
      for (let from = 0; from < bytes.length; from += size)
        parts.push(split.push(bytes.subarray(from, from + size)));
      expect(Buffer.concat(parts).toString()).toBe(expected);
      expect(split.records).toBe(4);
    }
  });
});
