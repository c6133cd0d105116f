/**
 * A 1,000,000-session dataset for the query benchmarks, generated in SQL (generate_series), for when the
 * importer's seed (`sessiondesk seed`, /work/bench-data) is not available. Czech and English messages
 * with inflected words, file names, system messages, parameters, tags, operators; ~10 activities per
 * session; search documents built exactly as refresh_search_documents() builds them.
 *
 *   npx tsx bench/query-dataset.ts --data-dir /tmp/sd-query-bench --sessions 1000000 [--tenant bench]
 *
 * Deterministic (setseed). Sessions get explicit ids (OVERRIDING SYSTEM VALUE) so the transcript and
 * the search document can be built before the session row is written, without a 1M-row UPDATE.
 */
import pg from 'pg';
import { loadConfig } from '../server/config';
import { migrateToLatest } from '../server/db/database';
import { openDatabase } from '../server/db/open';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i] ?? '', process.argv[i + 1] ?? '');
const dataDir = args.get('--data-dir') ?? '/tmp/sd-query-bench';
const sessions = Number(args.get('--sessions') ?? 1_000_000);
const slug = args.get('--tenant') ?? 'bench';

const clientLines = [
  'Dobrý den, chtěla bych se zeptat na svou objednávku.',
  'Kdy dorazí moje objednávka číslo ORD{i}?',
  'V objednávce mi chybí jedna položka.',
  'Stav objednávky se neměnil už tři dny.',
  'Potřebuji opravit fakturu, je tam špatná adresa.',
  'Na faktuře není uvedeno IČO.',
  'Můžete mi poslat kopii faktury e-mailem?',
  'Chci reklamovat zboží, přišlo poškozené.',
  'Jak dlouho trvá vyřízení reklamace?',
  'Kniha, kterou jsem objednal, nedorazila.',
  'Děkuji za pomoc, nashledanou.',
  'Dobrý den, mám dotaz k doručení.',
  'Hello, I would like to check the status of my order.',
  'The invoice has a wrong VAT number.',
  'Thanks, good day!',
];
const operatorLines = [
  'Dobrý den, podívám se na to.',
  'Vaše objednávka byla odeslána, doručení očekáváme zítra.',
  'Fakturu vám opravím a pošlu znovu.',
  'Reklamaci jsme přijali, vyřízení trvá do 30 dnů.',
  'Ke knize vám pošleme náhradní výtisk.',
  'Je ještě něco, s čím vám mohu pomoci?',
  'Objednávku jsem stornoval, peníze vrátíme na účet.',
  'S doručením vám pomůže dopravce, posílám kontakt.',
  'Thank you, your order has been shipped.',
  'Sorry for the delay, the courier will call you.',
];
/** Rare on purpose: one sentence in ~2,000. */
const rareLine = 'Sleva vám podle obchodních podmínek přísluší.';
const fileNames = ['faktura_2025.pdf', 'foto_poskozeni.jpg', 'smlouva.pdf', 'uctenka.png', 'objednavka.xlsx'];

const array = (values: string[]) => `ARRAY[${values.map((v) => `'${v.replace(/'/g, "''")}'`).join(',')}]`;

