/**
 * Messaging channels benchmark: inbound webhooks to stored messages, and outbound replies to the
 * platform. Measures; asserts nothing.
 *
 *   npx tsx bench/channels-bench.ts [--inbound 2000] [--concurrency 16] [--returning 0.2]
 *                                   [--sessions 20] [--replies 10]
 *
 * Starts the app in this process with its live runtime (job workers, as `sessiondesk serve` runs them)
 * on a free port, with the embedded PostgreSQL in a fresh data directory (BENCH_DATA_DIR, default a new
 * temporary directory; removed afterwards unless BENCH_KEEP=1), and the stand-in platforms
 * (`channels-sandbox`) on another port. A tenant with one online operator and a WhatsApp account that
 * points at the stand-in.
 *
 * 1. Inbound: `--inbound` signed WhatsApp `messages` webhooks (X-Hub-Signature-256 over the raw body,
 *    as Meta signs them) POSTed over keep-alive HTTP by `--concurrency` senders; a share `--returning`
 *    of them from a small pool of clients who keep writing (their messages continue one session), the
 *    rest each from a new client (a new routed session). Reports the acknowledgement rate and the p50 /
 *    p99 time to the 200 (the message stored once with its job), and the rate at which the messages are
 *    then placed into sessions as transcript lines (until the last one is placed).
 * 2. Outbound: the operator accepts `--sessions` of those sessions and writes `--replies` lines into
 *    each over the operator API (each line and its outbox job commit together); reports the time until
 *    the stand-in has recorded every accepted send, as messages per second.
 *
 * Prints a small table (and a JSON line). docs/benchmarks.md records the numbers; run on a quiet machine.
 */
import { createHmac, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { createApp } from '../server/app';
import { loadConfig } from '../server/config';
import { migrateToLatest } from '../server/db/database';
import { openDatabase } from '../server/db/open';
import { channelsSandbox } from '../server/modules/channels/sandbox/channels-sandbox';
import { createServices } from '../server/services';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const INBOUND = option('inbound', 2000);
const CONCURRENCY = option('concurrency', 16);
const RETURNING = option('returning', 0.2);
const SESSIONS = option('sessions', 20);
const REPLIES = option('replies', 10);
const DEADLINE_MS = 30 * 60_000;
const log = (line: string) => process.stderr.write(`${line}\n`);

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 100) / 100;
};

