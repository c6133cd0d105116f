/**
 * HTML export of the 10,000 newest history sessions with their transcripts: time, file size, memory,
 * and how the file behaves in Chromium (load time, first search over the whole file, next hit).
 *
 *   npx tsx bench/export-html.ts [--data-dir /work/bench-data] [--tenant bench] [--sessions 10000]
 *                                [--word objednavka] [--out /tmp/sessiondesk-export-bench.html]
 */
import fs from 'node:fs';
import os from 'node:os';
import { pathToFileURL } from 'node:url';
import { sql } from 'kysely';
import { launchBrowser } from '../e2e/support/browser';
import { openBenchTenant } from './export-support';

const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2) args.set(process.argv[i] ?? '', process.argv[i + 1] ?? '');
const dataDir = args.get('--data-dir') ?? '/work/bench-data';
const slug = args.get('--tenant') ?? 'bench';
const wanted = Number(args.get('--sessions') ?? 10_000);
const word = args.get('--word') ?? 'objednavka';
const out = args.get('--out') ?? `${os.tmpdir()}/sessiondesk-export-bench.html`;
const log = (line: string) => process.stderr.write(`${line}\n`);

const { handle, services, tenantId, principal } = await openBenchTenant(dataDir, slug, log);
try {
  // The newest `wanted` history sessions: a createdAt.min filter, as a user would set it.
  const edge = await sql<{ at: string }>`
    SELECT to_json(created_at) #>> '{}' AS at FROM sessions
    WHERE tenant_id = ${tenantId} AND status = 'closed'
    ORDER BY created_at DESC, id DESC OFFSET ${wanted - 1} LIMIT 1`.execute(handle.db);
  const min = edge.rows[0]?.at;
  const plan = await services.exports.prepare(principal, {
    format: 'html',
    query: { view: 'history', ...(min ? { 'createdAt.min': min } : {}) },
    lang: 'cs',
    timeZone: 'Europe/Prague',
    separator: 'semicolon',
    transcript: true,
  });
  const rssBefore = process.memoryUsage().rss;
  let peak = rssBefore;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 50);
  const started = performance.now();
  const written = await services.exports.writeFile(plan, out);
  const seconds = (performance.now() - started) / 1000;
  clearInterval(sampler);
  const size = fs.statSync(out).size;
  const activities = await sql<{ n: number }>`
    SELECT count(*)::int AS n FROM activities a JOIN sessions s ON s.tenant_id = a.tenant_id AND s.id = a.session_id
    WHERE s.tenant_id = ${tenantId} AND s.status = 'closed' AND s.created_at >= ${min ?? '-infinity'}::timestamptz`.execute(
    handle.db,
  );

  const browser = await launchBrowser();
  const page = await browser.newPage();
  const loadStarted = performance.now();
  await page.goto(pathToFileURL(out).href, { waitUntil: 'load', timeout: 300_000 });
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  // A user looks at the page before typing; the search index builds in the background meanwhile.
  await new Promise((resolve) => setTimeout(resolve, 3000));
  // Timed inside the page: from the user's action to the second animation frame after it (painted).
  const timed = (action: string): Promise<number> =>
    page.evaluate<number>(`new Promise((resolve) => {
      const started = performance.now();
      ${action};
      requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - started)));
    })`);
  const searchSeconds =
    (await timed(`const q = document.getElementById('q'); q.value = ${JSON.stringify(word)};
      q.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))`)) / 1000;
  const counter = await page.locator('#count').textContent();
  const nextSeconds = (await timed(`document.getElementById('next').click()`)) / 1000;
  const farSeconds =
    (await timed(`for (let i = 0; i < 1000; i++) document.getElementById('next').click()`)) / 1000 / 1000;
  const after = await page.locator('#count').textContent();
  await browser.close();

  const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(1);
  process.stdout.write(
    `| HTML | ${written.toLocaleString('en')} sessions, ${(activities.rows[0]?.n ?? 0).toLocaleString('en')} activities | ` +
      `${seconds.toFixed(1)} s (${Math.round(written / seconds).toLocaleString('en')}/s) | ${mb(size)} MiB | ` +
      `${mb(rssBefore)} → ${mb(peak)} MiB | load ${loadSeconds.toFixed(1)} s | ` +
      `first search "${word}" ${searchSeconds.toFixed(2)} s (${counter}) | next hit ${nextSeconds.toFixed(2)} s, ` +
      `1,000 hits on ${(farSeconds * 1000).toFixed(0)} ms each (${after}) |\n`,
  );
} finally {
  await handle.close();
}
