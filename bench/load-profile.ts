/**
 * Where a load spends its time in the database: `npx tsx bench/load-profile.ts [sessions] [batchSize]
 * [rebuild]` seeds a new tenant in DATA_DIR's database and prints the total time of each statement of
 * the bulk write path (COPY included), slowest first. A tool for tuning, not a recorded benchmark.
 */
import pg from 'pg';
import { loadConfig } from '../server/config';
import { migrateToLatest } from '../server/db/database';
import { openDatabase } from '../server/db/open';
import { createServices } from '../server/services';

const totals = new Map<string, { ms: number; n: number }>();
const record = (text: string, started: number) => {
  const key = text.replace(/\s+/g, ' ').trim().slice(0, 70);
  const t = totals.get(key) ?? { ms: 0, n: 0 };
  t.ms += performance.now() - started;
  t.n++;
  totals.set(key, t);
};
// Times every statement any client sends: promises until they settle, COPY streams until they finish.
// eslint-disable-next-line @typescript-eslint/unbound-method -- re-applied with its own `this` below
const query = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  const started = performance.now();
  const first = args[0] as { text?: string; on?: (event: string, f: () => void) => void } | string;
  const result = (query as (...a: unknown[]) => unknown).apply(this, args);
  const text = typeof first === 'string' ? first : (first.text ?? '?');
  if (result instanceof Promise) void result.finally(() => record(text, started)).catch(() => {});
  else if (typeof first === 'object' && first.on) first.on('finish', () => record(text, started));
  return result;
} as typeof pg.Client.prototype.query;

const config = loadConfig();
const handle = await openDatabase(config, () => {}, { max: 4 });
await migrateToLatest(handle.db);
const services = createServices(handle.db, config);
const n = Number(process.argv[2] ?? 5000);
const r = await services.demo.seed({
  tenantSlug: `p-${Date.now()}`,
  sessions: n,
  seed: String(Date.now()),
  until: new Date(),
  batchSize: Number(process.argv[3] ?? 500),
  rebuildIndexes: process.argv[4] === 'rebuild',
});
console.log(r.seconds, (n / r.seconds.total).toFixed(0), 'sessions/s');
for (const [k, v] of [...totals].sort((a, b) => b[1].ms - a[1].ms).slice(0, 18))
  console.log(v.ms.toFixed(0).padStart(7), v.n, k);
await handle.close();
