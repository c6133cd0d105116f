/**
 * Filter lists under filters and sorts of every sortable column at scale (issue #20): each through the
 * HTTP pipeline (app.inject) with the facet index loaded, beside the hand-written SQL that counts or
 * sorts the same rows in PostgreSQL; plus the index's load time and memory.
 *
 *   npx tsx bench/facets-sorts-bench.ts --data-dir /work/bench-1m --tenant bench [--iterations 20]
 *     [--hand-iterations 5] [--only regexp] [--no-index]
 *
 * The "own" rows ask as an operator who sees only their own sessions, through the service (API keys act
 * for no user).
 * `--no-index` measures the same requests with the index left out (what main did before it). It
 * applies pending migrations first. It measures; it asserts nothing.
 */
import os from 'node:os';
import { staticColumns } from '../common/columns';
import { loadConfig } from '../server/config';
import { migrateToLatest } from '../server/db/database';
import { openDatabase } from '../server/db/open';
import { createApp } from '../server/app';
import { createServices } from '../server/services';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 1) {
  const name = process.argv[i] ?? '';
  const next = process.argv[i + 1];
  if (next !== undefined && !next.startsWith('--')) {
    args.set(name, next);
    i += 1;
  } else args.set(name, 'true');
}
const dataDir = args.get('--data-dir') ?? '/work/bench-1m';
const slug = args.get('--tenant') ?? 'bench';
const iterations = Number(args.get('--iterations') ?? 20);
const handIterations = Number(args.get('--hand-iterations') ?? 5);
const only = args.get('--only');
const withIndex = !args.has('--no-index');
const log = (line: string) => process.stderr.write(`${line}\n`);

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

async function time(run: () => Promise<unknown>, runs: number) {
  for (let i = 0; i < 2; i += 1) await run();
  const samples: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const start = process.hrtime.bigint();
    await run();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'error', NODE_ENV: 'production', DEMO: 'false' });
const database = await openDatabase(config, log, { max: 6, applicationName: 'facets-bench' });
for (const result of (await migrateToLatest(database.db)).results ?? [])
  log(`applied ${result.migrationName}`);
const services = createServices(database.db, config, {
  // Without the index every facet and sort is counted and sorted in SQL, as before it.
  facts: withIndex ? {} : { minSessions: Number.MAX_SAFE_INTEGER },
});
const app = await createApp({ config, services, logger: false });
await app.ready();
const tenant = await services.tenants.requireTenant(slug);
const tenantId = tenant.id;
const key = await services.apiKeys.create(
  { tenantId, userId: null, apiKeyId: null },
  { name: 'facets benchmark', role: 'admin' },
);
const headers = { authorization: `Bearer ${key.key}` };
const q1 = async (text: string) =>
  (await database.pool.query(text, [tenantId])).rows[0] as Record<string, string>;
const counts = await q1(`SELECT count(*)::text AS sessions FROM sessions WHERE tenant_id = $1`);

let indexLine = 'index: not used';
if (withIndex) {
  global.gc?.();
  const before = process.memoryUsage();
  const started = performance.now();
  await services.facts!.load(tenantId);
  const ms = performance.now() - started;
  global.gc?.();
  const after = process.memoryUsage();
  const mib = (bytes: number) => (bytes / 2 ** 20).toFixed(0);
  indexLine = `index: loaded ${services.facts!.held()[tenantId]} sessions in ${(ms / 1000).toFixed(1)} s; heap +${mib(after.heapUsed - before.heapUsed)} MiB, array buffers +${mib(after.arrayBuffers - before.arrayBuffers)} MiB, RSS +${mib(after.rss - before.rss)} MiB`;
  log(indexLine);
  // The sample of search documents and the postings of common words, as the app reads them after the
  // tenant's first question.
  const wordsStarted = performance.now();
  await app.inject({ method: 'GET', url: '/api/v1/sessions?limit=50&q=objedn%C3%A1vka', headers });
  await services.facts!.settled();
  global.gc?.();
  const read = process.memoryUsage();
  const postings = services.facts!.postings(tenantId);
  log(
    `sample of search documents and postings of common words (${postings?.held ?? 0} words held, ${postings?.rare ?? 0} rare, ${mib(postings?.bytes ?? 0)} MiB) read in ${((performance.now() - wordsStarted) / 1000).toFixed(1)} s; heap +${mib(read.heapUsed - after.heapUsed)} MiB, array buffers +${mib(read.arrayBuffers - after.arrayBuffers)} MiB`,
  );
}

