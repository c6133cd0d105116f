import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot } from './support/browser';
import { startServer, type RunningServer } from './support/server';

/**
 * The client's seat: the web chat embedded in the demo shop page (`/demo/widget`) as a tenant embeds
 * it. A visitor opens it, writes, and the conversation is still there on the next page of the shop.
 */
function poll<T>(read: () => T | Promise<T>) {
  return expect.poll(read, { timeout: 10_000 });
}

describe('the embedded web chat', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('opens from the launcher, starts a chat, sends with Enter and keeps the conversation across pages', async () => {
    const context = await browser.newContext({ locale: 'cs-CZ', viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(`${server.url}/demo/widget?lang=cs`);
    await page.getByRole('button', { name: 'Chat s námi' }).click();
    const panel = page.getByRole('dialog', { name: 'Jak vám můžeme pomoci?' });
    await panel.getByLabel('Jméno (nepovinné)').fill('Klára Zákaznice');
    await panel.getByRole('button', { name: 'Začít chat' }).click();
    const box = panel.getByLabel('Zpráva');
    await poll(() => box.isVisible()).toBe(true);
    await box.fill('Dobrý den, je pračka AQ-7 skladem?');
    await box.press('Enter');
    await poll(() => panel.getByText('Dobrý den, je pračka AQ-7 skladem?').isVisible()).toBe(true);
    await poll(() => panel.getByRole('status').textContent()).toBe('Čekáte na operátora…');
    await screenshot(page, 'widget-chat-cs');

    // The next page of the shop: the chat opens again with what was said.
    await page.reload();
    await poll(() => page.getByText('Dobrý den, je pračka AQ-7 skladem?').isVisible()).toBe(true);

    // Leaving ends the session on the server.
    await page.getByRole('button', { name: 'Ukončit chat' }).click();
    await poll(() => page.getByText('Chat skončil. Děkujeme.').isVisible()).toBe(true);
    await context.close();
  });

  it('answers a demo page request it cannot serve with a 400 and a code', async () => {
    const response = await fetch(`${server.url}/demo/widget?lang=xx`);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: string }).code).toBe('validation_failed');
  });
});
