/**
 * Time from an administrator's action to the rows shown on the Sessions screen, in Debian's Chromium,
 * against an already running server (e.g. one started on the 1,000,000-session bench data):
 *
 *   SESSIONS_URL=http://localhost:3200 SESSIONS_TENANT=bench SESSIONS_EMAIL=… SESSIONS_PASSWORD=… \
 *     npx tsx e2e/sessions-timing.ts [runs]
 *
 * Each figure is wall time seen by the test driver (Playwright's click, the request, React's render, the
 * next animation frame), printed beside the slowest sessions-API call of that step, so UI and server
 * shares can be told apart. It measures and prints; it asserts nothing. Results: docs/benchmarks.md.
 */
import { chromium, type Page } from 'playwright-core';

const base = process.env.SESSIONS_URL ?? 'http://localhost:3000';
const tenant = process.env.SESSIONS_TENANT ?? 'demo';
const email = process.env.SESSIONS_EMAIL ?? 'admin@demo.example';
const password = process.env.SESSIONS_PASSWORD ?? '';
const runs = Number(process.argv[2] ?? 5);

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});
const page = await browser.newPage({ locale: 'en-GB', viewport: { width: 1440, height: 900 } });
await page.goto(`${base}/login`);
await page.getByLabel('Workspace').fill(tenant);
await page.getByLabel('E-mail').fill(email);
await page.getByLabel('Password', { exact: true }).fill(password);
await page.getByRole('button', { name: 'Sign in' }).click();
await page.waitForURL(/\/sessions/);

// In-page conditions as strings: this file is type-checked without the DOM library.
const rowsSettled = `(() => {
  const table = document.querySelector('table');
  const body = document.querySelector('tbody');
  return table?.getAttribute('aria-busy') === 'false' && body?.querySelector('tr') && body.style.opacity !== '0.55';
})()`;
const settled = (p: Page) => p.waitForFunction(rowsSettled, undefined, { polling: 'raf', timeout: 60_000 });

const wall: Record<string, number[]> = {};
const server: Record<string, number[]> = {};
let calls: { url: string; ms: number }[] = [];
page.on('requestfinished', (request) => {
  if (/\/api\/v1\/sessions(\?|\/\d+\/transcript)/.test(request.url())) {
    calls.push({ url: request.url(), ms: request.timing().responseEnd });
  }
});

async function measure(name: string, action: () => Promise<unknown>, done: () => Promise<unknown>) {
  calls = [];
  const start = performance.now();
  await action();
  await done();
  (wall[name] ??= []).push(performance.now() - start);
  (server[name] ??= []).push(Math.max(0, ...calls.map((call) => call.ms)));
}

const words = ['objednavk', 'faktur', 'reklamac', '"dobry den"', 'doruceni'];
for (let run = 0; run < runs; run++) {
  await page.goto('about:blank');
  await measure(
    'first page (open /sessions → rows)',
    () => page.goto(`${base}/sessions`),
    () => settled(page),
  );

  await page.getByRole('button', { name: /^Filter: Channel/ }).click();
  const channel = page.getByRole('dialog', { name: 'Filter: Channel' });
  await channel
    .getByRole('checkbox')
    .nth(run % 4)
    .check();
  await measure(
    'channel filter (Apply → rows)',
    () => channel.getByRole('button', { name: 'Apply' }).click(),
    () => settled(page),
  );

  await page.getByRole('button', { name: /^Filter: Duration/ }).click();
  const duration = page.getByRole('dialog', { name: 'Filter: Duration' });
  await duration.getByLabel('At least').fill(String(2 + run));
  await measure(
    '+ duration ≥ N min (Apply → rows)',
    () => duration.getByRole('button', { name: 'Apply' }).click(),
    () => settled(page),
  );

  await measure(
    'sort by duration (header click → rows)',
    () => page.getByRole('button', { name: 'Sort by: Duration' }).click(),
    () => settled(page),
  );

  const loaded = Number(await page.locator('table').getAttribute('data-loaded'));
  await measure(
    'next page (scroll to the end → more rows)',
    () =>
      page
        .locator('[class*="scroller"]')
        .evaluate((element: { scrollTo(to: { top: number }): void; scrollHeight: number }) =>
          element.scrollTo({ top: element.scrollHeight }),
        ),
    () =>
      page.waitForFunction(`Number(document.querySelector('table').dataset.loaded) > ${loaded}`, undefined, {
        polling: 'raf',
        timeout: 60_000,
      }),
  );

  await page.goto(`${base}/sessions`);
  await settled(page);
  await measure(
    'content search (Enter → rows with snippets)',
    async () => {
      await page.getByLabel('Search in content').fill(words[run % words.length]!);
      await page.getByLabel('Search in content').press('Enter');
    },
    () =>
      page.waitForFunction(
        `document.querySelector('tbody mark') !== null || document.body.textContent.includes('No sessions match')`,
        undefined,
        { polling: 'raf', timeout: 60_000 },
      ),
  );

  await measure(
    'open detail (row click → transcript)',
    () => page.locator('tbody tr td').first().click(),
    () => page.waitForSelector('[data-sender]', { timeout: 60_000 }),
  );
}

const summary = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const median = sorted[Math.floor((sorted.length - 1) / 2)]!;
  return `median ${median.toFixed(0)} ms, max ${sorted.at(-1)!.toFixed(0)} ms`;
};
for (const name of Object.keys(wall)) {
  console.log(
    `${name}: ${summary(wall[name]!)} (n=${wall[name]!.length}); slowest API call: ${summary(server[name]!)}`,
  );
}
await browser.close();