const someOperator = (
  await q1(`SELECT id FROM users WHERE tenant_id = $1 AND role = 'operator' ORDER BY id LIMIT 1`)
).id!;
const since = new Date(Date.now() - 30 * 86400_000).toISOString();
const closed = `s.status = 'closed'`;

/** Filter mixes an administrator uses: as query string and as SQL. */
const filters: { name: string; query: string; where: string }[] = [
  { name: 'none', query: '', where: closed },
  { name: 'status=closed', query: 'status=closed', where: closed },
  { name: 'channel=whatsapp', query: 'channel=whatsapp', where: `${closed} AND s.channel = 'whatsapp'` },
  {
    name: 'last 30 days',
    query: `createdAt.min=${since}`,
    where: `${closed} AND s.created_at >= '${since}'`,
  },
  {
    name: 'operator + 30 days + duration ≥ 60 s',
    query: `operator=${someOperator}&createdAt.min=${since}&duration.min=60`,
    where: `${closed} AND s.operator_ids && ARRAY[${someOperator}]::bigint[] AND s.created_at >= '${since}' AND s.duration_seconds >= 60`,
  },
  // What the index cannot filter (issue #20 item 1): content search, a text contains, a parameter.
  {
    name: 'search objednávka',
    query: 'q=objedn%C3%A1vka',
    where: `${closed} AND s.search_document @@ to_tsquery('sessiondesk', 'objednavk:* | objednavc:*')`,
  },
  {
    name: 'search objednávka + channel=whatsapp',
    query: 'q=objedn%C3%A1vka&channel=whatsapp',
    where: `${closed} AND s.channel = 'whatsapp' AND s.search_document @@ to_tsquery('sessiondesk', 'objednavk:* | objednavc:*')`,
  },
  {
    name: 'search faktura doručení',
    query: 'q=faktura%20doru%C4%8Den%C3%AD',
    where: `${closed} AND s.search_document @@ to_tsquery('sessiondesk', 'faktur:* & dorucen:*')`,
  },
  {
    name: 'pageUrl contains objednavka',
    query: 'pageUrl.contains=objednavka',
    where: `${closed} AND s.page_url ILIKE '%objednavka%'`,
  },
  {
    name: 'param.orderId set',
    query: 'param.orderId.empty=false',
    where: `${closed} AND s.params ? 'orderId'`,
  },
];
// A parameter of few values the index holds (the first by name of those with at most 1,000), as a filter.
const paramNames = (
  await database.pool.query<{ name: string }>(
    `SELECT name FROM param_names WHERE tenant_id = $1 ORDER BY name`,
    [tenantId],
  )
).rows.map((row) => row.name);
const fewValued = (
  await database.pool.query<{ name: string; value: string }>(
    `SELECT p.name, (SELECT s.params->>p.name FROM sessions s WHERE s.tenant_id = $1 AND s.params ? p.name LIMIT 1) AS value
     FROM param_names p WHERE p.tenant_id = $1
       AND (SELECT count(DISTINCT s.params->>p.name) FROM (SELECT params FROM sessions WHERE tenant_id = $1 LIMIT 20000) s) <= 20
     ORDER BY p.name LIMIT 1`,
    [tenantId],
  )
).rows[0];
if (fewValued) {
  filters.push({
    name: `param.${fewValued.name}=${fewValued.value} + last 30 days`,
    query: `param.${encodeURIComponent(fewValued.name)}=${encodeURIComponent(fewValued.value)}&createdAt.min=${since}`,
    where: `${closed} AND s.params @> '${JSON.stringify({ [fewValued.name]: fewValued.value }).replace(/'/g, "''")}' AND s.created_at >= '${since}'`,
  });
}