async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + DEADLINE_MS;
  let said = Date.now();
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    if (Date.now() - said > 10_000) {
      said = Date.now();
      log(`still waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function whatsappBody(phoneNumberId: string, waId: string, text: string): string {
  return JSON.stringify({
    object: 'whatsapp_business_account',
    entry: [
      {
        id: 'bench',
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: '420000000000', phone_number_id: phoneNumberId },
              contacts: [{ wa_id: waId, profile: { name: `Klient ${waId.slice(-4)}` } }],
              messages: [
                {
                  from: waId,
                  id: `wamid.${randomBytes(12).toString('base64url')}`,
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  type: 'text',
                  text: { body: text },
                },
              ],
            },
          },
        ],
      },
    ],
  });
}

async function main(): Promise<void> {
  const dataDir =
    process.env.BENCH_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'sessiondesk-channels-bench-'));
  const config = loadConfig({ ...process.env, DATA_DIR: dataDir, DEMO: 'false', LOG_LEVEL: 'silent' });
  log(`data directory: ${dataDir}`);
  const handle = await openDatabase(config, log, { max: CONCURRENCY + 10 });
  log('database open');
  await migrateToLatest(handle.db);
  const services = createServices(handle.db, config);
  const app = await createApp({ config, services, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  await services.liveRuntime.start({ connection: handle.pool.options, log: { warn: () => {} } });
  const port = (app.server.address() as AddressInfo).port;
  const sandbox = channelsSandbox();
  await sandbox.listen();
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });

  const request = (method: string, url: string, body: string, headers: Record<string, string>) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port,
          method,
          path: url,
          agent,
          headers: { ...headers, 'content-length': Buffer.byteLength(body) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
          );
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const db = handle.db;

  try {
    // A tenant routed to one online operator who can hold every outbound session at once.
    const slug = `channels-bench-${randomBytes(3).toString('hex')}`;
    const tenant = await services.tenants.createTenant(slug, 'Channels bench');
    const adminKey = await services.apiKeys.create(
      { tenantId: tenant.id, userId: null, apiKeyId: null },
      { name: 'bench', role: 'admin' },
    );
    const group = await db
      .insertInto('operator_groups')
      .values({
        tenant_id: tenant.id,
        name: 'Bench',
        strategy: 'utilisation',
        queue_size: 100_000,
        accept_timeout_seconds: 3600,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('routing_rules')
      .values({
        tenant_id: tenant.id,
        position: 1,
        name: 'all',
        conditions: '{}',
        target_group_id: group.id,
        is_fallback: true,
      })
      .execute();
    const created = await services.tenants.createUser({
      tenantSlug: slug,
      email: 'operator@bench.example',
      role: 'operator',
      password: randomBytes(12).toString('hex'),
    });
    const operatorId = created.user.id;
    await db
      .updateTable('users')
      .set({ capacity: Math.max(SESSIONS, 1), state: 'online', name: 'Bench operator' })
      .where('tenant_id', '=', tenant.id)
      .where('id', '=', operatorId)
      .execute();
    await db
      .insertInto('group_members')
      .values({ tenant_id: tenant.id, group_id: group.id, user_id: operatorId, priority: 0 })
      .execute();
    const operatorKey = await services.apiKeys.create(
      { tenantId: tenant.id, userId: operatorId, apiKeyId: null },
      { name: 'operator', role: 'operator' },
    );
    await db
      .updateTable('api_keys')
      .set({ user_id: operatorId })
      .where('tenant_id', '=', tenant.id)
      .where('id', '=', operatorKey.id)
      .execute();

    const phoneNumberId = String(100_000_000 + Math.floor(Math.random() * 900_000_000));
    const accessToken = `EAA${randomBytes(16).toString('hex')}`;
    const appSecret = randomBytes(16).toString('hex');
    const accountResponse = await request(
      'POST',
      '/api/v1/channels',
      JSON.stringify({
        type: 'whatsapp',
        name: 'bench',
        config: {
          phoneNumberId,
          accessToken,
          appSecret,
          verifyToken: randomBytes(8).toString('hex'),
          baseUrl: sandbox.url,
        },
      }),
      { authorization: `Bearer ${adminKey.key}`, 'content-type': 'application/json' },
    );
    if (accountResponse.status !== 201)
      throw new Error(`POST /api/v1/channels answered ${accountResponse.status}`);
    const accountId = (JSON.parse(accountResponse.body) as { id: string }).id;
    const webhook = `/webhooks/whatsapp/${accountId}`;
    sandbox.whatsapp.addAccount({
      phoneNumberId,
      accessToken,
      appSecret,
      webhookUrl: `http://127.0.0.1:${port}${webhook}`,
    });

    // 1. Inbound.
    const pool = Math.max(1, Math.min(SESSIONS, Math.ceil(INBOUND * RETURNING)));
    const returningWaId = (n: number) => String(420_610_000_000 + (n % pool));
    let next = 0;
    let newClients = 0;
    const latencies: number[] = [];
    let failures = 0;
    log(`inbound: ${INBOUND} webhooks, ${CONCURRENCY} senders, ${pool} returning clients`);
    const inboundStart = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        for (;;) {
          const n = next++;
          if (n >= INBOUND) return;
          // The first `pool` messages open the returning clients' sessions; then every k-th message is theirs.
          const returning = n < pool || (RETURNING > 0 && n % Math.max(1, Math.round(1 / RETURNING)) === 0);
          const waId = returning ? returningWaId(n) : String(420_620_000_000 + newClients++);
          const body = whatsappBody(phoneNumberId, waId, `Dobrý den, zpráva č. ${n}`);
          const signature = `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
          const t0 = performance.now();
          const response = await request('POST', webhook, body, {
            'content-type': 'application/json',
            'x-hub-signature-256': signature,
          });
          latencies.push(performance.now() - t0);
          if (response.status !== 200) {
            failures += 1;
            if (failures <= 3) log(`webhook answered ${response.status}: ${response.body.slice(0, 200)}`);
          }
        }
      }),
    );
    const ackSeconds = (performance.now() - inboundStart) / 1000;
    log(`inbound acknowledged in ${ackSeconds.toFixed(2)} s (${failures} not 200)`);
    await until('every inbound message placed', async () => {
      const row = await db
        .selectFrom('channel_inbound')
        .select(sql<string>`count(*) FILTER (WHERE processed_at IS NULL)`.as('left'))
        .where('tenant_id', '=', tenant.id)
        .executeTakeFirstOrThrow();
      return Number(row.left) === 0;
    });
    const placedSeconds = (performance.now() - inboundStart) / 1000;
    const placed = await db
      .selectFrom('activities')
      .select(sql<string>`count(*)`.as('n'))
      .where('tenant_id', '=', tenant.id)
      .where('sender', '=', 'client')
      .executeTakeFirstOrThrow();

    // 2. Outbound: the operator accepts the sessions offered to them (the oldest waiting first, as many
    // as their capacity) and writes into each.
    const taken: string[] = [];
    const operatorCall = (suffix: string, payload?: unknown) =>
      request(
        'POST',
        `/api/v1/live/operator/sessions/${suffix}`,
        payload === undefined ? '' : JSON.stringify(payload),
        {
          authorization: `Bearer ${operatorKey.key}`,
          ...(payload === undefined ? {} : { 'content-type': 'application/json' }),
        },
      );
    await until(`${SESSIONS} sessions accepted`, async () => {
      const offers = await db
        .selectFrom('session_offers')
        .select('session_id')
        .where('tenant_id', '=', tenant.id)
        .where('user_id', '=', operatorId)
        .where('state', '=', 'pending')
        .execute();
      for (const { session_id: sessionId } of offers) {
        if (taken.length >= SESSIONS || taken.includes(sessionId)) continue;
        if ((await operatorCall(`${sessionId}/accept`)).status === 200) taken.push(sessionId);
      }
      return taken.length >= SESSIONS;
    });
    const outbound = taken.length * REPLIES;
    log(`outbound: ${REPLIES} replies into each of ${taken.length} sessions`);
    const accepted = () => sandbox.sends('whatsapp').filter((call) => call.status === 200).length;
    const sentBefore = accepted();
    const outboundStart = performance.now();
    let enqueueFailures = 0;
    await Promise.all(
      taken.map(async (sessionId) => {
        for (let index = 0; index < REPLIES; index += 1) {
          const written = await operatorCall(`${sessionId}/messages`, { text: `Odpověď ${index + 1}` });
          if (written.status !== 201) enqueueFailures += 1;
        }
      }),
    );
    const enqueuedSeconds = (performance.now() - outboundStart) / 1000;
    await until(
      'every reply at the stand-in',
      async () => accepted() - sentBefore >= outbound - enqueueFailures,
    );
    const deliveredSeconds = (performance.now() - outboundStart) / 1000;

    const rate = (count: number, seconds: number) => Math.round((count / seconds) * 10) / 10;
    const rows = [
      [
        'inbound webhooks acknowledged',
        INBOUND,
        ackSeconds,
        rate(INBOUND, ackSeconds),
        `p50 ${percentile(latencies, 50)} ms, p99 ${percentile(latencies, 99)} ms, ${failures} not 200`,
      ],
      [
        'inbound messages placed (transcript)',
        Number(placed.n),
        placedSeconds,
        rate(Number(placed.n), placedSeconds),
        `${newClients + pool} clients, ${pool} returning`,
      ],
      [
        'outbound replies enqueued (API 201)',
        outbound,
        enqueuedSeconds,
        rate(outbound, enqueuedSeconds),
        `${enqueueFailures} not 201`,
      ],
      [
        'outbound replies at the stand-in',
        outbound - enqueueFailures,
        deliveredSeconds,
        rate(outbound - enqueueFailures, deliveredSeconds),
        'from the first reply',
      ],
    ] as const;
    const line = (cells: readonly (string | number)[]) =>
      `${String(cells[0]).padEnd(40)} ${String(cells[1]).padStart(7)} ${String(cells[2]).padStart(9)} ${String(cells[3]).padStart(9)}  ${cells[4]}`;
    process.stdout.write(`${line(['measure', 'count', 'seconds', 'per s', 'notes'])}\n`);
    for (const row of rows)
      process.stdout.write(`${line([row[0], row[1], row[2].toFixed(2), row[3], row[4]])}\n`);
    process.stdout.write(
      `${JSON.stringify({ inbound: INBOUND, concurrency: CONCURRENCY, cpus: os.cpus().length, rows: rows.map((row) => ({ measure: row[0], count: row[1], seconds: Math.round(row[2] * 100) / 100, perSecond: row[3], notes: row[4] })) })}\n`,
    );
  } finally {
    agent.destroy();
    await services.liveRuntime.stop();
    await app.close();
    await sandbox.close();
    await handle.close();
    if (!process.env.BENCH_DATA_DIR && process.env.BENCH_KEEP !== '1')
      fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
