/**
 * Measures the generator at scale: `npx tsx bench/load-seed.ts [sessions] [tenant] [seed] [--keep-indexes]` loads
 * generated sessions into DATA_DIR's database (or DATABASE_URL) the way `sessiondesk seed
 * --rebuild-indexes` does, and prints time, rows/s, peak RSS and the database size. It measures, it
 * does not assert. Run the 1,000,000-session load into a dedicated data directory.
 */
import os from 'node:os';
import { sql } from 'kysely';
import { loadConfig } from '../server/config';
import { migrateToLatest } from '../server/db/database';
import { openDatabase } from '../server/db/open';
import { createServices } from '../server/services';

const sessions = Number(process.argv[2] ?? 1_000_000);
const tenantSlug = process.argv[3] ?? 'bench';
const seed = process.argv[4] ?? 'bench';
// Loading a small tenant beside large ones: keep the indexes rather than rebuild them over everyone.
const keepIndexes = process.argv.includes('--keep-indexes');
const until = new Date(
  Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate()),
);

const config = loadConfig();
const log = (line: string) => process.stderr.write(`${line}\n`);
const database = await openDatabase(config, log, { applicationName: 'sessiondesk-bench', max: 4 });
await migrateToLatest(database.db);
const services = createServices(database.db, config);

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 500);
const started = Date.now();
let lastLog = 0;
const result = await services.demo.seed({
  tenantSlug,
  sessions,
  seed,
  until,
  live: Math.min(50, Math.ceil(sessions / 1000)),
  rebuildIndexes: sessions >= 200_000 && !keepIndexes,
  batchSize: 2000,
  log,
  progress: (written, total) => {
    if (written - lastLog >= 100_000 || written === total) {
      lastLog = written;
      log(`  ${written} / ${total} sessions after ${((Date.now() - started) / 1000).toFixed(0)} s`);
    }
  },
});
clearInterval(sampler);

const counts = await services.demo.counts(result.tenantId);
const sizes = await sql<{ name: string; bytes: string }>`
  SELECT relname AS name, pg_total_relation_size(oid)::text AS bytes FROM pg_class
  WHERE relname IN ('sessions', 'activities', 'routing_events', 'session_participants', 'contacts',
                    'contact_identities', 'notes', 'recordings', 'session_import_hashes')
  ORDER BY pg_total_relation_size(oid) DESC`.execute(database.db);
const dbSize = await sql<{
  bytes: string;
}>`SELECT pg_database_size(current_database())::text AS bytes`.execute(database.db);
const mb = (bytes: string | number) => `${(Number(bytes) / 1024 / 1024).toFixed(0)} MB`;
const report = {
  date: new Date().toISOString(),
  machine: `${os.cpus().length} cores (${os.cpus()[0]?.model ?? '?'}), ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB RAM`,
  loadAverageAtEnd: os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' '),
  sessions: result.created + result.updated,
  unchanged: result.unchanged,
  activitiesWritten: result.activities,
  tenant: counts,
  seconds: Object.fromEntries(Object.entries(result.seconds).map(([k, v]) => [k, Number(v.toFixed(1))])),
  sessionsPerSecond: Math.round((result.created + result.updated) / result.seconds.total),
  activitiesPerSecond: Math.round(result.activities / result.seconds.total),
  loadPhaseSessionsPerSecond: Math.round((result.created + result.updated) / result.seconds.load),
  peakRss: mb(peakRss),
  databaseSize: mb(dbSize.rows[0]!.bytes),
  tables: Object.fromEntries(sizes.rows.map((row) => [row.name, mb(row.bytes)])),
};
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
await database.close();
