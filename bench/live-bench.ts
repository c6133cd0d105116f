/**
 * Live sessions benchmark: two server instances on one database.
 *
 *   npx tsx bench/live-bench.ts [--sessions 2000] [--rate 200] [--seconds 30] [--redirects 100]
 *
 * 1. Starts two `sessiondesk serve` processes (ports 4101, 4102) on one database (embedded under
 *    BENCH_DATA_DIR, default /tmp/sessiondesk-live-bench, or DATABASE_URL).
 * 2. Opens 2,000 live sessions through the client API (half on each instance); operators accept them.
 * 3. Sends client messages at 200/s alternately to both instances while SSE streams on both instances
 *    listen: delivery = SSE arrival − the server's publish time (same machine clock), and the
 *    client-observed time from sending the message to its SSE event.
 * 4. Redirects sessions on instance A to an operator connected by WebSocket to instance B: time from
 *    the redirect request to the offer arriving.
 * 5. Offers under churn (2 s accept timeouts, nobody accepts), then `kill -9` of instance A: samples
 *    that no session is offered twice at once and no operator over capacity, and that every offer is
 *    answered by a timer afterwards (none lost), with the worst lateness.
 * Prints a JSON summary; docs/benchmarks.md records the numbers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import WebSocket from 'ws';
import { loadConfig } from '../server/config';
import { migrateToLatest } from '../server/db/database';
import { openDatabase } from '../server/db/open';
import { hashToken, newSecret } from '../server/platform/auth/secrets';
import { formatApiKey } from '../server/modules/auth/auth.service';
import type { Database } from '../server/db/database';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const SESSIONS = option('sessions', 2000);
const RATE = option('rate', 200);
const SECONDS = option('seconds', 30);
const REDIRECTS = option('redirects', 100);
const DATA_DIR = process.env.BENCH_DATA_DIR ?? path.join(os.tmpdir(), 'sessiondesk-live-bench');
const PORTS = [4101, 4102] as const;
const ROOT = path.resolve(import.meta.dirname, '..');
const log = (line: string) => process.stderr.write(`${line}\n`);

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;
};
const summary = (values: number[]) => ({
  count: values.length,
  p50: percentile(values, 50),
  p95: percentile(values, 95),
  p99: percentile(values, 99),
  max: percentile(values, 100),
});
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// --- server instances ---
function startInstance(port: number): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', 'serve'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      DATA_DIR,
      DEMO: 'false',
      SIMULATE: 'false',
      LOG_LEVEL: 'error',
      NODE_ENV: 'production',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return child;
}

async function waitReady(port: number) {
  const deadline = Date.now() + 90_000;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/readyz`);
      if (response.ok) return;
    } catch {
      // not yet
    }
    await sleep(300);
  }
  throw new Error(`instance on ${port} did not become ready`);
}

// --- HTTP helpers ---
async function call(
  port: number,
  method: string,
  url: string,
  headers: Record<string, string>,
  body?: unknown,
) {
  const response = await fetch(`http://127.0.0.1:${port}${url}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
}

async function inParallel<T>(
  items: T[],
  concurrency: number,
  work: (item: T, index: number) => Promise<void>,
) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index]!, index);
      }
    }),
  );
}

// --- fixtures straight in the database ---
async function apiKey(db: Database, tenantId: string, role: 'admin' | 'operator', userId: string | null) {
  const secret = newSecret();
  const key = await db
    .insertInto('api_keys')
    .values({ tenant_id: tenantId, name: 'bench', role, user_id: userId, secret_hash: hashToken(secret) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return formatApiKey(tenantId, key.id, secret);
}

async function setupTenant(
  db: Database,
  options: { operators: number; capacity: number; acceptTimeoutSeconds: number; state: 'online' | 'offline' },
) {
  const slug = `bench-${randomBytes(4).toString('hex')}`;
  const tenant = await db
    .insertInto('tenants')
    .values({ slug, name: slug })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db.insertInto('tenant_settings').values({ tenant_id: tenant.id }).execute();
  const admin = await db
    .insertInto('users')
    .values({ tenant_id: tenant.id, email: `admin@${slug}.example`, name: 'Bench admin', role: 'admin' })
    .returning('id')
    .executeTakeFirstOrThrow();
  const group = await db
    .insertInto('operator_groups')
    .values({
      tenant_id: tenant.id,
      name: 'Bench',
      strategy: 'utilisation',
      queue_size: 100_000,
      accept_timeout_seconds: options.acceptTimeoutSeconds,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('routing_rules')
    .values({ tenant_id: tenant.id, position: 1, name: 'all', target_group_id: group.id, is_fallback: true })
    .execute();
  const widgetKey = `wk_${randomBytes(16).toString('hex')}`;
  await db
    .insertInto('widgets')
    .values({ tenant_id: tenant.id, name: 'Bench', public_key: widgetKey })
    .execute();
  const operators: { id: string; key: string }[] = [];
  for (let index = 0; index < options.operators; index += 1) {
    const user = await db
      .insertInto('users')
      .values({
        tenant_id: tenant.id,
        email: `op${index}@${slug}.example`,
        name: `Operator ${index}`,
        role: 'operator',
        capacity: options.capacity,
        state: options.state,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await db
      .insertInto('group_members')
      .values({ tenant_id: tenant.id, group_id: group.id, user_id: user.id })
      .execute();
    operators.push({ id: user.id, key: await apiKey(db, tenant.id, 'operator', user.id) });
  }
  return {
    tenantId: tenant.id,
    groupId: group.id,
    widgetKey,
    adminKey: await apiKey(db, tenant.id, 'admin', admin.id),
    operators,
  };
}

// --- SSE ---
function openStream(
  port: number,
  key: string,
  onEvent: (kind: string, data: Record<string, unknown>, at: number) => void,
) {
  let buffer = '';
  const request = http.get(
    {
      host: '127.0.0.1',
      port,
      path: '/api/v1/sessions/live/events',
      headers: { authorization: `Bearer ${key}` },
    },
    (response) => {
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        const at = Date.now();
        buffer += chunk;
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const kind = /^event: (.+)$/m.exec(block)?.[1];
          const data = /^data: (.+)$/m.exec(block)?.[1];
          if (kind && data) onEvent(kind, JSON.parse(data) as Record<string, unknown>, at);
        }
      });
    },
  );
  request.on('error', () => {});
  return () => request.destroy();
}

async function main() {
  const config = loadConfig({ ...process.env, DATA_DIR, LOG_LEVEL: 'silent' });
  const database = await openDatabase(config, log, { applicationName: 'sessiondesk-bench', max: 4 });
  await migrateToLatest(database.db);
  const db = database.db;
  const instances = PORTS.map(startInstance);
  // Never leave instances behind (they would hold the ports for the next run).
  process.on('exit', () => {
    for (const instance of instances) instance.kill('SIGKILL');
  });
  const results: Record<string, unknown> = {
    date: new Date().toISOString(),
    machine: {
      cpus: os.cpus().length,
      memoryGiB: Math.round(os.totalmem() / 2 ** 30),
      node: process.version,
    },
    parameters: { sessions: SESSIONS, rate: RATE, seconds: SECONDS, redirects: REDIRECTS },
  };
  try {
    await Promise.all(PORTS.map(waitReady));
    log('both instances ready');

    // --- 2,000 live sessions, accepted ---
    const capacity = 50;
    const load = await setupTenant(db, {
      operators: Math.ceil(SESSIONS / capacity) + 2,
      capacity,
      acceptTimeoutSeconds: 60,
      state: 'online',
    });
    const chats: { sessionId: string; token: string }[] = [];
    const startedAt = Date.now();
    await inParallel(
      Array.from({ length: SESSIONS }, (_, index) => index),
      16,
      async (index) => {
        const response = await call(
          PORTS[index % 2]!,
          'POST',
          '/api/v1/live/client/sessions',
          { 'x-widget-key': load.widgetKey },
          {
            visitorId: `bench-${index}`,
            name: `Client ${index}`,
          },
        );
        if (response.status !== 201) throw new Error(`start failed: ${JSON.stringify(response.body)}`);
        chats.push({ sessionId: String(response.body.sessionId), token: String(response.body.clientToken) });
      },
    );
    const createSeconds = (Date.now() - startedAt) / 1000;
    const offers = await db
      .selectFrom('session_offers')
      .select(['session_id', 'user_id'])
      .where('tenant_id', '=', load.tenantId)
      .where('state', '=', 'pending')
      .execute();
    const keyOf = new Map(load.operators.map((operator) => [operator.id, operator.key]));
    await inParallel(offers, 16, async (offer, index) => {
      await call(PORTS[index % 2]!, 'POST', `/api/v1/live/operator/sessions/${offer.session_id}/accept`, {
        authorization: `Bearer ${keyOf.get(offer.user_id)}`,
      });
    });
    const live = await db
      .selectFrom('sessions')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('tenant_id', '=', load.tenantId)
      .where('status', '<>', 'closed')
      .executeTakeFirstOrThrow();
    const active = await db
      .selectFrom('sessions')
      .select((eb) => eb.fn.countAll<string>().as('count'))
      .where('tenant_id', '=', load.tenantId)
      .where('status', '=', 'active')
      .executeTakeFirstOrThrow();
    results.setup = {
      liveSessions: Number(live.count),
      active: Number(active.count),
      createSessionsPerSecond: Math.round(SESSIONS / createSeconds),
    };
    log(`live sessions: ${live.count} (${active.count} active)`);

    // --- events at RATE/s, SSE on both instances ---
    const delivery: number[] = [];
    const endToEnd: number[] = [];
    // Send times per session, in order; the first stream pairs each messageCount update with one.
    const sentAt = new Map<string, number[]>();
    let received = 0;
    const closers = PORTS.flatMap((port, portIndex) =>
      [0, 1].map((streamIndex) =>
        openStream(port, load.adminKey, (kind, data, at) => {
          if (kind !== 'session.updated') return;
          received += 1;
          delivery.push(at - Number(data.publishedAt));
          if (portIndex === 1 && streamIndex === 0 && (data.changed as string[]).includes('messageCount')) {
            const sent = sentAt.get(String(data.sessionId))?.shift();
            if (sent !== undefined) endToEnd.push(at - sent);
          }
        }),
      ),
    );
    await sleep(1000);
    const total = RATE * SECONDS;
    const loadStart = Date.now();
    let sent = 0;
    let failures = 0;
    let inFlight = 0;
    const pending: Promise<void>[] = [];
    while (sent < total) {
      const due = Math.floor(((Date.now() - loadStart) / 1000) * RATE);
      // At most 128 requests in flight (a client pool, as a real widget fleet has): an overloaded
      // server then shows as a lower achieved rate, not as refused connections.
      while (sent < Math.min(due, total) && inFlight < 128) {
        inFlight += 1;
        const chat = chats[sent % chats.length]!;
        const port = PORTS[sent % 2]!;
        sent += 1;
        sentAt.set(chat.sessionId, [...(sentAt.get(chat.sessionId) ?? []), Date.now()]);
        pending.push(
          call(
            port,
            'POST',
            `/api/v1/live/client/sessions/${chat.sessionId}/messages`,
            {
              'x-widget-key': load.widgetKey,
              'x-client-token': chat.token,
            },
            { text: `Zpráva číslo ${sent}` },
          )
            .then(
              (response) => {
                if (response.status !== 201) failures += 1;
              },
              () => {
                failures += 1;
              },
            )
            .finally(() => {
              inFlight -= 1;
            }),
        );
      }
      await sleep(5);
    }
    await Promise.all(pending);
    const achievedRate = total / ((Date.now() - loadStart) / 1000);
    await sleep(2000);
    for (const close of closers) close();
    results.events = {
      messagesSent: total,
      failures,
      achievedMessagesPerSecond: Math.round(achievedRate),
      sseStreams: closers.length,
      sseEventsReceived: received,
      publishToSseMs: summary(delivery),
      messageRequestToSseOnOtherOrSameInstanceMs: summary(endToEnd),
    };
    log(`events: ${JSON.stringify(results.events)}`);

    // --- redirect → offer ---
    // A dedicated operator (in no group, so only redirects reach them) on instance B.
    const targetUser = await db
      .insertInto('users')
      .values({
        tenant_id: load.tenantId,
        email: `target-${randomBytes(3).toString('hex')}@bench.example`,
        name: 'Redirect target',
        role: 'operator',
        capacity: 100,
        state: 'online',
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const target = { id: targetUser.id, key: await apiKey(db, load.tenantId, 'operator', targetUser.id) };
    const socket = new WebSocket(`ws://127.0.0.1:${PORTS[1]}/api/v1/live/operator/ws`, {
      headers: { authorization: `Bearer ${target.key}` },
    });
    const offerWaiters = new Map<string, (at: number) => void>();
    socket.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString()) as { type: string; offer?: { sessionId: string } };
      if (message.type === 'offer' && message.offer) offerWaiters.get(message.offer.sessionId)?.(Date.now());
    });
    await new Promise((resolve) => socket.once('message', resolve));
    const redirectToOffer: number[] = [];
    const redirectResponse: number[] = [];
    const activeSessions = await db
      .selectFrom('sessions')
      .select('id')
      .where('tenant_id', '=', load.tenantId)
      .where('status', '=', 'active')
      .where(sql<boolean>`NOT (operator_ids @> ARRAY[${target.id}]::bigint[])`)
      .limit(REDIRECTS)
      .execute();
    for (const session of activeSessions) {
      const arrived = new Promise<number>((resolve) => offerWaiters.set(session.id, resolve));
      const start = performance.now();
      const startWall = Date.now();
      const response = await call(
        PORTS[0],
        'POST',
        `/api/v1/sessions/${session.id}/redirect`,
        { authorization: `Bearer ${load.adminKey}` },
        {
          operatorId: target.id,
        },
      );
      redirectResponse.push(performance.now() - start);
      if (response.status !== 200) throw new Error(`redirect failed: ${JSON.stringify(response.body)}`);
      const at = await Promise.race([arrived, sleep(5000).then(() => NaN)]);
      if (!Number.isNaN(at)) redirectToOffer.push(at - startWall);
      offerWaiters.delete(session.id);
    }
    socket.terminate();
    results.redirect = {
      redirectResponseMs: summary(redirectResponse),
      redirectToOfferOnOtherInstanceMs: summary(redirectToOffer),
      lost: activeSessions.length - redirectToOffer.length,
    };
    log(`redirect: ${JSON.stringify(results.redirect)}`);

    // --- offers under churn, then kill -9 of instance A ---
    const churn = await setupTenant(db, {
      operators: 20,
      capacity: 3,
      acceptTimeoutSeconds: 2,
      state: 'online',
    });
    await inParallel(
      Array.from({ length: 200 }, (_, index) => index),
      8,
      async (index) => {
        await call(
          PORTS[index % 2]!,
          'POST',
          '/api/v1/live/client/sessions',
          { 'x-widget-key': churn.widgetKey },
          {
            visitorId: `churn-${index}`,
          },
        );
      },
    );
    let doubled = 0;
    let overloaded = 0;
    let samples = 0;
    const sample = async () => {
      const row = await sql<{ doubled: number; overloaded: number }>`
        SELECT
          (SELECT count(*) FROM (SELECT session_id FROM session_offers WHERE tenant_id = ${churn.tenantId} AND state = 'pending'
             GROUP BY session_id HAVING count(*) > 1) d)::int AS doubled,
          (SELECT count(*) FROM users u WHERE u.tenant_id = ${churn.tenantId} AND u.capacity <
             (SELECT count(*) FROM session_offers o WHERE o.tenant_id = u.tenant_id AND o.user_id = u.id AND o.state = 'pending'))::int AS overloaded`.execute(
        db,
      );
      samples += 1;
      doubled += row.rows[0]!.doubled;
      overloaded += row.rows[0]!.overloaded;
    };
    const sampleFor = async (ms: number) => {
      const end = Date.now() + ms;
      while (Date.now() < end) {
        await sample();
        await sleep(200);
      }
    };
    await sampleFor(6_000);
    const killedAt = new Date();
    instances[0]!.kill('SIGKILL');
    log('killed instance A (SIGKILL)');
    await sampleFor(20_000);
    // Every offer that expired before the end must have been answered by a timer (on instance B).
    const deadline = Date.now() + 75_000;
    let stuck = -1;
    while (Date.now() < deadline) {
      const row = await sql<{ stuck: number }>`
        SELECT count(*)::int AS stuck FROM session_offers
        WHERE tenant_id = ${churn.tenantId} AND state = 'pending' AND expires_at < now() - interval '1 second'`.execute(
        db,
      );
      stuck = row.rows[0]!.stuck;
      if (stuck === 0) break;
      await sleep(1000);
    }
    const lateness = await sql<{ p50: number; p99: number; max: number; count: number }>`
      SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY ms) AS p50, percentile_cont(0.99) WITHIN GROUP (ORDER BY ms) AS p99,
             max(ms) AS max, count(*)::int AS count
      FROM (SELECT extract(epoch FROM closed_at - expires_at) * 1000 AS ms FROM session_offers
            WHERE tenant_id = ${churn.tenantId} AND state = 'timed_out' AND expires_at >= ${killedAt}) t`.execute(
      db,
    );
    const after = await sql<{ timedOut: number; pendingNow: number }>`
      SELECT count(*) FILTER (WHERE state = 'timed_out')::int AS "timedOut", count(*) FILTER (WHERE state = 'pending')::int AS "pendingNow"
      FROM session_offers WHERE tenant_id = ${churn.tenantId}`.execute(db);
    results.killDash9 = {
      sessions: 200,
      operators: 20,
      acceptTimeoutSeconds: 2,
      samples,
      sessionsOfferedTwiceAtOnce: doubled,
      operatorsOverCapacity: overloaded,
      expiredOffersLeftUnanswered: stuck,
      offersTimedOutTotal: after.rows[0]?.timedOut,
      timerLatenessAfterKillMs: lateness.rows[0],
    };
    log(`kill -9: ${JSON.stringify(results.killDash9)}`);
  } finally {
    for (const instance of instances) instance.kill('SIGTERM');
    await sleep(1500);
    await database.close();
  }
  process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
}

await main();
