import { sql, type RawBuilder } from 'kysely';
import { enumLabels, isLabelledEnum } from '../../../common/labels';
import { checkout } from '../../db/connection';
import { copyOut } from '../../db/copy-out';
import type { Database } from '../../db/database';
import { listOrderBy, scopeConditions } from '../sessions/session-sql';
import { CELL_LIMIT, csvSeparators } from './csv-writer';
import type { ExportPlan } from './export.service';
import { namesOf, type ExportColumn, type Lookups } from './export-columns';
import { booleanLabel, exportTexts, type ExportLanguage } from './export-labels';

/**
 * The CSV of sessions without transcripts, written by PostgreSQL: `COPY (…) TO STDOUT (FORMAT csv)`
 * renders every cell — labels in the file's language, names of operators, groups, chatbots and
 * widgets, times in the chosen zone, the formula prefix and the 32,000-character cut — and Node only
 * passes the bytes on, turning record ends into CRLF. No row is parsed in Node, so the export runs at
 * the speed of COPY (issue #20; docs/benchmarks.md, "Export").
 *
 * These are the cell rules of `formatValue` (export-columns.ts) and `safeCell` (csv-writer.ts) written
 * in SQL; the Node forms still write CSV with transcripts and the HTML file. csv-copy.test.ts renders
 * the same sessions both ways and requires the same bytes.
 */

/** What the CSV's query needs of an export's plan: the list's scope and order, the columns, language and separator. */
export type CsvCopyPlan = Pick<ExportPlan, 'scope' | 'sort' | 'columns'> & {
  request: Pick<ExportPlan['request'], 'lang' | 'separator'>;
};

const jsonMap = (map: Map<string, string>) => sql`${JSON.stringify(Object.fromEntries(map))}::jsonb`;

/** The cell's text before the spreadsheet rules: `formatValue` in SQL. */
function cellValue(column: ExportColumn, lookups: Lookups, lang: ExportLanguage): RawBuilder<unknown> {
  const value = column.value;
  switch (column.column.type) {
    case 'enum': {
      if (!isLabelledEnum(column.id)) return sql`(${value})::text`;
      const words: Record<string, { cs: string; en: string }> = enumLabels[column.id];
      const whens = Object.entries(words).map(([key, word]) => sql`WHEN ${key} THEN ${word[lang]}`);
      return sql`CASE (${value})::text ${sql.join(whens, sql` `)} ELSE (${value})::text END`;
    }
    case 'boolean':
      return sql`CASE WHEN (${value}) THEN ${booleanLabel(true, lang)} WHEN NOT (${value}) THEN ${booleanLabel(false, lang)} END`;
    case 'duration':
    case 'number':
    case 'id':
    case 'text':
      return sql`(${value})::text`;
    case 'datetime':
      return column.select;
    case 'tags':
      return sql`array_to_string(${value}, ', ')`;
    case 'people':
      return sql`(SELECT string_agg(coalesce(${jsonMap(lookups.users)} ->> t.id::text, '#' || t.id::text), ', ' ORDER BY t.n)
                  FROM unnest(${value}) WITH ORDINALITY AS t(id, n))`;
    case 'ref': {
      const map = namesOf(column.id, lookups);
      return map
        ? sql`coalesce(${jsonMap(map)} ->> (${value})::text, '#' || (${value})::text)`
        : sql`(${value})::text`;
    }
  }
}

/** Cells whose text can never start like a formula nor be long: times and yes/no. */
const FIXED_FORM = new Set(['datetime', 'boolean', 'duration', 'number']);

/** `safeCell` in SQL, over a cell already computed (it is read up to three times). */
function safeText(cell: RawBuilder<unknown>, lang: ExportLanguage): RawBuilder<unknown> {
  const marker = exportTexts[lang].truncated('{n}');
  const groups = lang === 'cs' ? ' ' : ',';
  return sql`CASE
    WHEN octet_length(${cell}) >= ${CELL_LIMIT} THEN export_long_cell(${cell}, ${CELL_LIMIT}, ${marker}, ${groups})
    WHEN left(${cell}, 1) IN ('=', '+', '-', '@', E'\\t', E'\\r') THEN '''' || ${cell}
    ELSE ${cell} END`;
}

