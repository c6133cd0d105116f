/**
 * Benchmarks of the sessions API at scale: filtered sorted pages (several filter mixes, deep cursors),
 * facets and content search, each through the HTTP pipeline (app.inject: routing, validation, the
 * service's SQL, serialisation) and beside the best hand-written SQL for the same answer. Records
 * p50/p95 and the ratio; prints the key lines of the API query plans. Searches are measured as asked
 * again (the same list within two minutes, its sampled share kept) and as first asked.
 *
 *   npx tsx bench/query-sessions.ts --data-dir /work/bench-data --tenant bench [--iterations 20]
 *
 * It applies pending migrations (0004's indexes) to the dataset first. It measures; it asserts nothing.
 */
import os from 'node:os';
import { Kysely, PostgresDialect, type CompiledQuery, type LogEvent } from 'kysely';
import { loadConfig } from '../server/config';
import { migrateToLatest, type Database } from '../server/db/database';
import type { DB } from '../server/db/types.generated';
import { attachPool } from '../server/db/connection';
import { openDatabase } from '../server/db/open';
import { createApp } from '../server/app';
import { createServices } from '../server/services';
import { SHARE_KEEP_MS } from '../server/modules/sessions/session-facts';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i] ?? '', process.argv[i + 1] ?? '');
const dataDir = args.get('--data-dir') ?? '/work/bench-data';
const slug = args.get('--tenant') ?? 'bench';
const iterations = Number(args.get('--iterations') ?? 20);
const only = args.get('--only');

const log = (line: string) => process.stderr.write(`${line}\n`);

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

/** Runs before each measurement: the process is a server that has answered requests before (JIT warm). */
const WARM_UPS = 10;

async function time(run: () => Promise<unknown>): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < WARM_UPS; i += 1) await run();
  const samples: number[] = [];
  for (let i = 0; i < iterations; i += 1) {
    const start = process.hrtime.bigint();
    await run();
    samples.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 50), p95: percentile(samples, 95) };
}

/** The list item columns a hand-written query would select, with the names joined. */
const HAND_COLUMNS = `s.id, s.external_id, s.status, s.channel, s.source, s.created_at, s.accepted_at, s.ended_at,
  s.waiting_seconds, s.duration_seconds, s.end_reason, s.client_left, s.page_url, s.client_name, s.client_email,
  s.client_phone, s.client_ip, s.client_language, s.client_browser, s.client_os, s.tags, s.rating, s.feedback,
  s.message_count, s.has_recording, s.banned, s.restored_from_id, s.params,
  (SELECT json_agg(json_build_object('id', u.id, 'name', u.name)) FROM users u WHERE u.tenant_id = s.tenant_id AND u.id = ANY (s.operator_ids)) AS operators,
  g.name AS group_name, c.name AS chatbot_name, w.name AS widget_name`;

function handPage(where: string, order = 's.created_at DESC, s.id DESC', limit = 51): string {
  return `SELECT ${HAND_COLUMNS} FROM (SELECT * FROM sessions s WHERE s.tenant_id = $1 AND ${where} ORDER BY ${order} LIMIT ${limit}) s
    LEFT JOIN operator_groups g ON g.tenant_id = s.tenant_id AND g.id = s.group_id
    LEFT JOIN chatbots c ON c.tenant_id = s.tenant_id AND c.id = s.chatbot_id
    LEFT JOIN widgets w ON w.tenant_id = s.tenant_id AND w.id = s.widget_id
    ORDER BY ${order}`;
}
/** The count a hand-written endpoint would return beside the page: exact up to 10,000. */
const handCount = (where: string, cap = 10_000) =>
  `SELECT count(*) FROM (SELECT 1 FROM sessions s WHERE s.tenant_id = $1 AND ${where} LIMIT ${cap + 1}) x`;

interface Scenario {
  group: 'page' | 'facet' | 'search';
  name: string;
  url: string;
  hand: string[];
  /** Search: the hand-written snippet query for the page's sessions (run with their ids). */
  snippets?: string;
}

