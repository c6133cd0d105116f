import { randomBytes } from 'node:crypto';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, signIn } from './support/browser';
import { createDemoUser, demoWidgetKey, joinDemoGroup } from './support/demo';
import { startServer, type RunningServer } from './support/server';

/**
 * The operator's seat in the browser: an operator of the demo's support group goes online, gets a web
 * chat a visitor started through the public client API, accepts it, reads the visitor, answers with
 * Enter, and ends it with a result — every step over the real server and WebSockets.
 */
function poll<T>(read: () => T | Promise<T>) {
  return expect.poll(read, { timeout: 10_000 });
}

describe('the operator workspace', () => {
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  const operator = {
    email: `petra-${randomBytes(3).toString('hex')}@demo.example`,
    name: 'Petra Pracovitá',
    role: 'operator' as const,
    password: 'e2e-workspace-password',
  };

  beforeAll(async () => {
    [server, browser] = await Promise.all([startServer(), launchBrowser()]);
    await createDemoUser(server, operator);
    // The demo routes web chats from ordinary pages to Podpora; she gets its offers first.
    await joinDemoGroup(server, operator.email, 'Podpora');
    const context = await browser.newContext({
      locale: 'en-GB',
      timezoneId: 'Europe/Prague',
      viewport: { width: 1440, height: 900 },
    });
    page = await context.newPage();
    await signIn(page, { url: server.url, login: { tenant: server.login.tenant, ...operator } });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('goes online, accepts an offer, answers the client with Enter and ends the session with a result', async () => {
    await page.getByRole('link', { name: 'Workspace' }).click();
    await poll(() => page.getByRole('heading', { name: 'Workspace', level: 1 }).isVisible()).toBe(true);
    await poll(() => page.getByText('Connected').isVisible()).toBe(true);
    await page.getByRole('radiogroup', { name: 'Your state' }).getByText('Online').click();
    await poll(() => page.getByText('No offer is waiting.', { exact: false }).isVisible()).toBe(true);

    // A visitor starts a chat on the shop's order page.
    const widgetKey = await demoWidgetKey(server);
    const started = await fetch(`${server.url}/api/v1/live/client/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-widget-key': widgetKey },
      body: JSON.stringify({
        visitorId: 'e2e-visitor',
        name: 'Karel Kupující',
        pageUrl: 'https://shop.example.cz/objednavky',
      }),
    });
    expect(started.status).toBe(201);
    const { sessionId, clientToken } = (await started.json()) as { sessionId: string; clientToken: string };
    const client = {
      'content-type': 'application/json',
      'x-widget-key': widgetKey,
      'x-client-token': clientToken,
    };

    // The offer arrives over the WebSocket, with the time left to accept it.
    await poll(() => page.getByLabel('Offer: Karel Kupující').isVisible()).toBe(true);
    await poll(() => page.getByRole('timer').first().textContent()).toMatch(/^\d+ s left to accept$/);
    await screenshot(page, 'workspace-offer');
    await page.getByLabel('Offer: Karel Kupující').getByRole('button', { name: 'Accept' }).click();

    const conversation = page.getByLabel('Conversation');
    await poll(() =>
      conversation.getByText('Petra Pracovitá joined the session.', { exact: false }).isVisible(),
    ).toBe(true);
    await poll(() => page.getByTestId('workspace-load').textContent()).toMatch(/^Sessions: 1 of \d+$/);

    // The client writes; it appears without a reload.
    const written = await fetch(`${server.url}/api/v1/live/client/sessions/${sessionId}/messages`, {
      method: 'POST',
      headers: client,
      body: JSON.stringify({ text: 'Dobrý den, kde je moje objednávka?' }),
    });
    expect(written.status).toBe(201);
    await poll(() => conversation.getByText('Dobrý den, kde je moje objednávka?').isVisible()).toBe(true);

    // Shift+Enter is a new line, Enter sends.
    const box = page.getByLabel('Message');
    await box.fill('Dobrý den,');
    await box.press('Shift+Enter');
    await box.pressSequentially('balík dorazí zítra.');
    await box.press('Enter');
    await poll(() => box.inputValue()).toBe('');
    const transcript = async () =>
      (
        (await (
          await fetch(`${server.url}/api/v1/live/client/sessions/${sessionId}`, { headers: client })
        ).json()) as {
          transcript: { sender: string; text: string | null }[];
        }
      ).transcript;
    await poll(async () =>
      (await transcript()).filter((line) => line.sender === 'operator').map((line) => line.text),
    ).toEqual(['Dobrý den,\nbalík dorazí zítra.']);
    await screenshot(page, 'workspace-conversation');

    await conversation.getByRole('button', { name: 'End session' }).click();
    const dialog = page.getByRole('dialog', { name: `End session ${sessionId}` });
    await dialog.getByLabel('Result').fill('vyřešeno');
    await dialog.getByRole('button', { name: 'End session' }).click();
    await poll(() => page.getByText('You have no session in progress.').isVisible()).toBe(true);
    await poll(async () => (await transcript()).at(-1)?.text).toBe('Session ended by Petra Pracovitá.');
  });

  it('speaks Czech and fits a phone', async () => {
    const czech = await browser.newContext({
      locale: 'cs-CZ',
      timezoneId: 'Europe/Prague',
      viewport: { width: 390, height: 844 },
      storageState: await page.context().storageState(),
    });
    try {
      const cz = await czech.newPage();
      await cz.goto(`${server.url}/workspace`);
      await poll(() => cz.getByRole('heading', { name: 'Pracoviště', level: 1 }).isVisible()).toBe(true);
      await poll(() => cz.getByText('Připojeno').isVisible()).toBe(true);
      await poll(() => cz.getByText('Nemáte žádné probíhající sezení.').isVisible()).toBe(true);
      const overflow = await cz
        .locator('html')
        .evaluate(
          (root: { scrollWidth: number; clientWidth: number }) => root.scrollWidth - root.clientWidth,
        );
      expect(overflow).toBeLessThanOrEqual(0);
      await screenshot(cz, 'workspace-phone-cs');
    } finally {
      await czech.close();
    }
  });
});
