import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, signedInPage } from './support/browser';
import { demoWidgetKey } from './support/demo';
import { startServer, type RunningServer } from './support/server';

/**
 * Banning a client, as an administrator does it: a visitor chats on the demo widget; the admin opens
 * the live session's detail, bans the client from the Ban button (prefilled with the visitor id), sees
 * the session end, finds the ban on the Blacklist, lifts it — and the visitor can chat again.
 */
function poll<T>(read: () => T | Promise<T>) {
  return expect.poll(read, { timeout: 10_000 });
}

describe('bans', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let widgetKey: string;
  const visitorId = `e2e-troll-${randomBytes(3).toString('hex')}`;

  const startChat = () =>
    fetch(`${server.url}/api/v1/live/client/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-widget-key': widgetKey },
      body: JSON.stringify({ visitorId, name: 'Otravný Návštěvník', pageUrl: 'https://shop.example/kosik' }),
    });

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    widgetKey = await demoWidgetKey(server);
    page = await signedInPage(browser, server);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('bans a client from the detail panel, ends the live session, lists and lifts the ban', async () => {
    const started = await startChat();
    expect(started.status).toBe(201);
    const { sessionId } = (await started.json()) as { sessionId: string };

    await page.goto(`${server.url}/sessions?view=live&open=${sessionId}&tab=transcript`);
    const panel = page.getByRole('complementary', { name: 'Session detail' });
    await poll(() => panel.getByRole('heading', { name: new RegExp(sessionId) }).isVisible()).toBe(true);
    await panel.getByRole('button', { name: 'Ban', exact: true }).click();

    const dialog = page.getByRole('dialog', { name: 'Ban the client' });
    await poll(() => dialog.isVisible()).toBe(true);
    // Prefilled with the client's identities on web chat: the visitor id is there and ticked.
    const visitor = dialog.getByRole('textbox', { name: 'Visitor ID' });
    await poll(() => visitor.inputValue()).toBe(visitorId);
    expect(await dialog.getByRole('checkbox', { name: 'Visitor ID' }).isChecked()).toBe(true);
    // The reason is required.
    expect(await dialog.getByRole('button', { name: 'Ban', exact: true }).isDisabled()).toBe(true);
    await dialog.getByRole('textbox', { name: 'Reason' }).fill('Insults the operators');
    await screenshot(page, 'bans-1-dialog');
    await dialog.getByRole('button', { name: 'Ban', exact: true }).click();
    await poll(() => dialog.isVisible()).toBe(false);

    // The live session ended at once, and the detail says the client is banned.
    await poll(() => panel.getByText('Client banned', { exact: true }).isVisible()).toBe(true);
    await poll(() => panel.getByText('Session ended: client banned.').isVisible()).toBe(true);
    await screenshot(page, 'bans-2-ended');
    expect((await startChat()).status).toBe(403);

    // The Blacklist shows who banned whom, why, until when and from which session.
    await page.goto(`${server.url}/admin/blacklist?identity=${visitorId}`);
    await poll(() => page.getByRole('heading', { name: 'Blacklist', level: 1 }).isVisible()).toBe(true);
    const row = page.locator('tbody tr').filter({ hasText: visitorId });
    await poll(() => row.count()).toBe(1);
    expect(await row.innerText()).toContain('Insults the operators');
    expect(await row.innerText()).toContain('until lifted');
    expect(await row.getByRole('link', { name: `Session ${sessionId}` }).isVisible()).toBe(true);
    expect(await row.innerText()).toMatch(/Attempts: 1/);
    await screenshot(page, 'bans-3-blacklist');

    await row.getByRole('button', { name: 'Lift ban' }).click();
    const lift = page.getByRole('dialog', { name: /Lift ban/ });
    await lift.getByRole('textbox', { name: 'Why it is lifted' }).fill('Apologised by e-mail');
    await lift.getByRole('button', { name: 'Lift ban' }).click();
    await poll(() => row.innerText()).toContain('Lifted');
    expect(await row.innerText()).toContain('Apologised by e-mail');

    // The client can start again, at once.
    expect((await startChat()).status).toBe(201);
  });

  it.each([
    ['cs-CZ', 'Blokovaní klienti', 1440, 900, 'bans-4-blacklist-cs'],
    ['cs-CZ', 'Blokovaní klienti', 390, 844, 'bans-5-blacklist-phone-cs'],
    ['en-GB', 'Blacklist', 390, 844, 'bans-6-blacklist-phone-en'],
  ])('shows the Blacklist in %s (%s) at %i px', async (locale, title, width, height, name) => {
    const context = await browser.newContext({
      locale,
      timezoneId: 'Europe/Prague',
      viewport: { width, height },
      storageState: await page.context().storageState(),
    });
    try {
      const other = await context.newPage();
      await other.goto(`${server.url}/admin/blacklist`);
      await poll(() => other.getByRole('heading', { name: title, level: 1 }).isVisible()).toBe(true);
      await poll(() => other.locator('[data-ban]').count()).toBeGreaterThan(0);
      const overflow = await other
        .locator('html')
        .evaluate(
          (root: { scrollWidth: number; clientWidth: number }) => root.scrollWidth - root.clientWidth,
        );
      expect(overflow).toBeLessThanOrEqual(0);
      await screenshot(other, name);
    } finally {
      await context.close();
    }
  });

  it('offers the Ban dialog in Czech on a phone', async () => {
    const started = await startChat();
    expect(started.status).toBe(201);
    const { sessionId } = (await started.json()) as { sessionId: string };
    const context = await browser.newContext({
      locale: 'cs-CZ',
      timezoneId: 'Europe/Prague',
      viewport: { width: 390, height: 844 },
      storageState: await page.context().storageState(),
    });
    try {
      const cz = await context.newPage();
      await cz.goto(`${server.url}/sessions?view=live&open=${sessionId}`);
      const ban = cz.getByRole('button', { name: 'Zablokovat', exact: true });
      await poll(() => ban.isVisible()).toBe(true);
      await ban.click();
      const dialog = cz.getByRole('dialog', { name: 'Zablokovat klienta' });
      await poll(() => dialog.getByRole('textbox', { name: 'ID návštěvníka' }).inputValue()).toBe(visitorId);
      // The IP address is offered but not chosen (it may be shared).
      expect(await dialog.getByRole('checkbox', { name: 'IP adresa nebo podsíť' }).isChecked()).toBe(false);
      await dialog.getByRole('textbox', { name: 'Důvod' }).fill('Spam v chatu');
      await cz.waitForTimeout(300); // the modal's opening transition, for the screenshot
      // On top of the detail panel, which covers a phone's screen: a trial click checks that the
      // dialog's own button, not the panel, would receive it.
      await dialog.getByRole('button', { name: 'Zrušit' }).click({ trial: true, timeout: 3_000 });
      await screenshot(cz, 'bans-7-dialog-phone-cs');
    } finally {
      await context.close();
    }
  });
});