const facetColumns = [
  ...staticColumns.filter((column) => column.filter === 'values').map((column) => column.id),
  // Every parameter's list: those of few values from the index, the others counted in SQL.
  ...paramNames.map((name) => `param.${name}`),
];
const sortColumns = staticColumns.filter((column) => column.sortable).map((column) => column.id);
const facetSql: Record<string, string> = {
  status: 's.status',
  channel: 's.channel',
  source: 's.source',
  group: 's.group_id',
  chatbot: 's.chatbot_id',
  endReason: 's.end_reason',
  clientLeft: 's.client_left',
  widget: 's.widget_id',
  language: 's.client_language',
  browser: 's.client_browser',
  os: 's.client_os',
  hasRecording: 's.has_recording',
  banned: 's.banned',
};

const get = async (url: string) => {
  const response = await app.inject({ method: 'GET', url, headers });
  if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
};

const rows: string[] = [];
/** Times `run` (a request, or a service call) and the hand-written SQL beside it, as one table row. */
const measureRun = async (kind: string, name: string, run: () => Promise<unknown>, hand?: string) => {
  if (only && !new RegExp(only).test(`${kind} ${name}`)) return;
  const api = await time(run, iterations);
  const handTime = hand ? await time(() => database.pool.query(hand, [tenantId]), handIterations) : undefined;
  const ratio = handTime ? (api.p95 / handTime.p95).toFixed(2) : '';
  const line = `| ${kind} | ${name} | ${api.p50.toFixed(1)} | ${api.p95.toFixed(1)} | ${handTime ? handTime.p50.toFixed(1) : ''} | ${handTime ? handTime.p95.toFixed(1) : ''} | ${ratio} |`;
  rows.push(line);
  log(line);
};
const measure = (kind: string, name: string, url: string, hand?: string) =>
  measureRun(kind, name, () => get(url), hand);

// Facets: every value-list column under each filter mix (hand SQL for the single-valued columns under
// the first three mixes, so the run ends in minutes).
for (const filter of filters) {
  for (const column of facetColumns) {
    const url = `/api/v1/sessions/facets/${encodeURIComponent(column)}?limit=50${filter.query ? `&${filter.query}` : ''}`;
    const expression =
      facetSql[column] ??
      (column.startsWith('param.')
        ? `nullif(s.params->>'${column.slice(6).replace(/'/g, "''")}', '')`
        : undefined);
    const hand =
      expression &&
      ((['none', 'status=closed', 'last 30 days'].includes(filter.name) &&
        (['channel', 'group', 'endReason'].includes(column) || column.startsWith('param.'))) ||
        (filters.indexOf(filter) >= 5 && column === 'channel'))
        ? `SELECT ${expression}, count(*) FROM sessions s WHERE s.tenant_id = $1 AND ${filter.where} GROUP BY 1 ORDER BY 2 DESC LIMIT 51`
        : column === 'operator' && filter.name === 'status=closed'
          ? `SELECT v, count(*) FROM sessions s LEFT JOIN LATERAL unnest(s.operator_ids) v ON true WHERE s.tenant_id = $1 AND ${filter.where} GROUP BY 1 ORDER BY 2 DESC LIMIT 51`
          : undefined;
    await measure('facet', `${column}, ${filter.name}`, url, hand);
  }
}

