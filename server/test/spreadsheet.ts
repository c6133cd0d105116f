import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';

/** Helpers of the export tests: a strict RFC 4180 reader, and LibreOffice as the real spreadsheet. */

/** Parses CSV text (quoted fields, doubled quotes, CRLF) into rows of cells. */
export function parseCsv(text: string, separator: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (char === '"') quoted = false;
      else cell += char;
    } else if (char === '"') quoted = true;
    else if (char === separator) {
      row.push(cell);
      cell = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += char;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

const run = promisify(execFile);
const SOFFICE = process.env.SOFFICE_PATH ?? '/usr/bin/soffice';

/**
 * Opens a CSV in LibreOffice Calc (headless; Debian's libreoffice-calc-nogui) with the import a
 * double-click uses for this separator and UTF-8, with formula evaluation switched on, saves it as xlsx,
 * and reads the cells back with exceljs.
 */
export async function openInSpreadsheet(csv: Buffer, separator: ';' | ','): Promise<ExcelJS.Worksheet> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sessiondesk-calc-'));
  try {
    const input = path.join(dir, 'export.csv');
    fs.writeFileSync(input, csv);
    // Tokens: separator, text delimiter ("), charset 76 = UTF-8, first line 1, column formats (none),
    // language, quoted-as-text false, detect special numbers true, …, token 13: evaluate formulas true.
    const filter = `CSV:${separator.charCodeAt(0)},34,76,1,,1033,false,true,false,false,false,false,true`;
    await run(
      SOFFICE,
      [
        `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
        '--headless',
        '--norestore',
        `--infilter=${filter}`,
        '--convert-to',
        'xlsx',
        '--outdir',
        dir,
        input,
      ],
      { timeout: 120_000 },
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(dir, 'export.xlsx'));
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error('LibreOffice produced no worksheet');
    return sheet;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
