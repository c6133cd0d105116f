/**
 * CSV export throughput and memory, beside PostgreSQL's own COPY of the same query as the limit.
 *
 *   npx tsx bench/export-csv.ts [--data-dir /work/bench-data] [--tenant bench] [--columns default|all]
 *                               [--transcript false] [--out /tmp/sessiondesk-export.csv]
 *
 * Exports every history session of the tenant in the default order (-createdAt) through the export
 * service into a file, sampling the process's RSS every 50 ms. Without transcripts that is COPY with
 * every cell rule in SQL (csv-copy.ts); with them, a server-side cursor → formatting in Node →
 * csv-stringify. Then, through psql into /dev/null: `COPY` of the same rows as stored (the floor) and
 * `COPY` of the export's own rendering query (the same rows with the same cell rules). Prints a
 * Markdown table row (wall time, the Node process's CPU time, the cursor read alone for transcripts,
 * both COPYs, export ÷ COPY with the cell rules, file size, RSS before → peak); records nothing by itself.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { sql } from 'kysely';
import { staticColumns } from '../common/columns';
import { exportRepository } from '../server/modules/exports/export.repository';
import { exportCopyQuery, exportRenderedQuery, exportSelect, openBenchTenant } from './export-support';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i] ?? '', process.argv[i + 1] ?? '');
const dataDir = args.get('--data-dir') ?? '/work/bench-data';
const slug = args.get('--tenant') ?? 'bench';
const columnSet = args.get('--columns') ?? 'default';
const transcript = args.get('--transcript') === 'true';
const out = args.get('--out') ?? `${os.tmpdir()}/sessiondesk-export-bench.csv`;
const log = (line: string) => process.stderr.write(`${line}\n`);

const { handle, services, tenantId, principal, url } = await openBenchTenant(dataDir, slug, log);
try {
  const columns =
    columnSet === 'all'
      ? staticColumns.map((column) => column.id)
      : staticColumns.filter((column) => column.defaultVisible).map((column) => column.id);
  const plan = await services.exports.prepare(principal, {
    format: 'csv',
    query: { view: 'history' },
    columns,
    lang: 'cs',
    timeZone: 'Europe/Prague',
    separator: 'semicolon',
    transcript,
  });

  const count = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM sessions WHERE tenant_id = ${tenantId} AND status = 'closed'`.execute(
    handle.db,
  );
  log(`${count.rows[0]?.n} history sessions in tenant ${slug}; columns: ${columns.join(',')}`);

  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const samples: { written: number; rss: number }[] = [];
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let nextSample = 100_000;
  const written = await services.exports.writeFile(plan, out, async (n) => {
    if (n >= nextSample) {
      samples.push({ written: n, rss: process.memoryUsage().rss });
      nextSample += 100_000;
    }
  });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const size = fs.statSync(out).size;

  // With transcripts the export reads through a cursor: how much of the time is that read alone.
  let readSeconds: number | undefined;
  if (transcript) {
    const readStarted = performance.now();
    let read = 0;
    for await (const batch of exportRepository(handle.db).streamSessions(exportSelect(plan), 200)) {
      read += batch.rows.length;
    }
    readSeconds = (performance.now() - readStarted) / 1000;
    log(
      `cursor read alone: ${read} rows in ${readSeconds.toFixed(1)} s (${Math.round(read / readSeconds)}/s)`,
    );
  }

  /** psql's COPY of a query into /dev/null, in seconds. */
  const copyTime = (query: string, options: string) => {
    const copyStarted = performance.now();
    execFileSync(
      'psql',
      [
        url,
        '-X',
        '-q',
        '-v',
        'ON_ERROR_STOP=1',
        '-c',
        `COPY (${query}) TO STDOUT ${options}`,
        '-o',
        '/dev/null',
      ],
      { stdio: ['ignore', 'ignore', 'inherit'] },
    );
    return (performance.now() - copyStarted) / 1000;
  };
  const delimiter = plan.request.separator === 'comma' ? ',' : ';';
  // The floor: the same rows and columns as stored. Then the same file's rows, every cell rule in SQL.
  const rawSeconds = copyTime(exportCopyQuery(handle.db, plan), '(FORMAT csv)');
  const copySeconds = copyTime(
    await exportRenderedQuery(handle.db, plan, tenantId),
    `(FORMAT csv, DELIMITER '${delimiter}')`,
  );
  const rate = (seconds: number) =>
    `${seconds.toFixed(1)} s (${Math.round(written / seconds).toLocaleString('en')}/s)`;

  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(0);
  log(
    `RSS samples (sessions written → MiB): ${samples.map((s) => `${s.written / 1000}k→${mb(s.rss)}`).join(', ')}`,
  );
  process.stdout.write(
    `| CSV, ${columns.length} columns${transcript ? ' + transcript' : ''}, load ${os.loadavg()[0]!.toFixed(1)} | ` +
      `${written.toLocaleString('en')} | ${seconds.toFixed(1)} s | ${Math.round(written / seconds).toLocaleString('en')}/s | ` +
      `${cpuSeconds.toFixed(1)} s | ${readSeconds === undefined ? '—' : `${readSeconds.toFixed(1)} s`} | ` +
      `${rate(rawSeconds)} | ${rate(copySeconds)} | ${(seconds / copySeconds).toFixed(2)}× | ` +
      `${mb(size)} MiB | ${mb(rssBefore)} → ${mb(peak)} MiB |\n`,
  );
} finally {
  await handle.close();
}
