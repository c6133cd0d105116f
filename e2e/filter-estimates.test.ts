import type { Browser, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, signedInPage } from './support/browser';
import { startServer, type RunningServer } from './support/server';

/**
 * A filter list under a content search on a tenant the facet index holds, with counting in SQL "too
 * slow" (FACET_RARE_COUNT_MS=0): the list first shows estimated counts, labelled, then the exact
 * counts replace them when they arrive. The exact request is held back by the test so both states are
 * seen.
 */
function poll<T>(read: () => T | Promise<T>) {
  return expect.poll(read, { timeout: 15_000 });
}

describe('a filter list counted from a sample', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    [server, browser] = await Promise.all([
      startServer({ FACET_INDEX_MIN_SESSIONS: '1', FACET_RARE_COUNT_MS: '0' }),
      launchBrowser(),
    ]);
    page = await signedInPage(browser, server);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  type Facets = { values: { value: string; count: number }[]; countsAreEstimates: boolean };
  const facets = async (query: string) =>
    (await (
      await page.request.get(`${server.url}/api/v1/sessions/facets/channel?${query}`)
    ).json()) as Facets;

  it('shows estimates labelled as such, then the exact counts', async () => {
    // The index loads the tenant in the background after the first question about it.
    await poll(async () => (await facets('q=objednavk')).countsAreEstimates).toBe(true);
    const exact = await facets('q=objednavk&exact=true');
    expect(exact.countsAreEstimates).toBe(false);
    expect(exact.values.length).toBeGreaterThan(1);

    let held: Route | undefined;
    await page.route(/\/api\/v1\/sessions\/facets\/channel\?.*exact=true/, (route) => {
      held = route;
    });
    await page.goto(`${server.url}/sessions?q=objednavk`);
    await page.getByRole('button', { name: /^Filter: Channel/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Filter: Channel' });
    await poll(() => dialog.getByText('Counts estimated from a sample; counting exactly…').isVisible()).toBe(
      true,
    );
    await poll(() => dialog.getByText(/^≈ [\d,]+$/).count()).toBeGreaterThan(0);
    await poll(() => held !== undefined).toBe(true);
    await screenshot(page, 'sessions-filter-estimated');

    await held!.continue();
    await poll(() => dialog.getByText(/^≈/).count()).toBe(0);
    expect(await dialog.getByText('Counts estimated from a sample').count()).toBe(0);
    // Every value with its exact count, as the API counts it.
    const counts = await dialog.locator('label').allTextContents();
    for (const value of exact.values) {
      expect(counts.some((text) => text.endsWith(value.count.toLocaleString('en-GB')))).toBe(true);
    }
  });
});