async function main(): Promise<void> {
  const started = Date.now();
  const log = (line: string) =>
    process.stderr.write(`[${((Date.now() - started) / 1000).toFixed(0)}s] ${line}\n`);
  const database = await openDatabase(loadConfig({ DATA_DIR: dataDir }), log, {
    max: 1,
    applicationName: 'query-dataset',
  });
  await migrateToLatest(database.db);
  const url = (database.pool as unknown as { options: { connectionString: string } }).options
    .connectionString;
  const client = new pg.Client({ connectionString: url, statement_timeout: 0 });
  await client.connect();
  const q = async (text: string, values: unknown[] = []) =>
    client.query<Record<string, unknown>>(text, values);
  const first = async (text: string, values: unknown[] = []) => (await q(text, values)).rows[0] ?? {};
  try {
    await q(`SET maintenance_work_mem = '512MB'`);
    await q(`SET work_mem = '256MB'`);
    await q(`SELECT setseed(0.4242)`);
    const existing = await q(`SELECT id FROM tenants WHERE slug = $1`, [slug]);
    if (existing.rowCount) throw new Error(`tenant ${slug} exists already in ${dataDir}`);
    const tenantId = String(
      (await first(`INSERT INTO tenants (slug, name) VALUES ($1, 'Benchmark') RETURNING id`, [slug])).id,
    );
    await q(`INSERT INTO tenant_settings (tenant_id) VALUES ($1)`, [tenantId]);
    await q(
      `INSERT INTO users (tenant_id, email, name, role)
       SELECT $1, 'operator' || n || '@bench.example', (ARRAY['Jana','Petr','Eva','Tomáš','Lucie'])[1 + n % 5] || ' ' ||
              (ARRAY['Nováková','Svoboda','Dvořáková','Černý','Procházková'])[1 + (n / 5) % 5] || ' ' || n, 'operator'
       FROM generate_series(1, 20) n`,
      [tenantId],
    );
    await q(
      `INSERT INTO operator_groups (tenant_id, name) SELECT $1, unnest(ARRAY['Podpora','Obchod','VIP','English support'])`,
      [tenantId],
    );
    await q(
      `INSERT INTO chatbots (tenant_id, name) SELECT $1, unnest(ARRAY['Robot Rudolf','Asistentka Ema','FAQ bot'])`,
      [tenantId],
    );
    await q(
      `INSERT INTO widgets (tenant_id, name, public_key) SELECT $1, w, 'pk-bench-' || w FROM unnest(ARRAY['Web','E-shop']) w`,
      [tenantId],
    );
    const ids = async (table: string) =>
      (await first(`SELECT array_agg(id ORDER BY id) AS ids FROM ${table} WHERE tenant_id = $1`, [tenantId]))
        .ids as string[];
    const users = await ids('users');
    const groups = await ids('operator_groups');
    const chatbots = await ids('chatbots');
    const widgets = await ids('widgets');
    const base = Number((await first(`SELECT coalesce(max(id), 0) + 1000 AS base FROM sessions`)).base);
    log(`tenant ${slug} = ${tenantId}; sessions ${base + 1}…${base + sessions}`);

    // One row per session with its shape; the transcript is derived from it.
    await q(`CREATE UNLOGGED TABLE IF NOT EXISTS bench_shape (i int PRIMARY KEY, created_at timestamptz, live boolean,
               channel text, messages int, has_file boolean)`);
    await q(`TRUNCATE bench_shape`);
    await q(
      `INSERT INTO bench_shape
       SELECT i, now() - interval '730 days' * (1 - i::float8 / $1) + interval '1 second' * floor(random() * 600),
              i > $1 - 1000 AND random() < 0.9,
              (ARRAY['webchat','webchat','webchat','whatsapp','messenger','phone','av','apple','vkontakte'])[1 + floor(random() * 9)::int],
              4 + floor(random() * 13)::int, random() < 0.1
       FROM generate_series(1, $1) i`,
      [sessions],
    );
    log('shapes');

    await q(
      `CREATE UNLOGGED TABLE IF NOT EXISTS bench_messages (i int, n int, sender text, text text, file_name text)`,
    );
    await q(`DROP INDEX IF EXISTS bench_messages_i`);
    await q(`TRUNCATE bench_messages`);
    await q(
      `INSERT INTO bench_messages
       SELECT b.i, n,
              CASE WHEN n = 1 THEN 'system' WHEN n % 2 = 0 THEN 'client' ELSE 'operator' END,
              CASE
                WHEN n = 1 THEN 'Operátor se připojil ke konverzaci'
                WHEN b.has_file AND n = 4 THEN NULL
                WHEN random() < 0.0005 THEN '${rareLine}'
                WHEN n % 2 = 0 THEN replace((${array(clientLines)})[1 + floor(random() * ${clientLines.length})::int], '{i}', b.i::text)
                ELSE (${array(operatorLines)})[1 + floor(random() * ${operatorLines.length})::int]
              END,
              CASE WHEN b.has_file AND n = 4 THEN (${array(fileNames)})[1 + floor(random() * ${fileNames.length})::int] END
       FROM bench_shape b, generate_series(1, b.messages) n`,
    );
    await q(`CREATE INDEX bench_messages_i ON bench_messages (i, n)`);
    log('messages');

    await q(
      `INSERT INTO sessions (tenant_id, id, external_id, channel, source, status, created_at, accepted_at, ended_at,
         waiting_seconds, duration_seconds, group_id, chatbot_id, operator_ids, end_reason, client_left, page_url,
         widget_id, client_name, client_email, client_phone, client_ip, client_language, client_browser, client_os,
         visitor_id, params, tags, rating, feedback, banned, has_recording, message_count, search_document)
       OVERRIDING SYSTEM VALUE
       SELECT $1, $2::bigint + b.i, 'EXT-' || b.i, b.channel,
              (ARRAY['widget','widget','invitation','api','campaign','callback'])[1 + floor(random() * 6)::int],
              CASE WHEN b.live THEN (ARRAY['queued','offered','active','after_work'])[1 + floor(random() * 4)::int] ELSE 'closed' END,
              b.created_at, b.created_at + interval '1 second' * w.wait,
              CASE WHEN b.live THEN NULL ELSE b.created_at + interval '1 second' * (w.wait + w.dur) END,
              w.wait, CASE WHEN b.live THEN NULL ELSE w.dur END,
              ($3::bigint[])[1 + floor(random() * 4)::int],
              CASE WHEN random() < 0.3 THEN ($4::bigint[])[1 + floor(random() * 3)::int] END,
              CASE WHEN random() < 0.1 THEN '{}'::bigint[]
                   WHEN random() < 0.8 THEN ARRAY[($5::bigint[])[1 + floor(random() * 20)::int]]
                   ELSE ARRAY[($5::bigint[])[1 + floor(random() * 20)::int], ($5::bigint[])[1 + floor(random() * 20)::int]] END,
              CASE WHEN b.live THEN NULL ELSE (ARRAY['client_left','operator_ended','chatbot_ended','client_abandoned','operator_abandoned','routing_failed','window_expired','api'])[1 + floor(random() * 8)::int] END,
              CASE WHEN random() < 0.5 THEN (ARRAY['left_queue','left_session','still_connected'])[1 + floor(random() * 3)::int] END,
              CASE WHEN b.channel = 'webchat' THEN 'https://shop.example.cz/' || (ARRAY['kosik','objednavka','kontakt','produkt/' || (b.i % 5000)])[1 + floor(random() * 4)::int] END,
              CASE WHEN b.channel = 'webchat' THEN ($6::bigint[])[1 + floor(random() * 2)::int] END,
              (ARRAY['Jana','Petr','Eva','Tomáš','Lucie','John','Anna'])[1 + floor(random() * 7)::int] || ' ' ||
                (ARRAY['Nováková','Svoboda','Dvořáková','Černý','Procházková','Smith','Horáková'])[1 + floor(random() * 7)::int],
              CASE WHEN random() < 0.6 THEN 'client' || (b.i % 200000) || '@example.cz' END,
              CASE WHEN random() < 0.5 THEN '+420' || (600000000 + b.i % 99999999) END,
              '10.' || (b.i % 250) || '.' || (b.i / 250 % 250) || '.' || (b.i % 7),
              (ARRAY['cs','cs','cs','en','sk','de'])[1 + floor(random() * 6)::int],
              (ARRAY['Chrome','Chrome','Firefox','Safari','Edge'])[1 + floor(random() * 5)::int],
              (ARRAY['Windows','Android','iOS','macOS','Linux'])[1 + floor(random() * 5)::int],
              'v' || b.i,
              jsonb_strip_nulls(jsonb_build_object(
                'orderId', CASE WHEN random() < 0.6 THEN 'ORD' || b.i END,
                'segment', (ARRAY['B2B','B2C','B2C'])[1 + floor(random() * 3)::int],
                'campaign', CASE WHEN random() < 0.1 THEN (ARRAY['jaro2025','black-friday','newsletter'])[1 + floor(random() * 3)::int] END)),
              (SELECT coalesce(array_agg(t), '{}') FROM unnest(ARRAY['vip','reklamace','faktura','doprava','spam']) t WHERE random() < 0.12),
              CASE WHEN random() < 0.4 THEN 1 + floor(random() * 5)::int END,
              CASE WHEN random() < 0.1 THEN (ARRAY['Skvělá pomoc, děkuji','Nic moc','Great help'])[1 + floor(random() * 3)::int] END,
              random() < 0.002, random() < 0.05, b.messages,
              (SELECT to_tsvector('sessiondesk', left(string_agg(activity_search_text(m.text, m.file_name), E'\\n' ORDER BY m.n), 400000))
               FROM bench_messages m WHERE m.i = b.i)
       FROM bench_shape b, LATERAL (SELECT floor(random() * 240)::int AS wait, 30 + floor(random() * 1800)::int AS dur) w
       ORDER BY b.i`,
      [tenantId, base, groups, chatbots, users, widgets],
    );
    log('sessions');

    await q(
      `INSERT INTO activities (tenant_id, session_id, at, sender, user_id, type, text, file_name, file_size, file_mime_type, system_code)
       SELECT $1, $2::bigint + m.i, s.created_at + interval '20 seconds' * m.n, m.sender,
              CASE WHEN m.sender = 'operator' THEN s.operator_ids[1] END,
              CASE WHEN m.sender = 'system' THEN 'system' WHEN m.file_name IS NOT NULL THEN 'file' ELSE 'message' END,
              m.text, m.file_name, CASE WHEN m.file_name IS NOT NULL THEN 20000 + m.i % 500000 END,
              CASE WHEN m.file_name IS NOT NULL THEN 'application/octet-stream' END,
              CASE WHEN m.sender = 'system' THEN 'joined' END
       FROM bench_messages m JOIN sessions s ON s.tenant_id = $1 AND s.id = $2::bigint + m.i
       ORDER BY m.i, m.n`,
      [tenantId, base],
    );
    log('activities');
    await q(
      `INSERT INTO session_participants (tenant_id, session_id, kind, user_id, joined_at, left_at)
       SELECT s.tenant_id, s.id, 'operator', o.id, coalesce(s.accepted_at, s.created_at), s.ended_at
       FROM sessions s, unnest(s.operator_ids) o (id) WHERE s.tenant_id = $1`,
      [tenantId],
    );
    await q(
      `INSERT INTO param_names (tenant_id, name) SELECT $1, unnest(ARRAY['orderId','segment','campaign'])`,
      [tenantId],
    );
    await q(`SELECT setval(pg_get_serial_sequence('sessions', 'id'), (SELECT max(id) FROM sessions))`);
    await q(`DROP TABLE bench_messages`);
    await q(`DROP TABLE bench_shape`);
    log('participants, params');
    await q(`VACUUM ANALYZE sessions`);
    await q(`VACUUM ANALYZE activities`);
    await q(`VACUUM ANALYZE session_participants`);
    const counts = await first(
      `SELECT (SELECT count(*) FROM sessions WHERE tenant_id = $1) AS sessions,
                (SELECT count(*) FROM activities WHERE tenant_id = $1) AS activities,
                pg_size_pretty(pg_database_size(current_database())) AS size`,
      [tenantId],
    );
    log(`done: ${JSON.stringify(counts)}`);
  } finally {
    await client.end();
    await database.close();
  }
}

await main();
