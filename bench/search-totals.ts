/**
 * How close the list's estimated totals are to the truth: `npx tsx bench/search-totals.ts <tenantSlug>
 * [sampleRows]` runs content searches and filters against a seeded tenant in DATA_DIR's database and
 * prints, for each, the exact count, the sampled estimate the list would show when it cannot count
 * (`sampleEstimate`, issue #21: within ±20 %), the planner's estimate (what main showed) and the time
 * each took. A measuring tool for a quiet machine, not a test.
 */
import { sql } from 'kysely';
import { loadConfig } from '../server/config';
import { migrateToLatest } from '../server/db/database';
import { openDatabase } from '../server/db/open';
import { parseContentQuery } from '../server/modules/search/content-query';
import { parseFilters } from '../server/modules/sessions/session-filters';
import { sessionRepository, type ListScope } from '../server/modules/sessions/session.repository';

const config = loadConfig();
const handle = await openDatabase(config, () => {}, { max: 4 });
await migrateToLatest(handle.db);
const repo = sessionRepository(handle.db);
const slug = process.argv[2];
const sampleRows = Number(process.argv[3] ?? 4000);
const tenant = await sql<{ id: string }>`SELECT id::text FROM tenants WHERE slug = ${slug}`.execute(
  handle.db,
);
const tenantId = tenant.rows[0]?.id;
if (!tenantId) throw new Error(`no tenant ${slug}`);
await sql`ANALYZE sessions`.execute(handle.db);

const cases: [string, Record<string, string>][] = [
  ['q=objednavk', { q: 'objednavk' }],
  ['q=faktur', { q: 'faktur' }],
  ['q="číslo zásilky"', { q: '"číslo zásilky"' }],
  ['q=objednávek', { q: 'objednávek' }],
  ['q=reklamace', { q: 'reklamace' }],
  ['q=objednávka platba kartou', { q: 'objednávka platba kartou' }],
  ['q=objednávka + channel=whatsapp', { q: 'objednávka', channel: 'whatsapp' }],
  ['pageUrl contains reklamace', { 'pageUrl.contains': 'reklamace' }],
  ['channel=webchat', { channel: 'webchat' }],
];
const time = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const started = performance.now();
  const value = await work();
  return [value, Math.round(performance.now() - started)];
};
console.log('query | exact | sampled (error) | planner (error) | ms exact / sampled');
for (const [name, query] of cases) {
  const content = query.q ? parseContentQuery(query.q) : undefined;
  const scope: ListScope = {
    tenantId,
    view: 'history',
    filters: parseFilters(query, new Set(['q'])),
    visibility: { kind: 'all' },
    ...(content ? { search: content.parts } : {}),
  };
  const [exact, exactMs] = await time(() => repo.countWithin(scope, Number.MAX_SAFE_INTEGER - 1, 600_000));
  const [sampled, sampledMs] = await time(() => repo.sampleEstimate(scope, sampleRows, 600_000));
  const planner = await repo.estimateCount(scope);
  const truth = exact.kind === 'exact' ? exact.count : NaN;
  const error = (value: number | undefined) =>
    value === undefined ? '—' : `${value} (${(((value - truth) / truth) * 100).toFixed(1)} %)`;
  console.log(`${name} | ${truth} | ${error(sampled)} | ${error(planner)} | ${exactMs} / ${sampledMs}`);
}
await handle.close();
