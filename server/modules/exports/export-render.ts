import { sql } from 'kysely';
import { revealFileName } from '../../../common/bidi';
import { activityText } from '../../../common/system-messages';
import type { Database } from '../../db/database';
import { listOrderBy, scopeConditions } from '../sessions/session-sql';
import { copyCsvRows } from './csv-copy';
import { csvWriter, safeCell, type CellValue } from './csv-writer';
import { columnHeader, formatValue, MAX_EXPORT_COLUMNS, type Lookups } from './export-columns';
import { deliveryLabel, exportTexts, senderLabel, type ExportLanguage } from './export-labels';
import { exportRepository, type ActivityRow, type ExportedRow } from './export.repository';
import type { ExportPlan } from './export.service';
import {
  CHUNK_CLOSE,
  CHUNK_OPEN,
  htmlEnd,
  htmlSession,
  htmlStart,
  SESSIONS_PER_CHUNK,
  type HtmlActivity,
} from './html-document';

/**
 * Writing an export's file: CSV rendered by PostgreSQL's COPY (csv-copy.ts) when it has no
 * transcripts, else sessions in batches through a cursor with each batch's transcripts read beside
 * it, as CSV rows or the stand-alone HTML document (html-document.ts). export.service.ts plans,
 * audits and schedules; this only writes.
 */

/** Column aliases in the export's SELECT: c0, c1, … */
const ALIASES = Array.from({ length: MAX_EXPORT_COLUMNS }, (_, index) => `c${index}`);

function transcriptText(activities: HtmlActivity[], lang: ExportLanguage): string {
  const t = exportTexts[lang];
  return activities
    .map((activity) => {
      const who = activity.senderName
        ? `${activity.senderName} (${senderLabel(activity.sender, lang)})`
        : senderLabel(activity.sender, lang);
      const body =
        activity.type === 'file'
          ? `${t.file}: ${revealFileName(activity.fileName ?? '')}${activity.fileSize !== null ? ` (${activity.fileSize} ${t.bytes})` : ''}${activity.text ? ` ${activity.text}` : ''}`
          : (activityText(activity, lang) ?? '');
      const delivery = deliveryLabel(activity.delivery, lang);
      return `[${activity.at}] ${who}: ${body}${delivery ? ` [${delivery}]` : ''}`;
    })
    .join('\n');
}

/** The row's cells, formatted; `safe` also makes them safe for a spreadsheet (one pass, one array). */
function cells(plan: ExportPlan, row: ExportedRow, lookups: Lookups, safe: boolean): CellValue[] {
  const { lang } = plan.request;
  const { columns } = plan;
  const result: CellValue[] = new Array<CellValue>(columns.length);
  for (let index = 0; index < columns.length; index++) {
    const value = formatValue(columns[index]!.column, row[ALIASES[index]!], lookups, lang);
    result[index] = safe ? safeCell(value, lang) : value;
  }
  return result;
}

function toActivities(rows: ActivityRow[], clientNames: Map<string, string | null>, lookups: Lookups) {
  const bySession = new Map<string, HtmlActivity[]>();
  for (const row of rows) {
    const senderName =
      row.sender === 'operator' && row.user_id
        ? (lookups.users.get(row.user_id) ?? null)
        : row.sender === 'chatbot' && row.chatbot_id
          ? (lookups.chatbots.get(row.chatbot_id) ?? null)
          : row.sender === 'client'
            ? (clientNames.get(row.session_id) ?? null)
            : null;
    let list = bySession.get(row.session_id);
    if (!list) bySession.set(row.session_id, (list = []));
    list.push({
      at: row.at,
      sender: row.sender,
      type: row.type,
      text: row.text,
      senderName,
      fileName: row.file_name,
      fileSize: row.file_size,
      fileMimeType: row.file_mime_type,
      systemCode: row.system_code,
      systemData: row.system_data,
      delivery:
        row.delivery_state === null ? null : { state: row.delivery_state, reason: row.delivery_reason },
    });
  }
  return bySession;
}

/**
 * The file, chunk by chunk, straight from the database cursor. `onBatch` hears the running count after
 * each batch (progress; it may throw to stop). Returns the number of sessions written.
 */
export async function* renderExport(
  db: Database,
  plan: ExportPlan,
  onBatch?: (written: number) => Promise<void>,
): AsyncGenerator<string | Buffer, number> {
  const repo = exportRepository(db);
  const { request } = plan;
  const lang = request.lang;
  const lookups = await repo.lookups(plan.tenantId);
  const headers = plan.columns.map((column) => columnHeader(column.column, lang, request.timeZone));
  const csv = request.format === 'csv' ? csvWriter(request.separator) : undefined;
  if (csv) {
    const header = request.transcript ? [...headers, exportTexts[lang].transcript] : headers;
    yield csv.header(header.map((cell) => safeCell(cell, lang)));
  }
  if (csv && !request.transcript) {
    // Without transcripts PostgreSQL renders the whole file (csv-copy.ts): no row passes through Node.
    return yield* copyCsvRows(db, plan, lookups, onBatch);
  }

  // With transcripts: sessions in batches through a cursor, each batch's transcripts read beside it.
  const select = sql.join([
    sql`s.id::text AS __id`,
    sql`s.client_name AS __client`,
    ...plan.columns.map((column, index) => sql`${column.select} AS ${sql.ref(ALIASES[index]!)}`),
  ]);
  const stream = repo.streamSessions(
    { select, where: scopeConditions(plan.scope), orderBy: listOrderBy(plan.sort) },
    200,
  );
  /** The transcripts of a batch's sessions, by session id. */
  const transcriptsOf = async (batch: {
    rows: ExportedRow[];
    activities: (ids: string[], tenantId: string, timeZone: string) => Promise<ActivityRow[]>;
  }) =>
    toActivities(
      await batch.activities(
        batch.rows.map((row) => row.__id),
        plan.tenantId,
        request.timeZone,
      ),
      new Map(batch.rows.map((row) => [row.__id, row.__client])),
      lookups,
    );
  let written = 0;

  if (csv) {
    for await (const batch of stream) {
      const transcripts = await transcriptsOf(batch);
      const rows = batch.rows.map((row) => {
        const line = cells(plan, row, lookups, true);
        line.push(safeCell(transcriptText(transcripts.get(row.__id) ?? [], lang), lang));
        return line;
      });
      written += rows.length;
      yield csv.rows(rows);
      await onBatch?.(written);
    }
    return written;
  }

  yield htmlStart({
    lang,
    title: `${exportTexts[lang].sessions} – ${exportTexts[lang].views[plan.scope.view]}`,
    headers,
    timeZone: request.timeZone,
    exportedAt: new Date().toISOString().slice(0, 19).replace('T', ' ') + ' UTC',
  });
  for await (const batch of stream) {
    const transcripts = await transcriptsOf(batch);
    let chunk = '';
    for (const row of batch.rows) {
      if (written % SESSIONS_PER_CHUNK === 0) chunk += (written > 0 ? CHUNK_CLOSE : '') + CHUNK_OPEN;
      chunk += htmlSession(
        {
          id: row.__id,
          cells: cells(plan, row, lookups, false),
          activities: transcripts.get(row.__id) ?? [],
        },
        lang,
      );
      written++;
    }
    yield chunk;
    await onBatch?.(written);
  }
  yield (written > 0 ? CHUNK_CLOSE : '') + htmlEnd(written, lang);
  return written;
}
