import { stringify } from 'csv-stringify/sync';
import { exportTexts, type ExportLanguage } from './export-labels';

/**
 * CSV that opens by double-click in Excel and LibreOffice: UTF-8 with a byte order mark (without it
 * Excel reads the file as the ANSI code page and breaks Czech diacritics), CRLF line ends, RFC 4180
 * quoting by csv-stringify. The separator defaults to `;`: Excel with Czech (and most continental)
 * regional settings splits on `;` because `,` is their decimal mark; `separator=comma` suits English
 * settings.
 */

export const csvSeparators = { semicolon: ';', comma: ',' } as const;
export type CsvSeparator = keyof typeof csvSeparators;
export const DEFAULT_SEPARATOR: CsvSeparator = 'semicolon';

/** Excel refuses more than 32,767 characters in a cell; we cut well before, with a visible marker. */
export const CELL_LIMIT = 32_000;

const FORMULA_START = /^[=+\-@\t\r]/;

export type CellValue = string | number | null;

/** The marker that ends a cut cell, e.g. `… [truncated: 45,120 characters; full text in the HTML export]`. */
export function truncationMarker(fullLength: number, lang: ExportLanguage): string {
  const length = new Intl.NumberFormat(lang === 'cs' ? 'cs-CZ' : 'en-GB').format(fullLength);
  return exportTexts[lang].truncated(length.replace(/\u00a0/g, ' '));
}

/**
 * A cell that cannot run as a formula (OWASP CSV injection: text starting with `=`, `+`, `-`, `@`, tab
 * or CR gets a leading `'`) and fits Excel's cell limit (longer text is cut and says so).
 */
export function safeCell(value: CellValue, lang: ExportLanguage): CellValue {
  if (typeof value !== 'string') return value;
  let text = FORMULA_START.test(value) ? `'${value}` : value;
  if (text.length > CELL_LIMIT) {
    const marker = truncationMarker(value.length, lang);
    let end = CELL_LIMIT - marker.length;
    // Never split a surrogate pair (emoji): cut before its high half.
    const code = text.charCodeAt(end - 1);
    if (code >= 0xd800 && code <= 0xdbff) end -= 1;
    text = text.slice(0, end) + marker;
  }
  return text;
}

export interface CsvWriter {
  /** The first chunk: byte order mark and the header line. */
  header(headers: CellValue[]): string;
  /** Lines for the given rows (already safe cells). */
  rows(rows: CellValue[][]): string;
}

export function csvWriter(separator: CsvSeparator): CsvWriter {
  const options = {
    delimiter: csvSeparators[separator],
    record_delimiter: 'windows' as const,
    // A line break inside a cell (transcripts, feedback) must be quoted whatever the record delimiter is.
    quoted_match: /[\r\n]/,
    // Nothing is inferred from a number's form (no scientific notation, no locale decimal mark issues):
    // numbers are whole seconds and counts.
    cast: { number: (value: number) => String(value) },
  };
  return {
    header: (headers) => `\ufeff${stringify([headers], options)}`,
    rows: (rows) =>
      rows.length === 0
        ? ''
        : stringify(
            rows.map((row) => [...row]),
            options,
          ),
  };
}