/**
 * The query COPY runs: the sessions of the list in its order, each cell computed once in the inner
 * query (`OFFSET 0` keeps PostgreSQL from merging it into the outer one, which would compute a cell
 * once per mention), then made safe. An empty text becomes NULL, which COPY writes as an empty field,
 * as the Node writer does (COPY would quote an empty string).
 */
export function csvCopyQuery(plan: CsvCopyPlan, lookups: Lookups): RawBuilder<unknown> {
  const inner = plan.columns.map(
    (column, index) => sql`${cellValue(column, lookups, plan.request.lang)} AS ${sql.ref(`c${index}`)}`,
  );
  const outer = plan.columns.map((column, index) => {
    const cell = sql.ref(`q.c${index}`);
    return FIXED_FORM.has(column.column.type) ? cell : sql`nullif(${safeText(cell, plan.request.lang)}, '')`;
  });
  return sql`SELECT ${sql.join(outer)} FROM (
    SELECT ${sql.join(inner)} FROM sessions s
    WHERE ${scopeConditions(plan.scope)}
    ORDER BY ${listOrderBy(plan.sort)}
    OFFSET 0) q`;
}

/**
 * COPY writes LF after each record; the file ends records with CRLF (what Excel and RFC 4180 expect),
 * while a line break inside a quoted cell stays as it is. Counts the records it has passed.
 */
export function crlfRecords() {
  const QUOTE = 0x22;
  const LF = 0x0a;
  const CRLF = Buffer.from('\r\n');
  let quoted = false;
  const state = {
    records: 0,
    push(chunk: Buffer): Buffer {
      const parts: Buffer[] = [];
      let from = 0;
      let at = 0;
      // The next LF and quote at or after `at`, looked up again only once passed (-1: none left).
      let lf = -2;
      let quote = -2;
      while (at < chunk.length) {
        if (quote !== -1 && quote < at) quote = chunk.indexOf(QUOTE, at);
        if (quoted) {
          if (quote < 0) break;
          // A doubled quote inside a cell closes and opens again: the state comes out right.
          quoted = false;
          at = quote + 1;
          continue;
        }
        if (lf !== -1 && lf < at) lf = chunk.indexOf(LF, at);
        if (lf >= 0 && (quote < 0 || lf < quote)) {
          parts.push(chunk.subarray(from, lf), CRLF);
          state.records++;
          from = at = lf + 1;
        } else if (quote >= 0) {
          quoted = true;
          at = quote + 1;
        } else break;
      }
      if (parts.length === 0) return chunk;
      parts.push(chunk.subarray(from));
      return Buffer.concat(parts);
    },
  };
  return state;
}

/**
 * The rows of the CSV (no header), chunk by chunk, from COPY on a connection of its own inside a
 * read-only transaction. `onRows` hears the running count after each chunk and may throw to stop; a
 * copy stopped early discards its connection (the server then ends the COPY). Returns the row count.
 */
export async function* copyCsvRows(
  db: Database,
  plan: CsvCopyPlan,
  lookups: Lookups,
  onRows?: (written: number) => Promise<void>,
): AsyncGenerator<Buffer, number> {
  const query = csvCopyQuery(plan, lookups).compile(db);
  const held = await checkout(db);
  let finished = false;
  try {
    await held.client.query('BEGIN READ ONLY');
    // A long export is one long read; the pool's per-statement guard is for interactive queries.
    await held.client.query('SET LOCAL statement_timeout = 0');
    const records = crlfRecords();
    const delimiter = csvSeparators[plan.request.separator];
    for await (const chunk of copyOut(held.client, query, `(FORMAT csv, DELIMITER '${delimiter}')`)) {
      yield records.push(chunk as Buffer);
      await onRows?.(records.records);
    }
    await held.client.query('COMMIT');
    finished = true;
    return records.records;
  } finally {
    held.release(finished ? undefined : new Error('The CSV copy stopped before its end.'));
  }
}
