/**
 * Bans benchmark: what a flood from a banned messaging client costs.
 *
 *   npx tsx bench/bans-bench.ts [--seconds 10] [--concurrency 16]
 *
 * Starts the app in this process on a free port (embedded PostgreSQL under BENCH_DATA_DIR, default
 * /tmp/sessiondesk-bans-bench, or DATABASE_URL) without the live runtime, so nothing runs beside the
 * webhooks. A tenant with a WhatsApp account; one client banned by wa_id. Then, for the same time and
 * concurrency over keep-alive HTTP, signed WhatsApp `messages` webhooks (each a new message id, as a
 * platform sends them):
 *   1. from the banned client — answered 200, dropped before anything is stored;
 *   2. from unbanned clients — stored once with their inbound job (what every message costs before
 *      the job places it; placing it is not measured here).
 * Reports requests/s of each and their ratio, p50/p99 latency, and the database rows written per
 * request (sum of n_tup_ins + n_tup_upd + n_tup_del deltas over pg_stat_user_tables, after the
 * statistics are flushed): the bar is at most one counter update per banned request.
 * Prints a JSON summary; docs/benchmarks.md records the numbers. Run it on a quiet machine.
 */
import { createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { createApp } from '../server/app';
import { loadConfig } from '../server/config';
import { migrateToLatest, type Database } from '../server/db/database';
import { openDatabase } from '../server/db/open';
import { createServices } from '../server/services';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const SECONDS = option('seconds', 10);
const CONCURRENCY = option('concurrency', 16);
const DATA_DIR = process.env.BENCH_DATA_DIR ?? path.join(os.tmpdir(), 'sessiondesk-bans-bench');
const log = (line: string) => process.stderr.write(`${line}\n`);
/**
 * A backend reports its table statistics when a transaction ends at least a second after its last
 * report, or after up to 10 s of idleness (PGSTAT_IDLE_INTERVAL in PostgreSQL 15+): wait that out.
 */
const STATS_SETTLE_MS = 11_000;

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 100) / 100;
};

/** Rows inserted, updated and deleted so far in every user table of the database. */
async function rowsWritten(db: Database): Promise<number> {
  // Other backends' statistics reach the view when they report them; the caller waits before reading.
  const result = await sql<{ n: string }>`
    SELECT coalesce(sum(n_tup_ins + n_tup_upd + n_tup_del), 0)::text AS n FROM pg_stat_user_tables`.execute(
    db,
  );
  return Number(result.rows[0]?.n ?? 0);
}

function whatsappBody(phoneNumberId: string, waId: string): string {
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
              contacts: [{ wa_id: waId, profile: { name: 'Bench' } }],
              messages: [
                {
                  from: waId,
                  id: `wamid.${randomBytes(12).toString('base64url')}`,
                  timestamp: String(Math.floor(Date.now() / 1000)),
                  type: 'text',
                  text: { body: 'Dobrý den, kupte si naše zboží! '.repeat(4) },
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
  const config = loadConfig({ ...process.env, DATA_DIR: DATA_DIR, DEMO: 'false', LOG_LEVEL: 'silent' });
  const handle = await openDatabase(config, log, { max: CONCURRENCY + 4 });
  await migrateToLatest(handle.db);
  const services = createServices(handle.db, config);
  const app = await createApp({ config, services, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const port = (app.server.address() as AddressInfo).port;
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

  try {
    const slug = `bans-bench-${randomBytes(3).toString('hex')}`;
    const tenant = await services.tenants.createTenant(slug, 'Bans bench');
    const key = await services.apiKeys.create(
      { tenantId: tenant.id, userId: null, apiKeyId: null },
      { name: 'bench', role: 'admin' },
    );
    const api = async (url: string, payload: unknown) => {
      const response = await request('POST', url, JSON.stringify(payload), {
        authorization: `Bearer ${key.key}`,
        'content-type': 'application/json',
      });
      if (response.status !== 201) throw new Error(`${url} answered ${response.status}: ${response.body}`);
      return JSON.parse(response.body) as { id: string };
    };
    const phoneNumberId = String(100_000_000 + Math.floor(Math.random() * 900_000_000));
    const appSecret = randomBytes(16).toString('hex');
    const account = await api('/api/v1/channels', {
      type: 'whatsapp',
      name: 'bench',
      config: {
        phoneNumberId,
        accessToken: `EAA${randomBytes(16).toString('hex')}`,
        appSecret,
        verifyToken: randomBytes(8).toString('hex'),
        baseUrl: 'http://127.0.0.1:9',
      },
    });
    const bannedWaId = '420601999999';
    await api('/api/v1/bans', {
      channel: 'whatsapp',
      identities: [{ kind: 'waId', value: bannedWaId }],
      reason: 'benchmark flood',
      expiresAt: null,
    });
    // Some lifted and expired history, as a real tenant has.
    for (let index = 0; index < 200; index += 1)
      await api('/api/v1/bans', {
        channel: 'whatsapp',
        identities: [{ kind: 'waId', value: String(420700000000 + index) }],
        reason: 'history',
        expiresAt: null,
      });

    const webhook = `/webhooks/whatsapp/${account.id}`;
    async function run(label: string, waIdOf: (n: number) => string) {
      await new Promise((resolve) => setTimeout(resolve, STATS_SETTLE_MS));
      const before = await rowsWritten(handle.db);
      const latencies: number[] = [];
      let count = 0;
      let failures = 0;
      const deadline = Date.now() + SECONDS * 1000;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (Date.now() < deadline) {
            const body = whatsappBody(phoneNumberId, waIdOf(count));
            const signature = `sha256=${createHmac('sha256', appSecret).update(body).digest('hex')}`;
            const t0 = performance.now();
            const response = await request('POST', webhook, body, {
              'content-type': 'application/json',
              'x-hub-signature-256': signature,
            });
            latencies.push(performance.now() - t0);
            count += 1;
            if (response.status !== 200) failures += 1;
          }
        }),
      );
      const elapsed = (performance.now() - started) / 1000;
      await new Promise((resolve) => setTimeout(resolve, STATS_SETTLE_MS));
      const written = (await rowsWritten(handle.db)) - before;
      const result = {
        label,
        requests: count,
        failures,
        perSecond: Math.round((count / elapsed) * 10) / 10,
        p50Ms: percentile(latencies, 50),
        p99Ms: percentile(latencies, 99),
        rowsWritten: written,
        rowsPerRequest: Math.round((written / Math.max(1, count)) * 100) / 100,
      };
      log(JSON.stringify(result));
      return result;
    }

    const banned = await run('banned', () => bannedWaId);
    const unbanned = await run('unbanned', (n) => String(420600000000 + (n % 500)));
    const counter = await handle.db
      .selectFrom('bans')
      .select('attempts')
      .where('tenant_id', '=', tenant.id)
      .orderBy('id')
      .executeTakeFirstOrThrow();
    console.log(
      JSON.stringify(
        {
          seconds: SECONDS,
          concurrency: CONCURRENCY,
          banned,
          unbanned,
          bannedToUnbannedRatio:
            Math.round((banned.perSecond / Math.max(0.1, unbanned.perSecond)) * 100) / 100,
          banAttemptsCounted: Number(counter.attempts),
        },
        null,
        2,
      ),
    );
  } finally {
    agent.destroy();
    await app.close();
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
