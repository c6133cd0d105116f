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
import type { ListScope } from '../server/modules/sessions/session-sql';
import { sessionRepository } from '../server/modules/sessions/session.repository';

const config = loadConfig();
const handle = await openDatabase(config, () => {}, { max: 4 });
await migrateToLatest(handle.db);
const repo = sessionRepository(handle.db);
const slug = process.argv[2];
const sampleRows = Number(process.argv[3] ?? 10_000);
const tenant = await sql<{ id: string }>`SELECT id::text FROM tenants WHERE slug = ${slug}`.execute(
  handle.db,
);
const tenantId = tenant.rows[0]?.id;
if (!tenantId) throw new Error(`no tenant ${slug}`);
await sql`ANALYZE sessions`.execute(handle.db);

const cases: [string, Record<string, string>][] = [
  ['q=objednavk', { q: 'objednavk' }],
  ['q=faktur', { q: 'faktur' }],
  ['q=reklamac', { q: 'reklamac' }],
  ['q=zasilk', { q: 'zasilk' }],
  ['q=doruceni', { q: 'doruceni' }],
  ['q=vraceni', { q: 'vraceni' }],
  ['q=penize', { q: 'penize' }],
  ['q=dopravce', { q: 'dopravce' }],
  ['q=platba', { q: 'platba' }],
  ['q=kartou', { q: 'kartou' }],
  ['q=prevodem', { q: 'prevodem' }],
  ['q=poskozeni', { q: 'poskozeni' }],
  ['q=velikost', { q: 'velikost' }],
  ['q=skladem', { q: 'skladem' }],
  ['q=zdarma', { q: 'zdarma' }],
  ['q=zakaznik', { q: 'zakaznik' }],
  ['q=heslo', { q: 'heslo' }],
  ['q=ucet', { q: 'ucet' }],
  ['q=objednávek', { q: 'objednávek' }],
  ['q=zásilek', { q: 'zásilek' }],
  ['q=invoice', { q: 'invoice' }],
  ['q=refund', { q: 'refund' }],
  ['q=parcel', { q: 'parcel' }],
  ['q=password', { q: 'password' }],
  ['q=complaint', { q: 'complaint' }],
  ['q=tracking', { q: 'tracking' }],
  ['q=delivery', { q: 'delivery' }],
  ['q=payment', { q: 'payment' }],
  ['q=resolved', { q: 'resolved' }],
  ['q=carrier', { q: 'carrier' }],
  ['q=objednávka platba', { q: 'objednávka platba' }],
  ['q=faktura doručení', { q: 'faktura doručení' }],
  ['q=reklamace vrácení peněz', { q: 'reklamace vrácení peněz' }],
  ['q=zásilka dopravce', { q: 'zásilka dopravce' }],
  ['q=refund invoice', { q: 'refund invoice' }],
  ["q='číslo zásilky'", { q: "'číslo zásilky'" }],
  ["q='podívám se'", { q: "'podívám se'" }],
  ["q='dobrý den'", { q: "'dobrý den'" }],
  ["q='thank you'", { q: "'thank you'" }],
  ["q='tracking number'", { q: "'tracking number'" }],
  ['q=objednavk + channel=whatsapp', { q: 'objednavk', channel: 'whatsapp' }],
  ['q=faktur + channel=webchat', { q: 'faktur', channel: 'webchat' }],
  ['q=reklamac + channel=messenger', { q: 'reklamac', channel: 'messenger' }],
  ['q=zasilk + rating.min=4', { q: 'zasilk', 'rating.min': '4' }],
  ['q=refund + channel=webchat', { q: 'refund', channel: 'webchat' }],
  ['q=doruceni + tags=vip', { q: 'doruceni', tags: 'vip' }],
  ['q=platba + channel=phone', { q: 'platba', channel: 'phone' }],
  ['q=vraceni + rating.min=3', { q: 'vraceni', 'rating.min': '3' }],
  ['pageUrl contains reklamace', { 'pageUrl.contains': 'reklamace' }],
  ['channel=webchat', { channel: 'webchat' }],
];
const time = async <T>(work: () => Promise<T>): Promise<[T, number]> => {
  const started = performance.now();
  const value = await work();
  return [value, Math.round(performance.now() - started)];
};
console.log('query | exact | sampled (error) | planner (error) | ms exact / sampled');
const errors: { sampled: number; planner: number }[] = [];
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
  if (truth > 0 && sampled !== undefined) {
    errors.push({ sampled: Math.abs(sampled - truth) / truth, planner: Math.abs(planner - truth) / truth });
  }
}
const summary = (pick: (e: { sampled: number; planner: number }) => number) => {
  const values = errors.map(pick).sort((a, b) => a - b);
  const within = values.filter((value) => value <= 0.2).length;
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  return `${within}/${values.length} within ±20 %, mean |error| ${(mean * 100).toFixed(1)} %, worst ${((values.at(-1) ?? 0) * 100).toFixed(1)} %`;
};
console.log(`sampled: ${summary((e) => e.sampled)}`);
console.log(`planner: ${summary((e) => e.planner)}`);
await handle.close();
