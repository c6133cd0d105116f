/**
 * Recordings benchmark: a large recording streamed in through the ingest API and out through playback.
 *
 *   npx tsx bench/recordings-bench.ts [--mb 1024]
 *
 * Starts the app in this process on a free port (embedded PostgreSQL under BENCH_DATA_DIR, default
 * /tmp/sessiondesk-recordings-bench, or DATABASE_URL; the filesystem object store under it), without
 * the live runtime. A tenant that records audio/video, an A/V session and a `media` API key. Then:
 *   1. POST a WAV recording of --mb MiB (generated while it is sent, 1 MiB chunks, with Content-Length)
 *      to /api/v1/sessions/:id/recordings — MB/s, and the process's resident memory sampled every 50 ms
 *      (baseline, peak, peak − baseline);
 *   2. the probe (its length read from the header);
 *   3. GET the whole file back and a 1 MiB Range from its middle — MB/s, latency, memory again.
 * The client side of each transfer runs in this process too and holds one 1 MiB buffer, so the memory
 * figures are the server's plus that. Prints a JSON summary; docs/benchmarks.md records the numbers.
 */
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { createApp } from '../server/app';
import { loadConfig } from '../server/config';
import { migrateToLatest } from '../server/db/database';
import { openDatabase } from '../server/db/open';
import { createServices } from '../server/services';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? Number(args[index + 1]) : fallback;
};
const MIB = 1024 * 1024;
const SIZE = option('mb', 1024) * MIB;
const DATA_DIR = process.env.BENCH_DATA_DIR ?? path.join(os.tmpdir(), 'sessiondesk-recordings-bench');
const log = (line: string) => process.stderr.write(`${line}\n`);
const mb = (bytes: number) => Math.round((bytes / MIB) * 10) / 10;

/** Samples resident memory while `work` runs. */
async function measured<T>(work: () => Promise<T>) {
  const baseline = process.memoryUsage().rss;
  let peak = baseline;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const started = performance.now();
  try {
    const result = await work();
    return {
      result,
      seconds: (performance.now() - started) / 1000,
      baselineMb: mb(baseline),
      peakMb: mb(peak),
    };
  } finally {
    clearInterval(timer);
  }
}

/** A WAV file of `size` bytes in all: 16-bit mono 48 kHz, a tone, produced chunk by chunk. */
function wavStream(size: number): Readable {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(size - 8, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(48_000, 24);
  header.writeUInt32LE(96_000, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(size - 44, 40);
  const chunk = Buffer.alloc(MIB);
  for (let i = 0; i < MIB / 2; i += 1)
    chunk.writeInt16LE(Math.round(8000 * Math.sin((2 * Math.PI * 440 * i) / 48_000)), i * 2);
  let sent = 0;
  return new Readable({
    read() {
      if (sent === 0) {
        sent = header.length;
        this.push(header);
        return;
      }
      if (sent >= size) return this.push(null);
      const part = chunk.subarray(0, Math.min(chunk.length, size - sent));
      sent += part.length;
      this.push(part);
    },
  });
}

function request(
  port: number,
  options: { method: string; path: string; headers: Record<string, string | number>; body?: Readable },
): Promise<{ status: number; bytes: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, ...options }, (res) => {
      let bytes = 0;
      const kept: Buffer[] = [];
      res.on('data', (data: Buffer) => {
        bytes += data.length;
        if (kept.length < 4) kept.push(data);
      });
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, bytes, body: Buffer.concat(kept).toString('utf8', 0, 500) }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    if (options.body) options.body.pipe(req);
    else req.end();
  });
}