// Sorts: the first page of every sortable column, both directions, unfiltered and under three mixes.
const sortSql: Record<string, string> = {
  duration: 's.duration_seconds',
  waitingTime: 's.waiting_seconds',
  endedAt: 's.ended_at',
  acceptedAt: 's.accepted_at',
  rating: 's.rating',
  messageCount: 's.message_count',
  externalId: 's.external_id',
  pageUrl: 'left(s.page_url, 500)',
  clientName: 's.client_name',
  clientEmail: 's.client_email',
  clientPhone: 's.client_phone',
  clientIp: 's.client_ip',
  feedback: 'left(s.feedback, 500)',
};
/** The text columns (their sorts read the sessions with a value, then those without). */
const textColumns = staticColumns.filter((c) => c.sortable && c.type === 'text').map((c) => c.id);
const textSort = new Set<string>(textColumns);
if (withIndex) {
  // A text sort under filters reads the column's order into the index on first use, in the background.
  const started = performance.now();
  for (const column of textColumns)
    await app.inject({
      method: 'GET',
      url: `/api/v1/sessions?limit=50&sort=${column}&status=closed`,
      headers,
    });
  await services.facts!.settled();
  log(`text orders read in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
const sortMixes = ['none', 'channel=whatsapp', 'last 30 days', 'search objednávka'];
for (const filter of filters.filter((f) => sortMixes.includes(f.name))) {
  for (const column of sortColumns) {
    for (const desc of [false, true]) {
      const sort = `${desc ? '-' : ''}${column}`;
      const url = `/api/v1/sessions?limit=50&sort=${sort}${filter.query ? `&${filter.query}` : ''}`;
      const expression = sortSql[column];
      const direction = desc ? 'DESC' : 'ASC';
      const hand =
        expression &&
        (filter.name === 'channel=whatsapp' ||
          (filter.name === 'last 30 days' && textSort.has(column)) ||
          (filter.name === 'search objednávka' && ['duration', 'waitingTime'].includes(column)))
          ? `SELECT s.id FROM sessions s WHERE s.tenant_id = $1 AND ${filter.where} ORDER BY ${expression} ${direction} NULLS LAST, s.id ${direction} LIMIT 51`
          : undefined;
      await measure('sort', `${sort}, ${filter.name}`, url, hand);
    }
  }
}

// An operator's own sessions (the tenant's default visibility): through the service, as that
// operator's console asks (API keys act for no user). The first page with its total and the filter
// lists under status=closed, beside the hand-written SQL that counts the same rows.
const ownOperator = {
  tenantId,
  role: 'operator' as const,
  userId: someOperator,
  apiKeyId: null,
  via: 'cookie' as const,
  csrfToken: null,
  authSessionId: null,
};
const own = `${closed} AND s.operator_ids @> ARRAY[${someOperator}]::bigint[]`;
await measureRun(
  'own',
  'first page and total, operator sees own',
  () => services.sessions.list(ownOperator, { view: 'history', sort: '-createdAt', limit: 50 }),
  `SELECT count(*) FROM (SELECT 1 FROM sessions s WHERE s.tenant_id = $1 AND ${own} LIMIT 10001) c`,
);
for (const column of ['channel', 'group', 'endReason', 'tags']) {
  const expression = facetSql[column];
  await measureRun(
    'own',
    `${column} list, status=closed, operator sees own`,
    () => services.sessions.facet(ownOperator, column, { view: 'history', limit: 50, status: 'closed' }),
    expression && column !== 'tags'
      ? `SELECT ${expression}, count(*) FROM sessions s WHERE s.tenant_id = $1 AND ${own} GROUP BY 1 ORDER BY 2 DESC LIMIT 51`
      : undefined,
  );
}
// The operator's own sessions in every sortable column's order, both directions (the facet index walks
// an operator's own only for a content search; their other pages are PostgreSQL's).
for (const column of sortColumns) {
  for (const desc of [false, true]) {
    const sort = `${desc ? '-' : ''}${column}`;
    await measureRun('own', `sort ${sort}, operator sees own`, () =>
      services.sessions.list(ownOperator, { view: 'history', sort, limit: 50 }),
    );
  }
}

const load = os
  .loadavg()
  .map((value) => value.toFixed(2))
  .join(', ');
process.stdout.write(
  [
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} cores, load average at the end ${load};`,
    `tenant ${slug}: ${counts.sessions} sessions; ${iterations} API runs and ${handIterations} hand-SQL runs after 2 warm-ups each. ${indexLine}.`,
    '',
    '| kind | request | API p50 ms | API p95 ms | hand SQL p50 ms | hand SQL p95 ms | API/hand (p95) |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    '',
  ].join('\n'),
);
await app.close();
await database.close();
