/**
 * Measures the NDJSON import end to end: `npx tsx bench/load-import.ts [sessions] [file]` writes a file
 * of generated sessions (the demo's realism: ~10 messages each), starts the real app on a free port
 * against DATA_DIR's database (or DATABASE_URL), creates a fresh tenant and an admin key, streams the
 * file to POST /api/v1/imports over HTTP, then imports it a second time (all "unchanged"). Prints
 * sessions/s, messages/s and peak RSS. It measures, it does not assert.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { loadConfig } from '../server/config';
import { migrateToLatest } from '../server/db/database';
import { openDatabase } from '../server/db/open';
import { createGenerator } from '../server/modules/demo/generator';
import { createApp } from '../server/app';
import { createServices } from '../server/services';

const sessions = Number(process.argv[2] ?? 50_000);
const file = process.argv[3] ?? `${os.tmpdir()}/sessiondesk-import-${sessions}.ndjson`;

const generator = createGenerator({ seed: 'import-bench', sessions, until: new Date(), live: 0 });
let messages = 0;
{
  const out = fs.createWriteStream(file);
  for (const record of generator.sessions()) {
    messages += record.activities.filter((a) => a.type !== 'system').length;
    if (!out.write(`${JSON.stringify(record)}\n`)) await once(out, 'drain');
  }
  out.end();
  await once(out, 'finish');
}
const bytes = fs.statSync(file).size;

const config = { ...loadConfig(), logLevel: 'warn' as const };
const database = await openDatabase(config, (line) => process.stderr.write(`${line}\n`), {
  applicationName: 'sessiondesk-bench',
  max: 8,
});
await migrateToLatest(database.db);
const services = createServices(database.db, config);
const slug = `import-${Date.now().toString(36)}`;
const tenant = await services.tenants.createTenant(slug, 'Import benchmark');
const key = await services.apiKeys.create(
  { tenantId: tenant.id, userId: null, apiKeyId: null },
  { name: 'bench', role: 'admin' },
);
const app = await createApp({ config, services, logger: false });
await app.listen({ port: 0, host: '127.0.0.1' });
const port = (app.server.address() as AddressInfo).port;

let peakRss = 0;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage.rss())), 200);

/** CPU seconds used so far by PostgreSQL's processes (Linux /proc; 0 where it cannot be read). */
function postgresCpuSeconds(): number {
  const tick = 100; // USER_HZ on Linux
  let total = 0;
  for (const pid of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      if (!fs.readFileSync(`/proc/${pid}/comm`, 'utf8').startsWith('postgres')) continue;
      const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / tick;
    } catch {
      // The process ended while being read.
    }
  }
  return total;
}

async function upload(): Promise<{
  seconds: number;
  summary: Record<string, unknown>;
  cpu: { node: number; postgres: number };
}> {
  const started = performance.now();
  const nodeBefore = process.cpuUsage();
  const postgresBefore = postgresCpuSeconds();
  const request = http.request({
    host: '127.0.0.1',
    port,
    method: 'POST',
    path: '/api/v1/imports',
    headers: {
      authorization: `Bearer ${key.key}`,
      'content-type': 'application/x-ndjson',
      'content-length': bytes,
    },
  });
  fs.createReadStream(file).pipe(request);
  const [response] = (await once(request, 'response')) as [http.IncomingMessage];
  let body = '';
  for await (const chunk of response) body += String(chunk);
  const summary = JSON.parse(body) as Record<string, unknown>;
  delete summary.errors;
  const node = process.cpuUsage(nodeBefore);
  return {
    seconds: (performance.now() - started) / 1000,
    summary,
    // Node: the server and this client in one process (the client only streams the file).
    cpu: {
      node: Number(((node.user + node.system) / 1e6).toFixed(1)),
      postgres: Number((postgresCpuSeconds() - postgresBefore).toFixed(1)),
    },
  };
}

const first = await upload();
const second = await upload();
clearInterval(sampler);
const report = {
  date: new Date().toISOString(),
  machine: `${os.cpus().length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB RAM, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
  file: {
    sessions,
    messages,
    activities: first.summary.activities,
    megabytes: Math.round(bytes / 1024 / 1024),
  },
  firstImport: {
    seconds: Number(first.seconds.toFixed(1)),
    sessionsPerSecond: Math.round(sessions / first.seconds),
    messagesPerSecond: Math.round(messages / first.seconds),
    cpuSeconds: first.cpu,
    summary: first.summary,
  },
  secondImport: {
    seconds: Number(second.seconds.toFixed(1)),
    sessionsPerSecond: Math.round(sessions / second.seconds),
    cpuSeconds: second.cpu,
    summary: second.summary,
  },
  peakRssOfServer: `${Math.round(peakRss / 1024 / 1024)} MB`,
};
process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
await app.close();
await database.close();
fs.rmSync(file, { force: true });