async function main() {
  const config = loadConfig({
    ...process.env,
    DATA_DIR,
    DEMO: 'false',
    LOG_LEVEL: 'silent',
    MAX_RECORDING_MB: String(Math.max(4096, SIZE / MIB + 1)),
  });
  const handle = await openDatabase(config, log, { max: 8 });
  await migrateToLatest(handle.db);
  const services = createServices(handle.db, config);
  const app = await createApp({ config, services, logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  try {
    const slug = `rec-bench-${Date.now()}`;
    const tenant = await services.tenants.createTenant(slug, 'Recordings bench');
    const principal = { tenantId: tenant.id, userId: null, apiKeyId: null };
    await services.settings.update(tenant.id, { recordingAv: true });
    const media = await services.apiKeys.create(principal, { name: 'bench media', role: 'media' });
    const admin = await services.apiKeys.create(principal, { name: 'bench admin', role: 'admin' });
    const session = await handle.db
      .insertInto('sessions')
      .values({
        tenant_id: tenant.id,
        channel: 'av',
        source: 'widget',
        status: 'closed',
        created_at: new Date(),
        ended_at: new Date(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    log(`Streaming a ${mb(SIZE)} MiB recording in…`);
    const ingest = await measured(() =>
      request(port, {
        method: 'POST',
        path: `/api/v1/sessions/${session.id}/recordings?kind=all&startedAt=${new Date().toISOString()}`,
        headers: {
          authorization: `Bearer ${media.key}`,
          'content-type': 'audio/wav',
          'content-length': SIZE,
        },
        body: wavStream(SIZE),
      }),
    );
    if (ingest.result.status !== 201)
      throw new Error(`ingest answered ${ingest.result.status}: ${ingest.result.body}`);
    const recordingId = (JSON.parse(ingest.result.body) as { id: string }).id;
    const probe = await measured(() => services.recordings.probe({ tenantId: tenant.id, recordingId }));
    const mediaPath = `/api/v1/sessions/${session.id}/recordings/${recordingId}/media`;
    const auth = { authorization: `Bearer ${admin.key}` };

    log('Streaming it out…');
    const whole = await measured(() => request(port, { method: 'GET', path: mediaPath, headers: auth }));
    if (whole.result.bytes !== SIZE) throw new Error(`read back ${whole.result.bytes} of ${SIZE} bytes`);
    const middle = Math.floor(SIZE / 2);
    const ranged = await measured(() =>
      request(port, {
        method: 'GET',
        path: mediaPath,
        headers: { ...auth, range: `bytes=${middle}-${middle + MIB - 1}` },
      }),
    );
    if (ranged.result.status !== 206 || ranged.result.bytes !== MIB)
      throw new Error('the range was not answered');

    const summary = {
      machine: `${os.cpus().length} × ${os.cpus()[0]?.model ?? '?'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
      loadAverage: os.loadavg().map((value) => Math.round(value * 100) / 100),
      store: config.storage.kind,
      sizeMiB: mb(SIZE),
      ingest: {
        seconds: Math.round(ingest.seconds * 100) / 100,
        mibPerSecond: Math.round((SIZE / MIB / ingest.seconds) * 10) / 10,
        rssBaselineMiB: ingest.baselineMb,
        rssPeakMiB: ingest.peakMb,
        rssGrowthMiB: Math.round((ingest.peakMb - ingest.baselineMb) * 10) / 10,
      },
      probeMs: Math.round(probe.seconds * 1000),
      readWhole: {
        seconds: Math.round(whole.seconds * 100) / 100,
        mibPerSecond: Math.round((SIZE / MIB / whole.seconds) * 10) / 10,
        rssPeakMiB: whole.peakMb,
        rssGrowthMiB: Math.round((whole.peakMb - whole.baselineMb) * 10) / 10,
      },
      rangeFromMiddleMs: Math.round(ranged.seconds * 1000 * 10) / 10,
    };
    process.stdout.write(`${JSON.stringify(summary, null, 2)}\n`);
    await services.recordings.applyRetention();
    await handle.db.deleteFrom('tenants').where('id', '=', tenant.id).execute();
    await services.store.delete(`tenants/${tenant.id}/recordings/${recordingId}`);
  } finally {
    await app.close();
    await handle.close();
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
  process.exit(1);
});