async function main(): Promise<void> {
  const config = loadConfig({
    DATA_DIR: dataDir,
    LOG_LEVEL: 'error',
    NODE_ENV: 'production',
    DEMO: 'false',
  });
  const database = await openDatabase(config, log, { max: 4, applicationName: 'query-bench' });
  const migrated = await migrateToLatest(database.db);
  for (const result of migrated.results ?? []) log(`applied ${result.migrationName}`);
  await database.pool.query('ANALYZE sessions');

  const captured: CompiledQuery[] = [];
  const capture = (event: LogEvent) => {
    if (event.level === 'query') captured.push(event.query);
  };
  const db: Database = new Kysely<DB>({
    dialect: new PostgresDialect({ pool: database.pool }),
    log: capture,
  });
  // Statements run on a held connection (budgeted ones) are captured too.
  attachPool(db, database.pool, capture);
  // The facet index's clock, moved past the keep of a search's sampled share to measure a search as
  // first asked (SHARE_KEEP_MS: asked again within it, its estimate reads no documents).
  let clockShift = 0;
  const services = createServices(db, config, { facts: { now: () => Date.now() + clockShift } });
  const app = await createApp({ config, services, logger: true });
  await app.ready();

  const tenant = await services.tenants.requireTenant(slug);
  const tenantId = tenant.id;
  const key = await services.apiKeys.create(
    { tenantId, userId: null, apiKeyId: null },
    { name: 'query benchmark', role: 'admin' },
  );
  const headers = { authorization: `Bearer ${key.key}` };
  // Facet rollups as the app makes them after the first large unfiltered count (in the background there).
  const rollupStarted = performance.now();
  await services.sessions.refreshFacetRollups(tenantId);
  log(
    `facet rollups of every value-list column refreshed in ${(performance.now() - rollupStarted).toFixed(0)} ms`,
  );
  // The facet index as the app loads it in the background for a large tenant (issue #20).
  const indexStarted = performance.now();
  await services.facts!.load(tenantId);
  log(`facet index loaded in ${(performance.now() - indexStarted).toFixed(0)} ms`);
  const q1 = async (text: string) =>
    (await database.pool.query(text, [tenantId])).rows[0] as Record<string, string>;
  const counts = await q1(
    `SELECT (SELECT count(*) FROM sessions WHERE tenant_id = $1) AS sessions, (SELECT count(*) FROM activities WHERE tenant_id = $1) AS activities`,
  );
  const someOperator =
    (await q1(`SELECT id FROM users WHERE tenant_id = $1 AND role = 'operator' ORDER BY id LIMIT 1`)).id ??
    '0';
  const someGroup =
    (await q1(`SELECT id FROM operator_groups WHERE tenant_id = $1 ORDER BY id LIMIT 1`)).id ?? '0';
  const someOrder =
    (
      await q1(
        `SELECT params->>'orderId' AS v FROM sessions WHERE tenant_id = $1 AND params ? 'orderId' ORDER BY id LIMIT 1 OFFSET 5000`,
      )
    ).v ?? 'x';
  // A number that occurs in few transcripts: an order number a client wrote, in the middle of the data
  // (the sessions' `orderId` parameters are not the numbers their transcripts carry).
  const orderInText =
    (
      await q1(
        `SELECT lexeme AS v FROM (SELECT search_document FROM sessions WHERE tenant_id = $1 ORDER BY id
           OFFSET ${Math.floor(Number(counts.sessions) * 0.5)} LIMIT 2000) s, unnest(tsvector_to_array(s.search_document)) lexeme
         WHERE lexeme ~ '^[0-9]{8}$' LIMIT 1`,
      )
    )?.v ?? '1';
  // A parcel number from a transcript in the middle of the data (one session has it).
  const parcelInText =
    (
      await q1(
        `SELECT upper(lexeme) AS v FROM (SELECT search_document FROM sessions WHERE tenant_id = $1 ORDER BY id
           OFFSET ${Math.floor(Number(counts.sessions) * 0.3)} LIMIT 2000) s, unnest(tsvector_to_array(s.search_document)) lexeme
         WHERE lexeme ~ '^dr[0-9]{6,}$' LIMIT 1`,
      )
    )?.v ?? 'DR1';
  const since = new Date(Date.now() - 90 * 86400_000).toISOString();
  log(
    `dataset: ${counts.sessions} sessions, ${counts.activities} activities; operator ${someOperator}, group ${someGroup}, order ${someOrder}`,
  );

  /** The API's answer, written (what is timed: parsing the JSON is the client's work, not the API's). */
  const request = async (url: string) => {
    const response = await app.inject({ method: 'GET', url, headers });
    if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
    return response;
  };
  const get = async (url: string) => (await request(url)).json<{ nextCursor?: string | null }>();
  // The sample of search documents and the postings of common words as the app reads them after a
  // tenant's first question.
  const wordsStarted = performance.now();
  await request('/api/v1/sessions?limit=50&q=objedn%C3%A1vka');
  await services.facts!.settled();
  const postings = services.facts!.postings(tenantId);
  log(
    `sample of search documents and postings of common words (${postings?.held ?? 0} held, ${((postings?.bytes ?? 0) / 2 ** 20).toFixed(0)} MiB) read in ${(performance.now() - wordsStarted).toFixed(0)} ms`,
  );

  // A deep cursor: the 20th page of the default list.
  let deep = '';
  let page = await get('/api/v1/sessions?limit=50');
  for (let i = 0; i < 19 && page.nextCursor; i += 1) {
    deep = page.nextCursor;
    page = await get(`/api/v1/sessions?limit=50&cursor=${deep}`);
  }
  const deepRow = await q1(
    `SELECT to_json(created_at) #>> '{}' AS v, id FROM sessions WHERE tenant_id = $1 AND status = 'closed' ORDER BY created_at DESC, id DESC OFFSET 949 LIMIT 1`,
  );
  const closed = `s.status = 'closed'`;
  const enc = encodeURIComponent;
  const searchWhere = (tsquery: string) =>
    `${closed} AND s.search_document @@ to_tsquery('sessiondesk', '${tsquery}')`;

  const scenarios: Scenario[] = [
    {
      group: 'page',
      name: 'history, default sort',
      url: '/api/v1/sessions?limit=50',
      hand: [handPage(closed), handCount(closed)],
    },
    {
      group: 'page',
      name: 'channel=whatsapp,messenger',
      url: '/api/v1/sessions?limit=50&channel=whatsapp,messenger',
      hand: [
        handPage(`${closed} AND s.channel IN ('whatsapp','messenger')`),
        handCount(`${closed} AND s.channel IN ('whatsapp','messenger')`),
      ],
    },
    {
      group: 'page',
      name: 'operator=<one of 20>',
      url: `/api/v1/sessions?limit=50&operator=${someOperator}`,
      hand: [
        handPage(`${closed} AND s.operator_ids && ARRAY[${someOperator}]::bigint[]`),
        handCount(`${closed} AND s.operator_ids && ARRAY[${someOperator}]::bigint[]`),
      ],
    },
    {
      group: 'page',
      name: 'group + last 90 days + rating.min=4',
      url: `/api/v1/sessions?limit=50&group=${someGroup}&createdAt.min=${since}&rating.min=4`,
      hand: [
        handPage(`${closed} AND s.group_id = ${someGroup} AND s.created_at >= '${since}' AND s.rating >= 4`),
        handCount(`${closed} AND s.group_id = ${someGroup} AND s.created_at >= '${since}' AND s.rating >= 4`),
      ],
    },
    {
      group: 'page',
      name: 'tags=vip',
      url: '/api/v1/sessions?limit=50&tags=vip',
      hand: [
        handPage(`${closed} AND s.tags && ARRAY['vip']`),
        handCount(`${closed} AND s.tags && ARRAY['vip']`),
      ],
    },
    {
      group: 'page',
      name: 'param.orderId=<one value>',
      url: `/api/v1/sessions?limit=50&param.orderId=${someOrder}`,
      hand: [
        handPage(`${closed} AND s.params @> '{"orderId":"${someOrder}"}'`),
        handCount(`${closed} AND s.params @> '{"orderId":"${someOrder}"}'`),
      ],
    },
    {
      group: 'page',
      name: 'pageUrl.contains=objednavka',
      url: '/api/v1/sessions?limit=50&pageUrl.contains=objednavka',
      hand: [
        handPage(`${closed} AND s.page_url ILIKE '%objednavka%'`),
        handCount(`${closed} AND s.page_url ILIKE '%objednavka%'`),
      ],
    },
    {
      group: 'page',
      name: 'sort=-duration',
      url: '/api/v1/sessions?limit=50&sort=-duration',
      hand: [handPage(closed, 's.duration_seconds DESC NULLS LAST, s.id DESC'), handCount(closed)],
    },
    {
      group: 'page',
      name: 'deep cursor (page 20)',
      url: `/api/v1/sessions?limit=50&cursor=${deep}`,
      hand: [
        handPage(`${closed} AND (s.created_at, s.id) < ('${deepRow.v}'::timestamptz, ${deepRow.id})`),
        handCount(closed),
      ],
    },
    {
      group: 'facet',
      name: 'channel (no filter)',
      url: '/api/v1/sessions/facets/channel',
      hand: [
        `SELECT channel, count(*) FROM sessions s WHERE s.tenant_id = $1 AND ${closed} GROUP BY 1 ORDER BY 2 DESC LIMIT 51`,
      ],
    },
    {
      group: 'facet',
      name: 'operator (no filter)',
      url: '/api/v1/sessions/facets/operator',
      hand: [
        `SELECT o.id, u.name, o.n FROM (SELECT v, count(*) n FROM sessions s LEFT JOIN LATERAL unnest(s.operator_ids) v ON true WHERE s.tenant_id = $1 AND ${closed} GROUP BY 1) o (id, n)
         LEFT JOIN users u ON u.tenant_id = $1 AND u.id = o.id ORDER BY o.n DESC LIMIT 51`,
      ],
    },
    {
      group: 'facet',
      name: 'group, channel=whatsapp',
      url: '/api/v1/sessions/facets/group?channel=whatsapp',
      hand: [
        `SELECT group_id, count(*) FROM sessions s WHERE s.tenant_id = $1 AND ${closed} AND s.channel = 'whatsapp' GROUP BY 1 ORDER BY 2 DESC LIMIT 51`,
      ],
    },
    {
      group: 'facet',
      name: 'param.segment, last 90 days',
      url: `/api/v1/sessions/facets/param.segment?createdAt.min=${since}`,
      hand: [
        `SELECT params->>'segment', count(*) FROM sessions s WHERE s.tenant_id = $1 AND ${closed} AND s.created_at >= '${since}' GROUP BY 1 ORDER BY 2 DESC LIMIT 51`,
      ],
    },
    ...(
      [
        ['objednávka (common word)', 'objednávka', "'objednavk':* | 'objednavc':*"],
        ['objedn (prefix)', 'objedn', "'objedn':*"],
        ['faktura doručení (2 words)', 'faktura doručení', "('faktur':*) & ('dorucen':*)"],
        [
          'objednávka platba kartou (3 words)',
          'objednávka platba kartou',
          "('objednavk':* | 'objednavc':*) & ('platb':*) & ('kart':*)",
        ],
        ['"podívám se" (phrase)', '"podívám se"', "'podivam' <-> 'se'"],
        [
          'a parcel number and a word (2 words, one session)',
          `${parcelInText} dopravci`,
          `'${parcelInText.toLowerCase()}':* & ('dopravc':* | 'dopravk':*)`,
        ],
        ['přísluší (rare word)', 'přísluší', "'prislus':* | 'prisluch':*"],
        ['an order number (few sessions)', orderInText, `'${orderInText.toLowerCase()}':*`],
        ['objednávka + channel=whatsapp', 'objednávka&channel=whatsapp', "'objednavk':* | 'objednavc':*"],
      ] as const
    ).map(([name, query, tsquery]): Scenario => {
      const [q, filter] = query.split('&');
      const where = searchWhere(tsquery.replace(/'/g, "''")) + (filter ? ` AND s.channel = 'whatsapp'` : '');
      return {
        group: 'search',
        name,
        url: `/api/v1/sessions?limit=50&q=${enc(q ?? '')}${filter ? `&${filter}` : ''}`,
        hand: [handPage(where), handCount(where, 1000)],
        snippets: `SELECT p.id, m.id, ts_headline('sessiondesk', m.doc, q.q, 'MaxFragments=2, MaxWords=18, MinWords=6')
          FROM unnest($2::bigint[]) p (id) CROSS JOIN (SELECT to_tsquery('sessiondesk', '${tsquery.replace(/'/g, "''")}') q) q
          LEFT JOIN LATERAL (SELECT a.id, concat_ws(' ', a.text, a.file_name) AS doc FROM activities a
            WHERE a.tenant_id = $1 AND a.session_id = p.id AND to_tsvector('sessiondesk', concat_ws(' ', a.text, a.file_name)) @@ q.q
            ORDER BY a.at, a.id LIMIT 1) m ON true`,
      };
    }),
  ];

  const results: {
    scenario: Scenario;
    api: { p50: number; p95: number };
    /** Searches: every run as first asked (no sampled share kept). */
    firstAsked?: { p50: number; p95: number };
    hand: { p50: number; p95: number };
    plan: string[];
    answer: string;
  }[] = [];
  for (const scenario of scenarios) {
    if (only && !new RegExp(only).test(scenario.group + ' ' + scenario.name)) continue;
    let api: { p50: number; p95: number };
    let firstAsked: { p50: number; p95: number } | undefined;
    try {
      api = await time(() => request(scenario.url));
      firstAsked =
        scenario.group === 'search'
          ? await time(() => {
              clockShift += SHARE_KEEP_MS;
              return request(scenario.url);
            })
          : undefined;
    } catch (error) {
      log(`${scenario.name}: ${(error as Error).message}`);
      continue;
    }
    const hand = await time(async () => {
      const [pageSql, countSql] = scenario.hand;
      const [pageRows] = await Promise.all([
        database.pool.query<{ id: string }>(pageSql ?? '', [tenantId]),
        countSql ? database.pool.query(countSql, [tenantId]) : undefined,
      ]);
      if (scenario.snippets) {
        await database.pool.query(scenario.snippets, [
          tenantId,
          pageRows.rows.slice(0, 50).map((row) => row.id),
        ]);
      }
    });
    captured.length = 0;
    const body = (await get(scenario.url)) as {
      total?: number;
      totalIsEstimate?: boolean;
      values?: unknown[];
    };
    const answer =
      body.total !== undefined
        ? `${body.total}${body.totalIsEstimate ? ' (est.)' : ''}`
        : `${body.values?.length ?? 0} values`;
    const main =
      captured.find(
        (query) =>
          /FROM sessions s/.test(query.sql) &&
          // Not the capped count, nor the facet index's read of what changed (`change_xid >=`).
          !/FROM \(SELECT 1 FROM sessions|EXPLAIN|set_config|change_xid/.test(query.sql),
      ) ?? captured[0];
    let plan: string[] = [];
    if (main) {
      const explained = await database.pool.query(
        `EXPLAIN (ANALYZE, BUFFERS) ${main.sql}`,
        main.parameters as unknown[],
      );
      plan = explained.rows
        .map((row: Record<string, string>) => row['QUERY PLAN'] ?? '')
        .filter((line) =>
          /Scan|Sort|Limit|Aggregate|Execution Time|Rows Removed|Heap Blocks|Nested Loop|Hash|SubPlan/.test(
            line,
          ),
        );
      // The per-row name lookups (operators' names) add nothing to read; keep the scan that finds the rows.
      const cut =
        scenario.group === 'facet'
          ? -1
          : plan.findIndex((line, index) => index > 0 && /Aggregate|SubPlan/.test(line));
      // Facets: the scan that reads the rows and the aggregation steps matter, not the sorts of 7 values.
      const kept =
        scenario.group === 'facet'
          ? plan.filter((line) => /Scan|Heap Fetches|Aggregate|Rows Removed/.test(line))
          : cut > 0
            ? plan.slice(0, cut)
            : plan.slice(0, 12);
      plan = [...kept, ...plan.filter((line) => line.includes('Execution Time')).slice(0, 1)].map((line) =>
        line.replace(/\s+\(cost=[^)]*\)/, '').trimEnd(),
      );
    }
    results.push({ scenario, api, firstAsked, hand, plan, answer });
    log(
      `${scenario.group.padEnd(6)} ${scenario.name.padEnd(36)} api p50 ${api.p50.toFixed(1)} p95 ${api.p95.toFixed(1)} ms${firstAsked ? ` (first asked p50 ${firstAsked.p50.toFixed(1)} p95 ${firstAsked.p95.toFixed(1)})` : ''} | hand p50 ${hand.p50.toFixed(1)} p95 ${hand.p95.toFixed(1)} ms | ratio ${(api.p95 / hand.p95).toFixed(2)}`,
    );
  }

  const lines = [
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${os.cpus().length} cores (nproc), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM,`,
    `dataset ${dataDir} tenant ${slug}: ${counts.sessions} sessions, ${counts.activities} activities; ${iterations} runs after ${WARM_UPS} warm-ups.`,
    '',
    '| kind | scenario | total / values | API p50 ms | API p95 ms | search first asked p50 / p95 ms | hand SQL p50 ms | hand SQL p95 ms | API/hand (p95) |',
    '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.map(
      ({ scenario, api, firstAsked, hand, answer }) =>
        `| ${scenario.group} | ${scenario.name} | ${answer} | ${api.p50.toFixed(1)} | ${api.p95.toFixed(1)} | ${firstAsked ? `${firstAsked.p50.toFixed(1)} / ${firstAsked.p95.toFixed(1)}` : ''} | ${hand.p50.toFixed(1)} | ${hand.p95.toFixed(1)} | ${(api.p95 / hand.p95).toFixed(2)} |`,
    ),
    '',
    'Key plan lines of the API query (EXPLAIN ANALYZE):',
    '',
    ...results.flatMap(({ scenario, plan }) => [
      `- **${scenario.name}**`,
      '  ```',
      ...plan.map((line) => `  ${line}`),
      '  ```',
    ]),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  await app.close();
  await database.close();
}

await main();
