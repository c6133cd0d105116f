/**
 * Where a load spends its time in the database: `npx tsx bench/load-profile.ts [sessions] [batch|end]
 * [batchSize] [rebuild]` seeds a new tenant in DATA_DIR's database and prints the total time of each
 * statement of the bulk write path, slowest first. A tool for tuning, not a recorded benchmark.
 */
import { Kysely, PostgresDialect } from 'kysely';
import { loadConfig } from '../server/config';
import { openDatabase } from '../server/db/open';
import type { DB } from '../server/db/types.generated';
import { createServices } from '../server/services';

const config = loadConfig();
const handle = await openDatabase(config, () => {}, { max: 4 });
const totals = new Map<string, { ms: number; n: number }>();
const db = new Kysely<DB>({
  dialect: new PostgresDialect({ pool: handle.pool }),
  log: (event) => {
    const key = event.query.sql.replace(/\s+/g, ' ').slice(0, 70);
    const t = totals.get(key) ?? { ms: 0, n: 0 };
    t.ms += event.queryDurationMillis;
    t.n++;
    totals.set(key, t);
  },
});
const services = createServices(db, config);
const n = Number(process.argv[2] ?? 5000);
const r = await services.demo.seed({
  tenantSlug: `p-${Date.now()}`,
  sessions: n,
  seed: String(Date.now()),
  until: new Date(),
  searchDocuments: (process.argv[3] as 'end') ?? 'batch',
  batchSize: Number(process.argv[4] ?? 500),
  rebuildIndexes: process.argv[5] === 'rebuild',
});
console.log(r.seconds, (n / r.seconds.total).toFixed(0), 'sessions/s');
for (const [k, v] of [...totals].sort((a, b) => b[1].ms - a[1].ms).slice(0, 15))
  console.log(v.ms.toFixed(0).padStart(7), v.n, k);
await handle.close();
